/**
 * One decision from a rule set and the facts: pure and synchronous, so the same inputs always give
 * the same decision (the decision records the rule version, the day, the parameters and the
 * facts it read, which is what replaying it needs).
 *
 * Result: any `require` rule that fails (and is not deemed satisfied) → not_eligible; otherwise
 * any `require` rule left undecided by unknown facts → needs_checking; otherwise eligible.
 * A `deem` rule that holds satisfies its targets whatever they say; one that is undecided cannot
 * rescue a failing target but keeps it open (needs checking), because it might.
 */
import {CARD_FACTS, CONTEXT_FACTS, isKnownValue, sourceOf, toLogicData} from './facts.js';
import {evaluate3, varsOf, type Outcome} from './logic3.js';
import type {
	Decision,
	EligibilityResult,
	FactMap,
	FactValue,
	ItemRules,
	LogicFn,
	MissingFact,
	OpenQuestion,
	Rule,
	RuleExplanation,
	RuleOutcome,
	RuleSet,
	Text,
} from './model.js';
import type {ResolvedParams} from './params.js';
import {fillText} from './template.js';

/** The item's rules in evaluation order: common rules first (minus the item's skips), then its own. */
export function rulesOf(ruleSet: RuleSet, itemCode: string): Rule[] {
	const item = ruleSet.items[itemCode];
	if (!item) return [];
	const skip = new Set(item.skipCommon ?? []);
	return [...ruleSet.common.rules.filter((r) => !skip.has(r.id)), ...item.baseline.rules];
}

/** Every fact name the item's rules (conditions and message values) read. */
function factsReadBy(rules: readonly Rule[]): string[] {
	const names = new Set<string>();
	for (const rule of rules) {
		varsOf(rule.condition, names);
		for (const value of Object.values(rule.values ?? {})) varsOf(value, names);
	}
	return [...names].sort();
}

/** The hub facts an item needs: what to send to POST /facts/query. */
export function hubFactsFor(ruleSet: RuleSet, itemCode: string): string[] {
	return factsReadBy(rulesOf(ruleSet, itemCode)).filter((name) => sourceOf(name) === 'hub');
}

export interface EvaluateInput {
	ruleSet: RuleSet;
	itemCode: string;
	/** Card, context, answer and hub facts (params are added from `params`). */
	facts: FactMap;
	params: ResolvedParams;
	today: string;
	logic: LogicFn;
	hubFactsAsOf?: string;
	hubUnavailable?: Decision['hubUnavailable'];
	/** Province name for a 2-digit code, so messages say 四川省 (51) rather than 51. */
	provinceName?: (code: string) => string | undefined;
}

function labelOf(ruleSet: RuleSet, item: ItemRules, name: string): Text {
	switch (sourceOf(name)) {
		case 'card':
			return CARD_FACTS[name] ?? {'zh-CN': name, en: name};
		case 'context':
			return CONTEXT_FACTS[name] ?? {'zh-CN': name, en: name};
		case 'answer': {
			const question = item.questions.find((q) => `answer.${q.id}` === name);
			return question ? question.text : {'zh-CN': name, en: name};
		}
		case 'params': {
			const param = name.slice('params.'.length);
			return {'zh-CN': `参数 ${param}（因地而异，需先确定实施地）`, en: `parameter ${param} (differs by region: the implementing region is needed)`};
		}
		default:
			return ruleSet.facts[name] ?? {'zh-CN': name, en: name};
	}
}

export function evaluateItem(input: EvaluateInput): Decision {
	const {ruleSet, itemCode, logic} = input;
	const item = ruleSet.items[itemCode];
	if (!item) throw new RangeError(`no rules for item ${itemCode}`);
	const rules = rulesOf(ruleSet, itemCode);

	const all: FactMap = {...input.facts};
	for (const [name, value] of Object.entries(input.params.values)) all[`params.${name}`] = value;
	for (const name of input.params.unknown) all[`params.${name}`] = null;
	const env = {isKnown: (name: string) => isKnownValue(all[name]), data: toLogicData(all), logic};

	const outcomes = new Map<string, Outcome>(rules.map((rule) => [rule.id, evaluate3(rule.condition, env)]));
	const outcomeOf = (rule: Rule) => outcomes.get(rule.id)!;

	// Which deem rules hold, or might, for each target.
	const deemedBy = new Map<string, string>();
	const mightDeem = new Map<string, Outcome[]>();
	for (const rule of rules) {
		if (rule.effect !== 'deem') continue;
		const outcome = outcomeOf(rule);
		for (const target of rule.satisfies ?? []) {
			if (outcome.value === true && !deemedBy.has(target)) deemedBy.set(target, rule.id);
			if (outcome.value === 'unknown') mightDeem.set(target, [...(mightDeem.get(target) ?? []), outcome]);
		}
	}

	const missingOf = (names: readonly string[]): MissingFact[] =>
		names.map((name) => ({name, source: sourceOf(name), label: labelOf(ruleSet, item, name)}));
	const lookupFor = (rule: Rule) => {
		const values: Record<string, unknown> = {};
		for (const [name, expression] of Object.entries(rule.values ?? {})) {
			const reads = [...varsOf(expression)];
			if (!reads.every((n) => env.isKnown(n))) continue;
			try {
				values[name] = logic(expression, env.data);
			} catch {
				// Left unknown: the message shows "?".
			}
		}
		return (name: string) => {
			const value = name in values ? values[name] : name in input.params.values ? input.params.values[name] : all[name];
			const province = /province$/i.test(name) && typeof value === 'string' && /^\d{2}$/.test(value) ? input.provinceName?.(value) : undefined;
			return province ? `${province} (${value})` : value;
		};
	};
	const explain = (rule: Rule, outcome: RuleOutcome, missing: string[], extra: Partial<RuleExplanation> = {}): RuleExplanation => {
		const lookup = lookupFor(rule);
		const useFailed = outcome === 'fail' && rule.whenFailed;
		// whenFailed replaces the rule's statement with what is wrong in this case.
		const message = fillText(useFailed ? rule.whenFailed! : rule.message, lookup);
		return {ruleId: rule.id, kind: rule.kind, effect: rule.effect, outcome, source: rule.source, confidence: rule.confidence, message, missing: missingOf(missing), ...extra};
	};

	const reasons: RuleExplanation[] = [];
	const warnings: RuleExplanation[] = [];
	const notes: RuleExplanation[] = [];
	const blockingMissing = new Set<string>();
	const optionalMissing = new Set<string>();

	for (const rule of rules) {
		const outcome = outcomeOf(rule);
		const error = outcome.error ? {error: outcome.error} : {};
		switch (rule.effect) {
			case 'require': {
				const deemer = deemedBy.get(rule.id);
				if (deemer) {
					reasons.push(explain(rule, 'deemed', [], {deemedBy: deemer}));
				} else if (outcome.value === true) {
					reasons.push(explain(rule, 'pass', []));
				} else {
					const rescuers = mightDeem.get(rule.id) ?? [];
					const missing = [...new Set([...outcome.missing, ...rescuers.flatMap((o) => o.missing)])];
					const kind: RuleOutcome = outcome.value === false && rescuers.length === 0 ? 'fail' : 'unknown';
					if (kind === 'unknown') for (const name of missing) blockingMissing.add(name);
					reasons.push(explain(rule, kind, kind === 'fail' ? [] : missing, error));
				}
				break;
			}
			case 'warn':
			case 'note': {
				const list = rule.effect === 'warn' ? warnings : notes;
				if (outcome.value === true) list.push(explain(rule, 'shown', []));
				else if (outcome.value === 'unknown' && rule.effect === 'warn') {
					for (const name of outcome.missing) optionalMissing.add(name);
					list.push(explain(rule, 'unknown', outcome.missing, error));
				}
				break;
			}
			case 'deem':
				// Reported through the rules they satisfy.
				break;
		}
	}

	const order: Record<RuleOutcome, number> = {fail: 0, unknown: 1, deemed: 2, pass: 3, shown: 4, not_applicable: 5};
	reasons.sort((a, b) => order[a.outcome] - order[b.outcome]);
	const result: EligibilityResult = reasons.some((r) => r.outcome === 'fail')
		? 'not_eligible'
		: reasons.some((r) => r.outcome === 'unknown')
			? 'needs_checking'
			: 'eligible';

	const missingNames = [...new Set([...blockingMissing, ...optionalMissing])];
	const openQuestions: OpenQuestion[] = item.questions
		.filter((q) => missingNames.includes(`answer.${q.id}`))
		.map((q) => ({...q, blocking: blockingMissing.has(`answer.${q.id}`)}));

	const read: Record<string, FactValue | null> = {};
	for (const name of factsReadBy(rules)) if (sourceOf(name) !== 'params') read[name] = all[name] ?? null;

	return {
		itemCode,
		itemName: item.name,
		result,
		ruleVersion: ruleSet.version,
		evaluatedOn: input.today,
		paramsFrom: input.params.from,
		params: input.params.values,
		reasons,
		warnings,
		notes,
		missing: missingOf(missingNames),
		openQuestions,
		facts: read,
		...(input.hubFactsAsOf ? {hubFactsAsOf: input.hubFactsAsOf} : {}),
		...(input.hubUnavailable ? {hubUnavailable: input.hubUnavailable} : {}),
	};
}

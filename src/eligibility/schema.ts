/**
 * Validation of data/catalog/rules.json: the shape (zod), then what a shape cannot say: rule ids
 * unique per item, deem targets that exist, conditions that use only known operations and read
 * only facts that exist (card and context facts, the item's own questions and parameters, hub
 * facts declared with a label), parameter overrides that match the defaults' types, and message
 * placeholders that resolve. Every problem names the item and the rule.
 */
import {z} from 'zod';
import {rulesOf} from '../core/eligibility/evaluate.js';
import {CARD_FACTS, CONTEXT_FACTS, sourceOf} from '../core/eligibility/facts.js';
import {operatorOf, varsOf} from '../core/eligibility/logic3.js';
import {CONFIDENCES, RULE_EFFECTS, RULE_KINDS, type Rule, type RuleSet} from '../core/eligibility/model.js';
import {placeholdersOf} from '../core/eligibility/template.js';
import {CUSTOM_OPERATIONS, STANDARD_OPERATIONS} from './jsonlogic.js';

const nonEmpty = z.string().trim().min(1);
const text = z.strictObject({'zh-CN': nonEmpty, en: nonEmpty});
const id = z.string().regex(/^[a-z][a-zA-Z0-9-]*$/, 'id: lower-case letter first, then letters, digits or "-"');
const paramValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
const params = z.record(z.string(), paramValue);

const rule = z.strictObject({
	id,
	kind: z.enum(RULE_KINDS),
	effect: z.enum(RULE_EFFECTS),
	condition: z.unknown().refine((v) => v !== undefined, 'condition is required'),
	satisfies: z.array(id).min(1).optional(),
	source: nonEmpty,
	confidence: z.enum(CONFIDENCES),
	message: text,
	whenFailed: text.optional(),
	values: z.record(z.string().regex(/^\w+$/), z.unknown()).optional(),
});

const question = z.strictObject({
	id,
	type: z.enum(['yesno', 'choice', 'date', 'number']),
	text,
	choices: z.array(z.strictObject({value: id, text})).min(2).optional(),
	multiple: z.boolean().optional(),
	min: z.number().optional(),
	max: z.number().optional(),
});

const item = z.strictObject({
	name: nonEmpty,
	baseline: z.strictObject({rules: z.array(rule).min(1)}),
	params: z
		.record(z.string().regex(/^(default|\d{2}|\d{4}|\d{6})$/, 'parameter overrides are keyed by a 2-, 4- or 6-digit region code'), params)
		.refine((p) => p['default'] !== undefined, 'params.default is required'),
	questions: z.array(question),
	skipCommon: z.array(id).optional(),
	handlingFact: z.string().optional(),
});

const ruleSetSchema = z.strictObject({
	version: z.string().regex(/^\d{4}\.\d{1,2}\.\d+$/, 'version: YYYY.M.N, e.g. 2026.11.1'),
	facts: z.record(z.string().regex(/^[a-z][\w]*(\.[\w]+)+$/, 'hub fact names are dotted, e.g. pension.recipient'), text),
	common: z.strictObject({rules: z.array(rule)}),
	items: z.record(z.string().regex(/^[0-9A-Z]{12}$/, 'items are keyed by a 12-character basic code'), item),
});

export interface RuleFault {
	/** "common", or the item's basic code. */
	item: string;
	/** The rule or question id, or "-". */
	rule: string;
	problem: string;
}

export class RuleSetInvalid extends Error {
	readonly faults: RuleFault[];
	constructor(faults: RuleFault[]) {
		const first = faults[0]!;
		const more = faults.length > 1 ? ` (+${faults.length - 1} more)` : '';
		super(`rules.json: item ${first.item}, rule ${first.rule}: ${first.problem}${more}`);
		this.faults = faults;
	}
}

/** Validates parsed JSON; returns the rule set or throws RuleSetInvalid naming item and rule. */
export function validateRuleSet(json: unknown): RuleSet {
	const parsed = ruleSetSchema.safeParse(json);
	if (!parsed.success) throw new RuleSetInvalid(parsed.error.issues.slice(0, 20).map(faultOfIssue(json)));
	const ruleSet = parsed.data as RuleSet;
	const faults = checkRuleSet(ruleSet);
	if (faults.length > 0) throw new RuleSetInvalid(faults);
	return ruleSet;
}

/** Names the item and the rule an issue's path points into. */
function faultOfIssue(json: unknown) {
	return (issue: z.core.$ZodIssue): RuleFault => {
		const path = issue.path.map(String);
		let item = '-';
		let ruleId = '-';
		if (path[0] === 'items' && path[1]) item = path[1];
		if (path[0] === 'common') item = 'common';
		const rulesAt = path.indexOf('rules');
		const questionsAt = path.indexOf('questions');
		const at = rulesAt >= 0 ? rulesAt : questionsAt;
		if (at >= 0 && path[at + 1] !== undefined) {
			const node = path.slice(0, at + 2).reduce<unknown>((o, key) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined), json);
			const nodeId = node && typeof node === 'object' ? (node as Record<string, unknown>)['id'] : undefined;
			ruleId = typeof nodeId === 'string' ? nodeId : `${path[at]}[${path[at + 1]}]`;
		}
		const field = path.slice(at >= 0 ? at + 2 : 0).join('.') || '-';
		return {item, rule: ruleId, problem: `${field}: ${issue.message}`};
	};
}

const ALLOWED_OPERATIONS = new Set([...STANDARD_OPERATIONS, ...Object.keys(CUSTOM_OPERATIONS)]);

/** Operations used anywhere in an expression that the evaluator does not allow. */
function badOperations(logic: unknown, into: string[] = []): string[] {
	if (Array.isArray(logic)) {
		for (const part of logic) badOperations(part, into);
		return into;
	}
	if (logic === null || typeof logic !== 'object') return into;
	const op = operatorOf(logic);
	if (op === undefined) {
		into.push(`an object with ${Object.keys(logic).length} keys (json-logic nodes have exactly one)`);
		return into;
	}
	if (!ALLOWED_OPERATIONS.has(op)) into.push(`operation "${op}"`);
	const args = (logic as Record<string, unknown>)[op];
	if (op === 'var') {
		const argList = Array.isArray(args) ? args : [args];
		if (argList.length !== 1 || typeof argList[0] !== 'string' || argList[0] === '') into.push('a var must name one fact literally, with no default');
		return into;
	}
	return badOperations(args, into);
}

function checkRuleSet(ruleSet: RuleSet): RuleFault[] {
	const faults: RuleFault[] = [];
	const commonIds = new Set<string>();
	for (const r of ruleSet.common.rules) {
		if (commonIds.has(r.id)) faults.push({item: 'common', rule: r.id, problem: 'duplicate rule id'});
		commonIds.add(r.id);
		for (const name of readsOf(r)) {
			const source = sourceOf(name);
			if (source === 'answer' || source === 'params') faults.push({item: 'common', rule: r.id, problem: `common rules cannot read "${name}" (items' questions and parameters differ)`});
		}
	}
	for (const [code, entry] of Object.entries(ruleSet.items)) {
		for (const skip of entry.skipCommon ?? []) {
			if (!commonIds.has(skip)) faults.push({item: code, rule: skip, problem: 'skipCommon names no common rule'});
		}
		const questionIds = new Set<string>();
		for (const q of entry.questions) {
			if (questionIds.has(q.id)) faults.push({item: code, rule: q.id, problem: 'duplicate question id'});
			questionIds.add(q.id);
			if (q.type === 'choice' && !q.choices) faults.push({item: code, rule: q.id, problem: 'a choice question needs choices'});
			if (q.type !== 'choice' && (q.choices || q.multiple)) faults.push({item: code, rule: q.id, problem: 'only choice questions have choices'});
		}
		// A handling fact is one of the hub facts this file lists, and names a province (pension.province, medical.insuredProvince).
		if (entry.handlingFact !== undefined && (!(entry.handlingFact in ruleSet.facts) || !/province$/i.test(entry.handlingFact))) {
			faults.push({item: code, rule: '-', problem: `handlingFact "${entry.handlingFact}" is not a hub fact of this file naming a province`});
		}
		const defaults = entry.params.default;
		for (const [key, override] of Object.entries(entry.params)) {
			if (key === 'default') continue;
			for (const [name, value] of Object.entries(override)) {
				if (!(name in defaults)) faults.push({item: code, rule: '-', problem: `params.${key}.${name} overrides no default parameter`});
				else if (typeOf(defaults[name]) !== typeOf(value)) faults.push({item: code, rule: '-', problem: `params.${key}.${name} is a ${typeOf(value)}, the default is a ${typeOf(defaults[name])}`});
			}
		}
		const rules = rulesOf(ruleSet, code);
		const byId = new Map<string, Rule>();
		for (const r of entry.baseline.rules) {
			if (byId.has(r.id) || commonIds.has(r.id)) faults.push({item: code, rule: r.id, problem: 'duplicate rule id (rule ids are unique per item, common rules included)'});
			byId.set(r.id, r);
		}
		for (const r of rules) {
			const where = {item: commonIds.has(r.id) && !byId.has(r.id) ? `common (for ${code})` : code, rule: r.id};
			for (const bad of [...badOperations(r.condition), ...Object.values(r.values ?? {}).flatMap((v) => badOperations(v))]) {
				faults.push({...where, problem: `condition uses ${bad}`});
			}
			for (const name of readsOf(r)) {
				const problem = unknownFact(name, ruleSet, questionIds, defaults);
				if (problem) faults.push({...where, problem});
			}
			if (r.effect === 'deem') {
				if (!r.satisfies) faults.push({...where, problem: 'a deem rule needs "satisfies"'});
				for (const target of r.satisfies ?? []) {
					const t = rules.find((x) => x.id === target);
					if (!t) faults.push({...where, problem: `satisfies "${target}", which is not a rule of this item`});
					else if (t.effect !== 'require') faults.push({...where, problem: `satisfies "${target}", which is not a require rule`});
				}
			} else if (r.satisfies) {
				faults.push({...where, problem: 'only deem rules have "satisfies"'});
			}
			if (r.whenFailed && r.effect !== 'require') faults.push({...where, problem: 'only require rules have "whenFailed"'});
			for (const message of [r.message, ...(r.whenFailed ? [r.whenFailed] : [])]) {
				for (const name of placeholdersOf(message)) {
					const ok = name in (r.values ?? {}) || name in defaults || !unknownFact(name, ruleSet, questionIds, defaults);
					if (!ok) faults.push({...where, problem: `message placeholder {${name}} is neither a value, a parameter nor a fact`});
				}
			}
		}
	}
	return faults;
}

function readsOf(r: Rule): string[] {
	const names = varsOf(r.condition);
	for (const value of Object.values(r.values ?? {})) varsOf(value, names);
	return [...names].filter((n) => n !== '');
}

function unknownFact(name: string, ruleSet: RuleSet, questions: Set<string>, defaults: Record<string, unknown>): string | undefined {
	switch (sourceOf(name)) {
		case 'card':
			return name in CARD_FACTS ? undefined : `reads "${name}", which is not a card fact (${Object.keys(CARD_FACTS).join(', ')})`;
		case 'context':
			return name in CONTEXT_FACTS ? undefined : `reads unknown context fact "${name}"`;
		case 'answer':
			return questions.has(name.slice(7)) ? undefined : `reads "${name}" but the item has no question "${name.slice(7)}"`;
		case 'params':
			return name.slice(7) in defaults ? undefined : `reads "${name}" but the item has no default parameter "${name.slice(7)}"`;
		default:
			return name in ruleSet.facts ? undefined : `reads "${name}", which is not declared in "facts" (hub facts need a label)`;
	}
}

function typeOf(value: unknown): string {
	return Array.isArray(value) ? 'list' : typeof value;
}

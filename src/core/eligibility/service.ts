/**
 * The eligibility service the console and the commands use: gathers the facts (card, context,
 * answers, hub), resolves the region's parameters and evaluates the item's rules. UI-agnostic;
 * json-logic, the hub and the clock are injected.
 */
import {HubError, InputError} from '../errors.js';
import {validateIdNumber} from '../identity/idnumber.js';
import type {Clock} from '../ports/clock.js';
import {checkAnswer} from './answers.js';
import {dayOf, isDay} from './dates.js';
import {evaluateItem, hubFactsFor} from './evaluate.js';
import {cardFacts, contextFacts, type CardInput} from './facts.js';
import type {Decision, FactMap, FactValue, LogicFn, RuleSet} from './model.js';
import type {FactsPort} from '../ports/facts.js';
import {resolveParams} from './params.js';

export interface EligibilityRequest {
	/** 12-char basic code. */
	itemCode: string;
	/** The implementing body's region (6 digits, or 2 for a province); undefined when not chosen yet. */
	regionCode?: string;
	/** The counter's region (6 digits, or 2). */
	counterRegion?: string;
	/** The card as read, or just the number typed in. */
	card?: CardInput;
	idNumber?: string;
	/** Answers by question id, typed (boolean, string, number, string[] for multiple choice). */
	answers?: Record<string, unknown>;
	/** The day to evaluate for (YYYY-MM-DD); default: the clock's local day. */
	on?: string;
}

export interface EligibilityService {
	readonly ruleVersion: string;
	evaluate(request: EligibilityRequest): Promise<Decision>;
	/** The item's questions (the console asks the open ones). */
	questions(itemCode: string): RuleSet['items'][string]['questions'];
	hasRules(itemCode: string): boolean;
	/**
	 * Where the hub's facts say the citizen's matter is handled, per item that names a
	 * `handlingFact` (basic code → 2-digit province): one facts query per such item, for that one
	 * fact, all at once. An item the hub cannot answer for (no record, an error) is left out: the
	 * search then ranks by the card's home province. Never throws.
	 */
	handlingProvinces(idNumber: string): Promise<Map<string, string>>;
}

export interface EligibilityDeps {
	rules: RuleSet;
	facts: FactsPort;
	clock: Clock;
	logic: LogicFn;
	/** Known GB/T 2260 codes, for the ID number's region check. */
	isKnownRegion?: (code: string) => boolean;
	/** Known GB/T 2659 codes, for a foreign card's nationality check. */
	isKnownNationality?: (code: string) => boolean;
	/** Province name for a 2-digit code (e.g. RegionTable.provinceName), for messages. */
	provinceName?: (code: string) => string | undefined;
}

const REGION = /^(\d{2}|\d{6})$/;
const PROVINCE = /^\d{2}$/;

export function createEligibilityService(deps: EligibilityDeps): EligibilityService {
	const {rules} = deps;
	return {
		ruleVersion: rules.version,
		hasRules: (itemCode) => itemCode in rules.items,
		questions: (itemCode) => rules.items[itemCode]?.questions ?? [],
		async handlingProvinces(idNumber) {
			const asked = Object.entries(rules.items).flatMap(([code, item]) => (item.handlingFact ? [[code, item.handlingFact] as const] : []));
			const answers = await Promise.allSettled(asked.map(([code, fact]) => deps.facts.query(idNumber, code, [fact])));
			const provinces = new Map<string, string>();
			answers.forEach((answer, i) => {
				const [code, fact] = asked[i]!;
				const value = answer.status === 'fulfilled' ? answer.value.facts[fact] : undefined;
				if (typeof value === 'string' && PROVINCE.test(value)) provinces.set(code, value);
			});
			return provinces;
		},
		async evaluate(request) {
			const item = rules.items[request.itemCode];
			if (!item) {
				throw new InputError('eligibility_item_unknown', {itemCode: request.itemCode}, {itemCode: request.itemCode});
			}
			for (const [name, value] of [['regionCode', request.regionCode], ['counterRegion', request.counterRegion]] as const) {
				if (value !== undefined && !REGION.test(value)) throw new InputError('eligibility_bad_region', {value}, {field: name});
			}
			if (request.on !== undefined && !isDay(request.on)) throw new InputError('eligibility_bad_date', {value: request.on});
			const today = request.on ?? dayOf(deps.clock.now());

			const answers: FactMap = {};
			for (const [id, value] of Object.entries(request.answers ?? {})) {
				const question = item.questions.find((q) => q.id === id);
				if (!question) {
					const known = item.questions.map((q) => q.id).join(', ') || '-';
					throw new InputError('eligibility_unknown_question', {itemCode: request.itemCode, question: id, known}, {question: id});
				}
				const checked = checkAnswer(question, value);
				if (!checked.ok) throw new InputError('eligibility_bad_answer', {question: id, problem: checked.problem}, {question: id});
				answers[`answer.${id}`] = checked.value;
			}

			const card: CardInput | undefined = request.card ?? (request.idNumber !== undefined ? {idNumber: request.idNumber} : undefined);
			const facts: FactMap = {
				...contextFacts({today, ...(request.counterRegion ? {counterRegion: request.counterRegion} : {}), ...(request.regionCode ? {itemRegion: request.regionCode} : {})}),
				...(card ? cardFacts(card, today, {...(deps.isKnownRegion ? {isKnownRegion: deps.isKnownRegion} : {}), ...(deps.isKnownNationality ? {isKnownNationality: deps.isKnownNationality} : {})}) : {}),
				...answers,
			};

			const needed = hubFactsFor(rules, request.itemCode);
			let hubFactsAsOf: string | undefined;
			let hubUnavailable: Decision['hubUnavailable'];
			const id = card ? validateIdNumber(card.idNumber, {today, ...(card.birthDate ? {cardBirthDate: card.birthDate} : {})}) : undefined;
			// No query for an invalid number: the hub would answer nulls, and the number may be mistyped.
			if (needed.length > 0 && id?.ok && id.normalized) {
				try {
					const answer = await deps.facts.query(id.normalized, request.itemCode, needed);
					hubFactsAsOf = answer.asOf;
					for (const name of needed) facts[name] = cleanFact(answer.facts[name]);
				} catch (error) {
					if (!(error instanceof HubError)) throw error;
					// The hub's failure, worded where it is shown (src/i18n/errors.ts).
					hubUnavailable = {code: error.code, cause: {code: error.code, params: error.params}};
				}
			}

			const params = resolveParams(item, request.regionCode);
			return evaluateItem({
				ruleSet: rules,
				itemCode: request.itemCode,
				facts,
				params,
				today,
				logic: deps.logic,
				...(deps.provinceName ? {provinceName: deps.provinceName} : {}),
				...(hubFactsAsOf ? {hubFactsAsOf} : {}),
				...(hubUnavailable ? {hubUnavailable} : {}),
			});
		},
	};
}

/** A hub value we can use, or null: anything else is treated as unknown, never coerced. */
function cleanFact(value: unknown): FactValue | null {
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
	return null;
}

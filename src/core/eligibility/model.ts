/**
 * Eligibility rules as data (data/catalog/rules.json) and the decisions made from them.
 *
 * A rule set has a version, labels for the hub facts it reads, rules common to every item, and per
 * item (by 12-char basic code) a national baseline, region parameters and questions. A rule's
 * condition is json-logic; its meaning depends on its effect:
 *   require  the condition must hold; false → not eligible, undecidable → needs checking
 *   warn     the warning is shown when the condition holds (never blocks)
 *   note     the note is shown when the condition holds (e.g. "about 45 working days")
 *   deem     when the condition holds, the `satisfies` rules count as met (e.g. emergency
 *            treatment counts as filed)
 * Conditions read facts by name with {"var": "name"}:
 *   card.*     computed from the ID number and card fields (see facts.ts)
 *   answer.*   the item's questions, answered by the citizen at the counter
 *   params.*   the item's parameters after region overrides
 *   today, counter.province, counter.region, item.province, item.region   the context
 *   anything else: a hub fact (declared with a label in the rule set's `facts`)
 * Pure types only.
 */
import type {Lang} from '../lang.js';
import type {NestedMessage} from '../template.js';

export type Text = Readonly<Record<Lang, string>>;

export const RULE_KINDS = ['attribute', 'date', 'province', 'materials', 'deemed', 'notice'] as const;
type RuleKind = (typeof RULE_KINDS)[number];
export const RULE_EFFECTS = ['require', 'warn', 'note', 'deem'] as const;
type RuleEffect = (typeof RULE_EFFECTS)[number];
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
type Confidence = (typeof CONFIDENCES)[number];

/** json-logic, kept opaque in core: only the three-valued walker looks inside. */
type Logic = unknown;

export interface Rule {
	/** Unique within its item (common rules included), e.g. "not-drawing-pension". */
	id: string;
	kind: RuleKind;
	effect: RuleEffect;
	condition: Logic;
	/** For `deem` rules: the ids of the rules this one satisfies when its condition holds. */
	satisfies?: string[];
	/** The document the rule comes from, e.g. "国办发〔2009〕66号". */
	source: string;
	confidence: Confidence;
	/** What the rule says, with {name} placeholders (values, params, facts). */
	message: Text;
	/** A more specific explanation shown when a `require` rule fails. */
	whenFailed?: Text;
	/** Named json-logic expressions computed for the messages, e.g. the certification due date. */
	values?: Record<string, Logic>;
}

type QuestionType = 'yesno' | 'choice' | 'date' | 'number';

interface QuestionChoice {
	value: string;
	text: Text;
}

export interface Question {
	/** Read by conditions as "answer.<id>". */
	id: string;
	type: QuestionType;
	text: Text;
	/** For `choice`. */
	choices?: QuestionChoice[];
	/** For `choice`: several values may be picked (the answer is a list). */
	multiple?: boolean;
	/** For `number`. */
	min?: number;
	max?: number;
}

export type ParamValue = string | number | boolean | string[];
export type Params = Record<string, ParamValue>;

export interface ItemRules {
	/** The item's name, for people reading the file (checked against the catalog by a test). */
	name: string;
	baseline: {rules: Rule[]};
	/** `default` plus overrides keyed by region code: 2 (province), 4 (city) or 6 (county) digits. */
	params: {default: Params} & Record<string, Params>;
	questions: Question[];
	/** Common rules that do not apply to this item (by id). */
	skipCommon?: string[];
	/**
	 * The hub fact naming the province that handles this item for a citizen (e.g. the province
	 * paying the pension for the pension certification): the search ranks that province's list
	 * first for the citizen at the counter (issue 18.1).
	 */
	handlingFact?: string;
}

export interface RuleSet {
	version: string;
	/** Labels of the hub facts the rules read; a condition may read no other hub fact. */
	facts: Record<string, Text>;
	common: {rules: Rule[]};
	items: Record<string, ItemRules>;
}

// ---------- facts ----------

export type FactValue = string | number | boolean | string[];
/** Fact name → value; null (or absent) means unknown. */
export type FactMap = Record<string, FactValue | null | undefined>;
export type FactSource = 'card' | 'answer' | 'hub' | 'context' | 'params';

/**
 * json-logic evaluation, injected so core imports no npm package. Must evaluate the standard
 * operations and the custom ones of src/eligibility/jsonlogic.ts; may throw on bad input.
 */
export type LogicFn = (rule: unknown, data: unknown) => unknown;

// ---------- decisions ----------

export type EligibilityResult = 'eligible' | 'not_eligible' | 'needs_checking';
export type RuleOutcome = 'pass' | 'fail' | 'unknown' | 'deemed' | 'shown' | 'not_applicable';

export interface MissingFact {
	name: string;
	source: FactSource;
	label: Text;
}

export interface RuleExplanation {
	ruleId: string;
	kind: RuleKind;
	effect: RuleEffect;
	outcome: RuleOutcome;
	source: string;
	confidence: Confidence;
	message: Text;
	/** Facts whose absence left the rule undecided. */
	missing: MissingFact[];
	/** Set when a `deem` rule satisfied this one. */
	deemedBy?: string;
	/** The evaluator rejected a value (e.g. a malformed date from the hub): the rule is undecided. */
	error?: string;
}

export interface OpenQuestion extends Question {
	/** True when the answer can change the result; false when it only decides a warning. */
	blocking: boolean;
}

export interface Decision {
	itemCode: string;
	itemName: string;
	result: EligibilityResult;
	/** The rule set version: recorded with the case. */
	ruleVersion: string;
	/** The day the rules were evaluated for (YYYY-MM-DD). */
	evaluatedOn: string;
	/** Region codes whose parameter overrides applied, after "default". */
	paramsFrom: string[];
	params: Params;
	/** Require rules, failed first, then undecided, deemed, passed. */
	reasons: RuleExplanation[];
	/** Warnings that do not block: shown (condition holds) or unknown (may apply). */
	warnings: RuleExplanation[];
	notes: RuleExplanation[];
	/** Every fact that was needed and unknown, once. */
	missing: MissingFact[];
	openQuestions: OpenQuestion[];
	/** The facts the rules read (no ID number, no name), so the decision can be replayed. */
	facts: Record<string, FactValue | null>;
	/** When the hub answered, its asOf. */
	hubFactsAsOf?: string;
	/** Set when the hub could not be asked: its facts were treated as unknown. */
	/** The hub could not be asked: its error (code and values), its facts count as unknown. */
	hubUnavailable?: {code: string; cause: NestedMessage};
}

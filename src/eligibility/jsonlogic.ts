/**
 * The json-logic adapter injected into core's eligibility evaluation (core imports no npm
 * package). Adds the operations rules need on calendar days and material lists; each one throws
 * on a value it cannot read, which core turns into "needs checking" instead of a guess.
 *
 *   {"addMonths": [day, n]}, {"addYears": [day, n]}, {"addDays": [day, n]}   → YYYY-MM-DD
 *   {"daysBetween": [from, to]}                                           → whole days
 *   {"dateBefore" | "dateOnOrBefore" | "dateAfter" | "dateOnOrAfter": [a, b]} → boolean
 *   {"ageOn": [birthDate, day]}                                           → completed years
 *   {"hasAnyOf": [list, candidates]}, {"hasAllOf": [list, required]}      → boolean
 * Month arithmetic and the birthday convention are those of src/core/eligibility/dates.ts.
 */
import jsonLogic from 'json-logic-js';
import type {AdditionalOperation, RulesLogic} from 'json-logic-js';
import {addDays, addMonths, addYears, ageOn, compareDays, daysBetween} from '../core/eligibility/dates.js';
import type {LogicFn} from '../core/eligibility/model.js';

function whole(value: unknown, op: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value)) throw new RangeError(`${op}: expected a whole number, got ${JSON.stringify(value)}`);
	return value;
}

function day(value: unknown, op: string): string {
	if (typeof value !== 'string') throw new RangeError(`${op}: expected a YYYY-MM-DD date, got ${JSON.stringify(value)}`);
	return value;
}

function list(value: unknown, op: string): unknown[] {
	if (!Array.isArray(value)) throw new RangeError(`${op}: expected a list, got ${JSON.stringify(value)}`);
	return value;
}

export const CUSTOM_OPERATIONS: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
	addMonths: (d, n) => addMonths(day(d, 'addMonths'), whole(n, 'addMonths')),
	addYears: (d, n) => addYears(day(d, 'addYears'), whole(n, 'addYears')),
	addDays: (d, n) => addDays(day(d, 'addDays'), whole(n, 'addDays')),
	daysBetween: (a, b) => daysBetween(day(a, 'daysBetween'), day(b, 'daysBetween')),
	dateBefore: (a, b) => compareDays(day(a, 'dateBefore'), day(b, 'dateBefore')) < 0,
	dateOnOrBefore: (a, b) => compareDays(day(a, 'dateOnOrBefore'), day(b, 'dateOnOrBefore')) <= 0,
	dateAfter: (a, b) => compareDays(day(a, 'dateAfter'), day(b, 'dateAfter')) > 0,
	dateOnOrAfter: (a, b) => compareDays(day(a, 'dateOnOrAfter'), day(b, 'dateOnOrAfter')) >= 0,
	ageOn: (birth, d) => ageOn(day(birth, 'ageOn'), day(d, 'ageOn')),
	hasAnyOf: (have, wanted) => {
		const set = new Set(list(have, 'hasAnyOf'));
		return list(wanted, 'hasAnyOf').some((w) => set.has(w));
	},
	hasAllOf: (have, wanted) => {
		const set = new Set(list(have, 'hasAllOf'));
		return list(wanted, 'hasAllOf').every((w) => set.has(w));
	},
};

/**
 * Standard json-logic operations a rule may use. Left out on purpose: var defaults and
 * missing/missing_some (an unknown fact must stay unknown), the scoped map/filter/reduce/all/
 * some/none (their {"var": ""} cannot be checked against declared facts), "?:" (core evaluates
 * "if"), log, method.
 */
export const STANDARD_OPERATIONS: readonly string[] = [
	'var', 'if', '==', '===', '!=', '!==', '!', '!!', 'or', 'and', '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'in', 'cat', 'substr', 'merge',
];

let installed = false;
function install(): void {
	if (installed) return;
	for (const [name, op] of Object.entries(CUSTOM_OPERATIONS)) jsonLogic.add_operation(name, op);
	installed = true;
}

/** The LogicFn core's evaluator takes. */
export const applyJsonLogic: LogicFn = (rule, data) => {
	install();
	return jsonLogic.apply(rule as RulesLogic<AdditionalOperation>, data);
};

/**
 * Three-valued (Kleene) evaluation of a json-logic condition.
 *
 * The connectives and, or, !, !! and if are evaluated here, with unknown as a third value:
 * `and` is false as soon as one part is false, `or` true as soon as one part is true, so a rule
 * is decided whenever the known facts decide it, and stays unknown otherwise. Every other
 * expression (a comparison, a date operation, a membership test) is a leaf: when a fact it reads
 * is unknown the leaf is unknown, otherwise the injected json-logic function computes it. A leaf
 * that throws (a malformed date from the hub) is unknown too, with the error kept: a decision is
 * never made from a value the evaluator could not read.
 */
import type {LogicFn} from './model.js';

type Truth = boolean | 'unknown';

export interface Outcome {
	value: Truth;
	/** Unknown facts that left this outcome undecided (empty when decided). */
	missing: string[];
	error?: string;
}

const CONNECTIVES = new Set(['and', 'or', '!', '!!', 'if']);

/** The single operator of a json-logic node, or undefined for a literal. */
export function operatorOf(logic: unknown): string | undefined {
	if (logic === null || typeof logic !== 'object' || Array.isArray(logic)) return undefined;
	const keys = Object.keys(logic);
	return keys.length === 1 ? keys[0] : undefined;
}

function argsOf(logic: object, op: string): unknown[] {
	const args = (logic as Record<string, unknown>)[op];
	return Array.isArray(args) ? args : [args];
}

/**
 * Names read by {"var": "name"} anywhere in the expression. A var whose name is not a literal
 * string is reported as "" (the schema rejects such rules).
 */
export function varsOf(logic: unknown, into: Set<string> = new Set()): Set<string> {
	if (Array.isArray(logic)) {
		for (const part of logic) varsOf(part, into);
		return into;
	}
	const op = operatorOf(logic);
	if (op === undefined) return into;
	const args = (logic as Record<string, unknown>)[op];
	if (op === 'var') {
		const name = Array.isArray(args) ? args[0] : args;
		into.add(typeof name === 'string' ? name : '');
		return into;
	}
	return varsOf(args, into);
}

/** json-logic's truthiness: empty arrays are false, "0" is true. */
function truthy(value: unknown): boolean {
	if (Array.isArray(value)) return value.length > 0;
	return Boolean(value);
}

function union(...lists: string[][]): string[] {
	return [...new Set(lists.flat())];
}

export interface Evaluation {
	/** Is this fact known (not null, not missing)? */
	isKnown(name: string): boolean;
	/** The data object handed to the json-logic function. */
	data: unknown;
	logic: LogicFn;
}

export function evaluate3(condition: unknown, env: Evaluation): Outcome {
	const op = operatorOf(condition);
	if (op === undefined || !CONNECTIVES.has(op)) return leaf(condition, env);
	const args = argsOf(condition as object, op);
	switch (op) {
		case 'and': {
			const unknowns: Outcome[] = [];
			for (const part of args) {
				const outcome = evaluate3(part, env);
				if (outcome.value === false) return {value: false, missing: []};
				if (outcome.value === 'unknown') unknowns.push(outcome);
			}
			return unknowns.length === 0 ? {value: true, missing: []} : unknownOf(unknowns);
		}
		case 'or': {
			const unknowns: Outcome[] = [];
			for (const part of args) {
				const outcome = evaluate3(part, env);
				if (outcome.value === true) return {value: true, missing: []};
				if (outcome.value === 'unknown') unknowns.push(outcome);
			}
			return unknowns.length === 0 ? {value: false, missing: []} : unknownOf(unknowns);
		}
		case '!':
		case '!!': {
			const outcome = evaluate3(args[0], env);
			if (outcome.value === 'unknown') return outcome;
			return {value: op === '!' ? !outcome.value : outcome.value, missing: []};
		}
		default: {
			// if: [cond, then, cond, then, …, else]. An undecided condition stops here and names only
			// its own facts, so the counter asks the question that decides the branch first.
			for (let i = 0; i < args.length; i += 2) {
				if (i === args.length - 1) return evaluate3(args[i], env);
				const test = evaluate3(args[i], env);
				if (test.value === 'unknown') return test;
				if (test.value) return evaluate3(args[i + 1], env);
			}
			return {value: false, missing: []};
		}
	}
}

function unknownOf(outcomes: Outcome[]): Outcome {
	const error = outcomes.find((o) => o.error)?.error;
	return {value: 'unknown', missing: union(...outcomes.map((o) => o.missing)), ...(error ? {error} : {})};
}

function leaf(expression: unknown, env: Evaluation): Outcome {
	const unknown = [...varsOf(expression)].filter((name) => !env.isKnown(name));
	if (unknown.length > 0) return {value: 'unknown', missing: unknown};
	try {
		return {value: truthy(env.logic(expression, env.data)), missing: []};
	} catch (error) {
		return {value: 'unknown', missing: [], error: error instanceof Error ? error.message : String(error)};
	}
}

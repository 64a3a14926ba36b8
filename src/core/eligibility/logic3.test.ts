import {describe, expect, it} from 'vitest';
import {applyJsonLogic} from '../../eligibility/jsonlogic.js';
import {toLogicData} from './facts.js';
import {evaluate3, varsOf} from './logic3.js';
import type {FactMap} from './model.js';

function run(condition: unknown, facts: FactMap) {
	return evaluate3(condition, {isKnown: (n) => facts[n] !== null && facts[n] !== undefined, data: toLogicData(facts), logic: applyJsonLogic});
}
const a = {'==': [{var: 'x.a'}, true]};
const b = {'==': [{var: 'x.b'}, true]};

describe('three-valued evaluation', () => {
	it.each([
		// and
		[{and: [a, b]}, {'x.a': true, 'x.b': true}, true, []],
		[{and: [a, b]}, {'x.a': false, 'x.b': null}, false, []],
		[{and: [a, b]}, {'x.a': true, 'x.b': null}, 'unknown', ['x.b']],
		[{and: [a, b]}, {}, 'unknown', ['x.a', 'x.b']],
		// or
		[{or: [a, b]}, {'x.a': null, 'x.b': true}, true, []],
		[{or: [a, b]}, {'x.a': null, 'x.b': false}, 'unknown', ['x.a']],
		[{or: [a, b]}, {'x.a': false, 'x.b': false}, false, []],
		// not
		[{'!': [a]}, {'x.a': null}, 'unknown', ['x.a']],
		[{'!': a}, {'x.a': false}, true, []],
		// if: an undecided test names only its own facts
		[{if: [a, b, true]}, {}, 'unknown', ['x.a']],
		[{if: [a, b, true]}, {'x.a': false}, true, []],
		[{if: [a, b, true]}, {'x.a': true}, 'unknown', ['x.b']],
		[{if: [a, b]}, {'x.a': false}, false, []],
	])('%j with %j → %s', (condition, facts, value, missing) => {
		const outcome = run(condition, facts as FactMap);
		expect(outcome.value).toBe(value);
		expect(outcome.missing.sort()).toEqual(missing);
	});

	it('a leaf that reads an unknown fact is unknown even when json-logic would answer', () => {
		// json-logic alone says null != true → true: a guessed yes.
		expect(run({'!=': [{var: 'x.a'}, true]}, {'x.a': null}).value).toBe('unknown');
	});

	it('a leaf the evaluator cannot read (a malformed date) is unknown, with the error kept', () => {
		const outcome = run({dateBefore: [{var: 'x.d'}, '2026-01-01']}, {'x.d': '2026-13-01'});
		expect(outcome.value).toBe('unknown');
		expect(outcome.error).toMatch(/YYYY-MM-DD/);
	});

	it('collects var names, nested in any operation', () => {
		expect([...varsOf({and: [{'>=': [{var: 'card.age'}, {var: 'params.minAge'}]}, {addMonths: [{var: ['today']}, 3]}]})].sort()).toEqual(['card.age', 'params.minAge', 'today']);
	});
});

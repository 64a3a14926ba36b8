/** The demo's facts: the hub's answer first, the demo records only for what the hub lacks. */
import {describe, expect, it} from 'vitest';
import {demoFacts} from './facts.js';
import type {FactsPort} from '../core/ports/facts.js';

describe('demoFacts', () => {
	it('keeps the hub facts and fills only the null ones from the fallback', async () => {
		const asked: string[][] = [];
		const hub: FactsPort = {query: async () => ({facts: {'pension.recipient': true, 'household.province': null}, asOf: '2026-03-02T09:00:00Z'})};
		const fallback: FactsPort = {
			query: async (_id, _code, names) => {
				asked.push([...names]);
				return {facts: {'pension.recipient': false, 'household.province': '43'}, asOf: 'x'};
			},
		};
		const answer = await demoFacts(hub, fallback).query('44030519900101123X', '990120000001', ['pension.recipient', 'household.province']);
		expect(answer).toEqual({facts: {'pension.recipient': true, 'household.province': '43'}, asOf: '2026-03-02T09:00:00Z'});
		expect(asked).toEqual([['household.province']]);
	});

	it('does not ask the fallback when the hub knew everything', async () => {
		let asked = 0;
		const hub: FactsPort = {query: async () => ({facts: {'pension.recipient': false}, asOf: 'now'})};
		const fallback: FactsPort = {query: async () => ((asked++), {facts: {}, asOf: 'x'})};
		await demoFacts(hub, fallback).query('44030519900101123X', '990120000001', ['pension.recipient']);
		expect(asked).toBe(0);
	});
});

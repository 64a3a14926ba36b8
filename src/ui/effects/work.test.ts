import {describe, expect, it} from 'vitest';
import {DEFAULT_URGENCY, type WorkItem} from '../../core/cases/return-trips.js';
import {createFakeServices, fixedClock} from '../../test-utils/fixtures.js';
import type {WorkPort} from '../services.js';
import {appReducer, initialState, type AppAction, type AppState} from '../state/index.js';
import {createWorkEffects} from './work.js';

const applicant = {name: '陈**', cardType: 'resident', idNumberMasked: '440305********123X'};

/** The work effects over a real store and a work port that answers as the hub does (200, then 304s). */
function harness(answers: Array<{changed: boolean; items: WorkItem[]} | Error>) {
	const clock = fixedClock('2026-12-02T00:00:00Z');
	let state: AppState = initialState('zh-CN');
	let calls = 0;
	const work = {
		policy: DEFAULT_URGENCY,
		poll: async () => {
			const answer = answers[Math.min(calls++, answers.length - 1)]!;
			if (answer instanceof Error) throw answer;
			return answer;
		},
	} as unknown as WorkPort;
	const effects = createWorkEffects({
		services: createFakeServices({clock, work}),
		getState: () => state,
		dispatch: (action: AppAction) => {
			state = appReducer(state, action);
		},
		flash: () => {},
		audit: () => {},
	});
	return {effects, clock, state: () => state};
}

describe('the work list on the counter', () => {
	it('lists unshipped originals once they are due, though the hub answers 304 (the list did not change)', async () => {
		const shipment: WorkItem = {caseId: 'C-1', need: 'shipment', itemCode: 'X', since: '2026-12-02T00:00:00Z', deadline: null, applicant};
		const {effects, clock, state} = harness([{changed: true, items: [shipment]}, {changed: false, items: [shipment]}]);
		await effects.poll();
		expect(state().work.items).toEqual([]);
		clock.current = new Date(clock.current.getTime() + DEFAULT_URGENCY.shipWithinMs);
		await effects.poll();
		expect(state().work.items?.map((i) => i.caseId)).toEqual(['C-1']);
	});

	it('keeps the last list and says why when the hub fails', async () => {
		const pickup: WorkItem = {caseId: 'C-2', need: 'pickup', itemCode: 'X', since: '2026-12-01T00:00:00Z', deadline: null, applicant};
		const {effects, state} = harness([{changed: true, items: [pickup]}, new Error('down')]);
		await effects.poll();
		await expect(effects.poll()).rejects.toThrow('down');
		expect(state().work.items?.map((i) => i.caseId)).toEqual(['C-2']);
		expect(state().work.error?.['zh-CN']).toBeTruthy();
	});
});

import {describe, expect, it, vi} from 'vitest';
import {HubRejectedError} from '../../core/errors.js';
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

describe('a supervisor’s follow-up (差评整改) on the counter', () => {
	const evaluation = {level: 'dissatisfied' as const, reason: '等候时间太长', evaluatedAt: '2026-12-01T00:00:00Z', followUp: null};
	const item: WorkItem = {caseId: 'C-9', need: 'follow_up', itemCode: 'X', since: evaluation.evaluatedAt, deadline: null, applicant, evaluation};

	function followUpHarness(answer: () => Promise<{evaluation: null}>) {
		const clock = fixedClock('2026-12-02T00:00:00Z');
		let state: AppState = initialState('zh-CN');
		const sent: Array<{caseId: string; note: string}> = [];
		const audited: Array<Record<string, unknown>> = [];
		const flashes: string[] = [];
		let polls = 0;
		const work = {
			policy: DEFAULT_URGENCY,
			poll: async () => {
				polls++;
				return {changed: true, items: [item]};
			},
			followUp: async (request: {caseId: string; note: string}) => {
				sent.push(request);
				return answer();
			},
		} as unknown as WorkPort;
		const effects = createWorkEffects({
			services: createFakeServices({clock, work}),
			getState: () => state,
			dispatch: (action: AppAction) => {
				state = appReducer(state, action);
			},
			flash: (f) => flashes.push(f.key),
			audit: (entry) => audited.push(entry as unknown as Record<string, unknown>),
		});
		return {effects, state: () => state, sent, audited, flashes, polls: () => polls, dispatch: (action: AppAction) => (state = appReducer(state, action))};
	}

	it('refuses an empty note before anything is sent, then records the typed one (audited by digest) and closes the task', async () => {
		const h = followUpHarness(async () => ({evaluation: null}));
		h.dispatch({type: 'work/open', item});
		expect(h.state().work.task).toMatchObject({stage: 'note', note: ''});
		h.effects.typeNote((n) => `${n}   `);
		await h.effects.followUp();
		expect(h.sent).toEqual([]);
		expect(h.state().work.task?.notice?.key).toBe('task.noteEmpty');
		h.effects.typeNote(() => '已回访致歉\n增开窗口');
		await h.effects.followUp();
		expect(h.sent).toEqual([{caseId: 'C-9', note: '已回访致歉 增开窗口'}]);
		expect(h.audited).toEqual([expect.objectContaining({action: 'case.follow_up', outcome: 'ok', details: expect.objectContaining({caseId: 'C-9', level: 'dissatisfied', noteLength: 10})})]);
		expect(JSON.stringify(h.audited)).not.toContain('回访');
		expect(h.flashes).toEqual(['flash.followedUp']);
		expect(h.state().work.task).toBeUndefined();
		await vi.waitFor(() => expect(h.polls()).toBe(1));
	});

	it('a session the hub refuses (403, not a supervisor): the reason on the task, audited denied, nothing closed', async () => {
		const h = followUpHarness(async () => {
			throw new HubRejectedError(403, 'supervisor_required', {call: 'POST /cases/{caseId}/evaluation/follow-up'});
		});
		h.dispatch({type: 'work/open', item});
		h.effects.typeNote(() => '已回访');
		await h.effects.followUp();
		expect(h.audited).toEqual([expect.objectContaining({action: 'case.follow_up', outcome: 'denied', details: expect.objectContaining({error: 'hub_supervisor_required'})})]);
		const task = h.state().work.task!;
		expect(task).toMatchObject({stage: 'note', note: '已回访', notice: {tone: 'error', key: 'task.failed'}});
		expect(JSON.stringify(task.notice!.params)).toContain('只有主管才能登记差评整改');
		expect(h.flashes).toEqual([]);
	});
});

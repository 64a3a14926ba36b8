import {describe, expect, it} from 'vitest';
import type {WorkItem} from '../../core/cases/return-trips.js';
import type {CapturedImage} from '../services.js';
import {allKept, initialWork, picturesOf, POA_CODE, workReducer} from './work.js';

const applicant = {name: '张*', cardType: 'resident', idNumberMasked: '110105********002X'};
const supplement: WorkItem = {caseId: 'C-1', need: 'supplement', itemCode: 'X', since: '2026-12-01T00:00:00Z', deadline: '2026-12-16T00:00:00Z', reason: '缺材料', materials: [{code: 'M01', name: '户口簿'}, {code: 'M02', name: '证明'}], applicant};
const pickup: WorkItem = {caseId: 'C-2', need: 'pickup', itemCode: 'X', since: '2026-12-01T00:00:00Z', deadline: null, applicant, agent: {...applicant, name: '李*'}};
const shipment: WorkItem = {caseId: 'C-3', need: 'shipment', itemCode: 'X', since: '2026-12-01T00:00:00Z', deadline: null, applicant};
const image = {jpeg: new Uint8Array([1]), sha256: 'a'.repeat(64)} as unknown as CapturedImage;

describe('the work slice', () => {
	it('keeps the cursor on the list when a poll brings a shorter one, and forgets the last error', () => {
		let state = workReducer(initialWork(), {type: 'work/items', items: [supplement, pickup, shipment], polledAt: 'T'});
		state = workReducer(state, {type: 'work/select', index: 2});
		state = workReducer(state, {type: 'work/failed', error: {'zh-CN': '不通', en: 'down'}});
		state = workReducer(state, {type: 'work/items', items: [supplement], polledAt: 'T2'});
		expect(state.selected).toBe(0);
		expect(state.error).toBeUndefined();
	});

	it('opens a supplement and a pickup at the card, a shipment at its form', () => {
		expect(workReducer(initialWork(), {type: 'work/open', item: supplement}).task?.stage).toBe('card');
		expect(workReducer(initialWork(), {type: 'work/open', item: pickup}).task?.stage).toBe('card');
		expect(workReducer(initialWork(), {type: 'work/open', item: shipment}).task).toMatchObject({stage: 'form', carrier: 'ems', waybill: ''});
	});

	it('asks for the materials of the return, and for a 委托书 only when an agent collects', () => {
		let state = workReducer(initialWork(), {type: 'work/open', item: supplement});
		expect(picturesOf(state.task!).map((m) => m.code)).toEqual(['M01', 'M02']);
		state = workReducer(state, {type: 'work/keep', code: 'M01', image, originalVerified: false});
		expect(allKept(state.task!)).toBe(false);
		state = workReducer(state, {type: 'work/keep', code: 'M02', image, originalVerified: true});
		expect(allKept(state.task!)).toBe(true);

		let pick = workReducer(initialWork(), {type: 'work/open', item: pickup});
		pick = workReducer(pick, {type: 'work/task', patch: {presenter: {role: 'applicant', strength: 'masked', person: applicant}}});
		expect(picturesOf(pick.task!)).toEqual([]);
		pick = workReducer(pick, {type: 'work/task', patch: {presenter: {role: 'agent', strength: 'masked', person: pickup.agent!}}});
		expect(picturesOf(pick.task!).map((m) => m.code)).toEqual([POA_CODE]);
	});

	it('lets the pictures and the card check go with the next citizen and a new sign-in', () => {
		let state = workReducer(initialWork(), {type: 'work/open', item: supplement});
		state = workReducer(state, {type: 'work/keep', code: 'M01', image, originalVerified: false});
		expect(workReducer(state, {type: 'nextCitizen'}).task).toBeUndefined();
		expect(workReducer(state, {type: 'signedIn', operator: {id: 'op', name: 'x', roles: ['clerk']}}).task).toBeUndefined();
	});
});

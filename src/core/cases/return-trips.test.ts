import {describe, expect, it} from 'vitest';
import {countWork, dueAt, isActionable, parseWorkNeeds, rankWork, type WorkItem} from './return-trips.js';

const H = 3_600_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

const person = {name: '张*', cardType: 'resident', idNumberMasked: '110105********002X'};
const supplement = (caseId: string, deadlineH: number): WorkItem => ({caseId, need: 'supplement', itemCode: 'X', since: at(0), deadline: at(deadlineH * H), reason: '缺少材料', applicant: person});
const pickup = (caseId: string, sinceH: number): WorkItem => ({caseId, need: 'pickup', itemCode: 'X', since: at(sinceH * H), deadline: null, applicant: person});
const shipment = (caseId: string, sinceH: number): WorkItem => ({caseId, need: 'shipment', itemCode: 'X', since: at(sinceH * H), deadline: null, applicant: person});

describe('the branch work queue', () => {
	it('puts the soonest due first: a near supplement deadline before an old pickup before a fresh parcel', () => {
		const items = [shipment('C3', 10), pickup('C2', -24 * 6), supplement('C1', 5), supplement('C0', 48)];
		expect(rankWork(items).map((i) => i.caseId)).toEqual(['C1', 'C2', 'C3', 'C0']);
	});

	it('keeps a stable order for items due at the same time (kind, then case id)', () => {
		const a = pickup('B', 0);
		const b = pickup('A', 0);
		const s: WorkItem = {...shipment('Z', 0), since: at(7 * 24 * H - 24 * H)};
		expect(dueAt(s)).toBe(dueAt(a));
		expect(rankWork([s, a, b]).map((i) => i.caseId)).toEqual(['A', 'B', 'Z']);
	});

	it('shows unshipped originals only after the configured time, and counts what is overdue', () => {
		const fresh = shipment('S1', 0);
		expect(isActionable(fresh, new Date(T0 + 23 * H))).toBe(false);
		expect(isActionable(fresh, new Date(T0 + 24 * H))).toBe(true);
		expect(isActionable(fresh, new Date(T0 + 2 * H), {shipWithinMs: H, pickupWithinMs: H})).toBe(true);
		const counts = countWork([fresh, supplement('C1', 1), pickup('P', 0)], new Date(T0 + 25 * H));
		expect(counts).toEqual({supplement: 1, shipment: 1, pickup: 1, follow_up: 0, overdue: 2});
	});

	it('ranks a bad evaluation to follow up (整改) a day after it was given, with the others, and counts it', () => {
		const evaluation = {level: 'dissatisfied' as const, reason: '等候时间太长', evaluatedAt: at(0), followUp: null};
		const followUp: WorkItem = {caseId: 'F', need: 'follow_up', itemCode: 'X', since: at(0), deadline: null, applicant: person, evaluation};
		expect(dueAt(followUp)).toBe(T0 + 24 * H);
		expect(dueAt(followUp, {shipWithinMs: H, pickupWithinMs: H, followUpWithinMs: 2 * H})).toBe(T0 + 2 * H);
		// Due with the parcel received at the same time: the parcel first (the kinds' order), then the follow-up.
		expect(rankWork([followUp, shipment('S', 0), supplement('C', 30)]).map((i) => i.caseId)).toEqual(['S', 'F', 'C']);
		expect(countWork([followUp, pickup('P', 0)], new Date(T0 + 25 * H))).toEqual({supplement: 0, shipment: 0, pickup: 1, follow_up: 1, overdue: 1});
		expect(parseWorkNeeds('follow_up')).toEqual(['follow_up']);
	});

	it('reads a needs filter: a subset, all when empty, null for an unknown need', () => {
		expect(parseWorkNeeds('supplement, pickup')).toEqual(['supplement', 'pickup']);
		expect(parseWorkNeeds('')).toBeUndefined();
		expect(parseWorkNeeds(undefined)).toBeUndefined();
		expect(parseWorkNeeds('pickup,coffee')).toBeNull();
	});
});

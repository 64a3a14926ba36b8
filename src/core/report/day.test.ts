import {describe, expect, it} from 'vitest';
import {dayReportFold, hubDayRows, isReconciled, localDateOf, parseLocalDay, type BranchCase, type LocalCaseView} from './day.js';

const who = {branchCode: '440305001', terminalId: 'T-1'};
const day = parseLocalDay('2026-12-03')!;

function local(caseId: string, over: Partial<LocalCaseView> = {}): LocalCaseView {
	return {caseId, itemCode: '990407000001', handlingNode: '51', status: 'received', receivedAt: '2026-12-03T02:00:00Z', checkedAt: '2026-12-03T02:00:00Z', ...over};
}

function row(caseId: string, over: Partial<BranchCase> = {}): BranchCase {
	return {
		caseId,
		itemCode: '990407000001',
		implementationCode: '5100000000000001',
		terminalId: 'T-1',
		receivingNode: '44',
		handlingNode: '51',
		status: 'received',
		receivedAt: '2026-12-03T02:00:00Z',
		updatedAt: '2026-12-03T02:00:00Z',
		supplements: 0,
		handedOver: false,
		shipmentPending: false,
		evaluation: null,
		...over,
	};
}

describe('the local day (Asia/Shanghai, UTC+8)', () => {
	it('runs from 16:00Z the day before to 16:00Z', () => {
		expect(day).toEqual({date: '2026-12-03', from: '2026-12-03T00:00:00+08:00', to: '2026-12-04T00:00:00+08:00'});
		expect(Date.parse(day.from)).toBe(Date.parse('2026-12-02T16:00:00Z'));
		expect(localDateOf(new Date('2026-12-03T15:59:59.999Z'))).toBe('2026-12-03');
		expect(localDateOf(new Date('2026-12-03T16:00:00Z'))).toBe('2026-12-04');
		expect(localDateOf(new Date('2026-12-02T16:00:00Z'))).toBe('2026-12-03');
	});

	it('counts a case received at 16:00Z in the next day, one at 15:59:59Z in this one', () => {
		const fold = dayReportFold(day, who);
		fold.addLocal(local('A', {receivedAt: '2026-12-03T15:59:59Z'}));
		fold.addLocal(local('B', {receivedAt: '2026-12-03T16:00:00Z'}));
		fold.addLocal(local('C', {receivedAt: '2026-12-02T16:00:00Z'}));
		fold.addLocal(local('D', {receivedAt: '2026-12-02T15:59:59Z'}));
		expect(fold.finish(new Date('2026-12-03T10:00:00Z')).differences.map((d) => d.caseId)).toEqual(['A', 'C']);
	});

	it('takes only real calendar dates, across month and year ends', () => {
		for (const bad of ['2026-02-29', '2026-13-01', '2026-12-3', '20261203', '2026-12-32', '']) expect(parseLocalDay(bad)).toBeNull();
		expect(parseLocalDay('2024-02-29')!.to).toBe('2024-03-01T00:00:00+08:00');
		expect(parseLocalDay('2026-12-31')!.to).toBe('2027-01-01T00:00:00+08:00');
	});
});

describe('the day report', () => {
	it('adds up the day: received by item and handling province, supplements, hand-overs, shipments, outbox, evaluations', () => {
		const fold = dayReportFold(day, who);
		fold.addLocal(local('A'));
		fold.addLocal(local('B', {itemCode: '990120000001', handlingNode: '11'}));
		fold.addLocal(local('C', {handlingNode: '11', returnTrips: {returnRequest: null, originalsDue: true, shipments: [], delivery: null}}));
		// an older case: supplemented, handed over and shipped today; not received today
		fold.addLocal(
			local('OLD', {
				receivedAt: '2026-11-20T02:00:00Z',
				supplementedAt: '2026-12-03T03:00:00Z',
				returnTrips: {
					returnRequest: null,
					originalsDue: false,
					shipments: [
						{carrier: 'ems', waybill: 'EA123456785CN', sentAt: '2026-12-03T04:00:00Z', receivedAt: null},
						{carrier: 'ems', waybill: 'EA000000000CN', sentAt: '2026-11-21T04:00:00Z', receivedAt: null},
					],
					delivery: {method: 'branch', arrivedAt: '2026-12-01T00:00:00Z', handover: {collector: {role: 'applicant', name: '陈*', cardType: 'resident', idNumberMasked: 'x'}, collectedAt: '2026-12-03T05:00:00Z', operatorId: 'op-1001'}},
				},
			}),
		);
		fold.addLocal(local('OLDER', {receivedAt: '2026-11-20T02:00:00Z', supplementedAt: '2026-12-02T03:00:00Z'}));
		fold.addOutbox({phase: 'done', enqueuedAt: '2026-12-01T00:00:00Z'});
		fold.addOutbox({phase: 'failed', enqueuedAt: '2026-12-01T00:00:00Z'});
		fold.addOutbox({phase: 'posting', enqueuedAt: '2026-12-03T08:30:00Z'});
		fold.addOutbox({phase: 'uploading', enqueuedAt: '2026-12-03T07:45:00Z'});
		for (const id of ['A', 'B', 'C']) fold.addHub(row(id, {evaluation: id === 'A' ? 'satisfied' : id === 'B' ? 'very_dissatisfied' : null}));
		fold.addHub(row('X', {terminalId: 'T-2', evaluation: 'satisfied'}));
		const report = fold.finish(new Date('2026-12-03T09:00:00Z'));
		expect(report.received).toEqual({
			total: 3,
			byItem: [
				{key: '990407000001', count: 2},
				{key: '990120000001', count: 1},
			],
			byHandlingNode: [
				{key: '11', count: 2},
				{key: '51', count: 1},
			],
		});
		expect(report).toMatchObject({supplements: 1, handovers: 1, shipmentsSent: 1, shipmentsPending: 1, stale: 0});
		expect(report.outbox).toEqual({pending: 2, failed: 1, oldestEnqueuedAt: '2026-12-03T07:45:00Z', oldestAgeMinutes: 75});
		expect(report.evaluations).toEqual({
			levels: [
				{key: 'satisfied', count: 2},
				{key: 'very_dissatisfied', count: 1},
			],
			none: 1,
		});
		expect(report.hub).toEqual({total: 4, thisTerminal: 3, otherTerminals: 1});
		expect(report.differences).toEqual([]);
		expect(isReconciled(report)).toBe(true);
	});

	it('lists each kind of difference: only here, only on the hub, a status the two disagree on', () => {
		const fold = dayReportFold(day, who);
		fold.addLocal(local('LOCAL-ONLY'));
		fold.addLocal(local('BOTH', {status: 'dispatched', checkedAt: '2026-12-03T06:00:00Z'}));
		fold.addLocal(local('STALE', {status: 'received', checkedAt: '2026-12-03T02:00:00Z'}));
		fold.addHub(row('BOTH', {status: 'in_review', updatedAt: '2026-12-03T05:00:00Z'}));
		fold.addHub(row('STALE', {status: 'accepted', updatedAt: '2026-12-03T04:00:00Z'}));
		fold.addHub(row('HUB-ONLY', {status: 'accepted'}));
		// another terminal's case is counted on the hub's side, never a difference of this terminal
		fold.addHub(row('ELSEWHERE', {terminalId: 'T-2'}));
		const report = fold.finish(new Date('2026-12-03T09:00:00Z'));
		expect(report.differences).toEqual([
			{kind: 'only_local', caseId: 'LOCAL-ONLY', itemCode: '990407000001', local: 'received'},
			{kind: 'only_hub', caseId: 'HUB-ONLY', itemCode: '990407000001', hub: 'accepted'},
			{kind: 'status', caseId: 'BOTH', itemCode: '990407000001', local: 'dispatched', hub: 'in_review'},
		]);
		expect(report.stale).toBe(1);
		expect(isReconciled(report)).toBe(false);
	});

	it('reads every page of the hub list, one at a time, with the day bounds', async () => {
		const asked: Array<{cursor?: string; from: string; to: string; limit?: number}> = [];
		const pages: Record<string, {cases: BranchCase[]; nextCursor: string | null}> = {
			'': {cases: [row('A'), row('B')], nextCursor: 'p2'},
			p2: {cases: [row('C')], nextCursor: null},
		};
		const hub = {
			branchCases: async (req: {branchCode: string; from: string; to: string; cursor?: string; limit?: number}) => {
				asked.push(req);
				return pages[req.cursor ?? '']!;
			},
		};
		const seen: string[] = [];
		for await (const r of hubDayRows(hub, '440305001', day)) {
			seen.push(`${r.caseId}@${asked.length}`);
		}
		expect(seen).toEqual(['A@1', 'B@1', 'C@2']);
		expect(asked.map((a) => [a.cursor, a.from, a.to, a.limit])).toEqual([
			[undefined, day.from, day.to, 500],
			['p2', day.from, day.to, 500],
		]);
	});
});

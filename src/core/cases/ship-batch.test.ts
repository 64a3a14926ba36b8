import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startMockHub, type MockHub} from '../../../mocks/hub/server.js';
import {HubClient} from '../../hub/client.js';
import {s10Waybill} from '../../test-utils/waybills.js';
import {InputError} from '../errors.js';
import {parseSentAt} from './sent-at.js';
import {planShipBatch, type BatchRecord, type ShipBatchRow} from './ship-batch.js';
import {sendShipBatch, type ShipRowOutcome} from './ship-batch-send.js';

/** Records as the CSV reader gives them: the header on line 1, each row on its own line. */
const records = (...lines: string[][]): BatchRecord[] => lines.map((cells, i) => ({line: i + 1, cells}));
const HEADER = ['caseId', 'carrier', 'waybill', 'sentAt'];
const reasonOf = (row: ShipBatchRow) => (row.kind === 'refused' ? row.reason : undefined);

function inputError(fn: () => unknown): InputError {
	try {
		fn();
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('no InputError');
}

describe('planShipBatch: the file', () => {
	it('needs a header naming caseId, carrier and waybill; sentAt optional; any order and case; nothing unknown or twice', () => {
		expect(inputError(() => planShipBatch([])).code).toBe('ship_batch_empty');
		for (const header of [['TB44-1', 'ems', s10Waybill(1)], ['caseId', 'carrier'], ['caseId', 'carrier', 'waybill', 'note'], ['caseId', 'carrier', 'waybill', 'Waybill']]) {
			const error = inputError(() => planShipBatch(records(header)));
			expect(error.code).toBe('ship_batch_header');
			expect(error.params).toMatchObject({header: 'caseId,carrier,waybill[,sentAt]', found: header.join(',')});
		}
		const rows = planShipBatch(records([' WAYBILL', 'caseid', 'Carrier', ''], [s10Waybill(1), 'TB44-1', 'EMS', '']));
		expect(rows).toEqual([{row: 2, caseId: 'TB44-1', kind: 'send', parcel: {carrier: 'ems', waybill: s10Waybill(1), sentAt: undefined, unchecked: false}}]);
	});

	it('echoes a garbage header cut and escaped', () => {
		const error = inputError(() => planShipBatch(records([`\u001b[31m${'x'.repeat(200)}`])));
		expect(String(error.params['found'])).toMatch(/^\\u001b\[31mx+…$/);
		expect(String(error.params['found']).length).toBeLessThan(70);
	});
});

describe('planShipBatch: the rows', () => {
	it('refuses each bad row with its reason and keeps the good ones, in file order', () => {
		const rows = planShipBatch(
			records(
				HEADER,
				['TB44-20261202-0000001', 'ems', 'ea 12345678 5cn', '2026-12-02T16:00:00+08:00'],
				['TB44-20261202-0000002', 'ems', s10Waybill(2, {wrongDigit: true}), ''],
				['TB44-20261202-0000003', 'ups', 'X123', ''],
				['bad id!', 'ems', s10Waybill(4), ''],
				['44030519900101123X', 'ems', s10Waybill(5), ''],
				['', 'ems', s10Waybill(6), ''],
				['TB44-20261202-0000007', 'ems', '', ''],
				['TB44-20261202-0000008', '', s10Waybill(8), ''],
				['TB44-20261202-0000009', 'ems', s10Waybill(9), 'yesterday'],
				['TB44-20261202-0000010', 'ems', s10Waybill(10), '', 'extra'],
				['TB44-20261202-0000011', 'sf', 'sf-998877', ''],
				['TB44-20261202-0000012', 'ems', '12345', ''],
			),
		);
		expect(rows[0]).toEqual({row: 2, caseId: 'TB44-20261202-0000001', kind: 'send', parcel: {carrier: 'ems', waybill: 'EA123456785CN', sentAt: '2026-12-02T08:00:00.000Z', unchecked: false}});
		expect(rows.slice(1, 10).map((r) => [r.row, r.caseId, reasonOf(r)?.code])).toEqual([
			[3, 'TB44-20261202-0000002', 'waybill_check_digit'],
			[4, 'TB44-20261202-0000003', 'ship_unknown_carrier'],
			[5, 'bad id!', 'bad_case_id'],
			// Never shown in full, not even in the refusal.
			[6, '440305********123X', 'ship_id_number'],
			[7, '-', 'ship_missing_cell'],
			[8, 'TB44-20261202-0000007', 'waybill_empty'],
			[9, 'TB44-20261202-0000008', 'ship_missing_cell'],
			[10, 'TB44-20261202-0000009', 'ship_bad_sent_at'],
			[11, 'TB44-20261202-0000010', 'ship_row_cells'],
		]);
		expect(reasonOf(rows[4]!)?.params).toEqual({value: '440305********123X'});
		expect(rows[10]).toMatchObject({kind: 'send', parcel: {carrier: 'sf', waybill: 'SF-998877', unchecked: true}});
		expect(reasonOf(rows[11]!)).toEqual({code: 'waybill_format', params: {waybill: '12345', carrier: 'ems'}});
	});

	it('sends an exact repeat once; repeats that differ, and one waybill under two carriers, are all refused naming each other', () => {
		const w = s10Waybill(20);
		const rows = planShipBatch(
			records(
				HEADER,
				['TB44-1', 'ems', w, '2026-12-02T08:00:00Z'],
				['TB44-1', 'EMS', w.toLowerCase(), '2026-12-02T16:00:00+08:00'],
				['TB44-2', 'ems', w, ''],
				['TB44-3', 'ems', s10Waybill(21), '2026-12-02T08:00:00Z'],
				['TB44-3', 'ems', s10Waybill(21), '2026-12-02T09:00:00Z'],
				['TB44-4', 'sf', s10Waybill(22), ''],
				['TB44-5', 'jd', s10Waybill(22), ''],
				['TB44-3', 'ems', s10Waybill(21), ''],
			),
		);
		expect(rows.map((r) => [r.row, r.kind, r.kind === 'duplicate' ? r.of : reasonOf(r)?.params?.['rows']])).toEqual([
			[2, 'send', undefined],
			[3, 'duplicate', 2],
			// Several cases may travel in one parcel of one carrier.
			[4, 'send', undefined],
			[5, 'refused', '6, 9'],
			[6, 'refused', '5, 9'],
			[7, 'refused', '8'],
			[8, 'refused', '7'],
			[9, 'refused', '5, 6'],
		]);
		expect(rows.filter((r) => r.kind === 'refused').every((r) => reasonOf(r)?.code === 'ship_conflict')).toBe(true);
	});
});

describe('planShipBatch: a parcel repeated many times', () => {
	it('names only the first few other lines in each refusal', () => {
		const repeats = Array.from({length: 9}, (_, i) => ['TB44-1', 'ems', s10Waybill(30), `2026-12-02T08:0${i}:00Z`]);
		const rows = planShipBatch(records(HEADER, ...repeats));
		expect(reasonOf(rows[0]!)?.params).toEqual({rows: '3, 4, 5, 6, 7…'});
		expect(reasonOf(rows[8]!)?.params).toEqual({rows: '2, 3, 4, 5, 6…'});
	});
});

describe('parseSentAt', () => {
	it('takes ISO 8601 with or without an offset (local time; TZ=UTC in the tests), T or a space, to UTC', () => {
		expect(parseSentAt('2026-12-02T16:00:00+08:00')).toBe('2026-12-02T08:00:00.000Z');
		expect(parseSentAt('2026-12-02 08:00')).toBe('2026-12-02T08:00:00.000Z');
		expect(parseSentAt('2026-12-02T08:00:00.123456z')).toBe('2026-12-02T08:00:00.123Z');
	});

	it.each(['2026-12-02', '2026-02-30T08:00:00Z', '2026-12-02T24:00:00Z', '2026-12-02T08:00:00+25:00', 'yesterday', '2026-13-01T00:00Z'])('refuses %j', (text) => {
		expect(parseSentAt(text)).toBeUndefined();
	});
});

describe('sendShipBatch', () => {
	let hub: MockHub;
	let client: HubClient;
	let ids: string[];
	beforeAll(async () => {
		hub = await startMockHub({plan: () => ({outcome: 'returned', delivery: 'branch', originalsRequired: true})});
		ids = hub.state.seedCases(4, 'T-SHIP-BATCH');
		client = new HubClient({baseUrl: hub.url, terminalId: 'T-SHIP-BATCH', token: 'demo-api-token', retries: 0});
	});
	afterAll(async () => {
		await client.close();
		await hub.close();
	});

	const send = async (rows: ShipBatchRow[], sentAt: string, target = client) => {
		const outcomes: ShipRowOutcome[] = [];
		const run = await sendShipBatch(target, rows, {sentAt, operatorId: 'clerk01', onRow: async (o) => void outcomes.push(o)});
		return {run, outcomes: outcomes.map((o) => [o.row, o.status, o.error, o.sent])};
	};

	it('records each parcel once, a repeat as its first row went, a re-run at another time as already recorded; a refusal by the hub fails its row alone', async () => {
		const rows = planShipBatch(
			records(
				HEADER,
				[ids[0]!, 'ems', s10Waybill(100), ''],
				[ids[0]!, 'ems', s10Waybill(100), ''],
				['TB99-NO-SUCH-CASE', 'ems', s10Waybill(101), ''],
				['TB99-NO-SUCH-CASE', 'ems', s10Waybill(101), ''],
				['bad id!', 'ems', s10Waybill(102), ''],
				[ids[1]!, 'sf', 'SF1234567890', '2026-12-02T08:00:00Z'],
			),
		);
		const first = await send(rows, '2026-12-02T09:00:00.000Z');
		expect(first.run).toEqual({});
		expect(first.outcomes).toEqual([
			[2, 'recorded', undefined, true],
			[3, 'already_recorded', undefined, false],
			[4, 'failed', 'hub_case_not_found', true],
			[5, 'failed', 'hub_case_not_found', false],
			[6, 'refused', 'bad_case_id', false],
			[7, 'recorded', undefined, true],
		]);
		// Another day's run of the same file: the key matches, the time does not; still the same parcels.
		const again = await send(rows, '2026-12-03T09:00:00.000Z');
		expect(again.outcomes.filter((o) => o[3]).map((o) => o[1])).toEqual(['already_recorded', 'failed', 'already_recorded']);
		expect(hub.state.cases.get(ids[0]!)!.shipments).toHaveLength(1);
		expect(hub.state.cases.get(ids[1]!)!.shipments).toHaveLength(1);
	});

	it('stops at once when the hub is away: that row failed, the rest not sent, repeats of them too; refusals still reported', async () => {
		const rows = planShipBatch(
			records(HEADER, [ids[2]!, 'ems', s10Waybill(200), ''], [ids[3]!, 'ems', s10Waybill(201), ''], ['bad id!', 'ems', s10Waybill(202), ''], [ids[3]!, 'ems', s10Waybill(201), '']),
		);
		const away = new HubClient({baseUrl: 'http://127.0.0.1:1/api/v1', terminalId: 'T-SHIP-BATCH', token: 'demo-api-token', retries: 0});
		try {
			const {run, outcomes} = await send(rows, '2026-12-02T09:00:00.000Z', away);
			expect(run.stopped).toMatchObject({row: 2, error: {code: 'hub_unreachable'}});
			expect(outcomes).toEqual([
				[2, 'failed', 'hub_unreachable', true],
				[3, 'failed', 'ship_not_sent', false],
				[4, 'refused', 'bad_case_id', false],
				[5, 'failed', 'ship_not_sent', false],
			]);
		} finally {
			await away.close();
		}
		expect(hub.state.cases.get(ids[2]!)!.shipments).toEqual([]);
	});
});

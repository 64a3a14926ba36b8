/**
 * The case index is written by several processes (console, `cases show`, `cases outbox --drain`,
 * `cases reindex`): every write takes the lock and rereads, so none is lost; a damaged file is set
 * aside and rebuilt from the outbox (the record of what was sent), never read as empty.
 */
import {execFile} from 'node:child_process';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {beforeEach, describe, expect, it} from 'vitest';
import type {CaseRecord} from '../core/cases/model.js';
import type {OutboxEntry} from '../core/cases/outbox-machine.js';
import {newEntry} from '../core/cases/outbox-machine.js';
import {demoDraft} from '../../mocks/hub/demo-cases.js';
import {openCasesIndex} from './cases-index.js';
import {openOutboxStore} from './outbox.js';
import {DataFileQuarantinedError, openNotices} from './quarantine.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
const tempDir = tempDirs('tongban-index-');
let dir: string;
beforeEach(() => {
	dir = tempDir();
});

const now = new Date('2026-12-01T02:00:00Z');

function record(caseId: string): CaseRecord {
	return {caseId, status: 'accepted', receivingNode: '44', handlingNode: '51', receivedAt: now.toISOString(), itemCode: '990120000001', implementationCode: '12440000TB000006942990120000001', terminalId: 'T-1', updatedAt: now.toISOString(), history: [{status: 'received', node: '44', at: now.toISOString()}]};
}

function delivered(key: string, caseId: string): OutboxEntry {
	const entry = newEntry(key, {...demoDraft(), materials: []}, [], now);
	return {...entry, phase: 'done', receipt: {caseId, status: 'received', receivingNode: '44', handlingNode: '44', receivedAt: now.toISOString()}};
}

describe('the case index', () => {
	it('loses no write when four processes write it at once (lock, reread, write)', async () => {
		// Each child writes 25 cases of its own through the built store, as `cases show` would.
		const script = `
			const {openCasesIndex} = await import(${JSON.stringify(join(root, 'dist/src/store/cases-index.js'))});
			const [dir, who] = process.argv.slice(1);
			const index = await openCasesIndex(dir, {lockWaitMs: 20000});
			const t = new Date('2026-12-01T02:00:00Z').toISOString();
			for (let i = 0; i < 25; i++) {
				const caseId = 'TB' + who + '-' + String(i).padStart(4, '0');
				await index.recordFromHub({caseId, status: 'received', receivingNode: '44', handlingNode: '51', receivedAt: t, itemCode: 'I', implementationCode: 'P', terminalId: 'T', updatedAt: t, history: []}, new Date());
			}`;
		await Promise.all(['A', 'B', 'C', 'D'].map((who) => run(process.execPath, ['--input-type=module', '-e', script, dir, who])));
		const index = await openCasesIndex(dir);
		expect(index.list()).toHaveLength(100);
	});

	it.each([
		['{"cases":"none"}', 'shape'],
		['{"version":1,"cases":[]}', 'shape'],
		['null', 'shape'],
		['{"version":1,"cas', 'syntax'],
		['', 'empty'],
		// A row's return trips with a delivery tracking could not draw: damaged, not drawn half.
		[JSON.stringify({version: 1, cases: {X: {...record('X'), idempotencyKey: 'k', applicantMasked: '陈**', checkedAt: now.toISOString(), returnTrips: {returnRequest: null, originalsDue: false, shipments: [], delivery: {method: 'drone'}}}}}), 'shape'],
	])('%s is set aside and rebuilt from the outbox (exit 5 once, then the rebuilt index opens)', async (text, kind) => {
		const store = await openOutboxStore(dir);
		await store.put(delivered('key-1', 'TB44-0000001'));
		await store.put(delivered('key-2', 'TB44-0000002'));
		writeFileSync(join(dir, 'cases.json'), text);
		const error = await openCasesIndex(dir).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DataFileQuarantinedError);
		expect((error as DataFileQuarantinedError).exitCode).toBe(5);
		expect((error as DataFileQuarantinedError).notice.reason.kind).toBe(kind);
		const [notice] = await openNotices(dir);
		expect(notice?.original).toBe('cases.json');
		expect(readFileSync(join(dir, notice!.moved[0]!), 'utf8')).toBe(text);
		const index = await openCasesIndex(dir);
		expect(index.list().map((c) => [c.caseId, c.idempotencyKey, c.applicantMasked]).sort()).toEqual([
			['TB44-0000001', 'key-1', '陈**'],
			['TB44-0000002', 'key-2', '陈**'],
		]);
	});

	it('damaged under a running writer: set aside at the next write, rebuilt, the write kept, the writer told', async () => {
		const notices: string[] = [];
		const index = await openCasesIndex(dir, {onQuarantined: (n) => notices.push(n.original)});
		await index.recordFromHub(record('TB44-1'), now);
		writeFileSync(join(dir, 'cases.json'), '{"version":1,"cases":{"x":{"caseId":5}}}');
		await index.recordFromHub(record('TB44-2'), now);
		expect(notices).toEqual(['cases.json']);
		expect((await openCasesIndex(dir)).get('TB44-2')?.status).toBe('accepted');
		expect(existsSync(join(dir, 'cases.json'))).toBe(true);
	});

	it('keeps the return trips the hub told (masked as the hub has them), and drops them when the hub has none', async () => {
		const index = await openCasesIndex(dir);
		const collector = {role: 'agent' as const, name: '李*华', cardType: 'resident', idNumberMasked: '110101********001X', powerOfAttorney: 'a'.repeat(64)};
		await index.recordFromHub(
			{
				...record('TB44-0000009'),
				originalsRequired: true,
				shipments: [{shipmentId: 'S1', carrier: 'ems', waybill: 'EA123456785CN', sentAt: now.toISOString(), receivedAt: null, operatorId: 'clerk01'}],
				delivery: {method: 'branch', arrivedAt: now.toISOString(), handover: {collector, collectedAt: now.toISOString(), operatorId: 'clerk01'}},
			},
			now,
		);
		const again = await openCasesIndex(dir);
		expect(again.get('TB44-0000009')?.returnTrips).toEqual({
			returnRequest: null,
			originalsDue: false,
			shipments: [{carrier: 'ems', waybill: 'EA123456785CN', sentAt: now.toISOString(), receivedAt: null}],
			delivery: {method: 'branch', arrivedAt: now.toISOString(), handover: {collector, collectedAt: now.toISOString(), operatorId: 'clerk01'}},
		});
		await again.recordFromHub(record('TB44-0000009'), now);
		expect((await openCasesIndex(dir)).get('TB44-0000009')).not.toHaveProperty('returnTrips');
	});

	it('keeps an applicant fingerprint, never the number, and finds the open cases of an applicant and item', async () => {
		const index = await openCasesIndex(dir);
		await index.recordSubmitted(delivered('key-1', 'TB44-0000001'), now);
		const applicant = {cardType: 'resident', idNumber: '44030519900101123X'};
		expect(index.openCasesFor(applicant, '990120000001').map((c) => c.caseId)).toEqual(['TB44-0000001']);
		expect(index.openCasesFor(applicant, '990120000002')).toEqual([]);
		expect(index.openCasesFor({cardType: 'resident', idNumber: '110105198503152348'}, '990120000001')).toEqual([]);
		// Completed on the hub: no longer open.
		await index.recordFromHub({...record('TB44-0000001'), status: 'completed'}, now);
		expect(index.openCasesFor(applicant, '990120000001')).toEqual([]);
		const text = readFileSync(join(dir, 'cases.json'), 'utf8');
		expect(text).toContain(index.fingerprint(applicant));
		expect(text).not.toMatch(/44030519900101123X|陈晓明/);
	});

	it('loads rows from before fingerprints and gives them one from the outbox (null when none is left)', async () => {
		const store = await openOutboxStore(dir);
		await store.put(delivered('key-1', 'TB44-0000001'));
		const purged = delivered('key-2', 'TB44-0000002');
		await store.put({...purged, submission: {...purged.submission, applicant: {idNumber: '', name: '', cardType: 'resident'}}, purgedAt: now.toISOString()});
		const old = (caseId: string, key: string) => ({...record(caseId), idempotencyKey: key, applicantMasked: '陈**', checkedAt: now.toISOString()});
		const cases = {'TB44-0000001': old('TB44-0000001', 'key-1'), 'TB44-0000002': old('TB44-0000002', 'key-2'), 'TB51-0000003': old('TB51-0000003', '')};
		writeFileSync(join(dir, 'cases.json'), JSON.stringify({version: 1, cases}));
		const index = await openCasesIndex(dir);
		expect(index.list()).toHaveLength(3);
		expect(index.get('TB44-0000001')?.applicantFingerprint).toBe(index.fingerprint({cardType: 'resident', idNumber: '44030519900101123X'}));
		expect(index.get('TB44-0000002')?.applicantFingerprint).toBeNull();
		expect(index.get('TB51-0000003')?.applicantFingerprint).toBeNull();
		expect(index.openCasesFor({cardType: 'resident', idNumber: '44030519900101123X'}, '990120000001').map((c) => c.caseId)).toEqual(['TB44-0000001']);
	});
});

describe('the case index and 好差评', () => {
	it('keeps the evaluation the hub told, its level, time and follow-up, never the citizen’s words', async () => {
		const index = await openCasesIndex(dir);
		const evaluation = {level: 'very_dissatisfied' as const, reason: '跑了三趟还没办好', evaluatedAt: now.toISOString(), followUp: null};
		const kept = await index.recordFromHub({...record('TB44-0000031'), status: 'completed', evaluation}, now);
		expect(kept.evaluation).toEqual({level: 'very_dissatisfied', evaluatedAt: now.toISOString(), followUp: null});
		const followUp = {note: '已回访致歉', operatorId: 'op-9002', at: now.toISOString()};
		await index.recordFromHub({...record('TB44-0000031'), status: 'completed', evaluation: {...evaluation, followUp}}, now);
		await index.close();
		const file = readFileSync(join(dir, 'cases.json'), 'utf8');
		expect(file).not.toContain('跑了三趟');
		const again = await openCasesIndex(dir);
		expect(again.get('TB44-0000031')?.evaluation).toEqual({level: 'very_dissatisfied', evaluatedAt: now.toISOString(), followUp});
		// A hub from before the evaluation: nothing to keep.
		expect((await again.recordFromHub(record('TB44-0000032'), now)).evaluation).toBeUndefined();
		await again.close();
	});
});

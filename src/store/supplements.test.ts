/**
 * What the stores do with supplement (补正) entries: the case index marks the case (never a second
 * case), rebuilt from the outbox the same way; retention goes by the case (asked by case id) and
 * never purges a supplement younger than the retention itself; supplement receipts sit beside
 * the first receipt, one per supplement.
 */
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import type {CaseRecord} from '../core/cases/model.js';
import {newEntry, type OutboxEntry} from '../core/cases/outbox-machine.js';
import {buildSupplementReceipt} from '../core/cases/receipt.js';
import {demoDraft} from '../../mocks/hub/demo-cases.js';
import {casesFromOutbox, indexedFromHub, openCasesIndex} from './cases-index.js';
import {openOutboxStore} from './outbox.js';
import {ReceiptStore} from './receipts.js';
import {runPurge, type CaseAcceptancePort} from './retention.js';
import {tempDirs} from '../test-utils/temp-dirs.js';
import {demoSupplementReceipt} from '../test-utils/receipts.js';

const tempDir = tempDirs('tongban-supp-');
let dir: string;
beforeEach(() => {
	dir = tempDir();
});

const day = 86_400_000;
const t0 = new Date('2026-10-01T02:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * day);

function caseEntry(key: string, caseId: string): OutboxEntry {
	const entry = newEntry(key, {...demoDraft(), materials: []}, [], t0);
	return {...entry, phase: 'done', receipt: {caseId, status: 'received', receivingNode: '44', handlingNode: '51', receivedAt: t0.toISOString()}, deliveredAt: t0.toISOString()};
}

function supplementEntry(key: string, caseId: string, deliveredAt: Date): OutboxEntry {
	const entry = newEntry(key, {...demoDraft(), materials: [{code: 'M03', sha256: 'a'.repeat(64), pages: 1, originalVerified: false}]}, [{sha256: 'a'.repeat(64), contentType: 'image/jpeg'}], t0, {supplementFor: caseId});
	return {...entry, phase: 'done', blobsConfirmed: ['a'.repeat(64)], receipt: {caseId, status: 'in_review', receivingNode: '44', handlingNode: '51', receivedAt: t0.toISOString()}, deliveredAt: deliveredAt.toISOString(), updatedAt: deliveredAt.toISOString()};
}

function record(caseId: string, status: CaseRecord['status']): CaseRecord {
	return {caseId, status, receivingNode: '44', handlingNode: '51', receivedAt: t0.toISOString(), itemCode: '990120000001', implementationCode: '12440000TB000006942990120000001', terminalId: 'T-1', updatedAt: at(1).toISOString(), history: [{status: 'accepted', node: '51', at: t0.toISOString()}]};
}

describe('supplements in the case index', () => {
	it('marks the case when the supplement is delivered; a status poll keeps the mark; no second case', async () => {
		const index = await openCasesIndex(dir);
		await index.recordSubmitted(caseEntry('case-key-0001', 'TB44-1'), t0);
		await index.recordSubmitted(supplementEntry('supp-key-0001', 'TB44-1', at(3)), at(3));
		expect(index.list().map((c) => c.caseId)).toEqual(['TB44-1']);
		expect(index.get('TB44-1')).toMatchObject({idempotencyKey: 'case-key-0001', supplementedAt: at(3).toISOString()});
		await index.recordFromHub(record('TB44-1', 'in_review'), at(4));
		expect(index.get('TB44-1')).toMatchObject({status: 'in_review', supplementedAt: at(3).toISOString()});
		// An older supplement recorded late never moves the mark back.
		await index.recordSubmitted(supplementEntry('supp-key-0000', 'TB44-1', at(2)), at(5));
		expect(index.get('TB44-1')?.supplementedAt).toBe(at(3).toISOString());
		// A case this index never held: filed once, under no key (the supplement's key is not the case's).
		await index.recordSubmitted(supplementEntry('supp-key-0002', 'TB44-2', at(3)), at(3));
		expect(index.get('TB44-2')).toMatchObject({idempotencyKey: '', supplementedAt: at(3).toISOString(), applicantMasked: '陈**'});
		expect(indexedFromHub(record('TB44-2', 'approved'), index.get('TB44-2'), at(6)).supplementedAt).toBe(at(3).toISOString());
	});

	it('rebuilt from the outbox: cases from their entries, supplements as marks', async () => {
		const store = await openOutboxStore(dir);
		await store.put(supplementEntry('supp-key-0001', 'TB44-1', at(3)));
		await store.put(caseEntry('case-key-0001', 'TB44-1'));
		const cases = await casesFromOutbox(dir, at(4));
		expect(Object.keys(cases)).toEqual(['TB44-1']);
		expect(cases['TB44-1']).toMatchObject({idempotencyKey: 'case-key-0001', status: 'received', supplementedAt: at(3).toISOString()});
	});
});

describe('supplements under retention', () => {
	/** The index's answer: the case accepted at t0 (asked by case id, as casesIndexAcceptance answers). */
	const acceptance = (asked: string[][]): CaseAcceptancePort => ({
		acceptedAt: async (ids) => {
			asked.push([...ids]);
			return new Map(ids.filter((id) => id === 'TB44-1' || id === 'case-key-0001').map((id) => [id, t0]));
		},
	});

	it('purges a supplement entry with its case, by the case, never before it is itself past retention', async () => {
		const store = await openOutboxStore(dir);
		await store.put(caseEntry('case-key-0001', 'TB44-1'));
		await store.put(supplementEntry('supp-key-0001', 'TB44-1', at(20)));
		const asked: string[][] = [];
		// 35 days after acceptance, 15 after the supplement: the case goes, the supplement stays.
		const early = await runPurge({dataDir: dir, retentionDays: 30, acceptance: acceptance(asked), dryRun: true, clock: {now: () => at(35)}});
		expect(early.copies['outboxEntries']).toBe(1);
		expect(asked[0]!.sort()).toEqual(['TB44-1', 'case-key-0001']);
		// 51 days: both.
		const late = await runPurge({dataDir: dir, retentionDays: 30, acceptance: acceptance([]), dryRun: false, audit: {record: async () => ({}) as never}, clock: {now: () => at(51)}});
		expect(late.copies['outboxEntries']).toBe(2);
		const purged = (await (await openOutboxStore(dir)).list()).find((e) => e.id === 'supp-key-0001')!;
		expect(purged).toMatchObject({purgedAt: at(51).toISOString(), supplementFor: 'TB44-1', submission: {applicant: {idNumber: '', name: ''}}});
	});
});

describe('supplement receipts', () => {
	it('are saved beside the first receipt, one per supplement; the latest is found', async () => {
		const receipts = await ReceiptStore.open(dir);
		const older = demoSupplementReceipt({supplementKey: 'supp-key-older-0001', supplementedAt: '2026-11-01T02:00:00.000Z'});
		const newer = demoSupplementReceipt();
		const path = await receipts.saveSupplement(newer, 'zh-CN');
		await receipts.saveSupplement(older, 'zh-CN');
		expect(path).toBe(join(dir, 'receipts', `${newer.caseId}.supplement-${newer.supplementKey}.txt`));
		expect(readFileSync(path, 'utf8')).toContain('跨省通办补正回执');
		expect(await receipts.get(newer.caseId)).toBeUndefined();
		expect(await receipts.getSupplement(newer.caseId, older.supplementKey)).toEqual(older);
		expect((await receipts.latestSupplement(newer.caseId))?.supplementKey).toBe(newer.supplementKey);
		expect(await receipts.latestSupplement('TB44-20261127-0000009')).toBeUndefined();
		expect(() => receipts.supplementTextPath(newer.caseId, '../x')).toThrow(RangeError);
		expect(existsSync(join(dir, 'receipts', `${newer.caseId}.txt`))).toBe(false);
	});

	it('are built from the delivered entry: names from the return, else the catalog; masked applicant', () => {
		const entry = supplementEntry('supp-key-0001', 'TB44-1', at(3));
		const doc = buildSupplementReceipt(
			{...entry, submission: {...entry.submission, materials: [...entry.submission.materials, {code: 'M09', sha256: 'b'.repeat(64), pages: 1, originalVerified: false}]}},
			{reason: '材料不清晰', materials: [{code: 'M03', name: '户口簿'}], returnedAt: t0.toISOString(), deadline: at(15).toISOString()},
			{item: undefined, implementation: undefined, provinceName: (node) => (node === '51' ? '四川省' : node), operatorId: 'op-1001', branchName: '演示网点', terminalId: 'T-1'},
		);
		expect(doc).toMatchObject({kind: 'supplement', caseId: 'TB44-1', supplementKey: 'supp-key-0001', reason: '材料不清晰', handlingProvince: '四川省', applicantName: '陈**', applicantNumber: '440305********123X', supplementedAt: at(3).toISOString()});
		expect(doc.materials.map((m) => `${m.code} ${m.name}`)).toEqual(['M03 户口簿', 'M09 M09']);
		expect(() => buildSupplementReceipt(caseEntry('case-key-0001', 'TB44-1'), null, {item: undefined, implementation: undefined, provinceName: String, operatorId: '', branchName: '', terminalId: ''})).toThrow(RangeError);
	});
});

/**
 * Submitting drafts against the real mock hub on loopback: the receipt when the hub answers, the
 * outbox keeping the case when it does not (and the receipt following as an event), one case per
 * draft however often it is submitted, nothing sent for a draft that is not ready, and the print
 * command's failures as clear errors.
 */
import {createHash} from 'node:crypto';
import {readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {parseFaultSpec} from '../../mocks/hub/faults.js';
import {startMockHub, type MockHub} from '../../mocks/hub/server.js';
import {openCatalog} from './catalog.js';
import {createDraftSubmitter} from './submission.js';
import type {CatalogService} from '../core/ports/catalog.js';
import {systemClock} from '../core/ports/clock.js';
import {HubClient} from '../hub/client.js';
import {DraftStore} from '../store/drafts.js';
import {openOutbox} from '../store/outbox.js';
import {ReceiptStore} from '../store/receipts.js';
import type {SubmissionEvent} from '../ui/services.js';
import {errorText} from '../i18n/errors.js';
import {tempDirs} from '../test-utils/temp-dirs.js';
import {DEMO_CASE_ON_RECEIPT} from '../test-utils/receipts.js';

const IMPLEMENTATION = '12510107TB000010724990120000004';
const CITIZEN = {idNumber: '51010719560920113X', masked: '510107********113X', name: '欧阳建国', cardType: 'resident'};
const JPEG = new Uint8Array([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9]);
const SHA = createHash('sha256').update(JPEG).digest('hex');

const tempDir = tempDirs('tongban-submit-');
let dir: string;
let hub: MockHub;
let catalog: CatalogService;
const closers: Array<() => Promise<unknown> | unknown> = [];

beforeEach(async () => {
	dir = tempDir();
	hub = await startMockHub({seed: 3});
	catalog ??= await openCatalog({dataDir: dir, catalogDir: ''});
});
afterEach(async () => {
	for (const close of closers.splice(0).reverse()) await close();
	await hub.close();
});

async function setup(options: {printCommand?: string; waitMs?: number} = {}) {
	const client = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', token: 'demo-api-token', timeoutMs: 1_000, retries: 0});
	const outbox = await openOutbox({dataDir: dir, hub: client, clock: systemClock});
	const drafts = new DraftStore({dataDir: dir, clock: systemClock});
	const receipts = new ReceiptStore(dir);
	const submitter = createDraftSubmitter({
		drafts,
		outbox,
		receipts,
		catalog: () => catalog,
		clock: systemClock,
		settings: {terminalId: 'T-DEMO-0001', branchCode: '440305001', branchName: '演示网点', receiptPrintCommand: options.printCommand ?? ''},
		provinceName: (node) => ({'44': '广东省', '51': '四川省'})[node] ?? node,
		lang: () => 'zh-CN',
		waitMs: options.waitMs ?? 5_000,
	});
	closers.push(() => client.close(), () => outbox.stop(), () => submitter.close());
	return {drafts, outbox, receipts, submitter};
}

async function readyDraft(drafts: DraftStore) {
	const draft = await drafts.create({itemCode: '990120000004', implementationCode: IMPLEMENTATION, operatorId: 'op-1001', applicant: CITIZEN, eligibility: {result: 'eligible', ruleVersion: '2026.11.1'}, step: 'review'});
	await drafts.saveCapture(draft.draftId, 'M01', JPEG, SHA);
	await drafts.setOriginalVerified(draft.draftId, 'M01', true);
	return draft;
}

describe('submitting a draft', () => {
	it('gets the receipt, saves it (0600, masked), marks the draft, and a second submit is the same case', async () => {
		const {drafts, submitter, receipts} = await setup();
		const draft = await readyDraft(drafts);
		const outcome = await submitter.submit(draft.draftId, 'op-1001');
		expect(outcome.status).toBe('submitted');
		if (outcome.status !== 'submitted') return;
		const {receipt, file} = outcome;
		expect(receipt).toMatchObject({...DEMO_CASE_ON_RECEIPT, materials: [{code: 'M01', name: '居民身份证', originalVerified: true}]});
		const text = await readFile(file, 'utf8');
		expect(text).toContain(receipt.caseId);
		expect(text).toContain('四川省（节点 51）');
		expect(text).not.toMatch(/51010719560920113X|欧阳建国/);
		expect((await stat(file)).mode & 0o777).toBe(0o600);
		expect((await drafts.get(draft.draftId))?.submitted).toMatchObject({caseId: receipt.caseId, idempotencyKey: draft.draftId});
		expect(await receipts.get(receipt.caseId)).toEqual(receipt);

		const again = await submitter.submit(draft.draftId, 'op-1001');
		expect(again).toMatchObject({status: 'submitted', receipt: {caseId: receipt.caseId}});
		const cases = [...hub.state.cases.values()];
		expect(cases).toHaveLength(1);
		expect(cases[0]).toMatchObject({idempotencyKey: draft.draftId});
		// The hub got the full applicant (the one place it must go) and the material by hash.
		expect(JSON.stringify(cases[0])).toContain('51010719560920113X');
	});

	it('keeps the case in the outbox when the hub refuses to answer, and the receipt follows once it does', async () => {
		const {drafts, submitter, outbox} = await setup({waitMs: 2_000});
		hub.faults.load(parseFaultSpec('cases.create:503=1,retryAfter=1').rules);
		const draft = await readyDraft(drafts);
		const events: SubmissionEvent[] = [];
		submitter.subscribe((event) => events.push(event));
		const outcome = await submitter.submit(draft.draftId, 'op-1001');
		expect(outcome.status).toBe('queued');
		expect(hub.state.cases.size).toBe(0);
		expect((await drafts.get(draft.draftId))?.submitted).toMatchObject({idempotencyKey: draft.draftId});
		expect((await drafts.get(draft.draftId))?.submitted?.caseId).toBeUndefined();
		// Submitting again while queued is the same entry, not a second case.
		expect((await submitter.submit(draft.draftId, 'op-1001')).status).toBe('queued');
		expect((await outbox.all()).filter((e) => e.idempotencyKey === draft.draftId)).toHaveLength(1);

		hub.faults.clear();
		await outbox.drain({now: true});
		await vi.waitFor(() => expect(events).toHaveLength(1), {timeout: 5_000});
		const caseId = [...hub.state.cases.values()][0]!.caseId;
		expect(events[0]).toMatchObject({draftId: draft.draftId, receipt: {caseId}});
		expect(await readFile(events[0]!.file, 'utf8')).toContain(caseId);
		expect((await drafts.get(draft.draftId))?.submitted?.caseId).toBe(caseId);
	});

	it('sends nothing for a draft that is not ready, and says why', async () => {
		const {drafts, submitter, outbox} = await setup();
		const draft = await drafts.create({itemCode: '990120000004', implementationCode: IMPLEMENTATION, applicant: {idNumber: CITIZEN.idNumber, masked: CITIZEN.masked}, eligibility: {result: 'eligible', ruleVersion: '2026.11.1'}});
		const outcome = await submitter.submit(draft.draftId, 'op-1001');
		expect(outcome).toEqual({status: 'not_ready', problems: [{code: 'no_name'}, {code: 'missing_material', material: 'M01', name: '居民身份证'}]});
		expect(await outbox.all()).toEqual([]);
		expect((await drafts.get(draft.draftId))?.submitted).toBeUndefined();
	});

	it('says a draft that is gone is gone (not "not ready"), and sends nothing', async () => {
		const {submitter, outbox} = await setup();
		const gone = await submitter.submit('3f0c2a1e-0000-4000-8000-000000000000', 'op-1001').catch((e: unknown) => e);
		expect(gone).toMatchObject({code: 'draft_missing'});
		expect(errorText(gone, 'en')).toContain('does not exist');
		expect(await outbox.all()).toEqual([]);
	});

	it('refuses a capture changed on disk since it was kept', async () => {
		const {drafts, submitter, outbox} = await setup();
		const draft = await readyDraft(drafts);
		const {writeFile} = await import('node:fs/promises');
		await writeFile(drafts.capturePath(draft.draftId, SHA), new Uint8Array([0xff, 0xd8, 9, 0xff, 0xd9]));
		await expect(submitter.submit(draft.draftId, 'op-1001')).rejects.toMatchObject({code: 'capture_hash_mismatch'});
		expect(await outbox.all()).toEqual([]);
	});

	it('prints through the configured command, and names the command when it fails', async () => {
		const printed = join(dir, 'printed.txt');
		const ok = await setup({printCommand: `tee ${printed}`});
		const draft = await readyDraft(ok.drafts);
		const outcome = await ok.submitter.submit(draft.draftId, 'op-1001');
		if (outcome.status !== 'submitted') throw new Error(outcome.status);
		await ok.submitter.print!(outcome.receipt.caseId);
		expect(await readFile(printed, 'utf8')).toBe(await readFile(outcome.file, 'utf8'));

		const broken = await setup({printCommand: 'tongban-no-such-printer -d x'});
		const missing = await broken.submitter.print!(outcome.receipt.caseId).catch((e: unknown) => e);
		expect(missing).toMatchObject({code: 'print_command_missing'});
		expect(errorText(missing, 'zh-CN')).toContain('tongban-no-such-printer');
		const failing = await setup({printCommand: 'false'});
		const failed = await failing.submitter.print!(outcome.receipt.caseId).catch((e: unknown) => e);
		expect(failed).toMatchObject({code: 'print_failed'});
		expect(errorText(failed, 'en')).toBe('printing failed: false exited with status 1');
		const none = await setup();
		expect(none.submitter.print).toBeUndefined();
	});
});

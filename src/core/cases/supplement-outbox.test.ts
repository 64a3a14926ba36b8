/**
 * Supplements (补正) through the outbox, against an in-memory hub that keeps supplement keys per
 * case the way docs/hub-api.yaml says (a replay of a key with the same body answers with the
 * case, even after it moved on; another body is 409 idempotency_conflict; a case not returned is
 * 409 invalid_state; a material whose bytes it lacks is 422 blob_missing). Stores are in memory:
 * the durability of the files is src/store/outbox.test.ts's.
 */
import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {HubError, HubRejectedError} from '../errors.js';
import type {BlobStore, OutboxStore} from '../ports/outbox.js';
import type {HubApi} from '../ports/hub.js';
import {auditOutbox} from './audit.js';
import type {CaseRecord, CaseStatus, MaterialRef} from './model.js';
import {createOutbox, type CaseDraft, type MaterialInput} from './outbox.js';
import type {OutboxEntry} from './outbox-machine.js';
import type {AuditInput} from '../audit/model.js';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function memoryStores(): {store: OutboxStore; blobs: BlobStore; entries: Map<string, OutboxEntry>} {
	const entries = new Map<string, OutboxEntry>();
	const bytes = new Map<string, Uint8Array>();
	return {
		entries,
		store: {
			list: async () => [...entries.values()].map((e) => structuredClone(e)),
			recent: async () => [...entries.values()].map((e) => structuredClone(e)),
			pending: async () => [...entries.values()].filter((e) => e.phase !== 'done').map((e) => structuredClone(e)),
			get: async (id) => (entries.has(id) ? structuredClone(entries.get(id)) : undefined),
			caseEntry: async (caseId) => [...entries.values()].find((e) => e.supplementFor === undefined && e.receipt?.caseId === caseId),
			put: async (e) => void entries.set(e.id, structuredClone(e)),
		},
		blobs: {
			save: async (b) => {
				bytes.set(sha(b), b);
				return sha(b);
			},
			read: async (s) => bytes.get(s)!,
			remove: async (s) => void bytes.delete(s),
		},
	};
}

type Fault = 'lose_answer' | 'refuse_connection' | 'forget_blob';

/** The supplement part of the hub, with faults queued per call. */
function fakeHub(status: CaseStatus = 'returned') {
	const blobs = new Set<string>();
	const keys = new Map<string, string>();
	const supplements: MaterialRef[][] = [];
	const faults: Fault[] = [];
	let current = status;
	const calls: string[] = [];
	const record = (caseId: string): CaseRecord => ({
		caseId,
		status: current,
		receivingNode: '44',
		handlingNode: '51',
		receivedAt: '2025-06-01T01:00:00.000Z',
		itemCode: '990120000001',
		implementationCode: '12440000TB000006942990120000001',
		terminalId: 'T-DEMO-0001',
		updatedAt: '2025-06-05T01:00:00.000Z',
		history: [],
	});
	const hub: Partial<HubApi> = {
		hasBlob: async (s) => {
			calls.push('HEAD');
			return blobs.has(s);
		},
		putBlob: async (s) => {
			calls.push('PUT');
			blobs.add(s);
			return 'created';
		},
		addSupplement: async (caseId, key, materials) => {
			calls.push(`POST ${key}`);
			const fault = faults.shift();
			if (fault === 'refuse_connection') throw new HubError('hub_unreachable', {}, {retryable: true, outcomeUnknown: false});
			if (fault === 'forget_blob') blobs.clear();
			const body = JSON.stringify(materials);
			const seen = keys.get(key);
			if (seen !== undefined) {
				if (seen !== body) throw new HubRejectedError(409, 'idempotency_conflict', {});
				return record(caseId);
			}
			if (current !== 'returned') throw new HubRejectedError(409, 'invalid_state', {});
			const missing = materials.find((m) => !blobs.has(m.sha256));
			if (missing) throw new HubRejectedError(422, 'blob_missing', {}, {sha256: missing.sha256});
			keys.set(key, body);
			supplements.push(materials);
			current = 'in_review';
			// The work is done; the answer never arrives.
			if (fault === 'lose_answer') throw new HubError('hub_connection_lost', {}, {retryable: true, outcomeUnknown: true});
			return record(caseId);
		},
		findCaseByIdempotencyKey: async () => {
			throw new Error('a supplement never resolves by GET /cases?idempotencyKey=');
		},
	};
	return {
		hub: hub as HubApi,
		supplements,
		faults,
		calls,
		/** The key was used before (by another terminal, for other materials). */
		usedKey: (key: string) => void keys.set(key, '[]'),
	};
}

let now = Date.parse('2025-06-05T02:00:00.000Z');
const clock = {now: () => new Date(now)};

function setup(status?: CaseStatus) {
	const stores = memoryStores();
	const fake = fakeHub(status);
	const outbox = createOutbox({store: stores.store, blobs: stores.blobs, hub: fake.hub, clock, random: () => 0, backoff: {baseMs: 10, maxMs: 10}, sleep: async (ms) => void (now += ms)});
	return {...stores, ...fake, outbox};
}

const context: CaseDraft = {
	itemCode: '990120000001',
	implementationCode: '12440000TB000006942990120000001',
	receivingNode: '44',
	applicant: {idNumber: '44030519900101123X', name: '陈晓明', cardType: 'resident'},
	answers: {},
	eligibility: {result: 'eligible', ruleVersion: 'demo-1'},
	operatorId: 'op-1001',
	terminalId: 'T-DEMO-0001',
	createdAt: '2025-06-05T01:00:00.000Z',
};
const page = (text: string, code = 'M03'): MaterialInput => ({code, bytes: new TextEncoder().encode(`\xff\xd8\xff${text}`), contentType: 'image/jpeg', pages: 1, originalVerified: false});

describe('supplements through the outbox', () => {
	it('uploads the bytes first, then posts under the key; the hub takes one supplement', async () => {
		const {outbox, supplements, calls} = setup();
		const seen: string[] = [];
		outbox.on('submitted', () => seen.push('submitted'));
		outbox.on('supplemented', (entry, receipt) => seen.push(`supplemented ${entry.supplementFor} ${receipt.status}`));
		const entry = await outbox.enqueueSupplement('TB44-1', context, [page('a')], {idempotencyKey: 'supp-key-0001'});
		expect(entry).toMatchObject({supplementFor: 'TB44-1', phase: 'uploading', submission: {itemCode: '990120000001', materials: [{code: 'M03'}]}});
		const summary = await outbox.drain();
		expect(summary).toEqual({submitted: 1, failed: 0, waiting: 0});
		expect(calls).toEqual(['HEAD', 'PUT', 'POST supp-key-0001']);
		expect(supplements).toHaveLength(1);
		// Listeners that file cases never take a supplement for a second case.
		expect(seen).toEqual(['supplemented TB44-1 in_review']);
		const [done] = await outbox.all();
		expect(done).toMatchObject({phase: 'done', receipt: {caseId: 'TB44-1'}, deliveredAt: new Date(now).toISOString()});
	});

	it('a lost answer leaves maybeSent; resolving is the same POST under the same key: one supplement', async () => {
		const {outbox, supplements, calls, faults, entries} = setup();
		const events: string[] = [];
		outbox.on('outcome_unknown', (_e, stage) => events.push(`unknown ${stage}`));
		outbox.on('outcome_resolved', (_e, resolution) => events.push(`resolved ${resolution}`));
		faults.push('lose_answer');
		await outbox.enqueueSupplement('TB44-1', context, [page('a'), page('b', 'M04')], {idempotencyKey: 'supp-key-0002'});
		await outbox.drain();
		const waiting = entries.get('supp-key-0002')!;
		expect(waiting).toMatchObject({phase: 'posting', maybeSent: true});
		// The case moved on because of the supplement; the replay still answers with the case.
		now += 60_000;
		await outbox.drain();
		expect(entries.get('supp-key-0002')).toMatchObject({phase: 'done', maybeSent: false, receipt: {caseId: 'TB44-1', status: 'in_review'}});
		expect(calls.filter((c) => c.startsWith('POST'))).toEqual(['POST supp-key-0002', 'POST supp-key-0002']);
		expect(supplements).toHaveLength(1);
		expect(events).toEqual(['unknown post', 'resolved created']);
	});

	it('a crash after the POST left (maybeSent on disk) resolves by re-POSTing in the next process', async () => {
		const first = setup();
		await first.outbox.enqueueSupplement('TB44-1', context, [page('a')], {idempotencyKey: 'supp-key-0003'});
		await first.outbox.drain();
		expect(first.supplements).toHaveLength(1);
		// What the disk held had the process died between the POST and writing its answer.
		const cut = {...first.entries.get('supp-key-0003')!, phase: 'posting' as const, maybeSent: true};
		delete cut.receipt;
		first.entries.set(cut.id, cut);
		const again = createOutbox({store: first.store, blobs: first.blobs, hub: first.hub, clock});
		await again.drain();
		expect(first.entries.get('supp-key-0003')).toMatchObject({phase: 'done', receipt: {caseId: 'TB44-1'}});
		expect(first.supplements).toHaveLength(1);
	});

	it('a case no longer returned is 409 invalid_state: failed (needs a person), no retry', async () => {
		const {outbox, entries, calls} = setup('in_review');
		await outbox.enqueueSupplement('TB44-1', context, [page('a')], {idempotencyKey: 'supp-key-0004'});
		expect(await outbox.drain({retries: 3})).toEqual({submitted: 0, failed: 1, waiting: 0});
		expect(entries.get('supp-key-0004')).toMatchObject({phase: 'failed', lastError: {code: 'hub_invalid_state'}});
		expect(calls.filter((c) => c.startsWith('POST'))).toHaveLength(1);
	});

	it('the key used for other materials is 409 idempotency_conflict: failed', async () => {
		const {outbox, entries, supplements, usedKey} = setup();
		usedKey('supp-key-0005');
		await outbox.enqueueSupplement('TB44-1', context, [page('a')], {idempotencyKey: 'supp-key-0005'});
		expect(await outbox.drain({retries: 3})).toEqual({submitted: 0, failed: 1, waiting: 0});
		expect(entries.get('supp-key-0005')).toMatchObject({phase: 'failed', lastError: {code: 'hub_idempotency_conflict'}});
		expect(supplements).toHaveLength(0);
	});

	it('blob_missing: the bytes go up again, then the POST; one supplement', async () => {
		const {outbox, entries, calls, faults, supplements} = setup();
		faults.push('forget_blob');
		await outbox.enqueueSupplement('TB44-1', context, [page('a')], {idempotencyKey: 'supp-key-0006'});
		await outbox.drain();
		expect(calls).toEqual(['HEAD', 'PUT', 'POST supp-key-0006', 'HEAD', 'PUT', 'POST supp-key-0006']);
		expect(entries.get('supp-key-0006')).toMatchObject({phase: 'done'});
		expect(supplements).toHaveLength(1);
	});

	it('the hub away: retried with backoff within the run, then delivered once', async () => {
		const {outbox, entries, faults, supplements} = setup();
		faults.push('refuse_connection', 'refuse_connection');
		await outbox.enqueueSupplement('TB44-1', context, [page('a')], {idempotencyKey: 'supp-key-0007'});
		expect(await outbox.drain({retries: 1})).toEqual({submitted: 0, failed: 0, waiting: 1});
		expect(entries.get('supp-key-0007')).toMatchObject({phase: 'posting', maybeSent: false, attempts: 2});
		expect(await outbox.drain({now: true})).toEqual({submitted: 1, failed: 0, waiting: 0});
		expect(supplements).toHaveLength(1);
	});

	it('the same key queued again is the entry already there; none without materials', async () => {
		const {outbox, entries} = setup();
		const a = await outbox.enqueueSupplement('TB44-1', context, [page('a')], {idempotencyKey: 'supp-key-0008'});
		const b = await outbox.enqueueSupplement('TB44-1', context, [page('a')], {idempotencyKey: 'supp-key-0008'});
		expect(b.id).toBe(a.id);
		expect(entries.size).toBe(1);
		await expect(outbox.enqueueSupplement('TB44-1', context, [], {idempotencyKey: 'supp-key-0009'})).rejects.toMatchObject({code: 'supplement_no_materials'});
	});

	it('is audited as case.supplement, naming its case and the applicant only masked', async () => {
		const {outbox} = setup();
		const recorded: AuditInput[] = [];
		const audit = auditOutbox(outbox, {record: async (input) => (recorded.push(input), {} as never)});
		await outbox.enqueueSupplement('TB44-1', context, [page('a')], {idempotencyKey: 'supp-key-0010'});
		await outbox.drain();
		await audit.flush();
		expect(recorded.map((r) => [r.action, r.outcome, r.details?.['stage']])).toEqual([
			['case.supplement', 'unknown', 'queued'],
			['case.supplement', 'ok', 'accepted'],
		]);
		expect(recorded[1]).toMatchObject({target: {caseId: 'TB44-1'}, details: {caseId: 'TB44-1', idempotencyKey: 'supp-key-0010', materialCodes: 'M03'}});
		expect(JSON.stringify(recorded)).not.toContain('陈晓明');
		expect(JSON.stringify(recorded)).not.toContain('44030519900101123X');
	});
});

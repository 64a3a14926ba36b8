/**
 * Reliability of submission against the real mock hub (127.0.0.1, port 0) under each fault the
 * mock can inject: every case enqueued exists on the hub exactly once, under its own key.
 * Time never passes by sleeping: the outbox clock is moved by hand between drains.
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {Outbox} from '../core/cases/outbox.js';
import {HubClient} from '../hub/client.js';
import {startMockHub, type MockHub} from '../../mocks/hub/server.js';
import {manualClock} from '../../mocks/hub/testing.js';
import {demoDraft, demoMaterial} from '../../mocks/hub/demo-cases.js';
import {DataFileCorruptError} from './durable-json.js';
import {openOutbox, openOutboxStore} from './outbox.js';
import {errorText} from '../i18n/errors.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options: {faults?: string; timeoutMs?: number} = {}) {
	const hub = await startMockHub({faults: options.faults, seed: 7});
	const dir = mkdtempSync(join(tmpdir(), 'tongban-outbox-'));
	const client = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', token: 'demo-api-token', timeoutMs: options.timeoutMs ?? 2_000, retries: 1, backoff: {baseMs: 1, maxMs: 5}, sleep: async () => {}});
	const clock = manualClock();
	const outbox = await openOutbox({dataDir: dir, hub: client, clock});
	cleanups.push(() => rmSync(dir, {recursive: true, force: true}), () => hub.close(), () => client.close());
	return {hub, dir, client, clock, outbox};
}

/** Drains until nothing is pending, moving the outbox clock past each backoff. */
async function drainAll(outbox: Outbox, clock: ReturnType<typeof manualClock>, maxRounds = 60): Promise<number> {
	for (let round = 1; round <= maxRounds; round++) {
		await outbox.drain();
		const pending = await outbox.pending();
		if (pending.length === 0) return round;
		expect(pending.filter((e) => e.phase === 'failed').map((e) => e.lastError)).toEqual([]);
		clock.advance(120_000);
	}
	throw new Error('outbox did not drain');
}

function expectExactlyOnce(hub: MockHub, keys: string[]): void {
	const cases = [...hub.state.cases.values()];
	expect(cases).toHaveLength(keys.length);
	for (const key of keys) expect(cases.filter((c) => c.idempotencyKey === key)).toHaveLength(1);
}

const N = 6;

describe('outbox under hub faults', () => {
	it.each([
		['latency', '*:latency=15'],
		['500 answers', '*:500=0.4'],
		['503 with Retry-After', '*:503=0.4,retryAfter=1'],
		['reset after reading the request', '*:reset=0.4'],
		['slow bodies on case creation', 'cases.create:slow=400'],
	])('%s: every case exists exactly once', async (_name, faults) => {
		const {hub, outbox, clock} = await setup({faults, timeoutMs: faults.includes('slow') ? 150 : 2_000});
		const keys: string[] = [];
		for (let i = 0; i < N; i++) keys.push((await outbox.enqueue(demoDraft({answers: {i}}, clock), [demoMaterial(`m${i}`), demoMaterial('共享材料', 'M02')])).idempotencyKey);
		await drainAll(outbox, clock);
		expectExactlyOnce(hub, keys);
		const done = await outbox.all();
		for (const entry of done) expect(hub.state.byKey.get(entry.idempotencyKey)).toBe(entry.receipt?.caseId);
		// Every material the cases reference is on the hub.
		for (const c of hub.state.cases.values()) for (const m of c.submission.materials) expect(hub.state.hasBlob(m.sha256)).toBe(true);
	});

	it('answer lost after the hub created the case: resolved by key lookup, never resent blindly', async () => {
		const {hub, outbox, clock} = await setup();
		hub.faults.failNext(1, 'reset', 'cases.create');
		const entry = await outbox.enqueue(demoDraft({}, clock), []);
		// The client's own retry looks the key up first; make the lookup fail too so the
		// outbox records "maybe sent" and resolves on the next drain.
		hub.faults.failNext(5, '503', 'cases.query');
		await outbox.drain();
		const [waiting] = await outbox.pending();
		expect(waiting?.maybeSent).toBe(true);
		clock.advance(120_000);
		await drainAll(outbox, clock);
		expectExactlyOnce(hub, [entry.idempotencyKey]);
		expect(hub.counts.get('cases.create')).toBe(1);
	});

	it('node down: cases wait in the outbox and go once the node is back', async () => {
		const {hub, outbox, clock} = await setup({faults: 'down=44'});
		const keys = [(await outbox.enqueue(demoDraft({}, clock), [])).idempotencyKey];
		await outbox.drain();
		expect((await outbox.pending())[0]?.lastError?.code).toBe('hub_unavailable');
		expect(hub.state.cases.size).toBe(0);
		hub.state.setNodeStatus('44', 'up');
		clock.advance(120_000);
		await drainAll(outbox, clock);
		expectExactlyOnce(hub, keys);
	});

	it('a node that is down holds up only its own cases: one refusal, no waiting out its retries, the other node\'s cases go at once', async () => {
		const {hub, dir, client, clock} = await setup({faults: 'down=44'});
		const waits: number[] = [];
		const outbox = await openOutbox({dataDir: dir, hub: client, clock, sleep: async (ms) => void waits.push(ms)});
		const forDown = [];
		const forUp = [];
		for (let i = 0; i < 3; i++) {
			forDown.push((await outbox.enqueue(demoDraft({receivingNode: '44'}, clock), [])).idempotencyKey);
			forUp.push((await outbox.enqueue(demoDraft({receivingNode: '51'}, clock), [])).idempotencyKey);
		}
		// A batch drain with retries (as `cases outbox --drain` runs it).
		const summary = await outbox.drain({now: true, retries: 2});
		expect(summary).toEqual({submitted: 3, failed: 0, waiting: 3});
		expectExactlyOnce(hub, forUp);
		// The node's first case was refused once and not retried in this run; the others were not sent.
		expect(waits).toEqual([]);
		const waiting = await outbox.pending();
		expect(waiting.map((e) => e.idempotencyKey).sort()).toEqual([...forDown].sort());
		expect(waiting.map((e) => e.attempts).sort()).toEqual([0, 0, 1]);
		// Background drains leave the node's cases alone until the refused case's retry is due.
		hub.state.setNodeStatus('44', 'up');
		await outbox.drain();
		expect(hub.state.cases.size).toBe(3);
		clock.advance(120_000);
		await drainAll(outbox, clock);
		expectExactlyOnce(hub, [...forUp, ...forDown]);
	});

	it('survives a restart: a new outbox over the same directory finishes the work', async () => {
		const {hub, dir, outbox, clock, client} = await setup({faults: '*:503=1'});
		const entry = await outbox.enqueue(demoDraft({}, clock), [demoMaterial()]);
		await outbox.drain();
		expect(await outbox.pending()).toHaveLength(1);
		hub.faults.clear();
		const reopened = await openOutbox({dataDir: dir, hub: client, clock});
		clock.advance(120_000);
		await drainAll(reopened, clock);
		expectExactlyOnce(hub, [entry.idempotencyKey]);
		expect((await (await openOutboxStore(dir)).list())[0]?.phase).toBe('done');
	});

	it('a given idempotency key (a draft id) is one entry and one case, however often it is enqueued', async () => {
		const {hub, dir, outbox, clock, client} = await setup({faults: '*:503=1'});
		const key = '3f0c2a1e-5b7d-4e8f-9a6b-1c2d3e4f5a6b';
		const first = await outbox.enqueue(demoDraft({}, clock), [demoMaterial()], {idempotencyKey: key});
		expect(first).toMatchObject({id: key, idempotencyKey: key});
		await outbox.drain();
		// Again (a second submit, or after a crash between queueing and marking the draft), even
		// from a reopened outbox: the entry already queued is returned, nothing new is added.
		const again = await (await openOutbox({dataDir: dir, hub: client, clock})).enqueue(demoDraft({answers: {changed: true}}, clock), [demoMaterial('其他')], {idempotencyKey: key});
		expect(again.enqueuedAt).toBe(first.enqueuedAt);
		expect(again.submission.answers).toEqual(first.submission.answers);
		expect(await outbox.all()).toHaveLength(1);
		hub.faults.clear();
		clock.advance(120_000);
		await drainAll(outbox, clock);
		expectExactlyOnce(hub, [key]);
	});

	it('a case the hub refuses for good is kept as failed, with the reason', async () => {
		const {outbox, clock} = await setup();
		await outbox.enqueue(demoDraft({implementationCode: '12440000TB000006942990120009999', itemCode: '990120009999'}, clock), []);
		const summary = await outbox.drain();
		expect(summary.failed).toBe(1);
		const [failed] = await outbox.pending();
		expect(failed?.lastError?.code).toBe('hub_item_not_found');
	});

	it.each([
		['cut short', '{"version":1,"entries":{"k":{"id":"k","idem'],
		['empty', ''],
		['null', 'null'],
		['entries as a list', '{"version":1,"entries":[]}'],
		['an entry of the wrong shape', '{"version":1,"entries":{"k":{"id":"k","phase":"done"}}}'],
	])('a damaged outbox (%s) is refused with exit 5 and left exactly as it was', async (_kind, text) => {
		const dir = mkdtempSync(join(tmpdir(), 'tongban-outbox-'));
		cleanups.push(() => rmSync(dir, {recursive: true, force: true}));
		writeFileSync(join(dir, 'outbox.json'), text);
		const error = await openOutboxStore(dir).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DataFileCorruptError);
		expect((error as DataFileCorruptError).exitCode).toBe(5);
		expect(errorText((error as DataFileCorruptError), 'en')).toContain('outbox.json');
		expect(readFileSync(join(dir, 'outbox.json'), 'utf8')).toBe(text);
	});

	it('opening removes temp copies a killed writer left (they hold applicants) and keeps a live writer\'s', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'tongban-outbox-'));
		cleanups.push(() => rmSync(dir, {recursive: true, force: true}));
		const dead = 2 ** 22 + 4321;
		mkdirSync(join(dir, 'outbox-blobs'));
		const stale = [join(dir, `.outbox.json.${dead}.7.tmp`), join(dir, 'outbox-blobs', `.${'a'.repeat(64)}.${dead}.1.tmp`)];
		const live = join(dir, `.outbox.json.${process.ppid}.1.tmp`);
		for (const file of [...stale, live]) writeFileSync(file, JSON.stringify(demoDraft().applicant));
		await openOutboxStore(dir);
		expect(stale.filter((f) => existsSync(f))).toEqual([]);
		expect(existsSync(live)).toBe(true);
	});

	it('drain({retries}) tries an entry again within the run after its backoff: a 503 posts again, a lost answer is looked up, never posted twice', async () => {
		const hub = await startMockHub({seed: 3});
		const dir = mkdtempSync(join(tmpdir(), 'tongban-outbox-'));
		const client = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', token: 'demo-api-token', retries: 0});
		const clock = manualClock();
		const slept: number[] = [];
		const outbox = await openOutbox({dataDir: dir, hub: client, clock, backoff: {baseMs: 100, maxMs: 400}, sleep: async (ms) => void slept.push(ms)});
		cleanups.push(() => rmSync(dir, {recursive: true, force: true}), () => hub.close(), () => client.close());
		hub.faults.failNext(1, '503', 'cases.create');
		await outbox.enqueue(demoDraft({answers: {n: 1}}, clock), [], {idempotencyKey: 'retry-in-run-0001'});
		expect((await outbox.drain({retries: 2})).submitted).toBe(1);
		expect(hub.counts.get('cases.create')).toBe(2);
		hub.faults.failNext(1, 'reset', 'cases.create');
		await outbox.enqueue(demoDraft({answers: {n: 2}}, clock), [], {idempotencyKey: 'retry-in-run-0002'});
		expect((await outbox.drain({retries: 2})).submitted).toBe(1);
		expect(hub.counts.get('cases.create')).toBe(3);
		expect(hub.counts.get('cases.query')).toBe(1);
		expect(slept.length).toBe(2);
		expect(slept.every((ms) => ms >= 50)).toBe(true);
		expectExactlyOnce(hub, ['retry-in-run-0001', 'retry-in-run-0002']);
		// Without retries the run stops at the first failure and leaves the entry for later.
		hub.faults.failNext(1, '503', 'cases.create');
		await outbox.enqueue(demoDraft({answers: {n: 3}}, clock), [], {idempotencyKey: 'retry-in-run-0003'});
		expect((await outbox.drain()).waiting).toBe(1);
	});
});

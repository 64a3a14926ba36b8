/**
 * Outbox figures (issue 17.2): a state change's cost against the history it sits on, beside the
 * disk's durable-write floor measured in the same run and folder; the old way (the whole file
 * rewritten durably per change) at the same histories; and a drain of fresh cases against the
 * local mock hub without faults.
 *
 * The floor is one append of a journal-sized line followed by fdatasync: the least a change that
 * must survive a power cut can cost on this disk. Histories are delivered entries in the archive,
 * written in the format a compaction writes (outbox-files.ts); each run then opens the store as
 * the console would and times every put of new cases going through their states, compactions
 * (every COMPACT_EVERY lines) included.
 */
import {randomUUID} from 'node:crypto';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {open} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {applyEvent, newEntry, type OutboxEntry} from '../src/core/cases/outbox-machine.js';
import {systemClock} from '../src/core/ports/clock.js';
import {HubClient} from '../src/hub/client.js';
import {writeFileDurable} from '../src/store/durable-json.js';
import {archiveLine, archiveName, COMPACT_EVERY, journalLine} from '../src/store/outbox-files.js';
import {openOutbox, openOutboxStore} from '../src/store/outbox.js';
import {startMockHub} from '../mocks/hub/server.js';
import {demoDraft, demoMaterial} from '../mocks/hub/demo-cases.js';
import {median, percentile, type Section} from './stats.js';

export interface BenchOutboxOptions {
	quick?: boolean;
}

const AT = new Date('2026-12-01T02:00:00.000Z');

function caseEntry(n: number): OutboxEntry {
	const sha256 = 'a'.repeat(64);
	const submission = {...demoDraft(), answers: {transferFrom: '43', seq: n}, materials: [{code: 'M01', sha256, pages: 1, originalVerified: true}]};
	return newEntry(`bench-${randomUUID()}`, submission, [{sha256, contentType: 'image/jpeg'}], AT);
}

function deliveredOf(entry: OutboxEntry): OutboxEntry {
	let e = applyEvent(entry, {type: 'blob_confirmed', sha256: entry.blobs[0]!.sha256}, AT, Math.random);
	e = applyEvent(e, {type: 'post_started'}, AT, Math.random);
	return applyEvent(e, {type: 'created', receipt: {caseId: `C${entry.id.slice(-12)}`, status: 'received', receivingNode: '44', handlingNode: '51', receivedAt: AT.toISOString()}}, AT, Math.random);
}

/** A data folder whose archive holds `history` delivered entries, as compactions leave it. */
async function seedHistory(dir: string, history: number): Promise<void> {
	const file = archiveName(1);
	const handle = await open(join(dir, file), 'w', 0o600);
	let bytes = 0;
	const template = deliveredOf(caseEntry(0));
	let chunk = '';
	for (let n = 0; n < history; n++) {
		chunk += archiveLine({...template, id: `hist-${n}`, idempotencyKey: `hist-${n}`});
		if (chunk.length > 1 << 20 || n === history - 1) {
			const buf = Buffer.from(chunk);
			await handle.write(buf);
			bytes += buf.length;
			chunk = '';
		}
	}
	await handle.sync();
	await handle.close();
	writeFileSync(join(dir, 'outbox.json'), JSON.stringify({version: 1, entries: {}, journal: {seq: history}, delivered: {file, bytes}}), {mode: 0o600});
}

/**
 * Puts of fresh cases through their states (queued, blob confirmed, posting, delivered) on top of
 * `history`, each durable one right after one floor write (append + fdatasync of a journal-sized
 * line to a file beside it), so the two see the same disk.
 */
async function stateChanges(dir: string, changes: number): Promise<{times: number[]; durable: number[]; floor: number[]}> {
	const store = await openOutboxStore(dir);
	const floorLine = Buffer.from(journalLine(1, caseEntry(1)));
	const floorFile = await open(join(dir, 'floor.journal'), 'a', 0o600);
	const times: number[] = [];
	const durableTimes: number[] = [];
	const floor: number[] = [];
	const timed = async (entry: OutboxEntry, durable = true) => {
		if (durable) {
			const f = performance.now();
			await floorFile.write(floorLine);
			await floorFile.datasync();
			floor.push(performance.now() - f);
		}
		const t = performance.now();
		await store.put(entry, {durable});
		times.push(performance.now() - t);
		if (durable) durableTimes.push(times.at(-1)!);
	};
	for (let n = 0; times.length < changes; n++) {
		let e = caseEntry(n);
		await timed(e);
		e = applyEvent(e, {type: 'blob_confirmed', sha256: e.blobs[0]!.sha256}, AT, Math.random);
		await timed(e, false);
		e = applyEvent(e, {type: 'post_started'}, AT, Math.random);
		await timed(e);
		await timed(deliveredOf(caseEntry(n)), false);
	}
	await floorFile.close();
	await store.close();
	return {times, durable: durableTimes, floor};
}

/** The way before issue 17.2: the whole outbox rewritten durably on each change. */
async function wholeFileRewrites(dir: string, history: number, n: number): Promise<number[]> {
	const template = deliveredOf(caseEntry(0));
	const entries: Record<string, OutboxEntry> = {};
	for (let i = 0; i < history; i++) entries[`hist-${i}`] = {...template, id: `hist-${i}`, idempotencyKey: `hist-${i}`};
	const times: number[] = [];
	for (let i = 0; i < n; i++) {
		const e = caseEntry(i);
		entries[e.id] = e;
		const t = performance.now();
		await writeFileDurable(join(dir, 'whole.json'), JSON.stringify({version: 1, entries}));
		times.push(performance.now() - t);
	}
	return times;
}

async function drainRate(dir: string, cases: number): Promise<{queueS: number; drainS: number; submitted: number; notSent: unknown[]}> {
	const hub = await startMockHub({});
	const client = new HubClient({baseUrl: hub.url, terminalId: 'T-BENCH', token: 'demo-api-token'});
	try {
		const outbox = await openOutbox({dataDir: dir, hub: client, clock: systemClock});
		let t = performance.now();
		for (let n = 0; n < cases; n++) await outbox.enqueue(demoDraft({terminalId: 'T-BENCH', answers: {seq: n}}), [demoMaterial(`材料 ${n}`)], {idempotencyKey: `drain-${String(n).padStart(6, "0")}`});
		const queueS = (performance.now() - t) / 1000;
		t = performance.now();
		const summary = await outbox.drain();
		const drainS = (performance.now() - t) / 1000;
		await outbox.stop();
		const notSent = (await outbox.pending()).slice(0, 3).map((e) => e.lastError);
		return {queueS, drainS, submitted: summary.submitted, notSent};
	} finally {
		await client.close();
		await hub.close();
	}
}

const ms = (v: number) => v.toFixed(2);

export async function benchOutbox(opts: BenchOutboxOptions = {}): Promise<Section> {
	const histories = opts.quick ? [100, 10_000] : [100, 1_000, 10_000, 100_000];
	const changes = opts.quick ? 400 : 4 * COMPACT_EVERY + 100;
	const drainCases = opts.quick ? 200 : 1_000;
	const rows: Section['rows'] = [];
	const root = mkdtempSync(join(tmpdir(), 'tongban-bench-outbox-'));
	try {
		const floorTimes: number[] = [];
		for (const history of histories) {
			const dir = mkdtempSync(join(root, `h${history}-`));
			await seedHistory(dir, history);
			const {times, durable, floor} = await stateChanges(dir, changes);
			floorTimes.push(...floor);
			const floorP99 = percentile(floor, 99);
			rows.push({
				what: `state change, ${history.toLocaleString('en')} delivered in history`,
				n: times.length,
				'p50 ms': ms(median(times)),
				'p99 ms': ms(percentile(times, 99)),
				'max ms': ms(Math.max(...times)),
				'floor p99 ms': ms(floorP99),
				'p99 / floor': `${(percentile(times, 99) / floorP99).toFixed(2)}x`,
				'durable only: p99 ms': ms(percentile(durable, 99)),
				'durable p99 / floor': `${(percentile(durable, 99) / floorP99).toFixed(2)}x`,
			});
		}
		rows.push({what: 'floor: append + fdatasync of one journal line (all runs)', n: floorTimes.length, 'p50 ms': ms(median(floorTimes)), 'p99 ms': ms(percentile(floorTimes, 99)), 'max ms': ms(Math.max(...floorTimes)), 'floor p99 ms': '', 'p99 / floor': '1.00x'});
		for (const history of opts.quick ? [1_000] : [1_000, 10_000]) {
			const dir = mkdtempSync(join(root, `whole${history}-`));
			const times = await wholeFileRewrites(dir, history, opts.quick ? 5 : 20);
			rows.push({what: `before: whole file rewritten per change, ${history.toLocaleString('en')} in history`, n: times.length, 'p50 ms': ms(median(times)), 'p99 ms': ms(percentile(times, 99)), 'max ms': ms(Math.max(...times)), 'floor p99 ms': '', 'p99 / floor': `${(percentile(times, 99) / percentile(floorTimes, 99)).toFixed(1)}x`});
		}
		const drain = await drainRate(mkdtempSync(join(root, 'drain-')), drainCases);
		if (drain.submitted !== drainCases) throw new Error(`drain submitted ${drain.submitted} of ${drainCases}: ${JSON.stringify(drain)}`);
		rows.push({what: `queue ${drainCases} cases (one material each)`, n: drainCases, 'p50 ms': '', 'p99 ms': '', 'max ms': '', 'floor p99 ms': '', 'p99 / floor': `${Math.round(drainCases / drain.queueS)} cases/s`});
		rows.push({what: `drain them to the local mock hub, no faults`, n: drainCases, 'p50 ms': '', 'p99 ms': '', 'max ms': '', 'floor p99 ms': '', 'p99 / floor': `${Math.round(drainCases / drain.drainS)} cases/s`});
	} finally {
		rmSync(root, {recursive: true, force: true});
	}
	return {
		title: 'Outbox: a state change against its history; the drain',
		rows,
		notes: [
			'State change = one put of a case going through its states (queued, blob confirmed, posting, delivered), as the outbox writes them, compactions included; blob confirmations and deliveries are written without waiting for the disk (losing one in a power cut only repeats an idempotent HEAD or a lookup by key: src/core/cases/outbox.ts), so they sit under the floor; "durable only" leaves them out (the queued and "maybe sent" writes, and the compactions).',
			'Floor = append + fdatasync of one journal-sized line to a file in the same folder, one right before each durable state change (same disk weather, as many samples); target: state-change p99 <= 2x the floor p99 from 100 to 100,000 delivered entries of history.',
			'"before" = the layout before issue 17.2: outbox.json with every entry, rewritten (temp, fsync, rename, directory fsync) on each change.',
			'Drain: in-process mock hub on 127.0.0.1; per case HEAD + PUT of the blob, POST of the case, one fdatasync (the write-ahead "maybe sent"); target >= 100 cases/s.',
		],
	};
}

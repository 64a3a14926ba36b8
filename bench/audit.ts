/**
 * Audit append latency as history grows, and verify throughput.
 *
 * Every append is durable (temp file, fsync, rename, fsync of the directory), and lowdb rewrites
 * the whole file it holds, so an append costs one durable write of the file it lands in, plus the
 * head's intent made durable before it (one in-place pwrite and fdatasync, audit-head.ts). Rows:
 *  - floor: writeFileDurable of a one-entry file (what the disk allows at best);
 *  - head intent: the in-place pwrite + fdatasync of the 512-byte head, what the store adds to it;
 *  - daily segment, unbounded: the whole day in one file with N entries already in it;
 *  - daily parts of ≤ 100 (the store's default): same history, the day split into numbered parts;
 *  - daily parts of ≤ 500 (the earlier default), to show what the part size costs;
 *  - one lowdb file holding all history, durable (DurableJSONFile) and plain (lowdb JSONFile,
 *    no fsync: fast, but a power cut can lose or empty the file).
 * Same run, same disk. The history is seeded by writing sealed entries straight into files; the
 * seeded history fills whole parts, so the timed appends start a fresh part and (with 200 samples)
 * go through two whole parts of 100, but only the first 200 entries of a part of 500.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {mkdir, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Low} from 'lowdb';
import {JSONFile} from 'lowdb/node';
import {sealEntry} from '../src/core/audit/hash.js';
import {GENESIS_HASH, type AuditEntry, type AuditInput} from '../src/core/audit/model.js';
import {SEGMENT_FORMAT, formatSegment, localDay} from '../src/core/audit/segments.js';
import {AuditStore, DEFAULT_MAX_ENTRIES_PER_PART, auditDir, verifyAuditLog} from '../src/store/audit-store.js';
import {HeadFile} from '../src/store/audit-head.js';
import {DurableJSONFile, writeFileDurable} from '../src/store/durable-json.js';
import {median, percentile, type Section} from './stats.js';

const INPUT: AuditInput = {action: 'material.capture', target: {caseId: 'C20261126000123', itemCode: '440300000001'}, outcome: 'ok', details: {materialCode: 'M01', sha256: 'a'.repeat(64)}};

function history(count: number): AuditEntry[] {
	const out: AuditEntry[] = [];
	let prev = GENESIS_HASH;
	const ts = new Date().toISOString();
	for (let seq = 1; seq <= count; seq++) {
		const e = sealEntry({v: 1, seq, ts, operator: {id: 'clerk01', role: 'clerk'}, terminal: 'T-BENCH-01', action: INPUT.action, target: INPUT.target!, outcome: 'ok', details: INPUT.details as AuditEntry['details']}, prev);
		prev = e.hash;
		out.push(e);
	}
	return out;
}

/** The part size the store used before its appends stopped re-serialising the part. */
const EARLIER_PART_SIZE = 500;

/** Writes `entries` as today's segments of `perPart` entries. */
async function seedSegments(dataDir: string, entries: AuditEntry[], perPart: number): Promise<void> {
	const dir = auditDir(dataDir);
	await mkdir(dir, {recursive: true, mode: 0o700});
	const day = localDay(new Date());
	let prevSegment: string | null = null;
	for (let part = 1, i = 0; i < entries.length; part++, i += perPart) {
		const name = formatSegment({day, part});
		await writeFile(join(dir, `${name}.json`), JSON.stringify({format: SEGMENT_FORMAT, name, prevSegment, entries: entries.slice(i, i + perPart)}), {mode: 0o600});
		prevSegment = name;
	}
	await writeFile(join(dir, 'head.json'), JSON.stringify({seq: entries.length, hash: entries[entries.length - 1]!.hash, segment: prevSegment}));
}

async function time(samples: number, fn: () => Promise<unknown>): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < samples; i++) {
		const t = performance.now();
		await fn();
		out.push(performance.now() - t);
	}
	return out;
}

const row = (store: string, entries: number | string, ms: number[], extra: Record<string, string | number> = {}) => ({
	store,
	'history entries': entries,
	'append p50 ms': median(ms).toFixed(2),
	'append p99 ms': percentile(ms, 99).toFixed(2),
	...extra,
});

export async function benchAudit(opts: {quick?: boolean; sizes?: number[]; samples?: number} = {}): Promise<Section> {
	const sizes = opts.sizes ?? (opts.quick ? [1000, 5000] : [1000, 5000, 20_000]);
	const samples = opts.samples ?? (opts.quick ? 40 : 200);
	const root = mkdtempSync(join(tmpdir(), 'tongban-bench-audit-'));
	const rows: Section['rows'] = [];
	const notes: string[] = [];
	try {
		const floorFile = join(root, 'floor.json');
		const one = JSON.stringify(history(1));
		rows.push(row('floor: durable write of 1 entry', 0, await time(samples, () => writeFileDurable(floorFile, one))));
		const headDir = join(root, 'head');
		await mkdir(headDir, {mode: 0o700});
		const head = new HeadFile(headDir);
		await head.adopt();
		const last = history(1)[0]!;
		rows.push(row('head intent: in-place pwrite + fdatasync (512 B)', 0, await time(samples, () => head.write({seq: 1, hash: last.hash, segment: '2026-11-26.0001', next: {seq: 2, hash: last.hash, segment: '2026-11-26.0001'}}, {durable: true}))));
		await head.close();
		let verifyDir = '';
		for (const n of sizes) {
			const entries = history(n);
			for (const [label, perPart] of [
				['daily segment, unbounded', Number.MAX_SAFE_INTEGER],
				[`daily parts of ≤ ${DEFAULT_MAX_ENTRIES_PER_PART} (default)`, DEFAULT_MAX_ENTRIES_PER_PART],
				[`daily parts of ≤ ${EARLIER_PART_SIZE} (earlier default)`, EARLIER_PART_SIZE],
			] as const) {
				const dataDir = join(root, `${perPart}-${n}`);
				await seedSegments(dataDir, entries, perPart);
				const store = await AuditStore.open({dataDir, terminal: 'T-BENCH-01', maxEntriesPerPart: perPart});
				const ms = await time(samples, () => store.record(INPUT));
				await store.close();
				rows.push(row(label, n, ms));
				if (perPart === DEFAULT_MAX_ENTRIES_PER_PART) verifyDir = dataDir;
			}
			for (const [label, adapter] of [
				['one lowdb file, all history (DurableJSONFile)', new DurableJSONFile<{entries: AuditEntry[]}>(join(root, `single-durable-${n}.json`))],
				['one lowdb file, all history (JSONFile, no fsync)', new JSONFile<{entries: AuditEntry[]}>(join(root, `single-plain-${n}.json`))],
			] as const) {
				const db = new Low<{entries: AuditEntry[]}>(adapter, {entries: [...entries]});
				let last = entries[entries.length - 1]!;
				const ms = await time(samples, async () => {
					last = sealEntry({...last, seq: last.seq + 1, ts: new Date().toISOString()}, last.hash);
					db.data.entries.push(last);
					await db.write();
				});
				rows.push(row(label, n, ms));
			}
		}
		const started = performance.now();
		const report = await verifyAuditLog(verifyDir);
		const seconds = (performance.now() - started) / 1000;
		rows.push({store: `audit verify (parts of ${DEFAULT_MAX_ENTRIES_PER_PART})`, 'history entries': report.entries, 'append p50 ms': '', 'append p99 ms': '', 'verify entries/s': Math.round(report.entries / seconds)});
		if (!report.ok) notes.push(`verify reported a problem: ${JSON.stringify(report.problem)}`);
		notes.push(
			`${samples} appends per row, each awaited (durable) before the next; the history is seeded in today's files before timing.`,
			'An append rewrites the file it lands in: unbounded daily files and one-file history grow linearly with the day/history, parts stay flat.',
			`The store serialises only the new entry (it keeps the part's bytes); an append is the head's intent made durable (pwrite + fdatasync in place), the part's durable write, the head's done record (pwrite, no fsync) and two stats that check nobody changed the files under the writer. Above floor + head intent, what is left is the part's size on disk (write, fsync, rename), hence parts of ${DEFAULT_MAX_ENTRIES_PER_PART}.`,
			'The floor row is the fsync cost of this disk; no durable design can beat it, so p99 ≤ 10 ms holds only where the floor allows.',
		);
	} finally {
		rmSync(root, {recursive: true, force: true});
	}
	return {title: 'Audit log: append latency vs history, verify throughput', rows, notes};
}

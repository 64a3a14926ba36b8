/**
 * Crash safety: a child process appends in a loop and is killed with SIGKILL at random points,
 * several times over the same log. Afterwards the chain verifies, seqs stay contiguous, and at
 * most the entry in flight when the child died is missing (it may or may not have landed).
 * Then the crash window itself: a child killed right after an append's intent is durable, and
 * right after its part is, leaves the one state the head accepts, which opening settles. And a
 * live writer next to verify: verify never raises a false alarm while entries are appended.
 * The child runs the compiled store: `npm test` builds dist/ first (or run `npx tsc -p tsconfig.json`).
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AuditStore, auditDir, listRecent, verifyAuditLog} from './audit-store.js';

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, '__fixtures__', 'audit-crash-child.mjs');
const compiled = resolve(here, '../../dist/src/store/audit-store.js');
let dataDir = '';

beforeAll(() => {
	if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run the build first (npm test does; or npx tsc -p tsconfig.json)`);
	dataDir = mkdtempSync(join(tmpdir(), 'tongban-crash-'));
});
const extraDirs: string[] = [];
afterAll(() => {
	for (const dir of [dataDir, ...extraDirs]) rmSync(dir, {recursive: true, force: true});
});
function freshDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'tongban-crash-'));
	extraDirs.push(dir);
	return dir;
}

/** Runs the child to its end (it kills itself at the given step) and returns the seqs it confirmed. */
function runUntilSelfKill(dir: string, step: 'intent' | 'part', after: number): Promise<number[]> {
	return new Promise((resolvePromise, reject) => {
		const proc = spawn(process.execPath, [child, dir, '4', step, String(after)], {stdio: ['ignore', 'pipe', 'pipe']});
		let out = '';
		let stderr = '';
		proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
		proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		proc.on('exit', (code, signal) => {
			if (signal !== 'SIGKILL') return reject(new Error(`child exited with ${code}: ${stderr}`));
			resolvePromise(out.split('\n').filter((l) => /^\d+$/.test(l)).map(Number));
		});
	});
}

const headJson = (dir: string) => JSON.parse(readFileSync(join(auditDir(dir), 'head.json'), 'utf8')) as Record<string, unknown>;

/** Starts the child, waits until it has confirmed `appends` entries, kills it; returns the last confirmed seq. */
function runAndKill(appends: number): Promise<{opened: number; lastConfirmed: number}> {
	return new Promise((resolvePromise, reject) => {
		const proc = spawn(process.execPath, [child, dataDir, '7'], {stdio: ['ignore', 'pipe', 'pipe']});
		let buffer = '';
		let opened = -1;
		let lastConfirmed = -1;
		let confirmed = 0;
		let stderr = '';
		proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		proc.stdout.on('data', (d: Buffer) => {
			buffer += d.toString();
			const lines = buffer.split('\n');
			buffer = lines.pop()!;
			for (const line of lines) {
				if (line.startsWith('open ')) opened = lastConfirmed = Number(line.slice(5));
				else {
					lastConfirmed = Number(line);
					if (++confirmed === appends) proc.kill('SIGKILL');
				}
			}
		});
		proc.on('exit', (code, signal) => {
			if (signal === 'SIGKILL') resolvePromise({opened, lastConfirmed});
			else reject(new Error(`child exited with ${code}: ${stderr}`));
		});
	});
}

describe('audit log under SIGKILL', () => {
	it('verifies after every kill, losing at most the entry in flight', async () => {
		let previousLast = 0;
		for (let round = 0; round < 6; round++) {
			const appends = 1 + Math.floor(Math.random() * 25);
			const {opened, lastConfirmed} = await runAndKill(appends);
			// The stale lock of the killed child was taken over, and the new child continued the chain.
			expect(opened).toBeGreaterThanOrEqual(previousLast);
			expect(opened).toBeLessThanOrEqual(previousLast + 1);
			const report = await verifyAuditLog(dataDir);
			expect(report.ok, JSON.stringify(report.problem)).toBe(true);
			expect(report.lastSeq).toBeGreaterThanOrEqual(lastConfirmed);
			expect(report.lastSeq).toBeLessThanOrEqual(lastConfirmed + 1);
			const seqs = (await listRecent(dataDir, 1000)).map((e) => e.seq);
			expect(seqs).toEqual(seqs.map((_, i) => i + 1));
			previousLast = report.lastSeq!;
		}
	}, 60_000);
});

describe('the crash window: an append cut between its intent and its done', () => {
	// Parts of 4: after 5 appends the 6th goes into part 2; after 4, the 5th starts part 2.
	for (const [step, after, lastSeq] of [
		['intent', 5, 5],
		['intent', 4, 4],
		['part', 5, 6],
		['part', 4, 5],
		['intent', 0, 0],
		['part', 0, 1],
	] as const) {
		it(`killed after the ${step} of append ${after + 1}: verify accepts it, opening settles it, the chain goes on`, async () => {
			const dir = freshDir();
			expect(await runUntilSelfKill(dir, step, after)).toEqual(Array.from({length: after}, (_, i) => i + 1));
			const head = headJson(dir);
			expect(head).toMatchObject({seq: after, next: {seq: after + 1}});
			expect(await verifyAuditLog(dir)).toMatchObject({ok: true, head: 'pending', entries: lastSeq});
			const store = await AuditStore.open({dataDir: dir, terminal: 'T-CRASH'});
			expect(store.last.seq).toBe(lastSeq);
			if (lastSeq === 0) expect(existsSync(join(auditDir(dir), 'head.json'))).toBe(false);
			else expect(headJson(dir)).toEqual({seq: lastSeq, hash: store.last.hash, segment: store.last.segment});
			await store.record({action: 'session.lock', outcome: 'ok', details: {reason: 'idle'}});
			await store.close();
			expect(await verifyAuditLog(dir)).toMatchObject({ok: true, head: 'ok', lastSeq: lastSeq + 1});
		});
	}
});

describe('verify next to a live writer', () => {
	it('never raises a false alarm while a child appends (side by side, no sleeps)', async () => {
		const dir = freshDir();
		const proc = spawn(process.execPath, [child, dir, '3'], {stdio: ['ignore', 'pipe', 'pipe']});
		let confirmed = 0;
		proc.stdout.on('data', (d: Buffer) => {
			for (const line of d.toString().split('\n')) if (/^\d+$/.test(line)) confirmed = Math.max(confirmed, Number(line));
		});
		const exited = new Promise((done) => proc.on('exit', done));
		try {
			const reports = [];
			let moving = 0;
			// Until the writer has gone through many parts and verify has run many times against it.
			for (let previous = -1; confirmed < 150 || reports.length < 40; ) {
				const report = await verifyAuditLog(dir);
				reports.push(report);
				expect(report.ok, JSON.stringify(report)).toBe(true);
				expect(['ok', 'pending']).toContain(report.head);
				if (report.entries !== previous) moving++;
				previous = report.entries;
			}
			expect(moving).toBeGreaterThan(5); // the log did grow between verifies
		} finally {
			proc.kill('SIGKILL');
			await exited;
		}
		expect((await verifyAuditLog(dir)).ok).toBe(true);
	}, 60_000);
});

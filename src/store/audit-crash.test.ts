/**
 * Crash safety: a child process appends in a loop and is killed with SIGKILL at random points,
 * several times over the same log. Afterwards the chain verifies, seqs stay contiguous, and at
 * most the entry in flight when the child died is missing (it may or may not have landed).
 * The child runs the compiled store: `npm test` builds dist/ first (or run `npx tsc -p tsconfig.json`).
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {listRecent, verifyAuditLog} from './audit-store.js';

const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, '__fixtures__', 'audit-crash-child.mjs');
const compiled = resolve(here, '../../dist/src/store/audit-store.js');
let dataDir = '';

beforeAll(() => {
	if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run the build first (npm test does; or npx tsc -p tsconfig.json)`);
	dataDir = mkdtempSync(join(tmpdir(), 'tongban-crash-'));
});
afterAll(() => rmSync(dataDir, {recursive: true, force: true}));

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

/**
 * Crash test: a child process submits N cases through the durable outbox and is killed with
 * SIGKILL at random moments (after a random number of hub requests), then started again, until
 * it finishes. The mock hub's state must then hold every case exactly once.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {afterAll, beforeAll, expect, it, vi} from 'vitest';
import {openOutboxStore} from '../../src/store/outbox.js';
import {seededRandom} from './faults.js';
import {startMockHub, type MockHub} from './server.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(join(tmpdir(), 'tongban-crash-'));
const childFile = join(work, 'crash-child.mjs');
let hub: MockHub;

beforeAll(async () => {
	await build({
		entryPoints: [join(root, 'mocks/hub/crash-child.ts')],
		outfile: childFile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		logLevel: 'warning',
		banner: {js: "import {createRequire as __r} from 'node:module'; const require = __r(import.meta.url);"},
	});
	// A little latency keeps requests in flight when the kill lands; resets add lost answers.
	hub = await startMockHub({faults: '*:latency=2;cases.create:reset=0.15', seed: 11});
});

afterAll(async () => {
	await hub.close();
	rmSync(work, {recursive: true, force: true});
});

function exitOf(child: ChildProcess): Promise<{code: number | null; signal: NodeJS.Signals | null}> {
	return new Promise((done) => {
		if (child.exitCode !== null || child.signalCode !== null) done({code: child.exitCode, signal: child.signalCode});
		else child.once('exit', (code, signal) => done({code, signal}));
	});
}

it('SIGKILL at random points loses nothing and duplicates nothing', async () => {
	const count = 10;
	const dataDir = join(work, 'terminal');
	const random = seededRandom(Number(process.env.CRASH_SEED ?? 20250605));
	let kills = 0;
	let finished = false;
	for (let round = 0; round < 60 && !finished; round++) {
		const child = spawn(process.execPath, [childFile, hub.url, dataDir, String(count)], {stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
		const exited = exitOf(child);
		const target = hub.total + 1 + Math.floor(random() * 8);
		let done = false;
		void exited.then(() => (done = true));
		// Poll (no sleeping) until the child has made a few requests, or has finished by itself.
		await vi.waitFor(() => {
			if (!done && hub.total < target) throw new Error('not yet');
		}, {timeout: 15_000, interval: 1});
		if (!done) {
			child.kill('SIGKILL');
			kills++;
		}
		const result = await exited;
		if (result.code !== null) {
			expect(stderr).toBe('');
			expect(result.code).toBe(0);
			finished = true;
		}
	}
	expect(finished).toBe(true);
	expect(kills).toBeGreaterThan(0);

	const entries = await (await openOutboxStore(dataDir)).list();
	expect(entries.filter((e) => e.phase !== 'done')).toEqual([]);
	const cases = [...hub.state.cases.values()].filter((c) => c.submission.terminalId === 'T-CRASH-01');
	const seqs = cases.map((c) => c.submission.answers['seq']).sort((a, b) => Number(a) - Number(b));
	expect(seqs).toEqual(Array.from({length: count}, (_, i) => i));
	// Each outbox entry points at the one case its key created.
	for (const e of entries) expect(hub.state.byKey.get(e.idempotencyKey)).toBe(e.receipt?.caseId);
}, 60_000);

/**
 * The crash scenario shared by the CI crash test (mocks/hub/crash.test.ts) and the bench
 * (bench/crash.ts): a child process (crash-child.ts) submits N cases through the durable outbox
 * to a faulty mock hub and is killed with SIGKILL at random points, then started again, until a
 * run finishes by itself. What it counts is what the outbox promises: every case on the hub
 * exactly once (0 lost, 0 duplicated) and every outbox entry done, pointing at the case its key
 * created.
 *
 * Kill points are a random number of hub requests into a run (so kills land in uploads, posts,
 * the lookups after lost answers, and the local writes between them). The range is sized from
 * the work left so that at least `minKills` kills (aiming a few past it) are spread over the
 * whole run, not bunched at its start; after that the child is still killed now and then, until a
 * run gets through.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {setTimeout as delay} from 'node:timers/promises';
import {openOutboxStore} from '../../src/store/outbox.js';
import {packageRoot} from '../../src/paths.js';
import {seededRandom} from './faults.js';
import type {MockHub} from './server.js';

/** The terminal id the child submits under (crash-child.ts). */
export const CRASH_TERMINAL = 'T-CRASH-01';

/**
 * Faults of the hub in the crash runs: latency keeps requests in flight when a kill lands;
 * resets lose answers to case creation (the hub did the work); 500s (outcome unknown, before the
 * work) and 503s (certainly not done, Retry-After 0) on every route.
 */
export const CRASH_FAULTS = '*:latency=2,500=0.03,503=0.03,retryAfter=0;cases.create:reset=0.15,500=0.05,503=0.05';

/**
 * Bundles crash-child.ts (or another child, e.g. crash-supplement-child.ts) into `outFile` (one
 * file: a child starts in ~100 ms, not ~300 from dist).
 */
export async function buildCrashChild(outFile: string, entry = 'mocks/hub/crash-child.ts'): Promise<string> {
	const {build} = await import('esbuild');
	await build({
		entryPoints: [join(packageRoot(), entry)],
		outfile: outFile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		logLevel: 'warning',
		banner: {js: "import {createRequire as __r} from 'node:module'; const require = __r(import.meta.url);"},
	});
	return outFile;
}

export interface CrashRunOptions {
	/** The bundled child (buildCrashChild). */
	childFile: string;
	hub: MockHub;
	/** The terminal's data directory (outbox.json and the blobs). */
	dataDir: string;
	submissions: number;
	minKills: number;
	seed: number;
	/** The child's environment (default: this process's). */
	env?: NodeJS.ProcessEnv;
	/** A run that makes no hub request for this long is a hang. Default 20 s. */
	stallMs?: number;
	/** Progress, e.g. for the bench's stderr. */
	onRound?: (round: {round: number; kills: number; casesOnHub: number}) => void;
	/**
	 * Another scenario on the same driver (crash-supplement.ts): the child's arguments after the
	 * hub URL and the data directory (default: the submission count), how many of the
	 * `submissions` the hub holds so far (sizes the kill range; default: cases of CRASH_TERMINAL)
	 * and the final count (default: tallyCrash).
	 */
	scenario?: {
		childArgs: string[];
		doneOnHub(hub: MockHub): number;
		tally(hub: MockHub, dataDir: string, submissions: number): Promise<CrashTally>;
	};
}

export interface CrashRunResult {
	submissions: number;
	kills: number;
	/** Child processes started (kills + the one that finished). */
	runs: number;
	hubRequests: number;
	/** Sequence numbers with no case on the hub. */
	lost: number;
	/** Cases on the hub beyond the first for a sequence number. */
	duplicated: number;
	/** Outbox entries (should equal `submissions`). */
	entries: number;
	/** Outbox entries not in phase done. */
	notDone: number;
	/** Done entries whose receipt is not the case the hub filed under their idempotency key. */
	mispointed: number;
	elapsedMs: number;
}

class CrashRunError extends Error {}

function exitOf(child: ChildProcess): Promise<{code: number | null; signal: NodeJS.Signals | null}> {
	return new Promise((done) => {
		if (child.exitCode !== null || child.signalCode !== null) done({code: child.exitCode, signal: child.signalCode});
		else child.once('exit', (code, signal) => done({code, signal}));
	});
}

function casesOnHub(hub: MockHub): number {
	let n = 0;
	for (const c of hub.state.cases.values()) if (c.submission.terminalId === CRASH_TERMINAL) n++;
	return n;
}

export async function runCrashScenario(options: CrashRunOptions): Promise<CrashRunResult> {
	const {hub, submissions, minKills} = options;
	const random = seededRandom(options.seed);
	const stallMs = options.stallMs ?? 20_000;
	const started = performance.now();
	const requestsAtStart = hub.total;
	let kills = 0;
	let runs = 0;
	let finished = false;
	const maxRuns = minKills * 4 + submissions + 10;
	const doneOnHub = options.scenario?.doneOnHub ?? casesOnHub;
	const childArgs = options.scenario?.childArgs ?? [String(submissions)];
	while (!finished) {
		if (runs >= maxRuns) throw new CrashRunError(`no run finished after ${runs} starts (${kills} kills)`);
		runs++;
		const child = spawn(process.execPath, [options.childFile, hub.url, options.dataDir, ...childArgs], {stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env});
		let stderr = '';
		child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
		child.stdout!.resume();
		const exited = exitOf(child);
		let exit: {code: number | null; signal: NodeJS.Signals | null} | undefined;
		void exited.then((e) => (exit = e));

		// Requests a case takes so far (upload, post, lookups after lost answers), to size the range.
		const onHub = doneOnHub(hub);
		const done = hub.total - requestsAtStart;
		const perCase = onHub > 0 ? done / onHub : 3;
		const remaining = Math.max(1, (submissions - onHub) * perCase);
		// Aim a little past minKills: a run that finishes by itself ends the scenario, so the last
		// kills must not be left to the last few requests.
		const killsNeeded = Math.max(0, minKills + Math.max(3, Math.ceil(minKills / 10)) - kills);
		const span = Math.max(2, Math.floor((2 * remaining) / (killsNeeded + 1)));
		const target = hub.total + 1 + Math.floor(random() * span);

		// Poll until the child has made that many requests or has exited by itself.
		let lastTotal = hub.total;
		let lastChange = performance.now();
		while (exit === undefined && hub.total < target) {
			await delay(1);
			if (hub.total !== lastTotal) {
				lastTotal = hub.total;
				lastChange = performance.now();
			} else if (performance.now() - lastChange > stallMs) {
				child.kill('SIGKILL');
				throw new CrashRunError(`run ${runs} made no hub request for ${stallMs} ms; stderr: ${stderr.trim()}`);
			}
		}
		if (exit === undefined) {
			child.kill('SIGKILL');
			kills++;
		}
		const result = await exited;
		if (result.code !== null) {
			if (result.code !== 0 || stderr !== '') throw new CrashRunError(`run ${runs} exited ${result.code}: ${stderr.trim()}`);
			finished = true;
		}
		options.onRound?.({round: runs, kills, casesOnHub: doneOnHub(hub)});
	}
	const elapsedMs = performance.now() - started;
	const tally = options.scenario?.tally ?? tallyCrash;
	return {submissions, kills, runs, hubRequests: hub.total - requestsAtStart, elapsedMs, ...(await tally(hub, options.dataDir, submissions))};
}

export type CrashTally = Pick<CrashRunResult, 'lost' | 'duplicated' | 'entries' | 'notDone' | 'mispointed'>;

/** Counts what the outbox promises against what the hub holds for the crash terminal. */
export async function tallyCrash(hub: MockHub, dataDir: string, submissions: number): Promise<CrashTally> {
	const entries = await (await openOutboxStore(dataDir)).list();
	const seen = new Map<number, number>();
	for (const c of hub.state.cases.values()) {
		if (c.submission.terminalId !== CRASH_TERMINAL) continue;
		const seq = Number(c.submission.answers['seq']);
		seen.set(seq, (seen.get(seq) ?? 0) + 1);
	}
	let lost = 0;
	for (let seq = 0; seq < submissions; seq++) if (!seen.has(seq)) lost++;
	let duplicated = 0;
	// A case for a sequence number never submitted is an extra case too.
	for (const [seq, n] of seen) duplicated += Number.isInteger(seq) && seq >= 0 && seq < submissions ? n - 1 : n;
	return {
		lost,
		duplicated,
		entries: entries.length,
		notDone: entries.filter((e) => e.phase !== 'done').length,
		mispointed: entries.filter((e) => e.phase === 'done' && hub.state.byKey.get(e.idempotencyKey) !== e.receipt?.caseId).length,
	};
}

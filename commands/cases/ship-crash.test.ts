/**
 * Kill -9 test of the end-of-day shipment batch, through the BUILT binary (dist/bundle/tongban.js,
 * built by `npm test`), in the style of the outbox's crash tests (mocks/hub/crash-run.ts): 30 cases
 * whose originals must travel, one batch file for them all, `cases ship --batch` started again and
 * again and killed with SIGKILL at a random point — after a random number of hub requests, so kills
 * land between a shipment the hub recorded and the audit entry of it, inside audit writes, in
 * lookups — with some runs against a hub that loses answers to the shipment POST. A last clean run
 * must exit 0; every case then holds exactly one shipment, with its own waybill, and the audit
 * log verifies.
 */
import {spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {setTimeout as delay} from 'node:timers/promises';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {seededRandom} from '../../mocks/hub/faults.js';
import {startMockHub, type MockHub} from '../../mocks/hub/server.js';
import {BUILT_CLI, requireBuiltCli, runScript} from '../../src/test-utils/cli-process.js';
import {tempDirs} from '../../src/test-utils/temp-dirs.js';
import {s10Waybill} from '../../src/test-utils/waybills.js';

const CASES = 30;
const MIN_KILLS = 10;
/** A run that makes no hub request for this long hangs. */
const STALL_MS = 15_000;
const tempDir = tempDirs('tongban-shipcrash-');
const env = {...process.env, TONGBAN_HUB_TOKEN: 'demo-api-token', FORCE_COLOR: '0'};
let hub: MockHub;
let lostAnswers = 0;

beforeAll(async () => {
	requireBuiltCli();
	hub = await startMockHub({
		plan: () => ({outcome: 'returned', delivery: 'branch', originalsRequired: true}),
		// Latency keeps requests in flight when a kill lands.
		faults: '*:latency=2',
		seed: 5,
		onExchange: (exchange) => {
			if (exchange.route === 'cases.shipment' && exchange.status === undefined) lostAnswers++;
		},
	});
});
afterAll(async () => {
	await hub.close();
});

/** Each case's parcel: S10 EMS, SF (no published format) and 13-digit domestic EMS, some with a sentAt. */
function parcelOf(i: number): {carrier: string; waybill: string; sentAt: string} {
	const sentAt = i % 2 === 0 ? '' : '2026-12-02T17:00:00+08:00';
	if (i % 3 === 0) return {carrier: 'ems', waybill: s10Waybill(5000 + i), sentAt};
	if (i % 3 === 1) return {carrier: 'sf', waybill: `SF${String(7_000_000_000 + i)}`, sentAt};
	return {carrier: 'ems', waybill: String(1_100_000_000_000 + i), sentAt};
}

it(`${CASES} shipments, at least ${MIN_KILLS} SIGKILLs at random points, lost answers: each case has exactly one shipment and the audit verifies`, async () => {
	const dataDir = tempDir();
	const ids = hub.state.seedCases(CASES, 'T-DEMO-0001');
	const file = join(tempDir(), 'end-of-day.csv');
	writeFileSync(file, ['caseId,carrier,waybill,sentAt', ...ids.map((id, i) => Object.values({id, ...parcelOf(i)}).join(','))].join('\n'));
	const args = ['cases', 'ship', '--batch', file, '--hub', hub.url, '--data-dir', dataDir, '--json'];
	const random = seededRandom(Number(process.env.CRASH_SEED ?? 20261203));
	let kills = 0;
	let runs = 0;
	while (kills < MIN_KILLS) {
		if (runs > MIN_KILLS * 4) throw new Error(`only ${kills} kills in ${runs} runs`);
		runs++;
		// Every third run against a hub that loses answers: it recorded the parcel, the terminal never heard.
		hub.faults.set('cases.shipment', runs % 3 === 0 ? {shares: {reset: 0.3}} : {});
		const child = spawn(process.execPath, [BUILT_CLI, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
		child.stdout.resume();
		child.stderr.resume();
		let exited = false;
		const exit = new Promise<void>((done) => child.once('exit', () => done()));
		void exit.then(() => (exited = true));
		// A full run makes 30 to 60 requests (a sentAt that differs on a re-run adds a lookup): kill anywhere in it.
		const target = hub.total + 1 + Math.floor(random() * 45);
		let last = hub.total;
		let lastChange = performance.now();
		while (!exited && hub.total < target) {
			await delay(1);
			if (hub.total !== last) [last, lastChange] = [hub.total, performance.now()];
			else if (performance.now() - lastChange > STALL_MS) {
				child.kill('SIGKILL');
				throw new Error(`run ${runs} made no hub request for ${STALL_MS} ms`);
			}
		}
		if (!exited) {
			child.kill('SIGKILL');
			kills++;
		}
		await exit;
	}
	hub.faults.clear();

	// The clean run: whatever the kills left, it finishes, and records nothing twice.
	const final = await runScript(BUILT_CLI, args, {env});
	expect(final.code, final.stderr).toBe(0);
	const rows = final.stdout.trim().split('\n').map((l) => JSON.parse(l) as {status?: string; summary?: Record<string, number>});
	expect(rows.pop()!.summary).toMatchObject({rows: CASES, refused: 0, failed: 0});
	expect(rows.every((r) => r.status === 'recorded' || r.status === 'already_recorded')).toBe(true);

	expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
	expect(lostAnswers).toBeGreaterThan(0);
	ids.forEach((id, i) => {
		const {carrier, waybill} = parcelOf(i);
		expect(hub.state.cases.get(id)!.shipments!.map((s) => [s.carrier, s.waybill]), id).toEqual([[carrier, waybill]]);
	});
	const verified = await runScript(BUILT_CLI, ['audit', 'verify', '--json', '--data-dir', dataDir], {env});
	expect(verified.code, verified.stdout).toBe(0);
	expect(JSON.parse(verified.stdout)).toMatchObject({ok: true});
}, 90_000);

/**
 * Crash test, CI-sized: a child process submits 200 cases through the durable outbox to a faulty
 * hub (latency, lost answers on case creation, 500s and 503s) and is killed with SIGKILL at
 * random points, at least 20 times, then started again until a run finishes. Every case must be
 * on the hub exactly once and every outbox entry done, pointing at the case its key created.
 * The driver is shared with the bench (bench/crash.ts, 1,000 submissions): mocks/hub/crash-run.ts.
 * The outbox compacts every 5 journal lines here (src/store/outbox-files.ts), so kills also land
 * inside compactions (archive appended, snapshot not yet written, journal not yet emptied).
 */
import {createHash} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {HubClient} from '../../src/hub/client.js';
import {buildCrashChild, CRASH_FAULTS, CRASH_TERMINAL, runCrashScenario, tallyCrash} from './crash-run.js';
import {startMockHub, type MockHub} from './server.js';
import {demoDraft, demoMaterial} from './demo-cases.js';

const work = mkdtempSync(join(tmpdir(), 'tongban-crash-'));
let childFile: string;
let hub: MockHub;

beforeAll(async () => {
	childFile = await buildCrashChild(join(work, 'crash-child.mjs'));
	hub = await startMockHub({faults: CRASH_FAULTS, seed: 11});
});

afterAll(async () => {
	await hub.close();
	rmSync(work, {recursive: true, force: true});
});

it('200 submissions, at least 20 SIGKILLs at random points, a faulty hub: 0 lost, 0 duplicated', async () => {
	const result = await runCrashScenario({
		childFile,
		hub,
		dataDir: join(work, 'terminal'),
		submissions: 200,
		minKills: 20,
		seed: Number(process.env.CRASH_SEED ?? 20250605),
		env: {...process.env, TONGBAN_OUTBOX_COMPACT_EVERY: '5'},
	});
	expect(result.kills).toBeGreaterThanOrEqual(20);
	expect({lost: result.lost, duplicated: result.duplicated, entries: result.entries, notDone: result.notDone, mispointed: result.mispointed}).toEqual({
		lost: 0,
		duplicated: 0,
		entries: 200,
		notDone: 0,
		mispointed: 0,
	});
	// The faults really happened: more requests than the two a case needs without them.
	expect(result.hubRequests).toBeGreaterThan(2 * 200);

	// The tally can fail: a second case for one sequence number is a duplicate, a missing one is lost.
	hub.faults.clear();
	const client = new HubClient({baseUrl: hub.url, terminalId: CRASH_TERMINAL, token: 'demo-api-token'});
	const material = demoMaterial('材料 7');
	const sha256 = createHash('sha256').update(material.bytes).digest('hex');
	await client.putBlob(sha256, material.bytes, material.contentType);
	await client.createCase('crash-extra-0007', {...demoDraft({terminalId: CRASH_TERMINAL, answers: {seq: 7}}), materials: [{code: material.code, sha256, pages: 1, originalVerified: true}]});
	await client.close();
	expect(await tallyCrash(hub, join(work, 'terminal'), 201)).toMatchObject({lost: 1, duplicated: 1});
}, 120_000);

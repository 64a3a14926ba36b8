/**
 * Crash test for supplements (补正), CI-sized: 40 returned cases, a child process sending one
 * supplement to each through the durable outbox to a faulty hub (latency, lost answers on the
 * supplement POST, 500s and 503s), killed with SIGKILL at random points at least 10 times and
 * started again until a run finishes. Every case must hold exactly one supplement, and every
 * outbox entry be done, pointing at its case. Driver: mocks/hub/crash-run.ts.
 */
import {createHash} from 'node:crypto';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {HubClient} from '../../src/hub/client.js';
import {buildCrashChild, runCrashScenario} from './crash-run.js';
import {SUPPLEMENT_CRASH_FAULTS, SUPPLEMENT_CRASH_TERMINAL, seedReturnedCases, supplementedOnHub, supplementIdsFile, supplementMaterial, tallySupplements} from './crash-supplement.js';
import {startMockHub, type MockHub} from './server.js';
import {manualClock} from './testing.js';

const work = mkdtempSync(join(tmpdir(), 'tongban-crash-supp-'));
let childFile: string;
let hub: MockHub;
// The hub's clock stands still once the cases are returned: a supplemented case stays in review.
const clock = manualClock();
const SUPPLEMENTS = 40;

beforeAll(async () => {
	childFile = await buildCrashChild(join(work, 'crash-supplement-child.mjs'), 'mocks/hub/crash-supplement-child.ts');
	hub = await startMockHub({faults: SUPPLEMENT_CRASH_FAULTS, seed: 13, clock, stepMs: 1_000, plan: () => ({outcome: 'returned', delivery: 'licence', originalsRequired: false})});
	seedReturnedCases(hub, SUPPLEMENTS, supplementIdsFile(work));
	clock.advance(10_000);
});

afterAll(async () => {
	await hub.close();
	rmSync(work, {recursive: true, force: true});
});

it('40 supplements, at least 10 SIGKILLs at random points, a faulty hub: each case supplemented exactly once', async () => {
	expect([...hub.state.cases.values()].every((c) => hub.state.getCase(c.caseId)?.status === 'returned')).toBe(true);
	const result = await runCrashScenario({
		childFile,
		hub,
		dataDir: join(work, 'terminal'),
		submissions: SUPPLEMENTS,
		minKills: 10,
		seed: Number(process.env.CRASH_SEED ?? 20261202),
		scenario: {childArgs: [supplementIdsFile(work)], doneOnHub: supplementedOnHub, tally: tallySupplements},
	});
	expect(result.kills).toBeGreaterThanOrEqual(10);
	expect({lost: result.lost, duplicated: result.duplicated, entries: result.entries, notDone: result.notDone, mispointed: result.mispointed}).toEqual({
		lost: 0,
		duplicated: 0,
		entries: SUPPLEMENTS,
		notDone: 0,
		mispointed: 0,
	});
	// The faults really happened: more requests than the three a supplement needs without them.
	expect(result.hubRequests).toBeGreaterThan(3 * SUPPLEMENTS);
	// Lost answers and kills after the POST were resolved by POSTing again under the same key.
	expect(hub.counts.get('cases.supplement')).toBeGreaterThan(SUPPLEMENTS);
	for (const c of hub.state.cases.values()) expect(hub.state.getCase(c.caseId)?.status).toBe('in_review');

	// The tally can fail: a second supplement to a case (another key, the case returned again) is a duplicate.
	hub.faults.clear();
	const [first] = [...hub.state.cases.values()];
	first!.status = 'returned';
	const client = new HubClient({baseUrl: hub.url, terminalId: SUPPLEMENT_CRASH_TERMINAL, token: 'demo-api-token'});
	const material = supplementMaterial('another');
	const sha256 = createHash('sha256').update(material.bytes).digest('hex');
	await client.putBlob(sha256, material.bytes, material.contentType);
	await client.addSupplement(first!.caseId, 'supp-crash-extra-0001', [{code: 'M03', sha256, pages: 1, originalVerified: false}]);
	await client.close();
	expect(await tallySupplements(hub, join(work, 'terminal'), SUPPLEMENTS + 1)).toMatchObject({lost: 1, duplicated: 1});
}, 60_000);

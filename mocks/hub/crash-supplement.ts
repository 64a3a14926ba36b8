/**
 * The supplement (补正) crash scenario on the crash driver (crash-run.ts): cases already returned
 * on a faulty mock hub, a child (crash-supplement-child.ts) sending one supplement to each through
 * the durable outbox, killed with SIGKILL at random points and started again until a run
 * finishes. What it counts: every case supplemented exactly once with its own material (0 lost,
 * 0 duplicated), every outbox entry done and pointing at its case, under a key the case holds.
 */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {MaterialInput} from '../../src/core/cases/outbox.js';
import {openOutboxStore} from '../../src/store/outbox.js';
import type {CrashTally} from './crash-run.js';
import type {MockHub} from './server.js';

export const SUPPLEMENT_CRASH_TERMINAL = 'T-CRASH-SUPP';

/**
 * Faults of the supplement runs: latency, 500s and 503s on every route; on the supplement POST,
 * resets (the hub took the supplement, the answer is lost: the outbox must re-POST under the key).
 */
export const SUPPLEMENT_CRASH_FAULTS = '*:latency=2,500=0.03,503=0.03,retryAfter=0;cases.supplement:reset=0.2,500=0.05,503=0.05';

/** The one material each case gets: its own bytes (a JPEG by its first bytes). */
export function supplementMaterial(caseId: string): MaterialInput {
	const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`补正 ${caseId}`)]);
	return {code: 'M03', bytes, contentType: 'image/jpeg', pages: 1, originalVerified: false};
}

/** Cases of the supplement terminal on the hub, returned and waiting; their ids in `idsFile`. */
export function seedReturnedCases(hub: MockHub, count: number, idsFile: string): string[] {
	const ids = hub.state.seedCases(count, SUPPLEMENT_CRASH_TERMINAL);
	writeFileSync(idsFile, `${ids.join('\n')}\n`);
	return ids;
}

function crashCases(hub: MockHub) {
	return [...hub.state.cases.values()].filter((c) => c.submission.terminalId === SUPPLEMENT_CRASH_TERMINAL);
}

/** Cases that hold at least one supplement (sizes the kill range). */
export function supplementedOnHub(hub: MockHub): number {
	return crashCases(hub).filter((c) => Object.keys(c.supplementKeys).length > 0).length;
}

/** Counts what the outbox promises for supplements against what the hub holds. */
export async function tallySupplements(hub: MockHub, dataDir: string, submissions: number): Promise<CrashTally> {
	const entries = (await openOutboxStore(dataDir)).list();
	const cases = crashCases(hub);
	let lost = 0;
	let duplicated = 0;
	for (const c of cases) {
		// A supplement adds its materials to the case: one supplement of one material each.
		const supplements = Object.keys(c.supplementKeys).length;
		const added = c.submission.materials.length;
		if (supplements === 0) lost++;
		duplicated += Math.max(0, supplements - 1) + Math.max(0, added - supplements);
	}
	lost += Math.max(0, submissions - cases.length);
	const all = await entries;
	return {
		lost,
		duplicated,
		entries: all.length,
		notDone: all.filter((e) => e.phase !== 'done').length,
		mispointed: all.filter((e) => e.phase === 'done' && (e.receipt?.caseId !== e.supplementFor || !(e.idempotencyKey in (hub.state.cases.get(e.supplementFor ?? '')?.supplementKeys ?? {})))).length,
	};
}

export const supplementIdsFile = (work: string) => join(work, 'returned-cases.txt');

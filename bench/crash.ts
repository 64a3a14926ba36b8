/**
 * Crash safety at bench size: 1,000 submissions through the durable outbox to a faulty mock hub,
 * the submitting process killed with SIGKILL at random points at least 100 times (as many as it
 * takes until a run gets through), then the count that matters: cases lost and duplicated on the
 * hub, outbox entries not done or pointing elsewhere. The same driver as the CI crash test
 * (mocks/hub/crash-run.ts, 200 submissions / 20 kills).
 *   npm run bench -- --only crash          (records in docs/performance.md)
 *   npm run bench -- --only crash --quick  (200 / 20, printed only)
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {buildCrashChild, CRASH_FAULTS, runCrashScenario} from '../mocks/hub/crash-run.js';
import {startMockHub} from '../mocks/hub/server.js';
import type {Section} from './stats.js';

export async function benchCrash(opts: {quick?: boolean; submissions?: number; minKills?: number; seed?: number} = {}): Promise<Section> {
	const submissions = opts.submissions ?? (opts.quick ? 200 : 1000);
	const minKills = opts.minKills ?? (opts.quick ? 20 : 100);
	const seed = opts.seed ?? 20251201;
	const work = mkdtempSync(join(tmpdir(), 'tongban-bench-crash-'));
	const hub = await startMockHub({faults: CRASH_FAULTS, seed});
	try {
		const childFile = await buildCrashChild(join(work, 'crash-child.mjs'));
		const r = await runCrashScenario({
			childFile,
			hub,
			dataDir: join(work, 'terminal'),
			submissions,
			minKills,
			seed,
			onRound: ({round, kills, casesOnHub}) => {
				if (round % 10 === 0) process.stderr.write(`bench crash: ${casesOnHub}/${submissions} cases on the hub after ${kills} kills\n`);
			},
		});
		const ok = r.lost === 0 && r.duplicated === 0 && r.notDone === 0 && r.mispointed === 0 && r.entries === submissions;
		return {
			title: 'Crash safety: SIGKILL of the submitter at random points, faulty hub',
			rows: [
				{
					submissions: r.submissions,
					kills: r.kills,
					runs: r.runs,
					'hub requests': r.hubRequests,
					lost: r.lost,
					duplicated: r.duplicated,
					'entries not done': r.notDone,
					'elapsed (s)': (r.elapsedMs / 1000).toFixed(1),
					'cases/s': (r.submissions / (r.elapsedMs / 1000)).toFixed(1),
					target: '0 lost, 0 duplicated',
					result: ok ? 'met' : 'NOT MET',
				},
			],
			notes: [
				`Hub faults: \`${CRASH_FAULTS}\` (seed ${seed}): 15% of case creations answered by a reset after the work, 500s and 503s on every route.`,
				'Each kill lands after a random number of hub requests into a run, sized from the work left so that the kills spread over the whole run; every run enqueues what is not yet in the outbox, then drains.',
				'Elapsed includes a process start per run (~0.2 s) and the outbox writes (one journal line per state change, src/store/outbox-files.ts).',
				'The CI test (mocks/hub/crash.test.ts) runs the same driver with 200 submissions and at least 20 kills.',
			],
		};
	} finally {
		await hub.close();
		rmSync(work, {recursive: true, force: true});
	}
}

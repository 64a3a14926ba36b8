/**
 * 日终 over a branch's year (docs/people.md#日终-closing-the-day): 100 cases a day for 365 days on
 * the mock hub and in this terminal's index and outbox (36,500 each), then the last day's report
 * (src/wiring/day-report.ts: the files streamed one record at a time, the hub's day page by page).
 * Its peak heap and RSS above the process's own baseline (after a GC, before the run) are set
 * beside the same files read whole (JSON.parse, what a lowdb read does), measured in the same run.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {newEntry} from '../src/core/cases/outbox-machine.js';
import {parseLocalDay, localDateOf} from '../src/core/report/day.js';
import {HubClient} from '../src/hub/client.js';
import {indexedFromHub} from '../src/store/cases-index.js';
import {archiveLine, archiveName} from '../src/store/outbox-files.js';
import {readDayReport} from '../src/wiring/day-report.js';
import {startMockHub} from '../mocks/hub/server.js';
import {manualClock} from '../mocks/hub/testing.js';
import {demoDraft} from '../mocks/hub/demo-cases.js';
import {median, type Section} from './stats.js';

const BRANCH = '440305001';
const TERMINAL = 'T-BENCH-DAY';
const MB = 1024 * 1024;

const gc = (globalThis as {gc?: () => void}).gc ?? (() => undefined);

/** Runs `work` while sampling memory every 2 ms; the peaks above the baseline taken after a GC. */
async function peakOf<T>(work: () => Promise<T>): Promise<{heapMb: number; rssMb: number; ms: number; value: T}> {
	gc();
	const base = process.memoryUsage();
	let heap = base.heapUsed;
	let rss = base.rss;
	const sample = () => {
		const now = process.memoryUsage();
		heap = Math.max(heap, now.heapUsed);
		rss = Math.max(rss, now.rss);
	};
	const timer = setInterval(sample, 2);
	const t = performance.now();
	try {
		const value = await work();
		sample();
		return {heapMb: (heap - base.heapUsed) / MB, rssMb: (rss - base.rss) / MB, ms: performance.now() - t, value};
	} finally {
		clearInterval(timer);
	}
}

export async function benchDayReport(opts: {quick?: boolean} = {}): Promise<Section> {
	const days = opts.quick ? 30 : 365;
	const perDay = 100;
	const runs = opts.quick ? 2 : 5;
	const start = new Date('2025-12-03T01:00:00Z');
	const clock = manualClock(start);
	const hub = await startMockHub({clock});
	const dir = mkdtempSync(join(tmpdir(), 'tongban-bench-day-'));
	const client = new HubClient({baseUrl: hub.url, terminalId: TERMINAL, token: 'demo-api-token'});
	try {
		// A year of the branch on the hub, and the same cases in this terminal's index and outbox.
		const cases: Record<string, unknown> = {};
		const archived: string[] = [];
		for (let d = 0; d < days; d++) {
			clock.set(new Date(start.getTime() + d * 86_400_000));
			for (const caseId of hub.state.seedCases(perDay, TERMINAL)) {
				hub.state.cases.get(caseId)!.branchCode = BRANCH;
				const record = hub.state.getCase(caseId)!;
				cases[caseId] = indexedFromHub(record, undefined, clock.now());
				const entry = newEntry(`key-${caseId}`, {...demoDraft({terminalId: TERMINAL}, clock), materials: [{code: 'M01', sha256: 'a'.repeat(64), pages: 1, originalVerified: true}]}, [], clock.now());
				archived.push(archiveLine({...entry, phase: 'done', receipt: {caseId, status: 'received', receivingNode: '44', handlingNode: record.handlingNode, receivedAt: record.receivedAt}}));
			}
		}
		writeFileSync(join(dir, 'cases.json'), JSON.stringify({version: 1, cases}));
		// The year's delivered entries in the outbox's archive, as compactions leave them (src/store/outbox-files.ts).
		const archive = archiveName(1);
		writeFileSync(join(dir, archive), archived.join(''));
		writeFileSync(join(dir, 'outbox.json'), JSON.stringify({version: 1, entries: {}, journal: {seq: archived.length}, delivered: {file: archive, bytes: readFileSync(join(dir, archive)).length}}));
		const fileMb = (readFileSync(join(dir, 'cases.json')).length + readFileSync(join(dir, archive)).length) / MB;
		const day = parseLocalDay(localDateOf(clock.now()))!;
		const deps = {hub: client, dataDir: dir, settings: {branchCode: BRANCH, terminalId: TERMINAL}, clock};

		const streamed: Array<{heapMb: number; rssMb: number; ms: number}> = [];
		const whole: Array<{heapMb: number; rssMb: number; ms: number}> = [];
		let received = 0;
		let differences = -1;
		for (let r = 0; r < runs; r++) {
			const s = await peakOf(() => readDayReport(deps, day));
			received = s.value.received.total;
			differences = s.value.differences.length;
			streamed.push(s);
			// The baseline: the same two files read whole, as the case index's lowdb read and the outbox's list() do.
			whole.push(
				await peakOf(async () => {
					const index = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as {cases: object};
					const outbox = readFileSync(join(dir, archive), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as object);
					return Object.keys(index.cases).length + outbox.length;
				}),
			);
		}
		const m = (list: typeof streamed, key: 'heapMb' | 'rssMb' | 'ms') => median(list.map((x) => x[key]));
		const fmt = (n: number) => n.toFixed(1);
		return {
			title: `Day report over a branch's year: ${days * perDay} cases on the hub and in the index and outbox (${fmt(fileMb)} MB of files)`,
			rows: [
				{way: 'report day (streamed, hub paged)', 'median ms': fmt(m(streamed, 'ms')), 'peak heap above baseline MB': fmt(m(streamed, 'heapMb')), 'peak RSS above baseline MB': fmt(m(streamed, 'rssMb')), 'heap vs whole read': (m(streamed, 'heapMb') / Math.max(0.1, m(whole, 'heapMb'))).toFixed(2)},
				{way: 'baseline: the two files read whole (JSON.parse)', 'median ms': fmt(m(whole, 'ms')), 'peak heap above baseline MB': fmt(m(whole, 'heapMb')), 'peak RSS above baseline MB': fmt(m(whole, 'rssMb')), 'heap vs whole read': '1.00'},
			],
			notes: [
				`The report of the last day read ${received} cases of the day and found ${differences} differences (reconciled: the hub and the files hold the same cases).`,
				`Medians of ${runs} runs; memory sampled every 2 ms, peaks above the process's own heap and RSS after a GC just before each run (node --expose-gc).`,
				'RSS above baseline can stay near 0 for the streamed run when the heap the year of setup grew is reused; the heap figure is the one to compare.',
			],
		};
	} finally {
		await client.close();
		await hub.close();
		rmSync(dir, {recursive: true, force: true});
	}
}

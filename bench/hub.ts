/**
 * Hub figures: the admins' batch status check of 100k case ids against the local mock hub
 * (chunks of 1000, 4 in flight) beside the naive way (one GET /cases/{id} after another) measured
 * on a sample in the same run. The outbox's own figures are bench/outbox.ts.
 */
import {performance} from 'node:perf_hooks';
import {streamBatchStatus} from '../src/core/cases/tracking.js';
import {HubClient} from '../src/hub/client.js';
import {startMockHub} from '../mocks/hub/server.js';
import {rssMb, type Section} from './stats.js';

export interface BenchHubOptions {
	quick?: boolean;
	cases?: number;
	naiveSample?: number;
}

async function* iterate(ids: string[]): AsyncGenerator<string> {
	yield* ids;
}

export async function benchHub(opts: BenchHubOptions = {}): Promise<Section> {
	const total = opts.cases ?? (opts.quick ? 20_000 : 100_000);
	const sample = opts.naiveSample ?? (opts.quick ? 500 : 2_000);
	const hub = await startMockHub({});
	const client = new HubClient({baseUrl: hub.url, terminalId: 'T-BENCH', token: 'demo-api-token'});
	const rows: Section['rows'] = [];
	try {
		const ids = hub.state.seedCases(total, 'T-BENCH');
		const rssBefore = rssMb();
		let t = performance.now();
		let found = 0;
		for await (const row of streamBatchStatus(client, iterate(ids), {concurrency: 4})) if ('status' in row) found++;
		const batchMs = performance.now() - t;
		if (found !== total) throw new Error(`batch found ${found} of ${total}`);
		const batchRate = total / (batchMs / 1000);
		rows.push({method: 'batch (POST /cases/status:batch, 1000 × 4 in flight)', cases: total, 'time (s)': (batchMs / 1000).toFixed(2), 'cases/s': Math.round(batchRate), 'RSS (MB)': Math.round(rssMb()), 'RSS growth (MB)': Math.round(rssMb() - rssBefore)});

		t = performance.now();
		for (const id of ids.slice(0, sample)) await client.getCase(id);
		const naiveMs = performance.now() - t;
		const naiveRate = sample / (naiveMs / 1000);
		rows.push({method: 'naive (GET /cases/{id}, one after another)', cases: sample, 'time (s)': (naiveMs / 1000).toFixed(2), 'cases/s': Math.round(naiveRate), 'RSS (MB)': Math.round(rssMb()), 'RSS growth (MB)': ''});
		rows.push({method: 'ratio batch / naive', cases: '', 'time (s)': '', 'cases/s': `${(batchRate / naiveRate).toFixed(1)}×`, 'RSS (MB)': '', 'RSS growth (MB)': ''});

	} finally {
		await client.close();
		await hub.close();
	}
	return {
		title: 'Hub: batch status vs one GET per case',
		rows,
		notes: [
			'Mock hub on 127.0.0.1 in the same process (no network latency: on a real branch link every round trip adds tens of ms, which widens the gap).',
			'Target: batch ≥ 20× the naive rate. Naive rate is measured on a sample of the same ids in the same run.',
		],
	};
}

import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {DataFileCorruptError} from './durable-json.js';
import {streamIndexedCases} from './json-map-stream.js';
import {allOutboxEntries} from './outbox-files.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-jsonstream-');

/** An index row whose strings hold what a naive scanner trips on: braces, quotes, escapes, CJK. */
function indexed(i: number) {
	return {
		caseId: `TB44-20261203-${String(i).padStart(7, '0')}`,
		idempotencyKey: `key-${i}`,
		itemCode: '990120000001',
		implementationCode: '12440000TB000006942990120000001',
		applicantMasked: i % 2 ? '陈*明' : '欧阳*"}{\\',
		receivingNode: '44',
		handlingNode: '51',
		status: 'received',
		receivedAt: '2026-12-03T02:00:00Z',
		updatedAt: '2026-12-03T02:00:00Z',
		history: [{status: 'received', node: '44', at: '2026-12-03T02:00:00Z', note: `第 ${i} 件 {"x": [1, 2]} \\" ]]`}],
		checkedAt: '2026-12-03T02:00:00Z',
	};
}

async function collect<T>(gen: AsyncGenerator<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const v of gen) out.push(v);
	return out;
}

describe('streaming the values of a data file', () => {
	it('reads every case of a large index exactly as JSON.parse does, across chunk boundaries', async () => {
		const dir = tempDir();
		const cases = Object.fromEntries(Array.from({length: 2000}, (_, i) => [`TB44-${i}-"{`, indexed(i)]));
		const text = JSON.stringify({version: 1, cases, after: {cases: {nested: true}}});
		expect(text.length).toBeGreaterThan(3 * 64 * 1024);
		writeFileSync(join(dir, 'cases.json'), text);
		expect(await collect(streamIndexedCases(dir))).toEqual(Object.values((JSON.parse(text) as {cases: Record<string, unknown>}).cases));
	});

	it('has no values when the file is absent; an empty map is empty', async () => {
		const dir = tempDir();
		expect(await collect(allOutboxEntries(dir))).toEqual([]);
		writeFileSync(join(dir, 'outbox.json'), '{"version":1,"entries":{}}');
		expect(await collect(allOutboxEntries(dir))).toEqual([]);
	});

	it('refuses a file cut short, empty, not JSON, without its map, or with a value of the wrong shape', async () => {
		const whole = JSON.stringify({version: 1, cases: {a: indexed(1), b: indexed(2)}});
		for (const text of [whole.slice(0, whole.length - 3), '', '   ', 'null', '[1]', '{"version":1}', JSON.stringify({version: 1, cases: {a: {...indexed(1), status: 'lost'}}}), JSON.stringify({version: 1, cases: []}), `${whole}x`]) {
			const dir = tempDir();
			writeFileSync(join(dir, 'cases.json'), text);
			await expect(collect(streamIndexedCases(dir)), text.slice(0, 40)).rejects.toBeInstanceOf(DataFileCorruptError);
		}
	});
});

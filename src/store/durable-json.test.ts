import {mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Low} from 'lowdb';
import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {DataFileCorruptError, DurableJSONFile, jsonPieces, writeChunksDurable, writeFileDurable} from './durable-json.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-durable-');

describe('DurableJSONFile', () => {
	it('works as a lowdb adapter, writes 0600 files in 0700 folders and leaves no temp files', async () => {
		const dir = join(tempDir(), 'store');
		const db = new Low(new DurableJSONFile<{n: number[]}>(join(dir, 'db.json')), {n: []});
		await db.read();
		expect(db.data).toEqual({n: []});
		await Promise.all([1, 2, 3].map(async (n) => {
			db.data.n.push(n);
			await db.write();
		}));
		const again = new Low(new DurableJSONFile<{n: number[]}>(join(dir, 'db.json')), {n: []});
		await again.read();
		expect(again.data.n).toEqual([1, 2, 3]);
		expect(statSync(join(dir, 'db.json')).mode & 0o777).toBe(0o600);
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		expect(readdirSync(dir)).toEqual(['db.json']);
	});

	it('refuses a corrupt file instead of replacing it', async () => {
		const file = join(tempDir(), 'db.json');
		writeFileSync(file, '{"n": [1, 2');
		const adapter = new DurableJSONFile(file);
		await expect(adapter.read()).rejects.toBeInstanceOf(DataFileCorruptError);
		await expect(adapter.read()).rejects.toThrow(file);
	});
});

describe('writeFileDurable', () => {
	it('replaces the file whole, creates private files and leaves no temp files', async () => {
		const dir = join(tempDir(), 'nested');
		const file = join(dir, 'x.json');
		await writeFileDurable(file, 'one');
		await writeFileDurable(file, 'two');
		expect(readFileSync(file, 'utf8')).toBe('two');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(statSync(dir).mode & 0o777).toBe(0o700);
		expect(readdirSync(dir)).toEqual(['x.json']);
	});

	it('removes its temp file when the target cannot be replaced', async () => {
		const dir = tempDir();
		const target = join(dir, 'is-a-dir');
		mkdirSync(join(target, 'child'), {recursive: true});
		await expect(writeFileDurable(target, 'data')).rejects.toThrow();
		expect(readdirSync(dir)).toEqual(['is-a-dir']);
	});
});


describe('jsonPieces / writeChunksDurable (a large document never one string)', () => {
	it('the pieces join to exactly what JSON.stringify writes, for any JSON value, undefined fields and holes included', () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.integer({min: 0, max: 4}), (value, depth) => {
				expect([...jsonPieces(value, depth)].join('')).toBe(JSON.stringify(value));
			}),
		);
		const odd = {a: undefined, b: [1, undefined, () => 0], c: new Date(0), d: {e: undefined, f: 'x'}};
		expect([...jsonPieces(odd, 3)].join('')).toBe(JSON.stringify(odd));
	});

	it('writes the pieces durably, mode as asked, and reads back as the value', async () => {
		const dir = tempDir();
		const file = join(dir, 'big.json');
		const value = {version: 'v1', rows: Array.from({length: 20_000}, (_, i) => ({i, name: `第${i}行`}))};
		await writeChunksDurable(file, jsonPieces(value, 2), 0o644);
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(value);
		expect(statSync(file).mode & 0o777).toBe(0o644);
		expect(readdirSync(dir)).toEqual(['big.json']);
	});
});

import {mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Low} from 'lowdb';
import {describe, expect, it} from 'vitest';
import {DataFileCorruptError, DurableJSONFile, writeFileDurable} from './durable-json.js';
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


import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {HeadWriter, headPath, readHead} from './audit-head.js';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, {recursive: true, force: true});
});
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'tongban-head-'));
	dirs.push(dir);
	return dir;
}

const head = (seq: number) => ({seq, hash: String(seq % 10).repeat(64), segment: '2026-11-26.0001'});

describe('audit head', () => {
	it('is written in place at a fixed width (0600), and read back', async () => {
		const dir = tempDir();
		const writer = new HeadWriter(dir);
		expect(await readHead(dir)).toBe('missing'); // nothing written: no file
		for (const seq of [1, 9, 10, 123_456_789, Number.MAX_SAFE_INTEGER]) {
			await writer.write(head(seq));
			expect(await readHead(dir)).toEqual(head(seq));
			expect(statSync(headPath(dir)).size).toBe(256);
		}
		await writer.write(head(2)); // shorter than what it replaces: no leftovers
		expect(await readHead(dir)).toEqual(head(2));
		expect(statSync(headPath(dir)).mode & 0o777).toBe(0o600);
		await writer.close();
	});

	it('takes over a longer head left by an older version or by hand', async () => {
		const dir = tempDir();
		writeFileSync(headPath(dir), JSON.stringify(head(7), null, 40));
		expect(await readHead(dir)).toEqual(head(7));
		const writer = new HeadWriter(dir);
		await writer.write(head(8));
		await writer.close();
		expect(JSON.parse(readFileSync(headPath(dir), 'utf8'))).toEqual(head(8));
	});

	it('tells an empty file (writer died before its first head) from an unreadable one', async () => {
		const dir = tempDir();
		writeFileSync(headPath(dir), '');
		expect(await readHead(dir)).toBe('missing');
		writeFileSync(headPath(dir), '{"seq": 3, "hash"');
		expect(await readHead(dir)).toBe('unreadable');
		writeFileSync(headPath(dir), '{"seq": "3", "hash": "x", "segment": "y"}');
		expect(await readHead(dir)).toBe('unreadable');
	});
});

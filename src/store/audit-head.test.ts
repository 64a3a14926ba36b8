import {readFileSync, renameSync, statSync, unlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {GENESIS_HASH} from '../core/audit/model.js';
import {HEAD_BYTES, HeadFile, headPath, parseHead, readHead} from './audit-head.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-head-');

const head = (seq: number) => ({seq, hash: String(seq % 10).repeat(64), segment: '2026-11-26.0001'});
const intent = (seq: number) => ({seq, hash: seq === 0 ? GENESIS_HASH : String(seq % 10).repeat(64), segment: seq === 0 ? null : '2026-11-26.0001', next: head(seq + 1)});

describe('audit head', () => {
	it('is written in place at a fixed width (0600), done and intent records alike, and read back', async () => {
		const dir = tempDir();
		const file = new HeadFile(dir);
		expect(await file.adopt()).toBeNull();
		expect(await readHead(dir)).toBe('missing'); // nothing written: no file
		for (const seq of [0, 1, 9, 10, 123_456_789, Number.MAX_SAFE_INTEGER - 1]) {
			await file.write(intent(seq), {durable: true});
			expect(await readHead(dir)).toEqual(intent(seq));
			await file.write(head(seq + 1), {durable: false});
			expect(await readHead(dir)).toEqual(head(seq + 1));
			expect(statSync(headPath(dir)).size).toBe(HEAD_BYTES);
		}
		await file.write(head(2), {durable: false}); // shorter than what it replaces: no leftovers
		expect(await readHead(dir)).toEqual(head(2));
		expect(statSync(headPath(dir)).mode & 0o777).toBe(0o600);
		await file.close();
	});

	it('takes over a longer head left by an older version or by hand', async () => {
		const dir = tempDir();
		writeFileSync(headPath(dir), JSON.stringify(head(7), null, 10).replace(/\n/g, `\n${' '.repeat(200)}`));
		expect(statSync(headPath(dir)).size).toBeGreaterThan(HEAD_BYTES);
		expect(await readHead(dir)).toEqual(head(7));
		const file = new HeadFile(dir);
		await file.adopt();
		await file.write(head(8), {durable: false});
		await file.close();
		expect(JSON.parse(readFileSync(headPath(dir), 'utf8'))).toEqual(head(8));
		expect(statSync(headPath(dir)).size).toBe(HEAD_BYTES);
	});

	it('tells an empty file (writer died before its first head) from an unreadable one', async () => {
		const dir = tempDir();
		writeFileSync(headPath(dir), '');
		expect(await readHead(dir)).toBe('missing');
		for (const text of [
			'{"seq": 3, "hash"',
			'{"seq": "3", "hash": "x", "segment": "y"}',
			JSON.stringify({...head(3), hash: 'not hex'}),
			JSON.stringify({...head(3), seq: 0}), // a done record names an entry
			JSON.stringify({...intent(3), next: head(5)}), // next is always seq + 1
			JSON.stringify({...intent(0), segment: '2026-11-26.0001'}), // nothing before the first entry
			JSON.stringify({...intent(2), segment: null}),
			'null',
			'[]',
		]) {
			writeFileSync(headPath(dir), text);
			expect([text, await readHead(dir)]).toEqual([text, 'unreadable']);
		}
		expect(parseHead(JSON.stringify(intent(0)))).toEqual(intent(0));
	});

	it('check() says whether the file is still what this writer left: deleted, replaced, edited, appeared', async () => {
		const dir = tempDir();
		const file = new HeadFile(dir);
		await file.adopt();
		expect(await file.check()).toBeUndefined();
		writeFileSync(join(dir, 'other.json'), JSON.stringify(head(1)));
		renameSync(join(dir, 'other.json'), headPath(dir));
		expect(await file.check()).toBe('appeared');
		unlinkSync(headPath(dir));
		await file.write(head(1), {durable: false});
		expect(await file.check()).toBeUndefined();
		// Same bytes under a new inode is still someone else's file.
		const bytes = readFileSync(headPath(dir));
		writeFileSync(join(dir, 'copy'), bytes);
		renameSync(join(dir, 'copy'), headPath(dir));
		expect(await file.check()).toBe('replaced');
		await file.adopt();
		expect(await file.check()).toBeUndefined();
		writeFileSync(headPath(dir), Buffer.concat([bytes, Buffer.from(' ')])); // same inode, one byte more
		expect(await file.check()).toBe('changed');
		writeFileSync(headPath(dir), bytes);
		expect(await file.check()).toBeUndefined();
		unlinkSync(headPath(dir));
		expect(await file.check()).toBe('missing');
		await file.close();
	});
});

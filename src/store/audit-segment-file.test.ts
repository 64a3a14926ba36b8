import {mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Low} from 'lowdb';
import {describe, expect, it} from 'vitest';
import {SEGMENT_FORMAT, type SegmentData} from '../core/audit/segments.js';
import {AuditSegmentFile} from './audit-segment-file.js';
import {DataFileCorruptError} from './durable-json.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-segfile-');

type Part = SegmentData<{seq: number; text: string}>;
const part = (name: string, prevSegment: string | null = null): Part => ({format: SEGMENT_FORMAT, name, prevSegment, entries: []});
/** Entries with multi-byte text (byte and character offsets differ), ~250 bytes each. */
const entry = (seq: number) => ({seq, text: `第${seq}条 "quoted" \u2028 é ${'x'.repeat(200)}`});

describe('AuditSegmentFile', () => {
	it('writes exactly JSON.stringify of the part after every append, durably and 0600', async () => {
		const path = join(tempDir(), 'part.json');
		const db = new Low<Part>(new AuditSegmentFile(path), part('2026-11-26.0001'));
		for (let seq = 1; seq <= 60; seq++) {
			db.data.entries.push(entry(seq)); // the buffer grows twice on the way (4 KB → 16 KB)
			await db.write();
			if (seq % 7 === 1) expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(db.data));
		}
		expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(db.data));
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(readdirSync(join(path, '..'))).toEqual(['part.json']);
	});

	it('continues a part read back from disk, and rebuilds when the data is not what it wrote', async () => {
		const path = join(tempDir(), 'part.json');
		const first = new Low<Part>(new AuditSegmentFile(path), part('x'));
		first.data.entries.push(entry(1), entry(2));
		await first.write();

		const reopened = new Low<Part>(new AuditSegmentFile(path), part('unused'));
		await reopened.read();
		expect(reopened.data).toEqual(first.data);
		reopened.data.entries.push(entry(3));
		await reopened.write();
		expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(reopened.data));

		// Same length, different last entry; then a new header; then fewer entries.
		reopened.data.entries[2] = entry(30);
		await reopened.write();
		expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(reopened.data));
		reopened.data = {...reopened.data, prevSegment: 'w'};
		await reopened.write();
		expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(reopened.data));
		reopened.data.entries.pop();
		reopened.data.entries.push(entry(4), entry(5));
		await reopened.write();
		expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(reopened.data);
		expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(reopened.data));
	});

	it('after a failed write, the next write still holds exactly the data (nothing half-cached)', async () => {
		const path = join(tempDir(), 'part.json');
		const db = new Low<Part>(new AuditSegmentFile(path), part('x'));
		db.data.entries.push(entry(1));
		await db.write();
		// A directory where the part should be: the final rename fails, even for root.
		rmSync(path);
		mkdirSync(join(path, 'blocker'), {recursive: true});
		db.data.entries.push(entry(2));
		await expect(db.write()).rejects.toThrow();
		db.data.entries.pop(); // what the store does when a write fails
		rmSync(path, {recursive: true});
		db.data.entries.push(entry(3));
		await db.write();
		expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(db.data));
		expect(db.data.entries.map((e) => e.seq)).toEqual([1, 3]);
	});

	it('reads a missing part as null and refuses a part that is not JSON', async () => {
		const path = join(tempDir(), 'part.json');
		expect(await new AuditSegmentFile(path).read()).toBeNull();
		const db = new Low<Part>(new AuditSegmentFile(path), part('x'));
		await db.write();
		writeFileSync(path, '{"entries": [');
		await expect(new AuditSegmentFile(path).read()).rejects.toBeInstanceOf(DataFileCorruptError);
	});
});

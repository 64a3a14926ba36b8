/**
 * The outbox's files (outbox-files.ts, issue 17.2): compaction moves delivered entries to the
 * archive and keeps the snapshot to the live ones; a writer killed at each point of a compaction
 * or an append leaves files that read back whole, with nothing lost or doubled; a purge leaves no
 * earlier copy of what it erased; damage is refused and left as it is.
 */
import {appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {newEntry, type OutboxEntry} from '../core/cases/outbox-machine.js';
import {demoDraft} from '../../mocks/hub/demo-cases.js';
import {DataFileCorruptError} from './durable-json.js';
import {allOutboxEntries, readOutboxFiles} from './outbox-files.js';
import {openOutboxStore} from './outbox.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-outbox-files-');
const AT = new Date('2026-12-01T02:00:00.000Z');

function entry(n: number, name = `申请人${n}`): OutboxEntry {
	return newEntry(`key-${String(n).padStart(4, '0')}`, {...demoDraft(), applicant: {...demoDraft().applicant, name}, materials: []}, [], AT);
}

function delivered(e: OutboxEntry): OutboxEntry {
	const receipt = {caseId: `C-${e.id}`, status: 'received', receivingNode: '44', handlingNode: '51', receivedAt: AT.toISOString()} as OutboxEntry['receipt'];
	return {...e, phase: 'done', receipt, deliveredAt: AT.toISOString()};
}

async function collect(dir: string): Promise<OutboxEntry[]> {
	const out: OutboxEntry[] = [];
	for await (const e of allOutboxEntries(dir)) out.push(e);
	return out;
}

const ids = (entries: OutboxEntry[]) => entries.map((e) => e.id).sort();
const text = (dir: string, name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');

describe('outbox files', () => {
	it('compaction: delivered entries go to the archive, the snapshot keeps the live ones, the journal starts again', async () => {
		const dir = tempDir();
		const store = await openOutboxStore(dir, {compactEvery: 6});
		for (let n = 1; n <= 3; n++) await store.put(entry(n));
		await store.put(delivered(entry(1)));
		await store.put(delivered(entry(2)));
		expect(text(dir, 'outbox.json')).toBe('');
		await store.put(entry(4)); // the sixth line: compaction
		const snapshot = JSON.parse(text(dir, 'outbox.json')) as {entries: Record<string, OutboxEntry>; journal: {seq: number}; delivered: {file: string; bytes: number}};
		expect(Object.keys(snapshot.entries).sort()).toEqual(['key-0003', 'key-0004']);
		expect(snapshot.journal.seq).toBe(6);
		expect(snapshot.delivered.file).toBe('outbox-delivered.1.ndjson');
		expect(text(dir, 'outbox-delivered.1.ndjson').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as OutboxEntry).id)).toEqual(['key-0001', 'key-0002']);
		expect(statSync(join(dir, 'outbox-delivered.1.ndjson')).size).toBe(snapshot.delivered.bytes);
		expect(text(dir, 'outbox.journal')).toBe('');
		expect(ids(await store.pending())).toEqual(['key-0003', 'key-0004']);
		expect((await store.get('key-0001'))?.receipt?.caseId).toBe('C-key-0001');
		expect(await store.get('key-0099')).toBeUndefined();
		expect((await store.caseEntry('C-key-0002'))?.id).toBe('key-0002');
		expect(await store.caseEntry('C-key-0003')).toBeUndefined();
		expect(ids(await store.list())).toEqual(['key-0001', 'key-0002', 'key-0003', 'key-0004']);
		await store.close();
		expect(ids(await collect(dir))).toEqual(['key-0001', 'key-0002', 'key-0003', 'key-0004']);
		for (const name of ['outbox.json', 'outbox.journal', 'outbox-delivered.1.ndjson']) expect(statSync(join(dir, name)).mode & 0o777, name).toBe(0o600);
	});

	it('a state change writes one journal line, whatever the history', async () => {
		const dir = tempDir();
		const store = await openOutboxStore(dir, {compactEvery: 50});
		for (let n = 1; n <= 120; n++) await store.put(delivered(entry(n)));
		const before = statSync(join(dir, 'outbox.journal')).size;
		await store.put(entry(500));
		const line = readFileSync(join(dir, 'outbox.journal')).subarray(before).toString('utf8');
		expect(line.endsWith('\n') && line.indexOf('\n') === line.length - 1).toBe(true);
		expect(JSON.parse(line)).toMatchObject({put: {id: 'key-0500'}});
		await store.close();
	});

	it('killed in a compaction before its snapshot: the archive tail is not read, and the next writer cuts it off', async () => {
		const dir = tempDir();
		const store = await openOutboxStore(dir, {compactEvery: 3});
		for (let n = 1; n <= 3; n++) await store.put(delivered(entry(n)));
		await store.put(delivered(entry(4)));
		await store.close();
		// What a kill after the archive append and before the snapshot leaves: key-0004 in the archive's tail and in the journal.
		const committed = statSync(join(dir, 'outbox-delivered.1.ndjson')).size;
		appendFileSync(join(dir, 'outbox-delivered.1.ndjson'), `${JSON.stringify(delivered(entry(4)))}\n{"id":"key-00`);
		expect(ids(await collect(dir))).toEqual(['key-0001', 'key-0002', 'key-0003', 'key-0004']);
		const again = await openOutboxStore(dir, {compactEvery: 3});
		expect(ids(await again.list())).toEqual(['key-0001', 'key-0002', 'key-0003', 'key-0004']);
		await again.put(entry(5));
		expect(statSync(join(dir, 'outbox-delivered.1.ndjson')).size).toBe(committed);
		await again.put(entry(6)); // compaction: key-0004 archived once
		await again.close();
		const archived = text(dir, 'outbox-delivered.1.ndjson').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as OutboxEntry).id);
		expect(archived).toEqual(['key-0001', 'key-0002', 'key-0003', 'key-0004']);
		expect(ids(await collect(dir))).toEqual(['key-0001', 'key-0002', 'key-0003', 'key-0004', 'key-0005', 'key-0006']);
	});

	it('killed after the snapshot, before the journal was emptied: the old lines are skipped, nothing comes back in an older state', async () => {
		const dir = tempDir();
		const store = await openOutboxStore(dir, {compactEvery: 3});
		await store.put(entry(1));
		await store.put(entry(2));
		const journal = text(dir, 'outbox.journal');
		await store.put(delivered(entry(1))); // compaction
		await store.close();
		writeFileSync(join(dir, 'outbox.journal'), `${journal}${JSON.stringify({seq: 3, put: delivered(entry(1))})}\n`);
		const read = await collect(dir);
		expect(read.map((e) => [e.id, e.phase]).sort()).toEqual([
			['key-0001', 'done'],
			['key-0002', 'posting'],
		]);
		expect((await readOutboxFiles(dir)).journalLines).toBe(0);
	});

	it('a compaction that fails (the archive cannot be written) fails no put; the next write compacts and the files read whole', async () => {
		const dir = tempDir();
		const store = await openOutboxStore(dir, {compactEvery: 2});
		await store.put(delivered(entry(1)));
		// A directory where the archive goes: writing it fails, as a full disk would.
		mkdirSync(join(dir, 'outbox-delivered.1.ndjson'));
		await expect(store.put(delivered(entry(2)))).resolves.toBeUndefined();
		expect(ids(await collect(dir))).toEqual(['key-0001', 'key-0002']);
		rmdirSync(join(dir, 'outbox-delivered.1.ndjson'));
		await store.put(entry(3));
		await store.close();
		expect(text(dir, 'outbox-delivered.1.ndjson').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as OutboxEntry).id)).toEqual(['key-0001', 'key-0002']);
		expect(ids(await collect(dir))).toEqual(['key-0001', 'key-0002', 'key-0003']);
	});

	it('a journal line cut by a kill was never acknowledged: ignored, and cut off before the next line', async () => {
		const dir = tempDir();
		const store = await openOutboxStore(dir);
		await store.put(entry(1));
		await store.close();
		appendFileSync(join(dir, 'outbox.journal'), '{"seq":2,"put":{"id":"key-0002","idem');
		expect(ids(await collect(dir))).toEqual(['key-0001']);
		const again = await openOutboxStore(dir);
		await again.put(entry(3));
		await again.close();
		expect(text(dir, 'outbox.journal').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as {put: OutboxEntry}).put.id)).toEqual(['key-0001', 'key-0003']);
	});

	it('damage is refused and left as it is: an edited journal line, an archive missing or cut short', async () => {
		const dir = tempDir();
		const store = await openOutboxStore(dir, {compactEvery: 2});
		await store.put(delivered(entry(1)));
		await store.put(delivered(entry(2)));
		await store.put(entry(3));
		await store.close();
		const archive = join(dir, 'outbox-delivered.1.ndjson');
		const whole = readFileSync(archive, 'utf8');
		const journal = text(dir, 'outbox.journal');

		writeFileSync(join(dir, 'outbox.journal'), journal.replace('"posting"', '"lost"'));
		await expect(openOutboxStore(dir)).rejects.toMatchObject({file: join(dir, 'outbox.journal'), reason: {kind: 'shape', path: 'line 1'}});
		expect(text(dir, 'outbox.journal')).toBe(journal.replace('"posting"', '"lost"'));
		writeFileSync(join(dir, 'outbox.journal'), journal);

		writeFileSync(archive, whole.slice(0, 30));
		await expect(openOutboxStore(dir)).rejects.toMatchObject({file: archive, reason: {kind: 'short'}});
		writeFileSync(archive, whole.replace('"done"', '"posting"'));
		await expect(collect(dir)).rejects.toBeInstanceOf(DataFileCorruptError);
		writeFileSync(archive, whole.replace('{"id"', '{"id"x'));
		await expect(collect(dir)).rejects.toMatchObject({file: archive, reason: {kind: 'syntax'}});
		writeFileSync(archive, whole);
		const {rmSync} = await import('node:fs');
		rmSync(archive);
		await expect(openOutboxStore(dir)).rejects.toMatchObject({file: archive, reason: {kind: 'missing'}});
	});

	it('a purge rewrites the archive as the next generation: no earlier copy of an erased name stays on disk', async () => {
		const dir = tempDir();
		const store = await openOutboxStore(dir, {compactEvery: 2});
		await store.put(delivered(entry(1, '王秀英')));
		await store.put(delivered(entry(2, '刘建国')));
		await store.put(entry(3, '赵敏'));
		await store.rewrite((e) => (e.id === 'key-0001' ? {...e, submission: {...e.submission, applicant: {...e.submission.applicant, name: ''}}, purgedAt: AT.toISOString()} : e));
		await store.close();
		const files = readdirSync(dir).filter((n) => n.startsWith('outbox'));
		expect(files.sort()).toEqual(['outbox-delivered.2.ndjson', 'outbox.journal', 'outbox.json']);
		for (const name of files) expect(text(dir, name), name).not.toContain('王秀英');
		expect(text(dir, 'outbox-delivered.2.ndjson')).toContain('刘建国');
		const read = await collect(dir);
		expect(read.map((e) => [e.id, e.submission.applicant.name]).sort()).toEqual([
			['key-0001', ''],
			['key-0002', '刘建国'],
			['key-0003', '赵敏'],
		]);
	});

	it('a purge killed before its snapshot leaves the next generation behind: the next writer removes it', async () => {
		const dir = tempDir();
		const store = await openOutboxStore(dir, {compactEvery: 2});
		await store.put(delivered(entry(1, '王秀英')));
		await store.put(delivered(entry(2)));
		await store.close();
		writeFileSync(join(dir, 'outbox-delivered.2.ndjson'), `${JSON.stringify(delivered(entry(1, '王秀英')))}\n`);
		expect(ids(await collect(dir))).toEqual(['key-0001', 'key-0002']);
		const again = await openOutboxStore(dir);
		await again.put(entry(3));
		await again.close();
		expect(existsSync(join(dir, 'outbox-delivered.2.ndjson'))).toBe(false);
		expect(ids(await collect(dir))).toEqual(['key-0001', 'key-0002', 'key-0003']);
	});

	it('an outbox.json from before the journal (every entry in it) reads as it is and compacts on the first writes', async () => {
		const dir = tempDir();
		const old = {version: 1, entries: Object.fromEntries([delivered(entry(1)), delivered(entry(2)), entry(3)].map((e) => [e.id, e]))};
		writeFileSync(join(dir, 'outbox.json'), JSON.stringify(old));
		expect(ids(await collect(dir))).toEqual(['key-0001', 'key-0002', 'key-0003']);
		const store = await openOutboxStore(dir, {compactEvery: 1});
		expect((await store.get('key-0002'))?.phase).toBe('done');
		await store.put(entry(4));
		await store.close();
		expect(Object.keys((JSON.parse(text(dir, 'outbox.json')) as {entries: object}).entries).sort()).toEqual(['key-0003', 'key-0004']);
		expect(ids(await collect(dir))).toEqual(['key-0001', 'key-0002', 'key-0003', 'key-0004']);
	});
});

import {readFileSync, readdirSync, statSync, unlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import type {AuditEntry} from '../core/audit/model.js';
import {sealEntry} from '../core/audit/hash.js';
import {StoreBusyError} from '../core/errors.js';
import type {Clock} from '../core/ports/clock.js';
import {auditFiles, TAMPERINGS} from '../test-utils/audit-tamper.js';
import {HEAD_BYTES} from './audit-head.js';
import {AuditIntegrityError, AuditStore, auditDir, listRecent, listSegmentNames, readEntriesBetween, verifyAuditLog} from './audit-store.js';
import {errorText} from '../i18n/errors.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

// Registered after tempDirs' own afterEach, so it runs first: writers close before their folders go.
const tempDir = tempDirs('tongban-audit-');
const stores: AuditStore[] = [];
afterEach(async () => {
	for (const s of stores.splice(0)) await s.close();
});

/** A clock that moves one minute per reading, starting 2026-11-26 08:00 UTC. */
function steppingClock(startIso = '2026-11-26T08:00:00Z', stepMs = 60_000): Clock {
	let t = Date.parse(startIso);
	return {now: () => new Date((t += stepMs) - stepMs)};
}

async function open(dataDir: string, extra: Partial<Parameters<typeof AuditStore.open>[0]> = {}): Promise<AuditStore> {
	const store = await AuditStore.open({dataDir, terminal: 'T-TEST-01', actor: {id: 'clerk01', role: 'clerk'}, clock: steppingClock(), maxEntriesPerPart: 4, ...extra});
	stores.push(store);
	return store;
}

async function fill(store: AuditStore, count: number): Promise<void> {
	for (let i = 0; i < count; i++) await store.record({action: 'case.status_seen', target: {caseId: `C${i}`}, outcome: 'ok', details: {status: '收'}});
}

/** Closes a writer the test opened itself, so that afterEach does not close it again. */
async function closeStore(store: AuditStore): Promise<void> {
	await store.close();
	stores.splice(stores.indexOf(store), 1);
}

/** A fresh data folder holding a log of `count` entries whose writer has closed, as a command leaves it. */
async function closedLog(count: number, extra: Partial<Parameters<typeof AuditStore.open>[0]> = {}): Promise<string> {
	const dataDir = tempDir();
	const store = await open(dataDir, extra);
	await fill(store, count);
	await closeStore(store);
	return dataDir;
}

const segPath = (dataDir: string, name: string) => join(auditDir(dataDir), `${name}.json`);
function editSegment(dataDir: string, name: string, fn: (entries: AuditEntry[]) => void): void {
	const data = JSON.parse(readFileSync(segPath(dataDir, name), 'utf8')) as {entries: AuditEntry[]};
	fn(data.entries);
	writeFileSync(segPath(dataDir, name), JSON.stringify(data));
}

describe('AuditStore', () => {
	it('appends a chained, verifiable log in bounded parts, with files 0600 and folders 0700', async () => {
		const dataDir = tempDir();
		const store = await open(dataDir);
		await fill(store, 10);
		expect(await listSegmentNames(dataDir)).toEqual(['2026-11-26.0001', '2026-11-26.0002', '2026-11-26.0003']);
		expect(await verifyAuditLog(dataDir)).toMatchObject({ok: true, entries: 10, lastSeq: 10, head: 'ok'});
		expect(statSync(auditDir(dataDir)).mode & 0o777).toBe(0o700);
		for (const file of readdirSync(auditDir(dataDir))) expect([file, statSync(join(auditDir(dataDir), file)).mode & 0o777]).toEqual([file, 0o600]);
	});

	it('stamps operator, terminal, time and seq, and masks details a caller forgot to mask', async () => {
		const dataDir = tempDir();
		const store = await open(dataDir);
		const entry = await store.record({action: 'card.read', outcome: 'ok', target: {devicePath: '/dev/ttyUSB0'}, details: {idNumberMasked: '1101**********4578', textSha256: 'a'.repeat(64), photoSha256: 'b'.repeat(64), name: '张三', note: '110101199003074573'}});
		expect(entry).toMatchObject({seq: 1, terminal: 'T-TEST-01', operator: {id: 'clerk01', role: 'clerk'}, ts: '2026-11-26T08:00:00.000Z', target: {devicePath: '/dev/ttyUSB0'}});
		expect(entry.details).toMatchObject({name: '张*', note: '110101********4573'});
	});

	it('refuses unknown actions and entries missing their required details', async () => {
		const store = await open(tempDir());
		await expect(store.record({action: 'eligibility.decide', outcome: 'ok', details: {eligible: true}})).rejects.toMatchObject({code: 'audit_details_missing'});
		await expect(store.record({action: 'nope' as never, outcome: 'ok'})).rejects.toMatchObject({code: 'audit_unknown_action'});
		expect(store.last.seq).toBe(0);
	});

	it('continues the chain after reopening, reading only the tail', async () => {
		const dataDir = await closedLog(5);
		const second = await open(dataDir, {clock: steppingClock('2026-11-27T08:00:00Z')});
		expect(second.last.seq).toBe(5);
		await fill(second, 2);
		expect(await listSegmentNames(dataDir)).toContain('2026-11-27.0001');
		expect(await verifyAuditLog(dataDir)).toMatchObject({ok: true, entries: 7});
		expect((await listRecent(dataDir, 3)).map((e) => e.seq)).toEqual([5, 6, 7]);
		const between = [];
		for await (const e of readEntriesBetween(dataDir, new Date('2026-11-27T00:00:00Z'), new Date('2026-11-28T00:00:00Z'))) between.push(e.seq);
		expect(between).toEqual([6, 7]);
	});

	it('works across many parts: verify, tail, export, and a reopened writer continues the tail part', async () => {
		const dataDir = await closedLog(20, {maxEntriesPerPart: 3});
		const second = await open(dataDir, {maxEntriesPerPart: 3, clock: steppingClock('2026-11-26T09:00:00Z')});
		await fill(second, 3); // the tail part (19-20) gets 21, then part 8 starts
		const names = await listSegmentNames(dataDir);
		expect(names).toHaveLength(8);
		const tailPart = readFileSync(segPath(dataDir, names[6]!), 'utf8');
		expect(JSON.parse(tailPart)).toMatchObject({name: names[6], prevSegment: names[5]});
		expect(tailPart).toBe(JSON.stringify(JSON.parse(tailPart))); // the writer's cached bytes are plain JSON
		expect(await verifyAuditLog(dataDir)).toMatchObject({ok: true, segments: 8, entries: 23, lastSeq: 23, head: 'ok'});
		expect((await listRecent(dataDir, 17)).map((e) => e.seq)).toEqual(Array.from({length: 17}, (_, i) => i + 7));
		const between: number[] = [];
		for await (const e of readEntriesBetween(dataDir, new Date('2026-11-26T08:05:00Z'), new Date('2026-11-26T09:01:00Z'))) between.push(e.seq);
		expect(between).toEqual([...Array.from({length: 15}, (_, i) => i + 6), 21]);
	});

	it('allows one writer: a second one gets a clear error naming the pid, or waits for the first', async () => {
		const dataDir = tempDir();
		const first = await open(dataDir);
		const busy = await AuditStore.open({dataDir, terminal: 'T2'}).catch((e: unknown) => e);
		expect(busy).toBeInstanceOf(StoreBusyError);
		expect((busy as StoreBusyError).details).toMatchObject({pid: process.pid});
		const waiting = AuditStore.open({dataDir, terminal: 'T2', lockWaitMs: 10_000});
		await closeStore(first);
		const second = await waiting;
		stores.push(second);
		expect(second.last.seq).toBe(0);
	});

	it('refuses a head one entry behind: with the intent record, it is a forged append, not a crash', async () => {
		const dataDir = await closedLog(3);
		const headPath = join(auditDir(dataDir), 'head.json');
		const second = (await listRecent(dataDir, 2))[0]!;
		writeFileSync(headPath, JSON.stringify({seq: 2, hash: second.hash, segment: '2026-11-26.0001'}));
		const before = auditFiles(dataDir);
		expect(await verifyAuditLog(dataDir)).toMatchObject({ok: false, head: 'mismatch', problem: {kind: 'appended', beyond: {from: 3, to: 3}}});
		await expect(AuditStore.open({dataDir, terminal: 'T'})).rejects.toMatchObject({code: 'audit_anchor_mismatch', exitCode: 5, details: {kind: 'appended'}});
		expect(auditFiles(dataDir)).toEqual(before);
	});

	it('opens a log the previous version closed cleanly (256-byte done record) and rewrites the head in its own layout', async () => {
		const dataDir = await closedLog(3);
		const headPath = join(auditDir(dataDir), 'head.json');
		const last = (await listRecent(dataDir, 1))[0]!;
		const old = JSON.stringify({seq: 3, hash: last.hash, segment: '2026-11-26.0001'});
		writeFileSync(headPath, `${old}${' '.repeat(255 - old.length)}\n`);
		const again = await open(dataDir);
		expect(again.last.seq).toBe(3);
		expect(statSync(headPath).size).toBe(HEAD_BYTES);
		await fill(again, 1);
		expect(await verifyAuditLog(dataDir)).toMatchObject({ok: true, lastSeq: 4, head: 'ok'});
	});

	it('every append leaves a done head; the intent is on disk only while the part is being written', async () => {
		const dataDir = tempDir();
		const seen: Array<[string, unknown]> = [];
		const store = await open(dataDir, {onAppendStep: (step) => seen.push([step, JSON.parse(readFileSync(join(auditDir(dataDir), 'head.json'), 'utf8'))])});
		await fill(store, 2);
		const [e1, e2] = await listRecent(dataDir, 2);
		const genesis = '0'.repeat(64);
		expect(seen).toEqual([
			['intent', {seq: 0, hash: genesis, segment: null, next: {seq: 1, hash: e1!.hash, segment: '2026-11-26.0001'}}],
			['part', {seq: 0, hash: genesis, segment: null, next: {seq: 1, hash: e1!.hash, segment: '2026-11-26.0001'}}],
			['intent', {seq: 1, hash: e1!.hash, segment: '2026-11-26.0001', next: {seq: 2, hash: e2!.hash, segment: '2026-11-26.0001'}}],
			['part', {seq: 1, hash: e1!.hash, segment: '2026-11-26.0001', next: {seq: 2, hash: e2!.hash, segment: '2026-11-26.0001'}}],
		]);
		expect(JSON.parse(readFileSync(join(auditDir(dataDir), 'head.json'), 'utf8'))).toEqual({seq: 2, hash: e2!.hash, segment: '2026-11-26.0001'});
	});
});

describe('tampering: refused at open and under a running writer, nothing written', () => {
	async function tenEntries(): Promise<{dataDir: string; store: AuditStore}> {
		const dataDir = tempDir();
		const store = await open(dataDir);
		await fill(store, 10); // parts: 1-4, 5-8, 9-10
		return {dataDir, store};
	}

	for (const tampering of TAMPERINGS) {
		it(`${tampering.name}: verify exit 5, open refuses, a running writer refuses its next append`, async () => {
			const {dataDir, store} = await tenEntries();
			tampering.apply(dataDir);
			const tampered = auditFiles(dataDir);
			expect((await verifyAuditLog(dataDir)).ok).toBe(false);
			// The console that was running all along: its next entry must not re-anchor the edit.
			const refused = await store.record({action: 'session.lock', outcome: 'ok', details: {reason: 'idle'}}).catch((e: unknown) => e);
			expect(refused).toBeInstanceOf(AuditIntegrityError);
			expect(refused).toMatchObject({exitCode: 5, code: 'audit_changed_under_writer'});
			expect(errorText((refused as AuditIntegrityError), 'en')).toMatch(/^The audit log was changed from outside/);
			// zh-CN carries no English fragment: only the command and the file name.
			expect(errorText((refused as AuditIntegrityError), 'zh-CN').replace(/tongban audit verify|head\.json/g, '')).not.toMatch(/[A-Za-z]/);
			await expect(store.record({action: 'session.lock', outcome: 'ok', details: {reason: 'idle'}})).rejects.toMatchObject({exitCode: 5});
			expect(auditFiles(dataDir)).toEqual(tampered);
			await closeStore(store);
			// A new writer (a command, the next console) refuses at open.
			const opened = await AuditStore.open({dataDir, terminal: 'T'}).catch((e: unknown) => e);
			expect(opened).toBeInstanceOf(AuditIntegrityError);
			expect(opened).toMatchObject({exitCode: 5});
			expect(auditFiles(dataDir)).toEqual(tampered);
			expect((await verifyAuditLog(dataDir)).ok).toBe(false);
		});
	}

	it('a part someone created where the next part would go is refused, not overwritten', async () => {
		const dataDir = tempDir();
		const store = await open(dataDir);
		await fill(store, 4); // part 1 is full: the next entry starts part 2
		writeFileSync(segPath(dataDir, '2026-11-26.0002'), JSON.stringify({format: 'tongban-audit-segment/1', name: '2026-11-26.0002', prevSegment: '2026-11-26.0001', entries: []}));
		const before = auditFiles(dataDir);
		await expect(store.record({action: 'session.lock', outcome: 'ok', details: {reason: 'idle'}})).rejects.toMatchObject({code: 'audit_changed_under_writer', details: {what: 'next_part'}});
		expect(auditFiles(dataDir)).toEqual(before);
	});

	it('a head deleted under a writer of an empty log, or one that appeared, is refused too', async () => {
		const dataDir = tempDir();
		const store = await open(dataDir);
		writeFileSync(join(auditDir(dataDir), 'head.json'), JSON.stringify({seq: 1, hash: 'a'.repeat(64), segment: '2026-11-26.0001'}));
		await expect(store.record({action: 'session.lock', outcome: 'ok', details: {reason: 'idle'}})).rejects.toMatchObject({details: {what: 'head_appeared'}});
		unlinkSync(join(auditDir(dataDir), 'head.json'));
		await fill(store, 1); // back to what the writer left: it goes on
		expect(await verifyAuditLog(dataDir)).toMatchObject({ok: true, lastSeq: 1});
	});
});

describe('tampering with the files is detected and named', () => {
	const tenEntries = () => closedLog(10); // parts: 1-4, 5-8, 9-10

	it('modified field', async () => {
		const d = await tenEntries();
		editSegment(d, '2026-11-26.0002', (e) => (e[1]!.operator.id = 'clerk99'));
		expect((await verifyAuditLog(d)).problem).toMatchObject({kind: 'modified', seq: 6, segment: '2026-11-26.0002', index: 1});
	});

	it('deleted entry', async () => {
		const d = await tenEntries();
		editSegment(d, '2026-11-26.0002', (e) => e.splice(2, 1));
		expect((await verifyAuditLog(d)).problem).toMatchObject({kind: 'deleted', seq: 8, missing: {from: 7, to: 7}});
	});

	it('swapped entries', async () => {
		const d = await tenEntries();
		editSegment(d, '2026-11-26.0001', (e) => ([e[1], e[2]] = [e[2]!, e[1]!]));
		expect((await verifyAuditLog(d)).problem).toMatchObject({kind: 'reordered', seq: 3, index: 1});
	});

	it('truncated last entries', async () => {
		const d = await tenEntries();
		editSegment(d, '2026-11-26.0003', (e) => e.splice(1));
		expect((await verifyAuditLog(d)).problem).toMatchObject({kind: 'truncated', missing: {from: 10, to: 10}});
	});

	it('truncated last segment', async () => {
		const d = await tenEntries();
		unlinkSync(segPath(d, '2026-11-26.0003'));
		expect((await verifyAuditLog(d)).problem).toMatchObject({kind: 'truncated', missing: {from: 9, to: 10}, missingSegment: '2026-11-26.0003'});
	});

	it('inserted forged entry', async () => {
		const d = await tenEntries();
		editSegment(d, '2026-11-26.0002', (e) => {
			const {hash: _h, prev, ...body} = e[0]!;
			e.splice(1, 0, sealEntry({...body, seq: 6, action: 'card.reveal', details: {idNumberMasked: 'x', reason: 'forged'}}, e[0]!.hash));
		});
		expect((await verifyAuditLog(d)).problem).toMatchObject({kind: 'inserted', seq: 6, segment: '2026-11-26.0002', index: 1});
	});

	it('deleted middle segment', async () => {
		const d = await tenEntries();
		unlinkSync(segPath(d, '2026-11-26.0002'));
		expect((await verifyAuditLog(d)).problem).toMatchObject({kind: 'segment_deleted', missingSegment: '2026-11-26.0002', missing: {from: 5, to: 8}});
	});

	it('a segment that is not JSON any more', async () => {
		const d = await tenEntries();
		writeFileSync(segPath(d, '2026-11-26.0002'), '{"entries": [');
		expect((await verifyAuditLog(d)).problem).toMatchObject({kind: 'corrupt', segment: '2026-11-26.0002'});
	});

	it('refuses to write onto a damaged tail', async () => {
		const d = await tenEntries();
		editSegment(d, '2026-11-26.0003', (e) => (e[1]!.outcome = 'failed'));
		const refused = await AuditStore.open({dataDir: d, terminal: 'T'}).catch((e: unknown) => e);
		expect(refused).toMatchObject({code: 'audit_tail_damaged', exitCode: 5});
		expect(errorText(refused, 'en')).toContain('fails its check');
	});
});

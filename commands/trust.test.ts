/**
 * Issue 12's holes, tried the way they were found: through the BUILT binary
 * (dist/bundle/tongban.js) against the real mock hub on port 0, with kill -9, damaged files and
 * writers running side by side.
 *  - a `cases submit --file F` killed and run again is one case, never two;
 *  - a damaged cases.json never turns a delivered case into an error inviting a retry;
 *  - an outbox.json of the wrong shape is refused like a truncated one, and so is a damaged journal
 *    line or an archive of delivered entries that is missing or cut short (issue 17.2's files);
 *  - a damaged receipt is named, set aside and acknowledged;
 *  - every writing command beside a drain loses no case-index entry.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {startMockHub, type MockHub} from '../mocks/hub/server.js';
import {DEMO_IMPLEMENTATION, demoDraft, demoMaterial} from '../mocks/hub/demo-cases.js';
import {systemClock} from '../src/core/ports/clock.js';
import {HubClient} from '../src/hub/client.js';
import {seededRandom} from '../mocks/hub/faults.js';
import {openCasesIndex} from '../src/store/cases-index.js';
import {openOutbox, openOutboxStore} from '../src/store/outbox.js';
import {ReceiptStore} from '../src/store/receipts.js';
import {demoReceipt} from '../src/test-utils/receipts.js';
import {BUILT_CLI, runScript, type CliRun} from '../src/test-utils/cli-process.js';
import {seriesApplicant, writeCaseFile} from '../src/test-utils/case-file.js';

const cli = BUILT_CLI;

/** The outbox's snapshot and journal as they are on disk (src/store/outbox-files.ts), to see that nothing wrote them. */
function outboxFilesText(dataDir: string): string {
	return ['outbox.json', 'outbox.journal'].map((name) => (existsSync(join(dataDir, name)) ? readFileSync(join(dataDir, name), 'utf8') : '')).join('\n--\n');
}
const work = mkdtempSync(join(tmpdir(), 'tongban-trust-'));
let hub: MockHub;

beforeAll(async () => {
	// Latency keeps requests in flight when a kill lands; resets on create lose answers.
	hub = await startMockHub({faults: '*:latency=15;cases.create:reset=0.2', seed: 12});
});
afterAll(async () => {
	await hub.close();
	rmSync(work, {recursive: true, force: true});
});

function env(dataDir: string): NodeJS.ProcessEnv {
	return {...process.env, TONGBAN_DATA_DIR: dataDir, TONGBAN_HUB_TOKEN: 'demo-api-token', FORCE_COLOR: '0', TONGBAN_AUDIT_WAIT_MS: '10000'};
}

const run = (args: string[], dataDir: string) => runScript(cli, args, {env: env(dataDir), timeout: 60_000});

function exitOf(child: ChildProcess): Promise<number | null> {
	return new Promise((done) => {
		if (child.exitCode !== null || child.signalCode !== null) done(child.exitCode);
		else child.once('exit', (code) => done(code));
	});
}

/**
 * A case file whose `marker` answer tells its cases apart on the shared hub; each its own citizen,
 * since a second case of one citizen for the item is refused as a duplicate (exit 6).
 */
let applicants = 0;
const caseFile = (dir: string, marker: string, extra: Record<string, unknown> = {}) =>
	writeCaseFile(dir, DEMO_IMPLEMENTATION, {image: `JPEG:身份证:${marker}`, answers: {marker}, applicant: seriesApplicant(applicants++), extra});

const casesWith = (marker: string) => [...hub.state.cases.values()].filter((c) => c.submission.answers['marker'] === marker);

describe('no duplicate from a re-run', () => {
	it('cases submit --file F killed with SIGKILL at random points and run again: one case', async () => {
		const random = seededRandom(2026_12_01);
		for (let round = 0; round < 12; round++) {
			const marker = `rerun-${round}`;
			const dataDir = join(work, marker);
			const file = caseFile(join(work, `${marker}-case`), marker);
			// Killed after 1–4 hub requests (HEAD/PUT blob, the POST, the lookup), then run until it is done.
			const target = hub.total + 1 + Math.floor(random() * 4);
			const child = spawn(process.execPath, [cli, 'cases', 'submit', '--file', file, '--hub', hub.url, '--retries', '0'], {env: env(dataDir), stdio: 'ignore'});
			const exited = exitOf(child);
			let done = false;
			void exited.then(() => (done = true));
			await vi.waitFor(() => {
				if (!done && hub.total < target) throw new Error('not yet');
			}, {timeout: 20_000, interval: 1});
			child.kill('SIGKILL');
			await exited;
			let last: CliRun | undefined;
			for (let attempt = 0; attempt < 10 && last?.code !== 0; attempt++) last = await run(['cases', 'submit', '--file', file, '--hub', hub.url, '--retries', '0', '--json'], dataDir);
			expect(last?.code, last?.stderr).toBe(0);
			expect(casesWith(marker)).toHaveLength(1);
			expect(JSON.parse(last!.stdout).caseId).toBe(casesWith(marker)[0]!.caseId);
			// And once more after success: still the same case.
			const again = await run(['cases', 'submit', '--file', file, '--hub', hub.url, '--json'], dataDir);
			expect(again.code).toBe(0);
			expect(JSON.parse(again.stdout).caseId).toBe(casesWith(marker)[0]!.caseId);
			expect(casesWith(marker)).toHaveLength(1);
		}
	}, 180_000);

	it('an idempotencyKey given in the file is the key; reused for other content it is refused (exit 2, nothing sent)', async () => {
		const dataDir = join(work, 'explicit-key');
		const key = 'branch-batch-0001-case-17';
		const first = await run(['cases', 'submit', '--file', caseFile(join(work, 'explicit-1'), 'explicit-1', {idempotencyKey: key}), '--hub', hub.url, '--json'], dataDir);
		expect(first.code, first.stderr).toBe(0);
		expect(JSON.parse(first.stdout).idempotencyKey).toBe(key);
		expect(hub.state.byKey.get(key)).toBe(JSON.parse(first.stdout).caseId);
		const before = hub.state.cases.size;
		const other = await run(['cases', 'submit', '--file', caseFile(join(work, 'explicit-2'), 'explicit-2', {idempotencyKey: key}), '--hub', hub.url], dataDir);
		expect(other.code).toBe(2);
		expect(other.stderr).toContain(key);
		expect(hub.state.cases.size).toBe(before);
	});

	it('a damaged cases.json ({"cases":"none"}) stops submit before anything is sent (exit 5, named); the re-run is one case; reindex rebuilds', async () => {
		const dataDir = join(work, 'damaged-index');
		const delivered = await run(['cases', 'submit', '--file', caseFile(join(work, 'idx-1'), 'idx-1'), '--hub', hub.url, '--json'], dataDir);
		expect(delivered.code).toBe(0);
		writeFileSync(join(dataDir, 'cases.json'), '{"cases":"none"}');
		const before = hub.state.cases.size;
		const file = caseFile(join(work, 'idx-2'), 'idx-2');
		const refused = await run(['cases', 'submit', '--file', file, '--hub', hub.url], dataDir);
		expect(refused.code).toBe(5);
		expect(refused.stderr).toContain('cases.json');
		expect(refused.stderr).toContain('quarantine');
		expect(hub.state.cases.size).toBe(before);
		// Rebuilt from the outbox at once: the delivered case is in it, and the re-run goes through.
		const rebuilt = await openCasesIndex(dataDir);
		expect(rebuilt.get(JSON.parse(delivered.stdout).caseId)).toBeDefined();
		const again = await run(['cases', 'submit', '--file', file, '--hub', hub.url, '--json'], dataDir);
		expect(again.code, again.stderr).toBe(0);
		expect(JSON.parse(again.stdout).caseId).toBe(casesWith('idx-2')[0]?.caseId);
		expect(casesWith('idx-2')).toHaveLength(1);
		// The notice stays until acknowledged.
		const listed = await run(['quarantine', 'list', '--json'], dataDir);
		expect(listed.code).toBe(5);
		const [notice] = JSON.parse(listed.stdout).notices as Array<{id: string; original: string}>;
		expect(notice?.original).toBe('cases.json');
		// reindex: from the outbox and the hub, timelines included.
		rmSync(join(dataDir, 'cases.json'));
		const reindexed = await run(['cases', 'reindex', '--hub', hub.url, '--json'], dataDir);
		expect(reindexed.code, reindexed.stderr).toBe(0);
		expect(JSON.parse(reindexed.stdout)).toMatchObject({cases: 2, outbox: 2, hub: 2, hubReached: true});
		const index = await openCasesIndex(dataDir);
		expect(index.list().map((c) => c.caseId).sort()).toEqual([JSON.parse(delivered.stdout).caseId, JSON.parse(again.stdout).caseId].sort());
		expect(index.list().every((c) => c.idempotencyKey !== '' && c.applicantMasked === '陈**')).toBe(true);
		const acked = await run(['quarantine', 'ack', notice!.id], dataDir);
		expect(acked.code, acked.stderr).toBe(0);
		expect((await run(['quarantine', 'list'], dataDir)).code).toBe(0);
	}, 60_000);

	const ARCHIVED = JSON.stringify({version: 1, entries: {}, journal: {seq: 3}, delivered: {file: 'outbox-delivered.1.ndjson', bytes: 40}});
	it.each([
		['entries as a list', {'outbox.json': '{"version":1,"entries":[]}'}, 'outbox.json'],
		['null', {'outbox.json': 'null'}, 'outbox.json'],
		['cut short', {'outbox.json': '{"version":1,"entries":{"a'}, 'outbox.json'],
		['a journal line edited', {'outbox.journal': '{"seq":1,"put":{"id":"x"}}\n{"seq":2}\n'}, 'outbox.journal'],
		['a journal line not JSON', {'outbox.journal': 'not json\n'}, 'outbox.journal'],
		['the archive missing', {'outbox.json': ARCHIVED}, 'outbox-delivered.1.ndjson'],
		['the archive cut short', {'outbox.json': ARCHIVED, 'outbox-delivered.1.ndjson': '{"id":"a"'}, 'outbox-delivered.1.ndjson'],
	])('an outbox with %s is refused by every command that reads it, left untouched, nothing sent', async (_kind, files, named) => {
		const dataDir = join(work, `outbox-${_kind.replace(/\W/g, '')}`);
		mkdirSync(dataDir, {recursive: true});
		for (const [name, text] of Object.entries(files)) writeFileSync(join(dataDir, name), text);
		const before = hub.state.cases.size;
		for (const args of [
			['cases', 'outbox'],
			['cases', 'outbox', '--drain', '--hub', hub.url],
			['cases', 'submit', '--file', caseFile(join(work, `ob-${_kind.length}`), `ob-${_kind}`), '--hub', hub.url],
			['cases', 'reindex', '--hub', hub.url],
			['audit', 'purge', '--dry-run'],
		]) {
			const result = await run(args, dataDir);
			expect(result.code, args.join(' ')).toBe(5);
			expect(result.stderr).toContain(named);
		}
		for (const [name, text] of Object.entries(files)) expect(readFileSync(join(dataDir, name), 'utf8')).toBe(text);
		expect(hub.state.cases.size).toBe(before);
	}, 60_000);
});

describe('a damaged file is named and set aside', () => {
	it('a corrupt receipt: cases receipt exits 5 naming it (not 意外错误), it is set aside, the other receipts still show', async () => {
		const dataDir = join(work, 'receipts');
		const store = new ReceiptStore(dataDir);
		await store.save(demoReceipt({caseId: 'TB44-2026-0000001'}), 'zh-CN');
		await store.save(demoReceipt({caseId: 'TB44-2026-0000002'}), 'zh-CN');
		writeFileSync(join(dataDir, 'receipts', 'TB44-2026-0000001.json'), '{"caseId": 12');
		const bad = await run(['cases', 'receipt', 'TB44-2026-0000001'], dataDir);
		expect(bad.code).toBe(5);
		expect(bad.stderr).toContain('receipts/TB44-2026-0000001.json');
		expect(bad.stderr).not.toContain('意外错误');
		expect(existsSync(join(dataDir, 'receipts', 'TB44-2026-0000001.json'))).toBe(false);
		const en = await run(['cases', 'receipt', 'TB44-2026-0000001', '--lang', 'en'], dataDir);
		expect(en.code).toBe(1); // set aside: now simply not there
		const good = await run(['cases', 'receipt', 'TB44-2026-0000002'], dataDir);
		expect(good.code).toBe(0);
		const listed = await run(['quarantine', 'list', '--lang', 'en'], dataDir);
		expect(listed.code).toBe(5);
		expect(listed.stdout).toContain('receipts/TB44-2026-0000001.json');
		expect(listed.stdout).not.toMatch(/[\u4e00-\u9fff]/);
	});
});

describe('a damaged audit part', () => {
	it.each([
		['wrong types in an entry', (part: {entries: unknown[]}) => {
			(part.entries[0] as Record<string, unknown>)['seq'] = 'one';
			(part.entries[1] as Record<string, unknown>)['details'] = 5;
		}],
		['an entry that is not an object', (part: {entries: unknown[]}) => {
			part.entries[1] = null;
		}],
		['entries that are not a list', (part: {entries: unknown}) => {
			part.entries = 'none';
		}],
	])('%s: audit tail and audit export name the part and exit 5 (never 意外错误, never exit 0 with nothing)', async (_kind, damage) => {
		const dataDir = join(work, `audit-${_kind.replace(/\W/g, '')}`);
		for (let i = 0; i < 3; i++) expect((await run(['devices', 'idreader', 'status', '--port', 'emu:resident'], dataDir)).code).toBe(0);
		const partName = readdirSync(join(dataDir, 'audit')).find((n) => /^\d{4}-\d{2}-\d{2}\.0001\.json$/.test(n))!;
		const partPath = join(dataDir, 'audit', partName);
		const part = JSON.parse(readFileSync(partPath, 'utf8')) as {entries: unknown[]};
		damage(part as never);
		writeFileSync(partPath, JSON.stringify(part));
		for (const args of [['audit', 'tail'], ['audit', 'tail', '--json'], ['audit', 'export', '--since', '2020-01-01'], ['audit', 'export', '--since', '2020-01-01', '--format', 'csv']]) {
			const result = await run(args, dataDir);
			expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(5);
			expect(result.stderr).toContain(partName);
			expect(result.stderr).not.toContain('意外错误');
		}
		const en = await run(['audit', 'tail', '--lang', 'en'], dataDir);
		expect(en.code).toBe(5);
		expect(en.stderr).toContain(partName);
		expect(en.stderr).not.toMatch(/[\u4e00-\u9fff]/);
		expect((await run(['audit', 'verify'], dataDir)).code).toBe(5);
	}, 60_000);
});

describe('one writer, always', () => {
	/** Queues `n` cases in a data dir without sending them (the hub is away), as a clerk's day would. */
	async function queueCases(dataDir: string, n: number, prefix: string): Promise<void> {
		const client = new HubClient({baseUrl: 'http://127.0.0.1:1', terminalId: 'T-DEMO-0001', token: 'demo-api-token', retries: 0});
		const outbox = await openOutbox({dataDir, hub: client, clock: systemClock});
		for (let i = 0; i < n; i++) await outbox.enqueue(demoDraft({answers: {marker: `${prefix}-${i}`}}), [demoMaterial(`${prefix}-${i}`)]);
		await client.close();
	}

	it('cases show writes beside a drain: no case-index entry is lost', async () => {
		const dataDir = join(work, 'writers');
		await queueCases(dataDir, 20, 'writer');
		const seeded = hub.state.seedCases(20, 'T-OTHER-9');
		const drain = run(['cases', 'outbox', '--drain', '--hub', hub.url], dataDir);
		const shows = Promise.all(seeded.map((id) => run(['cases', 'show', id, '--hub', hub.url], dataDir)));
		const [drained, shown] = await Promise.all([drain, shows]);
		expect(drained.code, drained.stderr).toBe(0);
		expect(shown.map((r) => r.code)).toEqual(seeded.map(() => 0));
		const index = await openCasesIndex(dataDir);
		const delivered = (await (await openOutboxStore(dataDir)).list()).map((e) => e.receipt?.caseId);
		expect(delivered.filter((id) => id === undefined || !index.get(id))).toEqual([]);
		expect(seeded.filter((id) => !index.get(id))).toEqual([]);
		expect(index.list()).toHaveLength(40);
	}, 120_000);

	it('every writing command beside a running console: the index ones write under its lock, the others refuse cleanly; nothing is lost', async () => {
		const dataDir = join(work, 'beside-console');
		mkdirSync(dataDir, {recursive: true});
		const screen = join(work, 'beside-console.out');
		// A good settings file with its backup, so `config restore` has something to restore.
		expect((await run(['config', 'set', 'branchName', '测试网点'], dataDir)).code).toBe(0);
		// The console's demo hub numbers its cases from 1, like this test hub: keep this hub's far away.
		hub.state.seedCases(100, 'T-PAD-0');
		// A real console on a real pty (script), on the demo: sign in, and it queues and sends two demo cases.
		const consoleRun = spawn('script', ['-qfec', `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} console --demo`, screen], {
			env: {...env(dataDir), TONGBAN_DEMO_STEP_MS: '200'},
			stdio: ['pipe', 'ignore', 'ignore'],
		});
		const consoleExit = exitOf(consoleRun);
		try {
			await vi.waitFor(() => expect(existsSync(screen) && readFileSync(screen, 'utf8').includes('op-1001')).toBe(true), {timeout: 20_000, interval: 20});
			consoleRun.stdin!.write('op-1001\r');
			await vi.waitFor(() => expect(readFileSync(screen, 'utf8')).toMatch(/PIN|口令|密码/), {timeout: 10_000, interval: 20});
			consoleRun.stdin!.write('246810\r');
			// The demo seeds four cases (two plain, two that take return trips: src/wiring/demo.ts).
			await vi.waitFor(async () => expect((await openCasesIndex(dataDir)).list()).toHaveLength(4), {timeout: 30_000, interval: 50});

			const seeded = hub.state.seedCases(6, 'T-OTHER-7');
			const configBefore = existsSync(join(dataDir, 'config.json')) ? readFileSync(join(dataDir, 'config.json'), 'utf8') : undefined;
			const outboxBefore = outboxFilesText(dataDir);
			const hubBefore = hub.state.cases.size;
			const busy = {...env(dataDir), TONGBAN_AUDIT_WAIT_MS: '0'};
			const runBusy = (args: string[]) => runScript(cli, args, {env: busy, timeout: 60_000});
			const [shows, reindex, refused] = await Promise.all([
				Promise.all(seeded.map((id) => runBusy(['cases', 'show', id, '--hub', hub.url]))),
				runBusy(['cases', 'reindex']),
				Promise.all(
					[
						['cases', 'submit', '--file', caseFile(join(work, 'beside-case'), 'beside'), '--hub', hub.url],
						['cases', 'outbox', '--drain', '--hub', hub.url],
						['config', 'set', 'idleLockMinutes', '15'],
						['config', 'restore'],
						['audit', 'purge'],
						['quarantine', 'ack', '--all'],
					].map((args) => runBusy(args).then((r) => ({args, ...r}))),
				),
			]);
			expect(shows.map((r) => r.code)).toEqual(seeded.map(() => 0));
			expect(reindex.code, reindex.stderr).toBe(0);
			// Refused before doing anything: the console holds the terminal's writer lock.
			for (const r of refused) {
				expect(r.code, `${r.args.join(' ')}: ${r.stderr}`).toBe(1);
				expect(r.stderr, r.args.join(' ')).toMatch(/审计日志|audit/);
			}
			expect(hub.state.cases.size).toBe(hubBefore);
			expect(outboxFilesText(dataDir)).toBe(outboxBefore);
			expect(existsSync(join(dataDir, 'config.json')) ? readFileSync(join(dataDir, 'config.json'), 'utf8') : undefined).toBe(configBefore);
			const index = await openCasesIndex(dataDir);
			expect(seeded.filter((id) => !index.get(id))).toEqual([]);
			// The four the demo seeded (src/wiring/demo.ts) and the six of another terminal.
			expect(index.list()).toHaveLength(10);
		} finally {
			consoleRun.stdin!.write('\u0003');
			await consoleExit;
		}
		// The console's own writes were not lost either, and its audit chain is whole.
		expect((await openCasesIndex(dataDir)).list()).toHaveLength(10);
		expect((await run(['audit', 'verify'], dataDir)).code).toBe(0);
	}, 120_000);
});

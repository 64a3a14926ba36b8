/**
 * The `cases` and `hub` commands as scripts use them: a real process (the command modules bundled
 * with esbuild, since src/cli/main.ts registers them later) against the real mock hub on port 0.
 */
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startMockHub, type MockHub} from '../../mocks/hub/server.js';
import {DEMO_IMPLEMENTATION} from '../../mocks/hub/demo-cases.js';
import {listRecent, readEntryAt, verifyAuditLog} from '../../src/store/audit-store.js';
import {scanForPersonalData} from '../../src/test-utils/pii-scan.js';
import {ReceiptStore} from '../../src/store/receipts.js';
import {demoReceipt} from '../../src/test-utils/receipts.js';
import {openSettingsWriter} from '../../src/store/settings.js';
import {runScript, type CliRun} from '../../src/test-utils/cli-process.js';
import {seriesApplicant, writeCaseFile} from '../../src/test-utils/case-file.js';
import {outboxEntriesOf} from '../../src/test-utils/outbox-entries.js';
import {HubClient} from '../../src/hub/client.js';
import {systemClock} from '../../src/core/ports/clock.js';
import {openCasesIndex} from '../../src/store/cases-index.js';
import {openOutbox} from '../../src/store/outbox.js';
import {demoDraft, demoMaterial} from '../../mocks/hub/demo-cases.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the package so that packageRoot() finds data/ (the mock serves the demo catalog).
const outDir = join(root, 'node_modules', '.cache', 'tongban-hub-test');
const cli = join(outDir, 'cli.mjs');
const work = mkdtempSync(join(tmpdir(), 'tongban-cases-'));
let hub: MockHub;

beforeAll(async () => {
	mkdirSync(outDir, {recursive: true});
	const entry = join(outDir, 'entry.ts');
	writeFileSync(
		entry,
		`import yargs from 'yargs';
import {casesCommand} from ${JSON.stringify(join(root, 'commands/cases/index.ts'))};
import {hubCommand} from ${JSON.stringify(join(root, 'commands/hub/serve.ts'))};
await yargs(process.argv.slice(2)).option('json', {type: 'boolean', global: true}).option('lang', {type: 'string', global: true})
	.option('data-dir', {type: 'string', global: true}).command(casesCommand('zh-CN')).command(hubCommand('zh-CN')).strict().demandCommand(1).parseAsync();
`,
	);
	await build({
		entryPoints: [entry],
		outfile: cli,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		logLevel: 'error',
		banner: {js: "import {createRequire as __r} from 'node:module'; const require = __r(import.meta.url);"},
	});
	hub = await startMockHub({});
});

afterAll(async () => {
	await hub.close();
	rmSync(work, {recursive: true, force: true});
});

function run(args: string[], options: {stdin?: string; dataDir?: string; token?: string | null} = {}): Promise<CliRun> {
	const env: NodeJS.ProcessEnv = {...process.env, TONGBAN_DATA_DIR: options.dataDir ?? join(work, 'data'), FORCE_COLOR: '0'};
	if (options.token !== null) env['TONGBAN_HUB_TOKEN'] = options.token ?? 'demo-api-token';
	else delete env['TONGBAN_HUB_TOKEN'];
	return runScript(cli, args, {env, maxBuffer: 64 * 1024 * 1024, stdin: options.stdin ?? ''});
}

/**
 * A case file; each test's case is a different case (its folder name is one of the answers), so
 * its derived idempotency key differs from the other tests' on the shared hub.
 */
const caseFile = (dir: string) => writeCaseFile(dir, DEMO_IMPLEMENTATION, {answers: {testCase: basename(dir)}});

describe('tongban cases', () => {
	it('submit → show: the case is on the hub once, and its timeline is shown', async () => {
		const file = caseFile(join(work, 'c1'));
		const submitted = await run(['cases', 'submit', '--file', file, '--hub', hub.url, '--json']);
		expect(submitted.stderr).toBe('');
		expect(submitted.code).toBe(0);
		const {caseId} = JSON.parse(submitted.stdout) as {caseId: string};
		expect(hub.state.cases.get(caseId)?.submission.materials).toHaveLength(1);
		const shown = await run(['cases', 'show', caseId, '--hub', hub.url, '--json']);
		expect(shown.code).toBe(0);
		const body = JSON.parse(shown.stdout) as {timeline: Array<{stage: string; status: string}>; stale: boolean};
		expect(body.timeline[0]).toMatchObject({stage: '收', status: 'received'});
		expect(shown.stdout).not.toContain('44030519900101123X');
		// The hub going away: show falls back to the local index and says so.
		const offline = await run(['cases', 'show', caseId, '--hub', 'http://127.0.0.1:1', '--json', '--retries', '0']);
		expect(offline.code).toBe(0);
		expect(JSON.parse(offline.stdout).stale).toBe(true);
		expect(offline.stderr).toContain('无法连接中台');
	});

	it('an agent (委托代办): shown masked beside the applicant; refused for an item that allows none, nothing on the hub', async () => {
		const dir = join(work, 'agent');
		const agent = {idNumber: '110105198503120514', name: '李明华', cardType: 'resident'};
		// A citizen of their own: the file's other tests send the demo applicant's cases of this item.
		writeCaseFile(dir, DEMO_IMPLEMENTATION, {answers: {testCase: 'agent'}, applicant: seriesApplicant(603), extra: {agent, materials: [{code: 'M01', file: 'id.jpg', pages: 1, originalVerified: true}, {code: 'M04', file: 'id.jpg', pages: 1, originalVerified: true}]}});
		const dataDir = join(work, 'agent-data');
		const submitted = await run(['cases', 'submit', '--file', join(dir, 'case.json'), '--hub', hub.url, '--json'], {dataDir});
		expect(submitted.code, submitted.stderr).toBe(0);
		const {caseId} = JSON.parse(submitted.stdout) as {caseId: string};
		expect(hub.state.cases.get(caseId)?.submission.agent).toEqual(agent);
		const shown = await run(['cases', 'show', caseId, '--hub', hub.url], {dataDir});
		expect(shown.code).toBe(0);
		expect(shown.stdout).toContain('  申请人 陈**  代办人 李**（委托代办）');
		expect(shown.stdout).not.toMatch(/110105198503120514|李明华|44030519900101123X|陈晓明/);
		const json = JSON.parse((await run(['cases', 'show', caseId, '--hub', hub.url, '--json'], {dataDir})).stdout) as {case: {agentMasked?: string}};
		expect(json.case.agentMasked).toBe('李**');
		// 机关事业单位养老保险关系转移接续 is in person only: the hub refuses, the message says why.
		const inPerson = join(work, 'agent-in-person');
		writeCaseFile(inPerson, {itemCode: '990120000003', implementationCode: '12440000TB000006942990120000003'}, {answers: {testCase: 'agent-in-person'}, extra: {agent}});
		const before = hub.state.cases.size;
		const refused = await run(['cases', 'submit', '--file', join(inPerson, 'case.json'), '--hub', hub.url], {dataDir});
		// A refusal of the case's content: bad input, exit 2 (docs/architecture.md#exit-codes).
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('该事项须申请人本人办理，不能委托代办，未提交');
		expect(refused.stderr).not.toMatch(/110105198503120514|李明华/);
		expect(hub.state.cases.size).toBe(before);
	});

	it('submit with the hub down keeps the case in the outbox (exit 3); outbox --drain sends it once', async () => {
		const dataDir = join(work, 'offline');
		const file = caseFile(join(work, 'c2'));
		const queued = await run(['cases', 'submit', '--file', file, '--hub', 'http://127.0.0.1:1', '--retries', '0'], {dataDir});
		expect(queued.code).toBe(3);
		expect(queued.stderr).toContain('待发队列');
		const listed = await run(['cases', 'outbox', '--json'], {dataDir});
		const pending = JSON.parse(listed.stdout).pending as Array<{id: string; applicant: string}>;
		expect(pending).toHaveLength(1);
		// Masked as everywhere else: the surname stays, the given name goes.
		expect(pending[0]!.applicant).toBe('陈**');
		const before = hub.state.cases.size;
		hub.state.auditHeads.clear(); // (other tests submitted as the same terminal)
		const drained = await run(['cases', 'outbox', '--drain', '--hub', hub.url, '--json'], {dataDir});
		expect(drained.code).toBe(0);
		expect(JSON.parse(drained.stdout).pending).toEqual([]);
		expect(hub.state.cases.size).toBe(before + 1);
		expect(hub.state.byKey.has(pending[0]!.id)).toBe(true);
		// The drained case carried this terminal's audit head: the hub's anchor is an entry of this log.
		const anchor = hub.state.getAuditHead('T-DEMO-0001')!;
		expect(anchor.seq).toBeGreaterThan(0);
		expect((await readEntryAt(dataDir, anchor.seq))?.hash).toBe(anchor.hash);
	});

	it('a case delivered by a run killed before its index write is indexed by the next outbox --drain', async () => {
		const dataDir = join(work, 'killed-before-index');
		mkdirSync(dataDir, {recursive: true});
		// What a killed drain leaves: the outbox says delivered, the case index never heard of it.
		const client = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', token: 'demo-api-token'});
		const outbox = await openOutbox({dataDir, hub: client, clock: systemClock});
		const entry = await outbox.enqueue(demoDraft({answers: {testCase: 'killed-before-index'}}), [demoMaterial()], {idempotencyKey: 'killed-before-index-0001'});
		await outbox.drain();
		await outbox.stop();
		await client.close();
		const caseId = (await outbox.get(entry.id))!.receipt!.caseId;
		expect((await openCasesIndex(dataDir)).get(caseId)).toBeUndefined();
		const drained = await run(['cases', 'outbox', '--drain', '--hub', hub.url], {dataDir});
		expect(drained.code, drained.stderr).toBe(0);
		expect((await openCasesIndex(dataDir)).get(caseId)?.idempotencyKey).toBe('killed-before-index-0001');
	});

	it('status streams stdin ids in order as NDJSON; exit 1 when some are not found', async () => {
		const ids = hub.state.seedCases(2500, 'T-BATCH');
		const input = [...ids.slice(0, 1200), 'TB99-MISSING', 'bad id!', ...ids.slice(1200)].join('\n');
		const result = await run(['cases', 'status', '--hub', hub.url, '--json', '--concurrency', '3'], {stdin: input});
		expect(result.code).toBe(1);
		const rows = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as {caseId: string; status?: string; error?: string});
		expect(rows.map((r) => r.caseId)).toEqual(input.split('\n'));
		expect(rows[1200]).toEqual({caseId: 'TB99-MISSING', error: 'not_found'});
		expect(rows[1201]).toEqual({caseId: 'bad id!', error: 'invalid_id'});
		expect(rows.filter((r) => r.status === 'received')).toHaveLength(2500);
	});

	it('status: ids as arguments, CSV, exit 0 when all found; 3 when the hub is unreachable; 2 without a token', async () => {
		const ids = hub.state.seedCases(2, 'T-BATCH');
		const csv = await run(['cases', 'status', ...ids, '--hub', hub.url, '--csv']);
		expect(csv.code).toBe(0);
		expect(csv.stdout.split('\n')[0]).toBe('caseId,status,updatedAt,error');
		expect(csv.stdout).toContain(`${ids[0]},received,`);
		const file = join(work, 'ids.txt');
		writeFileSync(file, `${ids.join('\n')}\n`);
		const down = await run(['cases', 'status', '--file', file, '--hub', 'http://127.0.0.1:1', '--retries', '0']);
		expect(down.code).toBe(3);
		// A hostile "case id" in a batch is never handed to a spreadsheet as a formula.
		const hostile = await run(['cases', 'status', ids[0]!, '=cmd|/C calc!A0', '--hub', hub.url, '--csv']);
		expect(hostile.stdout.split('\n')[2]).toBe("'=cmd|/C calc!A0,,,invalid_id");
		const noToken = await run(['cases', 'status', ids[0]!, '--hub', hub.url], {token: null});
		expect(noToken.code).toBe(2);
		expect(noToken.stderr).toContain('未登录或令牌无效');
		expect(noToken.stderr).toContain('TONGBAN_HUB_TOKEN');
		expect(`${noToken.stdout}${noToken.stderr}`).not.toContain('demo-api-token');
	});
});

describe('tongban cases: the audit trail', () => {
	it('submit (hub down) → outbox --drain → status: case.submit, batch.run with counts only; chain ok, no ID number or name', async () => {
		const dataDir = join(work, 'audited');
		const file = caseFile(join(work, 'c4'));
		expect((await run(['cases', 'submit', '--file', file, '--hub', 'http://127.0.0.1:1', '--retries', '0'], {dataDir})).code).toBe(3);
		const drained = await run(['cases', 'outbox', '--drain', '--hub', hub.url, '--json'], {dataDir});
		expect(drained.code).toBe(0);
		const ids = hub.state.seedCases(3, 'T-AUDIT');
		const status = await run(['cases', 'status', ...ids, 'TB99-MISSING', 'bad id!', '--hub', hub.url, '--json'], {dataDir});
		expect(status.code).toBe(1);
		const entries = await listRecent(dataDir, 20);
		const submits = entries.filter((e) => e.action === 'case.submit');
		expect(submits.map((e) => [e.outcome, e.details['stage']])).toEqual([
			['unknown', 'queued'],
			['failed', 'retry'],
			['ok', 'accepted'],
		]);
		const key = submits[0]!.details['idempotencyKey'];
		expect(submits.every((e) => e.details['idempotencyKey'] === key && e.details['applicantMasked'] === '陈**')).toBe(true);
		expect(hub.state.byKey.get(String(key))).toBe(submits[2]!.target.caseId);
		const batch = entries.filter((e) => e.action === 'batch.run');
		expect(batch).toHaveLength(1);
		expect(batch[0]).toMatchObject({outcome: 'ok', operator: {role: 'admin'}, details: {command: 'cases status', total: 5, ok: 3, notFound: 1, failed: 1, invalid: 1}});
		expect(JSON.stringify(batch[0])).not.toContain(ids[0]!);
		expect((await verifyAuditLog(dataDir)).ok).toBe(true);
		expect(scanForPersonalData([join(dataDir, 'audit')], [], ['44030519900101123X', '陈晓明'])).toEqual([]);
	});
});

describe('tongban cases receipt', () => {
	it('submit refuses a second open case of one citizen for the item (exit 6) unless --allow-duplicate, which is audited; a re-run is no duplicate', async () => {
		const dataDir = join(work, 'dup');
		const citizen = seriesApplicant(600);
		const file = (name: string) => writeCaseFile(join(work, name), DEMO_IMPLEMENTATION, {applicant: citizen, answers: {testCase: name}});
		const first = await run(['cases', 'submit', '--file', file('dup-1'), '--hub', hub.url, '--json'], {dataDir});
		expect(first.code, first.stderr).toBe(0);
		const firstId = (JSON.parse(first.stdout) as {caseId: string}).caseId;
		// The same file again is the same case (its key), not a second one.
		expect((await run(['cases', 'submit', '--file', file('dup-1'), '--hub', hub.url, '--json'], {dataDir})).code).toBe(0);
		const ofCitizen = () => [...hub.state.cases.values()].filter((c) => c.submission.applicant.idNumber === citizen.idNumber).length;
		expect(ofCitizen()).toBe(1);

		// Another case of the same citizen and item: refused, named, nothing sent.
		const refused = await run(['cases', 'submit', '--file', file('dup-2'), '--hub', hub.url, '--json'], {dataDir});
		expect(refused.code).toBe(6);
		expect(refused.stderr).toContain(firstId);
		expect(refused.stderr).toContain('--allow-duplicate');
		expect(JSON.parse(refused.stdout)).toMatchObject({error: {code: 'duplicate_case', details: {caseIds: [firstId], queued: 0, hub: 'asked'}}});
		expect(ofCitizen()).toBe(1);
		// Another terminal (its own data folder, an empty index) learns it from the hub.
		const elsewhere = await run(['cases', 'submit', '--file', file('dup-3'), '--hub', hub.url], {dataDir: join(work, 'dup-other')});
		expect(elsewhere.code).toBe(6);
		expect(elsewhere.stderr).toContain(firstId);
		expect(ofCitizen()).toBe(1);

		// On purpose: sent, and audited with the case ids (never the citizen).
		const allowed = await run(['cases', 'submit', '--file', file('dup-2'), '--hub', hub.url, '--allow-duplicate', '--json'], {dataDir});
		expect(allowed.code, allowed.stderr).toBe(0);
		expect(allowed.stderr).toContain(firstId);
		expect(ofCitizen()).toBe(2);
		const confirmed = (await listRecent(dataDir, 50)).filter((e) => e.action === 'case.duplicate_confirmed');
		expect(confirmed).toHaveLength(1);
		expect(confirmed[0]).toMatchObject({target: {itemCode: DEMO_IMPLEMENTATION.itemCode}, details: {caseIds: [firstId], itemCode: DEMO_IMPLEMENTATION.itemCode, found: 1, hub: 'asked'}});
		expect(scanForPersonalData([join(dataDir, 'audit'), join(dataDir, 'cases.json')], [], [citizen.idNumber, citizen.name])).toEqual([]);
	});

	it('submit: a hub that does not answer the open-cases query in time does not block, and the local guard still refuses', async () => {
		const dataDir = join(work, 'dup-slow');
		const citizen = seriesApplicant(601);
		const file = (name: string) => writeCaseFile(join(work, name), DEMO_IMPLEMENTATION, {applicant: citizen, answers: {testCase: name}});
		expect((await run(['cases', 'submit', '--file', file('slow-1'), '--hub', hub.url], {dataDir})).code).toBe(0);
		const slow = await startMockHub({faults: 'cases.openQuery:latency=60000'});
		try {
			const started = Date.now();
			const refused = await run(['cases', 'submit', '--file', file('slow-2'), '--hub', slow.url, '--retries', '0'], {dataDir});
			expect(refused.code).toBe(6);
			expect(refused.stderr).toContain('未能向中台核对');
			expect(Date.now() - started).toBeLessThan(20_000);
			expect(slow.counts.get('cases.openQuery')).toBe(1);
			expect(slow.counts.get('cases.create')).toBeUndefined();
		} finally {
			await slow.close();
		}
	});

	it('shows a saved receipt, prints it through the configured command (audited), and says when there is none', async () => {
		const dataDir = join(work, 'receipts');
		const doc = demoReceipt({caseId: 'TB44-20261127-0000009', materials: [{code: 'M01', name: '居民身份证', originalVerified: true}]});

		const file = await new ReceiptStore(dataDir).save(doc, 'zh-CN');

		const shown = await run(['cases', 'receipt', doc.caseId], {dataDir});
		expect(shown.code).toBe(0);
		expect(shown.stdout).toContain('跨省通办受理回执');
		expect(shown.stdout).toContain('四川省（节点 51）');
		const english = await run(['cases', 'receipt', doc.caseId, '--lang', 'en', '--json'], {dataDir});
		expect(JSON.parse(english.stdout)).toMatchObject({receipt: {caseId: doc.caseId}, file});

		const noPrinter = await run(['cases', 'receipt', doc.caseId, '--print'], {dataDir});
		expect(noPrinter.code).toBe(1);
		expect(noPrinter.stderr).toContain('receiptPrintCommand');
		const printed = join(work, 'printed-receipt.txt');
		(await openSettingsWriter(dataDir)).set('receiptPrintCommand', `tee ${printed}`);
		const ok = await run(['cases', 'receipt', doc.caseId, '--print'], {dataDir});
		expect(ok.code).toBe(0);
		expect(readFileSync(printed, 'utf8')).toBe(readFileSync(file, 'utf8'));
		const entries = (await listRecent(dataDir, 50)).filter((e) => e.action === 'receipt.print');
		expect(entries.map((e) => e.outcome)).toEqual(['failed', 'ok']);

		expect((await run(['cases', 'receipt', 'TB44-20261127-0000010'], {dataDir})).code).toBe(1);
		expect((await run(['cases', 'receipt', '../../etc/passwd'], {dataDir})).code).toBe(2);
	});
});

describe('tongban cases supplement', () => {
	/** A JPEG by its first bytes (what the command checks), different per text. */
	const jpeg = (dir: string, name: string, text: string) => {
		mkdirSync(dir, {recursive: true});
		const path = join(dir, name);
		writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(text)]));
		return path;
	};

	it('adds the materials a returned case needs once, prints and saves the supplement receipt; running it again is the same supplement', async () => {
		// Every case of this hub is returned at once (one-millisecond steps).
		const trips = await startMockHub({stepMs: 1, plan: () => ({outcome: 'returned', delivery: 'licence', originalsRequired: false})});
		try {
			const dataDir = join(work, 'supp');
			const submitted = await run(['cases', 'submit', '--file', caseFile(join(work, 'supp1')), '--hub', trips.url, '--json'], {dataDir});
			expect(submitted.code).toBe(0);
			const {caseId} = JSON.parse(submitted.stdout) as {caseId: string};
			const asked = trips.state.getCase(caseId)!.returnRequest!.materials;
			expect(asked).toHaveLength(1);
			const file = jpeg(join(work, 'supp1'), 'extra.jpg', '补正材料 1');

			const first = await run(['cases', 'supplement', caseId, '--file', file, '--hub', trips.url, '--json'], {dataDir});
			expect(first.stderr).toBe('');
			expect(first.code).toBe(0);
			const result = JSON.parse(first.stdout) as {caseId: string; supplementKey: string; materials: Array<{code: string}>; file: string; receipt: {kind: string; materials: Array<{code: string; name: string}>}};
			expect(result).toMatchObject({caseId, materials: [{code: asked[0]!.code}], receipt: {kind: 'supplement', materials: [{code: asked[0]!.code, name: asked[0]!.name}]}});
			const stored = trips.state.cases.get(caseId)!;
			expect(Object.keys(stored.supplementKeys)).toEqual([result.supplementKey]);
			expect(stored.submission.materials).toHaveLength(2);
			const text = readFileSync(result.file, 'utf8');
			expect(text).toContain('跨省通办补正回执');
			expect(text).toContain(caseId);
			expect(text).toContain(asked[0]!.name);
			expect(text).not.toContain('44030519900101123X');
			expect(text).not.toContain('陈晓明');
			// No full number or name in what it printed, the receipts it saved or the audit.
			expect(scanForPersonalData([join(dataDir, 'receipts'), join(dataDir, 'audit')], [first.stdout, first.stderr], ['44030519900101123X', '陈晓明'])).toEqual([]);

			// Again (after a kill, from a script's retry): the case has moved on, the supplement is the same one.
			const again = await run(['cases', 'supplement', caseId, '--file', file, '--hub', trips.url], {dataDir});
			expect(again.stderr).toBe('');
			expect(again.code).toBe(0);
			expect(again.stdout).toContain('跨省通办补正回执');
			expect(again.stdout).toContain(result.file);
			expect(scanForPersonalData([], [again.stdout], ['44030519900101123X', '陈晓明'])).toEqual([]);
			expect(Object.keys(trips.state.cases.get(caseId)!.supplementKeys)).toHaveLength(1);
			expect(trips.state.cases.get(caseId)!.submission.materials).toHaveLength(2);

			// The index marks the case; the supplement is not a second case.
			const index = JSON.parse(readFileSync(join(dataDir, 'cases.json'), 'utf8')) as {cases: Record<string, {supplementedAt?: string; idempotencyKey: string}>};
			expect(Object.keys(index.cases)).toEqual([caseId]);
			expect(index.cases[caseId]!.supplementedAt).toEqual(expect.any(String));
			const outbox = JSON.parse((await run(['cases', 'outbox', '--json'], {dataDir})).stdout) as {pending: unknown[]};
			expect(outbox.pending).toEqual([]);

			const shown = await run(['cases', 'receipt', caseId, '--supplement', '--lang', 'en'], {dataDir});
			expect(shown.code).toBe(0);
			expect(shown.stdout).toContain('Cross-province supplement receipt');
			const audited = (await listRecent(dataDir, 50)).filter((e) => e.action === 'case.supplement');
			expect(audited.map((e) => [e.outcome, e.details['stage']])).toEqual([
				['unknown', 'queued'],
				['ok', 'accepted'],
			]);
		} finally {
			await trips.close();
		}
	});

	it('refuses a case not returned (nothing queued, no supplement sent) and files that are not a JPEG or PDF', async () => {
		const dataDir = join(work, 'supp-refused');
		const submitted = await run(['cases', 'submit', '--file', writeCaseFile(join(work, 'supp2'), DEMO_IMPLEMENTATION, {answers: {testCase: 'supp2'}, applicant: seriesApplicant(602)}), '--hub', hub.url, '--json'], {dataDir});
		expect(submitted.code).toBe(0);
		const {caseId} = JSON.parse(submitted.stdout) as {caseId: string};
		const file = jpeg(join(work, 'supp2'), 'extra.jpg', '补正材料 2');
		const supplementsBefore = hub.counts.get('cases.supplement') ?? 0;

		const refused = await run(['cases', 'supplement', caseId, '--file', file, '--hub', hub.url], {dataDir});
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain(`办件 ${caseId} 当前为“已受理”，不是“退回补正”`);
		expect(refused.stderr).toContain('什么也没有发送');
		expect((hub.counts.get('cases.supplement') ?? 0) - supplementsBefore).toBe(0);
		expect(Object.keys(hub.state.cases.get(caseId)!.supplementKeys)).toEqual([]);
		const entries = await outboxEntriesOf(dataDir);
		expect(entries.filter((e) => e.supplementFor !== undefined)).toEqual([]);
		const json = await run(['cases', 'supplement', caseId, '--file', file, '--hub', hub.url, '--json', '--lang', 'en'], {dataDir});
		expect(JSON.parse(json.stdout).error).toMatchObject({code: 'supplement_not_returned', details: {status: 'received'}});
		expect(json.stderr).toContain('is received, not returned');

		writeFileSync(join(work, 'supp2', 'notes.txt'), 'not a picture');
		writeFileSync(join(work, 'supp2', 'empty.jpg'), '');
		const text = await run(['cases', 'supplement', caseId, '--file', join(work, 'supp2', 'notes.txt'), '--hub', hub.url], {dataDir});
		expect(text.code).toBe(2);
		expect(text.stderr).toContain('不是 JPEG 图片或 PDF 文件');
		const empty = await run(['cases', 'supplement', caseId, '--file', join(work, 'supp2', 'empty.jpg'), '--hub', hub.url], {dataDir});
		expect(empty.code).toBe(2);
		expect(empty.stderr).toContain('文件为空');
		const missing = await run(['cases', 'supplement', caseId, '--file', join(work, 'supp2', 'nowhere.pdf'), '--hub', hub.url], {dataDir});
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('不存在');
		expect((await run(['cases', 'supplement', caseId, '--hub', hub.url], {dataDir})).code).toBe(2);
		expect((hub.counts.get('cases.supplement') ?? 0) - supplementsBefore).toBe(0);
	});

	it('files and requested materials must pair up: a count mismatch is an input error; --material names them', async () => {
		const trips = await startMockHub({stepMs: 1, plan: () => ({outcome: 'returned', delivery: 'licence', originalsRequired: false})});
		try {
			const dataDir = join(work, 'supp-pairs');
			const submitted = await run(['cases', 'submit', '--file', caseFile(join(work, 'supp3')), '--hub', trips.url, '--json'], {dataDir});
			const {caseId} = JSON.parse(submitted.stdout) as {caseId: string};
			const a = jpeg(join(work, 'supp3'), 'a.jpg', '甲');
			const pdf = join(work, 'supp3', 'b.pdf');
			writeFileSync(pdf, '%PDF-1.7\n乙');
			const mismatch = await run(['cases', 'supplement', caseId, '--file', a, '--file', pdf, '--hub', trips.url], {dataDir});
			expect(mismatch.code).toBe(2);
			expect(mismatch.stderr).toContain('给了 2 个文件');
			expect(Object.keys(trips.state.cases.get(caseId)!.supplementKeys)).toEqual([]);
			const named = await run(['cases', 'supplement', caseId, '--file', a, '--file', pdf, '--material', 'M01', '--material', 'S02', '--hub', trips.url, '--json'], {dataDir});
			expect(named.stderr).toBe('');
			expect(named.code).toBe(0);
			expect((JSON.parse(named.stdout) as {materials: Array<{code: string}>}).materials.map((m) => m.code)).toEqual(['M01', 'S02']);
			expect(trips.state.cases.get(caseId)!.submission.materials.map((m) => m.code)).toEqual(['M01', 'M01', 'S02']);
			// The same files under other codes: not a second supplement, a clear refusal.
			const renamed = await run(['cases', 'supplement', caseId, '--file', a, '--file', pdf, '--material', 'S02', '--material', 'M01', '--hub', trips.url], {dataDir});
			expect(renamed.code).toBe(2);
			expect(Object.keys(trips.state.cases.get(caseId)!.supplementKeys)).toHaveLength(1);
		} finally {
			await trips.close();
		}
	});
});

describe('tongban hub serve', () => {
	it('work lists what the branch must do, most urgent first; ship checks the waybill and never records a parcel twice', async () => {
		// Every case of this hub is returned, its result goes back to the branch and its originals must travel.
		const trips = await startMockHub({stepMs: 1, plan: () => ({outcome: 'returned', delivery: 'branch', originalsRequired: true})});
		try {
			const dataDir = join(work, 'trips');
			const submitted = await run(['cases', 'submit', '--file', caseFile(join(work, 'trip1')), '--hub', trips.url, '--json'], {dataDir});
			expect(submitted.stderr).toBe('');
			expect(submitted.code).toBe(0);
			const {caseId} = JSON.parse(submitted.stdout) as {caseId: string};
			expect(trips.state.cases.get(caseId)?.branchCode).toBe('440305001');

			const fresh = await run(['cases', 'work', '--hub', trips.url, '--json'], {dataDir});
			expect(fresh.code).toBe(0);
			const listed = JSON.parse(fresh.stdout) as {counts: Record<string, number>; items: Array<{caseId: string; need: string; reason?: string}>};
			// Unshipped originals count as work only after --ship-after hours (default 24): here only the supplement.
			expect(listed.items.map((i) => i.need)).toEqual(['supplement']);
			expect(listed.items[0]).toMatchObject({caseId, reason: expect.any(String)});
			const all = JSON.parse((await run(['cases', 'work', '--hub', trips.url, '--json', '--ship-after', '0'], {dataDir})).stdout) as typeof listed;
			expect(all.items.map((i) => i.need).sort()).toEqual(['shipment', 'supplement']);
			// The wait from the settings (shipWithinHours) when no flag is given: 0 lists the originals at once.
			(await openSettingsWriter(dataDir)).set('shipWithinHours', 0);
			const bySetting = JSON.parse((await run(['cases', 'work', '--hub', trips.url, '--json'], {dataDir})).stdout) as typeof listed;
			expect(bySetting.items.map((i) => i.need).sort()).toEqual(['shipment', 'supplement']);
			const text = await run(['cases', 'work', '--hub', trips.url, '--ship-after', '0'], {dataDir});
			expect(text.stdout).toContain('待办 2 件');
			expect(text.stdout).toContain('寄原件');
			expect((await run(['cases', 'work', '--hub', trips.url, '--needs', 'coffee'], {dataDir})).code).toBe(2);

			const wrongDigit = await run(['cases', 'ship', caseId, '--carrier', 'ems', '--waybill', 'EA123456784CN', '--hub', trips.url], {dataDir});
			expect(wrongDigit.code).toBe(2);
			expect(wrongDigit.stderr).toContain('校验位');
			expect(trips.state.cases.get(caseId)?.shipments).toEqual([]);

			const sentAt = '2026-12-02T08:00:00.000Z';
			const shipped = await run(['cases', 'ship', caseId, '--carrier', 'ems', '--waybill', 'ea 12345678 5cn', '--sent-at', sentAt, '--hub', trips.url], {dataDir});
			expect(shipped.stderr).toBe('');
			expect(shipped.code).toBe(0);
			expect(shipped.stdout).toContain('EA123456785CN');
			// Run again (after a kill, or by the end-of-day batch) at another time: the same parcel, not a second one.
			const again = await run(['cases', 'ship', caseId, '--carrier', 'ems', '--waybill', 'EA123456785CN', '--hub', trips.url, '--json'], {dataDir});
			expect(again.code).toBe(0);
			expect(JSON.parse(again.stdout)).toMatchObject({created: false, waybill: 'EA123456785CN'});
			expect(trips.state.cases.get(caseId)?.shipments).toHaveLength(1);
			const unchecked = await run(['cases', 'ship', caseId, '--carrier', 'sf', '--waybill', 'SF1234567890', '--hub', trips.url], {dataDir});
			expect(unchecked.code).toBe(0);
			expect(unchecked.stderr).toContain('未经校验');
			expect(trips.state.cases.get(caseId)?.shipments?.map((x) => x.waybill)).toEqual(['EA123456785CN', 'SF1234567890']);
			// Tracking shows what was asked and what was sent, in the user's language.
			const shown = await run(['cases', 'show', caseId, '--hub', trips.url], {dataDir});
			expect(shown.code).toBe(0);
			expect(shown.stdout).toMatch(/^ {2}补正：.+；需补 /m);
			// This hub's clock runs a step a millisecond: the handling department has signed for the parcel already.
			expect(shown.stdout).toMatch(/^ {2}寄递：邮政速递 EA123456785CN，2026-12-02 08:00 \+00:00 寄出，\d{4}-\d\d-\d\d \d\d:\d\d \+00:00 签收$/m);
			expect(shown.stdout).toMatch(/^ {2}寄递：顺丰速运 SF1234567890，/m);
			const shownEn = await run(['cases', 'show', caseId, '--hub', trips.url, '--lang', 'en'], {dataDir});
			expect(shownEn.stdout).toMatch(/^ {2}Shipped: EMS EA123456785CN, sent 2026-12-02 08:00 \+00:00, received \d{4}-\d\d-\d\d \d\d:\d\d \+00:00$/m);
			const shownJson = JSON.parse((await run(['cases', 'show', caseId, '--hub', trips.url, '--json'], {dataDir})).stdout) as {case: {returnTrips: {shipments: Array<{waybill: string}>; returnRequest: unknown}}};
			expect(shownJson.case.returnTrips.shipments.map((x) => x.waybill)).toEqual(['EA123456785CN', 'SF1234567890']);
			expect(shownJson.case.returnTrips.returnRequest).toMatchObject({reason: expect.any(String)});

			const after = JSON.parse((await run(['cases', 'work', '--hub', trips.url, '--json', '--ship-after', '0'], {dataDir})).stdout) as typeof listed;
			expect(after.items.map((i) => i.need)).toEqual(['supplement']);
			const entries = (await listRecent(dataDir, 50)).filter((e) => e.action === 'case.ship');
			expect(entries.map((e) => [e.outcome, e.details['created']])).toEqual([['ok', true], ['ok', false], ['ok', true]]);
		} finally {
			await trips.close();
		}
	});

	it('prints its loopback URL and persists state with --data', async () => {
		const dataFile = join(work, 'hub-state.json');
		const child = spawn(process.execPath, [cli, 'hub', 'serve', '--port', '0', '--data', dataFile, '--json'], {stdio: ['ignore', 'pipe', 'pipe']});
		const url = await new Promise<string>((done, fail) => {
			let out = '';
			child.stdout!.on('data', (d: Buffer) => {
				out += d.toString();
				if (out.includes('\n')) done((JSON.parse(out.split('\n')[0]!) as {url: string}).url);
			});
			child.once('exit', () => fail(new Error('serve exited')));
		});
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
		const submitted = await run(['cases', 'submit', '--file', caseFile(join(work, 'c3')), '--hub', url, '--json'], {dataDir: join(work, 'd3')});
		expect(submitted.code).toBe(0);
		child.kill('SIGTERM');
		await new Promise((done) => child.once('exit', done));
		const saved = JSON.parse(readFileSync(dataFile, 'utf8')) as {cases: Array<{caseId: string}>};
		expect(saved.cases.map((c) => c.caseId)).toContain(JSON.parse(submitted.stdout).caseId);
	});
});

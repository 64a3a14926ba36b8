/**
 * `tongban doctor` through the BUILT binary, against the real mock hub on 127.0.0.1 (port 0) and
 * the emulated devices (`emu:` ports in the settings the console uses): a healthy terminal, then
 * each kind of failure and the exit code the worst one gives (5 over 3 over 4), the data folder's
 * modes and stale temp files, a damaged outbox; and `--bundle`, whose archive is checked to be a
 * real tar.gz and scanned for the ID numbers and names planted in the data folder.
 */
import {execFileSync} from 'node:child_process';
import {chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {gunzipSync} from 'node:zlib';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startMockHub, type MockHub} from '../../mocks/hub/server.js';
import {AuditStore, auditDir, listRecent} from '../../src/store/audit-store.js';
import {BUILT_CLI, requireBuiltCli, runScript} from '../../src/test-utils/cli-process.js';
import {scanForPersonalData} from '../../src/test-utils/pii-scan.js';
import {tempDirs} from '../../src/test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-doctor-');
let hub: MockHub;
beforeAll(async () => {
	requireBuiltCli();
	hub = await startMockHub({});
});
afterAll(async () => {
	await hub.close();
});

const run = (args: string[], dataDir: string) => runScript(BUILT_CLI, ['doctor', ...args, '--data-dir', dataDir], {env: {...process.env, TONGBAN_AUDIT_WAIT_MS: '0', FORCE_COLOR: '0'}, stdin: ''});
interface Report {
	ok: boolean;
	exitCode: number;
	findings: Array<{check: string; status: string; code: string; exitCode: number; message: string}>;
	bundle?: {file: string; bytes: number; files: number};
}
const report = (stdout: string) => JSON.parse(stdout) as Report;
const byCheck = (r: Report) => Object.fromEntries(r.findings.map((f) => [f.check, f]));

function terminal(settings: Record<string, unknown>): string {
	const dir = tempDir();
	chmodSync(dir, 0o700);
	writeFileSync(join(dir, 'config.json'), JSON.stringify({hubUrl: hub.url, readerPort: 'emu:resident', cameraPort: 'emu:application', ...settings}), {mode: 0o600});
	return dir;
}

describe('tongban doctor', () => {
	it('a healthy terminal: every check ok but the plain-HTTP hub (warn, exit 1); the probes used the console\'s ports and speeds and are audited', async () => {
		const dir = terminal({readerBaud: 57600, cameraBaud: 38400});
		const r = await run(['--json'], dir);
		expect(r.code, r.stderr).toBe(1);
		const found = report(r.stdout);
		expect(found.findings.map((f) => f.check)).toEqual(['settings', 'data.dir', 'data.modes', 'data.space', 'data.temps', 'hub.dns', 'hub.tls', 'hub.reach', 'hub.clock', 'hub.signin', 'device.reader', 'device.camera', 'audit', 'outbox']);
		expect(found.findings.filter((f) => f.status !== 'ok').map((f) => f.code)).toEqual(['tls.http']);
		expect(byCheck(found)['device.reader']!.message).toContain('emu:resident（57600 bps）应答正常');
		expect(byCheck(found)['device.camera']!.message).toContain('emu:application（38400 bps）应答正常：VC0703');
		const entries = await listRecent(dir, 10);
		expect(entries.map((e) => [e.details['command'], e.details['baud'], e.target?.['devicePath']])).toEqual([
			['idreader doctor', 57600, 'emu:resident'],
			['camera doctor', 38400, 'emu:application'],
		]);

		const en = await run(['--lang', 'en'], dir);
		expect(en.code).toBe(1);
		const lines = en.stdout.trim().split('\n');
		expect(lines[0]).toBe('[ok] settings file: config.json parses and every key passes its check');
		expect(lines).toContain('[warn] hub TLS certificate: the hub address is http://: traffic is not encrypted; use https:// in production');
		expect(lines.at(-1)).toBe('14 checks: 13 ok, 1 warn, 0 failed (exit 1)');
		expect(en.stdout).not.toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
	});

	it('the exit code is the worst failure: a silent camera 4, then the hub gone 3, then a bad settings file 5', async () => {
		const dir = terminal({cameraPort: 'emu:application+no-reply'});
		const device = await run(['--json'], dir);
		expect(device.code).toBe(4);
		expect(byCheck(report(device.stdout))['device.camera']).toMatchObject({status: 'fail', exitCode: 4});

		const gone = await startMockHub({});
		const goneUrl = gone.url;
		await gone.close();
		const hubDown = await run(['--json', '--hub', goneUrl], dir);
		expect(hubDown.code).toBe(3);
		expect(byCheck(report(hubDown.stdout))['hub.reach']).toMatchObject({status: 'fail', code: 'reach.fail', exitCode: 3});

		const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
		writeFileSync(join(dir, 'config.json'), JSON.stringify({...config, hubURL: 'typo'}), {mode: 0o600});
		const broken = await run(['--json', '--hub', goneUrl], dir);
		expect(broken.code).toBe(5);
		expect(byCheck(report(broken.stdout))['settings']).toMatchObject({status: 'fail', code: 'settings.invalid', exitCode: 5});
		expect(byCheck(report(broken.stdout))['settings']!.message).toContain('hubURL');

		// no hub set at all: the console would not open (2), below the device's 4
		writeFileSync(join(dir, 'config.json'), JSON.stringify({...config, hubUrl: ''}), {mode: 0o600});
		const noHub = await run(['--json'], dir);
		expect(noHub.code).toBe(4);
		expect(byCheck(report(noHub.stdout))['hub.config']).toMatchObject({status: 'fail', code: 'hub.unset', exitCode: 2});
	});

	it('the data folder: a file others can read fails (5), a temp file a dead writer left warns, a damaged outbox fails (5) and is left as it was', async () => {
		const dir = terminal({});
		mkdirSync(join(dir, 'drafts'), {mode: 0o700});
		writeFileSync(join(dir, 'drafts', 'd-1.json'), '{}', {mode: 0o644});
		chmodSync(join(dir, 'drafts', 'd-1.json'), 0o644);
		writeFileSync(join(dir, '.cases.json.999999999.1.tmp'), '{}', {mode: 0o600});
		writeFileSync(join(dir, 'outbox.json'), '{"version":1,"entr', {mode: 0o600});
		const r = await run(['--json'], dir);
		expect(r.code).toBe(5);
		const found = byCheck(report(r.stdout));
		expect(found['data.modes']).toMatchObject({status: 'fail', code: 'modes.open', exitCode: 5});
		expect(found['data.modes']!.message).toContain('drafts/d-1.json 0644');
		expect(found['data.temps']).toMatchObject({status: 'warn', code: 'temps.stale'});
		expect(found['data.temps']!.message).toContain('.cases.json.999999999.1.tmp');
		expect(found['outbox']).toMatchObject({status: 'fail', code: 'outbox.damaged', exitCode: 5});
		expect(readFileSync(join(dir, 'outbox.json'), 'utf8')).toBe('{"version":1,"entr');
		expect(readdirSync(dir)).toContain('.cases.json.999999999.1.tmp');
	});

	it('a console holding the audit log (and with it the ports): the devices are reported not checked (warn), never probed unrecorded', async () => {
		const dir = terminal({});
		const holder = await AuditStore.open({dataDir: dir, terminal: 'T-DEMO-0001', actor: {id: 'console', role: 'system'}});
		try {
			const r = await run(['--json', '--lang', 'en'], dir);
			const found = byCheck(report(r.stdout));
			expect(found['device.reader']).toMatchObject({status: 'warn', code: 'device.notProbed'});
			expect(found['device.camera']).toMatchObject({status: 'warn', code: 'device.notProbed'});
			expect(found['device.reader']!.message).toContain('not checked: Not done');
			expect(r.code).toBe(1);
		} finally {
			await holder.close();
		}
		expect(await listRecent(dir, 10)).toEqual([]);
	});

	it('--bundle: a tar.gz with the report, the redacted settings, the listing and the audit tail, and none of the ID numbers and names planted in the data folder', async () => {
		const NAME = '欧阳明远';
		const ID = '110105194912310020';
		const PERMIT = 'H60123456';
		const TOKEN = 'hub-secret-9f8e7d';
		const dir = terminal({catalogDir: `/home/${NAME}/catalog`, receiptPrintCommand: `lp -U ${NAME} -P ${TOKEN}`, hubUrl: `${hub.url}?token=${TOKEN}`});
		mkdirSync(join(dir, 'drafts'), {mode: 0o700});
		writeFileSync(join(dir, 'drafts', 'd-2.json'), JSON.stringify({applicant: {name: NAME, idNumber: ID, permit: PERMIT}}), {mode: 0o600});
		writeFileSync(join(dir, `${NAME}-${ID}.jpg`), `${NAME} ${ID}`, {mode: 0o600});
		mkdirSync(join(dir, `${PERMIT}`), {mode: 0o700});
		// an audit entry recorded the proper way (masked on the way in), then one forged into the part in clear
		const audit = await AuditStore.open({dataDir: dir, terminal: 'T-DEMO-0001', actor: {id: 'tech', role: 'technician'}});
		await audit.record({action: 'device.diagnose', outcome: 'ok', target: {devicePath: 'emu:resident'}, details: {device: 'idreader', command: 'idreader read', baud: 115200, idNumberMasked: ID, name: NAME}});
		await audit.close();
		const part = readdirSync(auditDir(dir)).find((f) => /^\d{4}-\d{2}-\d{2}\.\d{4}\.json$/.test(f))!;
		const data = JSON.parse(readFileSync(join(auditDir(dir), part), 'utf8')) as {entries: Array<Record<string, unknown>>};
		data.entries[0]!['details'] = {...(data.entries[0]!['details'] as object), forged: `${NAME} ${ID} ${PERMIT}`, [NAME]: ID};
		writeFileSync(join(auditDir(dir), part), JSON.stringify(data), {mode: 0o600});

		const file = join(tempDir(), 'support.tar.gz');
		const r = await run(['--json', '--bundle', file, '--hub', hub.url], dir);
		// the forged entry breaks the chain: 5, and the bundle is written all the same
		expect(r.code, r.stderr).toBe(5);
		expect(byCheck(report(r.stdout))['audit']).toMatchObject({status: 'fail', exitCode: 5});
		expect(report(r.stdout).bundle).toMatchObject({file, files: 5});
		const tar = gunzipSync(readFileSync(file));
		const listed = execFileSync('tar', ['-tzf', file], {encoding: 'utf8'}).trim().split('\n');
		expect(listed.map((l) => l.replace(/^[^/]+\//, ''))).toEqual(['', 'report.json', 'settings.json', 'files.tsv', 'audit-tail.ndjson', 'environment.json']);
		const text = tar.toString('utf8');
		expect(text).toContain('"receiptPrintCommand": "lp [4 arguments removed]"');
		expect(text).toContain('[credentials, query or fragment removed]');
		expect(text).toMatch(/drafts\/d-2\.json\tfile\t0600/);
		expect(text).toContain('"action":"device.diagnose"');
		expect(text).toContain('"code": "audit.broken"');
		// the whole archive, uncompressed, and everything the command printed
		const findings = scanForPersonalData([], [text, r.stdout, r.stderr], [NAME, ID, PERMIT, TOKEN, ID.slice(0, 17)]);
		expect(findings).toEqual([]);

		// an existing file is never overwritten: exit 2, nothing checked
		const again = await run(['--bundle', file], dir);
		expect(again.code).toBe(2);
		expect(again.stderr).toContain('已存在');
	});
});

/**
 * Every device diagnosis leaves one `device.diagnose` entry (path, command, outcome, counts); a
 * card read leaves the masked number and the digests the console's card.read carries, never the
 * card in clear; a busy audit log refuses the command before the device is touched.
 */
import {join} from 'node:path';
import type {CommandModule} from 'yargs';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {DEMO_CARDS} from '../../mocks/devices/cards.js';
import {MockBinding} from '../../mocks/devices/mock-port.js';
import {AuditStore, listRecent, verifyAuditLog} from '../../src/store/audit-store.js';
import {scanForPersonalData} from '../../src/test-utils/pii-scan.js';
import type {GlobalArgs} from '../context.js';
import {devicesCommand} from './index.js';
import {runCli} from '../../src/test-utils/command-cli.js';
import {tempDirs} from '../../src/test-utils/temp-dirs.js';

const devices = devicesCommand('en') as unknown as CommandModule<GlobalArgs, never>;
const dataDir = tempDirs('tongban-devaudit-');
afterEach(() => {
	MockBinding.reset();
	vi.unstubAllEnvs();
});

const resident = DEMO_CARDS.find((c) => c.id === 'resident')!;

async function expectChainOk(dir: string): Promise<void> {
	expect((await verifyAuditLog(dir)).ok).toBe(true);
}

describe('device diagnostics are audited', () => {
	it('idreader read: masked number, text and photo digests; --reveal adds card.reveal; nothing in clear', async () => {
		const dir = dataDir();
		const plain = await runCli(devices, ['devices', 'idreader', 'read', '--port', 'emu:resident', '--json'], {dataDir: dir});
		expect(plain.code).toBe(0);
		const shown = JSON.parse(plain.stdout) as {photo: {sha256: string}};
		const revealed = await runCli(devices, ['devices', 'idreader', 'read', '--port', 'emu:resident', '--reveal'], {dataDir: dir});
		expect(revealed.code).toBe(0);
		const entries = await listRecent(dir, 10);
		expect(entries.map((e) => e.action)).toEqual(['device.diagnose', 'card.reveal', 'device.diagnose']);
		const [read] = entries;
		expect(read).toMatchObject({outcome: 'ok', target: {devicePath: 'emu:resident'}, operator: {role: 'technician'}});
		expect(read!.details).toMatchObject({device: 'idreader', command: 'idreader read', kind: 'resident', revealed: false, photoSha256: shown.photo.sha256});
		expect(read!.details['idNumberMasked']).toMatch(/^110105\*{8}\d{3}[\dX]$/);
		expect(read!.details['textSha256']).toMatch(/^[0-9a-f]{64}$/);
		expect(entries[1]!.details).toMatchObject({reason: 'technician_cli_reveal'});
		expect(entries[2]!.details['revealed']).toBe(true);
		await expectChainOk(dir);
		const number = resident.fields['number']!;
		expect(number).toMatch(/^\d{17}[\dX]$/);
		const secrets = ['李明华', '北京市朝阳区示例路', number];
		expect(scanForPersonalData([dir], [], secrets)).toEqual([]);
	});

	it('probe, status, samid and monitor record ok entries; a missing port records failed with its code', async () => {
		const dir = dataDir();
		for (const command of ['probe', 'status', 'samid']) expect((await runCli(devices, ['devices', 'idreader', command, '--port', 'emu:resident'], {dataDir: dir})).code).toBe(0);
		expect((await runCli(devices, ['devices', 'monitor', '--port', 'emu:resident', '--seconds', '0'], {dataDir: dir})).code).toBe(0);
		const missing = await runCli(devices, ['devices', 'idreader', 'probe', '--port', '/dev/ttyDOES_NOT_EXIST'], {dataDir: dir});
		expect(missing.code).toBe(4);
		const entries = await listRecent(dir, 10);
		expect(entries.map((e) => [e.details['command'], e.outcome])).toEqual([
			['idreader probe', 'ok'],
			['idreader status', 'ok'],
			['idreader samid', 'ok'],
			['monitor', 'ok'],
			['idreader probe', 'failed'],
		]);
		// Every entry says the line speed, the failed one too (the body never got to it).
		expect(entries.map((e) => e.details['baud'])).toEqual([115200, 115200, 115200, 115200, 115200]);
		expect(entries[0]!.details['samId']).toEqual(expect.any(String));
		expect(entries[3]!.details).toMatchObject({frames: 0, badChecksum: 0});
		expect(entries[4]).toMatchObject({target: {devicePath: '/dev/ttyDOES_NOT_EXIST'}, details: {errorCode: expect.any(String)}});
		await expectChainOk(dir);
	});

	it('camera probe, capture and selftest record the capture digest and counts', async () => {
		const dir = dataDir();
		const out = join(dir, 'page.jpg');
		expect((await runCli(devices, ['devices', 'camera', 'probe', '--port', 'emu:application', '--baud', '115200'], {dataDir: dir})).code).toBe(0);
		expect((await runCli(devices, ['devices', 'camera', 'info', '--port', 'emu:application', '--baud', '115200'], {dataDir: dir})).code).toBe(0);
		const capture = await runCli(devices, ['devices', 'camera', 'capture', '--port', 'emu:application', '--baud', '115200', '--size', '160x120', '--out', out, '--json'], {dataDir: dir});
		expect(capture.code).toBe(0);
		const sha256 = (JSON.parse(capture.stdout) as {sha256: string}).sha256;
		const selftest = await runCli(devices, ['devices', 'camera', 'selftest', '--emulate', '--size', '160x120', '--json'], {dataDir: dir});
		expect(selftest.code).toBe(0);
		const entries = await listRecent(dir, 10);
		expect(entries.map((e) => [e.details['command'], e.outcome])).toEqual([
			['camera probe', 'ok'],
			['camera info', 'ok'],
			['camera capture', 'ok'],
			['camera selftest', 'ok'],
		]);
		expect(entries[2]!.details).toMatchObject({device: 'camera', sha256, width: 160, height: 120, saved: true});
		expect(JSON.stringify(entries[2])).not.toContain(out);
		expect(entries[3]!.details).toMatchObject({emulated: true, stepsFailed: 0});
		await expectChainOk(dir);
	});

	it('a busy audit log refuses the read before the card is read (exit 1)', async () => {
		const dir = dataDir();
		vi.stubEnv('TONGBAN_AUDIT_WAIT_MS', '0');
		const holder = await AuditStore.open({dataDir: dir, terminal: 'T-CONSOLE', actor: {id: 'console', role: 'system'}});
		try {
			const run = await runCli(devices, ['devices', 'idreader', 'read', '--port', 'emu:resident', '--lang', 'en'], {dataDir: dir});
			expect(run.code).toBe(1);
			expect(run.stderr).toContain('Not done');
			expect(run.stdout).not.toContain('***');
			expect(run.stdout).toBe('');
		} finally {
			await holder.close();
		}
		expect(await listRecent(dir, 10)).toEqual([]);
	});

	it('without --port and --baud, the commands use the console\'s settings (readerPort/readerBaud, cameraPort/cameraBaud); none set: exit 2 naming the setting', async () => {
		const dir = dataDir();
		const {writeFileSync} = await import('node:fs');
		const unset = await runCli(devices, ['devices', 'idreader', 'probe', '--json'], {dataDir: dir});
		expect(unset.code).toBe(2);
		expect(JSON.parse(unset.stdout)).toMatchObject({error: {code: 'device_port_unset'}});
		expect(unset.stderr).toContain('tongban config set readerPort');
		const camUnset = await runCli(devices, ['devices', 'camera', 'probe', '--lang', 'en'], {dataDir: dir});
		expect(camUnset.code).toBe(2);
		expect(camUnset.stderr).toContain('tongban config set cameraPort');
		expect(await listRecent(dir, 10)).toEqual([]);

		writeFileSync(join(dir, 'config.json'), JSON.stringify({readerPort: 'emu:resident', readerBaud: 57600, cameraPort: 'emu:application', cameraBaud: 57600}), {mode: 0o600});
		const reader = await runCli(devices, ['devices', 'idreader', 'probe', '--json'], {dataDir: dir});
		expect(reader.code, reader.stderr).toBe(0);
		expect(JSON.parse(reader.stdout)).toMatchObject({ok: true, port: 'emu:resident', baud: 57600});
		const camera = await runCli(devices, ['devices', 'camera', 'probe', '--json'], {dataDir: dir});
		expect(camera.code, camera.stderr).toBe(0);
		expect(JSON.parse(camera.stdout)).toMatchObject({ok: true, port: 'emu:application', baud: 57600});
		// --port and --baud still win for one run
		const given = await runCli(devices, ['devices', 'camera', 'probe', '--port', 'emu:hukou', '--baud', '115200', '--json'], {dataDir: dir});
		expect(JSON.parse(given.stdout)).toMatchObject({port: 'emu:hukou', baud: 115200});
		const entries = await listRecent(dir, 10);
		expect(entries.map((e) => [e.target?.['devicePath'], e.details['baud']])).toEqual([
			['emu:resident', 57600],
			['emu:application', 57600],
			['emu:hukou', 115200],
		]);
	});
});

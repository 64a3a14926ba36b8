import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {IdReader} from '../../devices/idreader/driver.js';
import {commandFrame, replyFrame} from '../../devices/idreader/protocol.js';
import {serialPortOpener, type SerialLink} from '../../devices/transport.js';
import {MockBinding} from '../../mocks/devices/mock-port.js';
import {socatAvailable, startPtyPair, type PtyPair} from '../../mocks/devices/pty.js';
import type {CommandModule} from 'yargs';
import type {GlobalArgs} from '../context.js';
import {devicesCommand} from './index.js';
import {devicesListCommand} from './list.js';
import {runCli, startCli, useEmulatorThenStop} from '../../src/test-utils/command-cli.js';

const devices = (lang: 'zh-CN' | 'en' = 'zh-CN') => devicesCommand(lang) as unknown as CommandModule<GlobalArgs, never>;

afterEach(() => {
	MockBinding.reset();
});

describe('devices list', () => {
	const list = (impl: () => Promise<never[]> | Promise<Array<{path: string; manufacturer?: string; vendorId?: string; productId?: string}>>) => ({
		command: 'devices',
		describe: 'devices',
		builder: (y: import('yargs').Argv<GlobalArgs>) => y.command(devicesListCommand('zh-CN', impl)),
		handler: () => {},
	}) as unknown as CommandModule<GlobalArgs, never>;

	it('turns "spawn udevadm ENOENT" into a clear message and exit 4', async () => {
		const run = await runCli(list(() => Promise.reject(new Error('spawn udevadm ENOENT'))), ['devices', 'list']);
		expect(run.code).toBe(4);
		expect(run.stderr).toContain('缺少 udevadm');
		expect(run.stderr).toContain('--port');
	});

	it('prints manufacturer and USB ids, and JSON with --json', async () => {
		const ports = [{path: '/dev/ttyUSB0', manufacturer: 'Prolific', vendorId: '067b', productId: '2303'}];
		const text = await runCli(list(() => Promise.resolve(ports)), ['devices', 'list']);
		expect(text.code).toBe(0);
		expect(text.stdout).toMatch(/\/dev\/ttyUSB0\s+Prolific\s+067b\s+2303/);
		const json = await runCli(list(() => Promise.resolve(ports)), ['devices', 'list', '--json']);
		expect(JSON.parse(json.stdout)).toEqual({ports});
	});

	/**
	 * The real list() (serialport's Linux lister runs `udevadm info -e` and parses its database
	 * dump): PATH is pointed at a folder that holds no udevadm, then at one whose udevadm prints a
	 * recorded dump ahead of the usual PATH, so each run has one expected outcome whatever the machine has installed.
	 */
	describe('over the real lister', () => {
		const realPath = process.env.PATH;
		afterEach(() => {
			process.env.PATH = realPath;
		});
		const pathWith = (udevadm?: string) => {
			const dir = mkdtempSync(join(tmpdir(), 'tongban-udevadm-'));
			if (udevadm !== undefined) writeFileSync(join(dir, 'udevadm'), udevadm, {mode: 0o755});
			return dir;
		};

		it('no udevadm on the machine → exit 4 with the cause named', async () => {
			process.env.PATH = pathWith();
			const run = await runCli(devices(), ['devices', 'list', '--json']);
			expect(run.code).toBe(4);
			expect(JSON.parse(run.stdout).error.code).toBe('devices_list_unavailable');
		});

		it("udevadm's database → the serial ports with manufacturer and USB ids, the rest skipped", async () => {
			const dump = [
				'P: /devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/ttyUSB0/tty/ttyUSB0',
				'N: ttyUSB0',
				'E: DEVNAME=/dev/ttyUSB0',
				'E: ID_VENDOR_ENC=Prolific\\x20Technology',
				'E: ID_VENDOR_ID=067b',
				'E: ID_MODEL_ID=2303',
				'',
				'P: /devices/virtual/block/loop0',
				'N: loop0',
				'E: DEVNAME=/dev/loop0',
				'',
			].join('\n');
			// Ours first: it shadows any udevadm the machine has, and cat is found on the usual PATH.
			process.env.PATH = `${pathWith(`#!/bin/sh\ncat <<'DUMP'\n${dump}\nDUMP\n`)}:${realPath}`;
			const run = await runCli(devices(), ['devices', 'list', '--json']);
			expect(run.code).toBe(0);
			expect(JSON.parse(run.stdout)).toEqual({ports: [{path: '/dev/ttyUSB0', manufacturer: 'Prolific Technology', vendorId: '067b', productId: '2303'}]});
		});
	});
});

describe('devices idreader (in-process emulator, --port emu:…)', () => {
	it('read prints the decoded card with number and name masked', async () => {
		const run = await runCli(devices(), ['devices', 'idreader', 'read', '--port', 'emu:resident']);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('居民身份证');
		expect(run.stdout).toMatch(/姓名\s+李\*\*/);
		expect(run.stdout).toMatch(/110105\*{8}\d{3}[\dX]/);
		expect(run.stdout).not.toContain('李明华');
		expect(run.stdout).not.toContain('示例路');
		expect(run.stdout).toContain('未解码');
		expect(run.stderr).toContain('--reveal');
	});

	it('--reveal shows the full data; --raw adds the frames in hex', async () => {
		const run = await runCli(devices(), ['devices', 'idreader', 'read', '--port', 'emu:longterm', '--reveal', '--raw']);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('欧阳建国');
		expect(run.stdout).toContain('长期');
		expect(run.stderr).toContain('发送 AA AA AA 96 69 00 03 20 01 22');
		expect(run.stderr).toContain('接收 AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
	});

	it('--raw without --reveal shortens the read reply (it carries the card text)', async () => {
		const run = await runCli(devices(), ['devices', 'idreader', 'read', '--port', 'emu:resident', '--raw']);
		expect(run.stderr).toContain('AA AA AA 96 69 05 08 00 00 90 01 00 04 00 … (1295 B)');
	});

	it('--json gives masked fields, the photo hash and the number check', async () => {
		const run = await runCli(devices('en'), ['devices', 'idreader', 'read', '--port', 'emu:hkmotw', '--json', '--lang', 'en']);
		const card = JSON.parse(run.stdout);
		expect(card).toMatchObject({kind: 'hkmotw', masked: true, name: '陈**', sex: {code: '2', name: 'female'}, numberCheck: {ok: true}, photo: {bytes: 1024, decoded: false}});
		expect(card.number).toMatch(/^810000\*{8}/);
	});

	it('no card → exit 4 with a clear message (zh-CN and en)', async () => {
		const zh = await runCli(devices(), ['devices', 'idreader', 'read', '--port', 'emu:none']);
		expect(zh.code).toBe(4);
		expect(zh.stderr).toContain('读卡器上没有证件');
		const en = await runCli(devices('en'), ['devices', 'idreader', 'read', '--port', 'emu:none', '--lang', 'en', '--json']);
		expect(en.code).toBe(4);
		expect(JSON.parse(en.stdout).error).toMatchObject({code: 'idreader_no_card', message: expect.stringContaining('no card')});
	});

	it('probe reports SAM status and ID; a SAM fault is exit 4', async () => {
		const ok = await runCli(devices(), ['devices', 'idreader', 'probe', '--port', 'emu:resident', '--json']);
		expect(ok.code).toBe(0);
		expect(JSON.parse(ok.stdout)).toMatchObject({ok: true, baud: 115200, sam: {status: 'ok', id: '05.01-20240315-0012345678-1234567890'}});
		const bad = await runCli(devices(), ['devices', 'idreader', 'probe', '--port', 'emu:resident+sam-fault']);
		expect(bad.code).toBe(4);
		expect(bad.stderr).toContain('安全模块故障');
	});

	it('status and samid', async () => {
		expect((await runCli(devices(), ['devices', 'idreader', 'status', '--port', 'emu:none'])).stdout).toContain('安全模块状态正常');
		expect((await runCli(devices(), ['devices', 'idreader', 'samid', '--port', 'emu:none'])).stdout).toContain('05.01-20240315');
	});

	it('a reader that does not answer → exit 4 (timeout)', async () => {
		const run = await runCli(devices(), ['devices', 'idreader', 'status', '--port', 'emu:none+no-reply', '--json']);
		expect(run.code).toBe(4);
		expect(JSON.parse(run.stdout).error.code).toBe('idreader_timeout');
	});

	it('a missing port → exit 4 (not found)', async () => {
		const run = await runCli(devices(), ['devices', 'idreader', 'probe', '--port', '/dev/ttyDOES_NOT_EXIST', '--json']);
		expect(run.code).toBe(4);
		expect(JSON.parse(run.stdout).error.code).toBe('idreader_not_found');
	});

	it('bad --baud or unknown emulated card → exit 2', async () => {
		expect((await runCli(devices(), ['devices', 'idreader', 'probe', '--port', 'emu:resident', '--baud', '1234'])).code).toBe(2);
		expect((await runCli(devices(), ['devices', 'idreader', 'read', '--port', 'emu:nobody'])).code).toBe(2);
	});
});

describe.skipIf(!socatAvailable())('commands over a real pty pair', () => {
	let pair: PtyPair | undefined;
	let device: SerialLink | undefined;
	afterEach(async () => {
		await device?.close();
		await pair?.stop();
		pair = device = undefined;
	});

	it('monitor logs frames with direction, name, length and checksum, and rejected frames', async () => {
		pair = await startPtyPair();
		device = await serialPortOpener()(pair.devicePath, {baudRate: 115200});
		const live = startCli(devices(), ['devices', 'monitor', '--port', pair.hostPath]);
		await vi.waitFor(() => expect(live.stderr()).toContain('正在监视'));
		const bad = replyFrame(0x90);
		bad[bad.length - 1] = 0;
		await device.write(Buffer.concat([commandFrame('findCard'), Buffer.from([1, 2, 3]), replyFrame(0x80), bad]));
		await vi.waitFor(() => expect(live.stdout()).toContain('rejected:checksum'));
		process.emit('SIGINT');
		const run = await live.done;
		expect(run.code).toBe(0);
		const lines = run.stdout.trim().split('\n').slice(1);
		expect(lines.map((l) => l.split(/\s+/)[2])).toEqual(['findCard', 'SW3', 'rejected:checksum']);
		expect(run.stdout).toMatch(/host\s+findCard\s+10\s+ok/);
		expect(run.stdout).toMatch(/reader\s+SW3 80 no_card\s+11\s+ok\s+寻卡失败/);
		expect(run.stdout).toMatch(/rejected:checksum\s+11\s+BAD/);
		expect(run.stderr).toMatch(/共 2 帧；跳过杂散字节 \d+，校验错 1/);
	});

	it.each([
		['zh-CN', /rejected:stale\s+6\s+-\s+帧在中途中断（静默 50 毫秒）/, /中途中断 1/],
		['en', /rejected:stale\s+6\s+-\s+frame cut off \(50 ms of silence\)/, /1 cut off/],
	] as const)('monitor reports a frame cut off by silence as its own kind (%s)', async (lang, line, summary) => {
		pair = await startPtyPair();
		device = await serialPortOpener()(pair.devicePath, {baudRate: 115200});
		const live = startCli(devices(lang), ['devices', 'monitor', '--port', pair.hostPath, '--lang', lang]);
		await vi.waitFor(() => expect(live.stderr()).not.toBe(''));
		// Cut after LEN_H; nothing follows, so only the stale timer can report it.
		await device.write(Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00]));
		await vi.waitFor(() => expect(live.stdout()).toContain('rejected:stale'));
		await device.write(replyFrame(0x90));
		await vi.waitFor(() => expect(live.stdout()).toContain('SW3 90'));
		process.emit('SIGINT');
		const run = await live.done;
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(line);
		expect(run.stderr).toMatch(summary);
	});

	it('emulate prints a path a driver can read a card from, and exits 0 on SIGTERM (killing socat)', async () => {
		await useEmulatorThenStop(devices(), ['devices', 'emulate', 'idreader', '--card', 'foreign2023', '--json'], async (info) => {
			const reader = new IdReader({path: info.path, opener: serialPortOpener()});
			try {
				const card = await reader.readCard();
				expect(card).toMatchObject({kind: 'foreign2023', name: '安娜'});
			} finally {
				await reader.close();
			}
		});
	});
});

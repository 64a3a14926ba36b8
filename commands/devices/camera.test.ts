import {readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {createHash} from 'node:crypto';
import {afterEach, describe, expect, it} from 'vitest';
import {Vc0706Camera} from '../../devices/camera/driver.js';
import {serialPortOpener} from '../../devices/transport.js';
import {socatAvailable} from '../../mocks/devices/pty.js';
import {loadPage} from '../../mocks/devices/camera-pages.js';
import {MockBinding} from '../../mocks/devices/mock-port.js';
import {cameraCommand} from './camera.js';
import {devicesCommand} from './index.js';
import {runCli, useEmulatorThenStop} from '../../src/test-utils/command-cli.js';
import {tempDirs} from '../../src/test-utils/temp-dirs.js';

afterEach(() => {
	MockBinding.reset();
});

const cam = cameraCommand('zh-CN') as never;
const dir = tempDirs('tongban-cam-');

describe('tongban devices camera', () => {
	it('is registered under devices', async () => {
		const r = await runCli(devicesCommand('en') as never, ['devices', 'camera', 'probe', '--port', 'emu:application', '--baud', '115200', '--json']);
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({ok: true, version: 'VC0703 1.00'});
	});

	it('probe reads the version from the emulated camera', async () => {
		const r = await runCli(cam, ['camera', 'probe', '--port', 'emu:application', '--baud', '115200']);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('高拍仪 emu:application 应答正常（115200 bps）：VC0703 1.00');
	});

	it('info --json reports version and image size', async () => {
		const r = await runCli(cam, ['camera', 'info', '--port', 'emu:hukou', '--baud', '115200', '--json']);
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({version: 'VC0703 1.00', size: '640x480', baud: 115200});
	});

	it('capture writes the JPEG with mode 0600 and prints SHA-256 and quality', async () => {
		const file = join(dir(), 'page.jpg');
		const r = await runCli(cam, ['camera', 'capture', '--port', 'emu:certificate', '--baud', '115200', '--size', '160x120', '--out', file]);
		expect(r.code).toBe(0);
		const bytes = readFileSync(file);
		expect(bytes.equals(loadPage('certificate', '160x120'))).toBe(true);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(r.stdout).toContain(createHash('sha256').update(bytes).digest('hex'));
		expect(r.stdout).toContain('质量检查通过');
	});

	it('capture --json flags the dark page', async () => {
		const file = join(dir(), 'dark.jpg');
		const r = await runCli(cam, ['camera', 'capture', '--port', 'emu:dark', '--baud', '115200', '--size', '160x120', '--out', file, '--json', '--lang', 'en']);
		expect(r.code).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(j).toMatchObject({width: 160, height: 120, bytes: bytes(file)});
		expect(j.quality.warnings.map((w: {code: string}) => w.code)).toEqual(['dark']);
		expect(j.quality.warnings[0].message).toMatch(/too dark/);
	});

	it('capture refuses to overwrite without --force, and tightens the mode with it', async () => {
		const file = join(dir(), 'exists.jpg');
		writeFileSync(file, 'old', {mode: 0o644});
		const refused = await runCli(cam, ['camera', 'capture', '--port', 'emu:application', '--baud', '115200', '--size', '160x120', '--out', file]);
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain('已存在');
		const forced = await runCli(cam, ['camera', 'capture', '--port', 'emu:application', '--baud', '115200', '--size', '160x120', '--out', file, '--force']);
		expect(forced.code).toBe(0);
		expect(statSync(file).mode & 0o777).toBe(0o600);
	});

	it('capture reports a camera that never answers with exit 4 and a zh-CN message', async () => {
		const file = join(dir(), 'none.jpg');
		const r = await runCli(cam, ['camera', 'capture', '--port', 'emu:application+no-reply', '--baud', '115200', '--out', file]);
		expect(r.code).toBe(4);
		expect(r.stderr).toMatch(/高拍仪在 \d+ 毫秒内没有应答/);
	});

	it('rejects an unknown size as a usage error', async () => {
		const r = await runCli(cam, ['camera', 'capture', '--port', 'emu:application', '--size', '800x600', '--out', join(dir(), 'x.jpg')]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('不支持的分辨率');
	});

	it('selftest --emulate passes every step', async () => {
		const r = await runCli(cam, ['camera', 'selftest', '--emulate']);
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('✓ 与仿真器原图逐字节一致');
		expect(r.stdout).toContain('✓ 拍摄后恢复实时画面');
		expect(r.stdout).toMatch(/自检通过/);
	});

	it('selftest --emulate recovers from a timed-out chunk and reports the re-read (json)', async () => {
		const r = await runCli(cam, ['camera', 'selftest', '--emulate', '--faults', 'timeout@2', '--size', '160x120', '--chunk-size', '512', '--json']);
		expect(r.code).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(j.ok).toBe(true);
		expect(j.capture.stats).toMatchObject({timeouts: 1, rereads: 1});
	});

	it('selftest --emulate fails with exit 4 when the camera is unplugged', async () => {
		const r = await runCli(cam, ['camera', 'selftest', '--emulate', '--faults', 'unplug@1', '--lang', 'en']);
		expect(r.code).toBe(4);
		expect(r.stdout).toContain('✗ capture and verify image');
		expect(r.stderr).toMatch(/self-test failed: camera disconnected/);
	});
});

describe.skipIf(!socatAvailable())('tongban devices emulate camera (socat pty)', () => {
	it('prints a path a driver captures the dark page from, and exits 0 on SIGTERM', async () => {
		await useEmulatorThenStop(devicesCommand('zh-CN') as never, ['devices', 'emulate', 'camera', '--page', 'dark', '--baud', '115200', '--json'], async (info) => {
			expect(info.device).toBe('camera');
			const camera = new Vc0706Camera({path: info.path, opener: serialPortOpener(), baudRate: 115200});
			try {
				const result = await camera.capture({size: '160x120'});
				expect(result.jpeg.equals(loadPage('dark', '160x120'))).toBe(true);
			} finally {
				await camera.close();
			}
		});
	});

	it('rejects an unknown page with exit 2', async () => {
		const r = await runCli(devicesCommand('zh-CN') as never, ['devices', 'emulate', 'camera', '--page', 'passport']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('没有名为 "passport" 的仿真页面');
	});
});

function bytes(file: string): number {
	return readFileSync(file).length;
}

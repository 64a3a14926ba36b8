/**
 * The device and id commands through the BUILT binary (needs devicesCommand/idCommand registered
 * in src/cli/main.ts and serialport kept external in scripts/bundle.mjs: its native loader looks for
 * prebuilds next to its own files).
 */
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it, vi} from 'vitest';
import {socatAvailable} from '../../mocks/devices/pty.js';
import {BUILT_CLI, runScript} from '../../src/test-utils/cli-process.js';


// Device commands write device.diagnose entries: keep them out of the user's real data directory.
const dataDir = mkdtempSync(join(tmpdir(), 'tongban-devcli-'));
afterAll(() => rmSync(dataDir, {recursive: true, force: true}));

const run = (args: string[]) => runScript(BUILT_CLI, args, {env: {...process.env, FORCE_COLOR: '0', TONGBAN_DATA_DIR: dataDir}});

describe('tongban devices / id (built binary)', () => {
	it('devices idreader read --port emu:resident prints a masked card', async () => {
		const r = await run(['devices', 'idreader', 'read', '--port', 'emu:resident']);
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/姓名\s+李\*\*/);
		expect(r.stdout).not.toContain('李明华');
	});

	it('a missing reader is exit 4 with a message, not a stack trace', async () => {
		const r = await run(['devices', 'idreader', 'probe', '--port', '/dev/ttyDOES_NOT_EXIST']);
		expect(r.code).toBe(4);
		expect(r.stderr).toContain('无法打开读卡器端口');
		expect(r.stderr).not.toMatch(/\n\s+at /);
	});

	it('devices list never crashes (udevadm may be missing)', async () => {
		const r = await run(['devices', 'list']);
		expect([0, 4]).toContain(r.code);
		expect(r.stderr).not.toMatch(/\n\s+at /);
	});

	it('id validate: exit 0 valid, 2 invalid with the reason', async () => {
		expect((await run(['id', 'validate', '11010519491231002X'])).code).toBe(0);
		const bad = await run(['id', 'validate', '110105194912310021']);
		expect(bad.code).toBe(2);
		expect(bad.stdout).toContain('应为“X”');
	});

	it.skipIf(!socatAvailable())('devices emulate idreader gives a pty path another process reads a card from; SIGTERM exits 0', async () => {
		const child = spawn(process.execPath, [BUILT_CLI, 'devices', 'emulate', 'idreader', '--card', 'longterm'], {stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
		const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
		try {
			await vi.waitFor(() => expect(stdout).toMatch(/^\/dev\/\S+\n/), {timeout: 10_000});
			const path = stdout.split('\n')[0]!;
			const r = await run(['devices', 'idreader', 'read', '--port', path, '--json']);
			expect(r.code).toBe(0);
			expect(JSON.parse(r.stdout)).toMatchObject({kind: 'resident', name: '欧阳**', validUntil: 'long-term'});
		} finally {
			child.kill('SIGTERM');
		}
		expect(await exited).toBe(0);
	});
});

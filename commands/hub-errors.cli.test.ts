/**
 * Errors that say what happened (issue 16.5), through the BUILT binary: a hub address whose
 * path answers 404 is a hub problem (exit 3), not "some cases not found" (exit 1); a port in use
 * is a clear usage error (exit 2), not "意外错误"; a hub that accepts and never answers makes
 * the batch say what it waits for, and --timeout bounds each wait.
 */
import {createServer, type Server} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startMockHub, type MockHub} from '../mocks/hub/server.js';
import {BUILT_CLI, requireBuiltCli, runScript} from '../src/test-utils/cli-process.js';
import {tempDirs} from '../src/test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-huberr-');
let hub: MockHub;
let silent: Server;
let silentUrl: string;

beforeAll(async () => {
	requireBuiltCli();
	hub = await startMockHub({});
	// Accepts connections and never answers a byte.
	silent = createServer(() => {});
	await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
	silentUrl = `http://127.0.0.1:${(silent.address() as {port: number}).port}`;
});
afterAll(async () => {
	await hub.close();
	silent.close();
});

const run = (args: string[]) =>
	runScript(BUILT_CLI, [...args, '--data-dir', tempDir()], {env: {...process.env, TONGBAN_HUB_TOKEN: 'demo-api-token', TONGBAN_AUDIT_WAIT_MS: '0', FORCE_COLOR: '0'}, stdin: ''});

describe('errors that say what happened', () => {
	it('a hub address with a wrong path: exit 3 and "check the hub address", for a batch and for one case', async () => {
		const [id] = hub.state.seedCases(1, 'T');
		const wrong = hub.url.replace('/api/v1', '/api/v9');
		const batch = await run(['cases', 'status', id!, '--hub', wrong]);
		expect([batch.code, batch.stderr]).toEqual([3, expect.stringContaining('中台没有这个接口（POST /cases/status:batch）：请检查中台地址')]);
		const one = await run(['cases', 'show', id!, '--hub', wrong, '--json']);
		expect(one.code).toBe(3);
		expect(JSON.parse(one.stdout).error.code).toBe('hub_route_not_found');
		// The hub's own "no such case" is still exit 1.
		const missing = await run(['cases', 'show', 'TB44-20200101-0000009', '--hub', hub.url]);
		expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('TB44-20200101-0000009')]);
	});

	it('a port in use: exit 2 naming the port, in both languages', async () => {
		const port = Number(new URL(hub.url).port);
		const zh = await run(['hub', 'serve', '--port', String(port)]);
		expect([zh.code, zh.stderr.trim()]).toEqual([2, `端口 ${port} 已被其他程序占用（127.0.0.1）：请换一个端口，例如 --port 0 由系统选择`]);
		const en = await run(['hub', 'serve', '--port', String(port), '--lang', 'en', '--json']);
		expect(en.code).toBe(2);
		expect(JSON.parse(en.stdout).error).toMatchObject({code: 'port_in_use', details: {cause: 'EADDRINUSE'}});
	});

	it('a hub that never answers: the batch says what it waits for and each retry, --timeout bounds each wait, exit 3', async () => {
		const out = await run(['cases', 'status', 'TB44-20261203-0000001', '--hub', silentUrl, '--timeout', '4', '--retries', '1']);
		expect(out.code).toBe(3);
		const lines = out.stderr.split('\n');
		expect(lines.filter((l) => l.startsWith('正在等待中台应答：POST /cases/status:batch'))).toEqual([
			'正在等待中台应答：POST /cases/status:batch（第 1 次，已等 3 秒，最多 4 秒）',
			'正在等待中台应答：POST /cases/status:batch（第 2 次，已等 3 秒，最多 4 秒）',
		]);
		expect(out.stderr).toMatch(/POST \/cases\/status:batch 没有成功（中台在 4000 毫秒内没有响应.*），[\d.]+ 秒后第 2 次尝试/);
		expect(out.stderr).toContain('中台无法访问，已处理 0 件后停止');
		const bad = await run(['cases', 'status', 'X', '--hub', silentUrl, '--timeout', '0']);
		expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--timeout 应为 1 到 300 之间的秒数，而不是 0')]);
	}, 60_000);
});

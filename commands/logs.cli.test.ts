/**
 * The operations log of a command (docs/operations.md#logs), through the BUILT binary against the
 * mock hub on 127.0.0.1, port 0: each hub request is a JSON line with its call, status, attempt
 * and request id (a 503 and its retry are two lines, two ids), a failing command adds
 * command.finished or command.failed with its exit code; nothing of the citizen is in the file; `logLevel off` writes none.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoDraft} from '../mocks/hub/demo-cases.js';
import {startMockHub, type MockHub} from '../mocks/hub/server.js';
import {BUILT_CLI, requireBuiltCli, runScript} from '../src/test-utils/cli-process.js';
import {tempDirs} from '../src/test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-logs-');
let hub: MockHub;
beforeAll(async () => {
	requireBuiltCli();
	hub = await startMockHub({});
});
afterAll(async () => {
	await hub.close();
});

const run = (args: string[], dataDir: string) =>
	runScript(BUILT_CLI, [...args, '--data-dir', dataDir], {env: {...process.env, TONGBAN_HUB_TOKEN: 'demo-api-token', TONGBAN_AUDIT_WAIT_MS: '0', FORCE_COLOR: '0'}, stdin: ''});

const logLines = (dataDir: string) =>
	readFileSync(join(dataDir, 'logs', 'tongban.log'), 'utf8')
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the operations log of a command', () => {
	it('has a line per hub request with its request id, the retry of a 503 included, and no personal data', async () => {
		const dataDir = tempDir();
		expect((await run(['config', 'set', 'terminalId', 'T-LOG-0001'], dataDir)).code).toBe(0);
		const draft = demoDraft();
		const {record} = hub.state.createCase('logs-cli-0001', {...draft, materials: [], branchCode: '440305001'});
		hub.faults.failNext(1, '503', 'cases.batch');
		const status = await run(['cases', 'status', record.caseId, '--hub', hub.url], dataDir);
		expect(status.code).toBe(0);
		const requests = logLines(dataDir).filter((l) => l['event'] === 'hub.request');
		expect(requests.map((l) => [l['level'], l['call'], l['status'], l['attempt']])).toEqual([
			['warn', 'POST /cases/status:batch', 503, 1],
			['info', 'POST /cases/status:batch', 200, 2],
		]);
		for (const line of requests) {
			expect(line['component']).toBe('cases status');
			expect(line['requestId']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
			expect(typeof line['ms']).toBe('number');
		}
		expect(requests[0]!['requestId']).not.toBe(requests[1]!['requestId']);
		const text = readFileSync(join(dataDir, 'logs', 'tongban.log'), 'utf8');
		expect(text).not.toContain(draft.applicant.idNumber);
		expect(text).not.toContain(draft.applicant.name);
	});

	it('adds command.failed with the code when the hub cannot be reached; logLevel off writes nothing', async () => {
		const dataDir = tempDir();
		expect((await run(['config', 'set', 'terminalId', 'T-LOG-0002'], dataDir)).code).toBe(0);
		const down = await run(['cases', 'status', 'TB44-20261203-0000001', '--hub', 'http://127.0.0.1:9', '--retries', '0'], dataDir);
		expect(down.code).toBe(3);
		const lines = logLines(dataDir);
		expect(lines.find((l) => l['event'] === 'hub.request')).toMatchObject({level: 'warn', status: null, error: 'hub_unreachable'});
		expect(lines.at(-1)).toMatchObject({event: 'command.finished', exit: 3, level: 'warn'});
		// A command that fails with an error (a damaged settings file is exit 5) names its code.
		const broken = tempDir();
		expect((await run(['config', 'set', 'terminalId', 'T-LOG-0003'], broken)).code).toBe(0);
		writeFileSync(join(broken, 'config.json'), '{"terminalId": ');
		expect((await run(['cases', 'status', 'TB44-20261203-0000001', '--hub', hub.url], broken)).code).toBe(5);
		expect(logLines(broken).at(-1)).toMatchObject({event: 'command.failed', exit: 5, level: 'warn'});

		const quiet = tempDir();
		expect((await run(['config', 'set', 'logLevel', 'off'], quiet)).code).toBe(0);
		expect((await run(['cases', 'status', 'TB44-20261203-0000001', '--hub', 'http://127.0.0.1:9', '--retries', '0'], quiet)).code).toBe(3);
		expect(existsSync(join(quiet, 'logs'))).toBe(false);
	});
});

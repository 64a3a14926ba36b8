/**
 * `tongban report day` (日终, docs/people.md#日终-closing-the-day) through the BUILT binary against
 * the mock hub over HTTP: the terminal's index is built the way a technician would
 * (`cases reindex`), then the day reconciles (exit 0); a case only the hub knows, cases only this
 * terminal knows and a status the two disagree on are each listed (exit 1); --json and --csv
 * shapes; a bad --date is a usage error (exit 2) that asks the hub nothing.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {demoDraft} from '../../mocks/hub/demo-cases.js';
import {startMockHub, type MockHub} from '../../mocks/hub/server.js';
import {manualClock} from '../../mocks/hub/testing.js';
import {HubClient} from '../../src/hub/client.js';
import {BUILT_CLI, requireBuiltCli, runScript} from '../../src/test-utils/cli-process.js';
import {tempDirs} from '../../src/test-utils/temp-dirs.js';
import {displayWidth} from '../../src/text/width.js';

const tempDir = tempDirs('tongban-dayreport-');
const BRANCH = '440305001';
/** 09:00 in Shanghai on 2025-06-05 (01:00Z): the hub's clock, held still so statuses do not move by themselves. */
const clock = manualClock(new Date('2025-06-05T01:00:00Z'));
const DAY = '2025-06-05';
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
let hub: MockHub;
let client: HubClient;
let other: HubClient;

const run = (args: string[], dataDir: string) =>
	runScript(BUILT_CLI, [...args, '--data-dir', dataDir], {env: {...process.env, TONGBAN_HUB_TOKEN: 'demo-api-token', TONGBAN_AUDIT_WAIT_MS: '0', FORCE_COLOR: '0'}, stdin: ''});
const lines = (text: string) => text.split('\n').filter((l) => l !== '');
let serial = 0;
const submit = async (via: HubClient, terminalId: string) =>
	(await via.createCase(`day-report-${String(++serial).padStart(4, '0')}`, {...demoDraft({terminalId}, clock), answers: {n: serial}, materials: [], branchCode: BRANCH})).receipt.caseId;

beforeAll(async () => {
	requireBuiltCli();
	hub = await startMockHub({clock});
	client = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', token: 'demo-api-token', retries: 0});
	other = new HubClient({baseUrl: hub.url, terminalId: 'T-OTHER-0002', token: 'demo-api-token', retries: 0});
});
afterAll(async () => {
	await Promise.all([client.close(), other.close()]);
	await hub.close();
});

describe('tongban report day', () => {
	it('reconciles a day (exit 0), then lists a case only on the hub, cases only here and a status that differs (exit 1)', async () => {
		const dataDir = tempDir();
		const mine = [await submit(client, 'T-DEMO-0001'), await submit(client, 'T-DEMO-0001'), await submit(client, 'T-DEMO-0001')];
		await submit(other, 'T-OTHER-0002');
		// the day before in Shanghai ends at 16:00Z: a case received then is not today's
		clock.set(new Date('2025-06-04T15:59:59Z'));
		await submit(client, 'T-DEMO-0001');
		clock.set(new Date('2025-06-05T01:00:00Z'));
		const reindex = await run(['cases', 'reindex', '--hub', hub.url, '--since', '2025-06-01T00:00:00Z'], dataDir);
		expect(reindex.code, reindex.stderr).toBe(0);

		const ok = await run(['report', 'day', '--date', DAY, '--hub', hub.url], dataDir);
		expect(ok.code, ok.stderr).toBe(0);
		const out = lines(ok.stdout);
		expect(out[0]).toBe(`日终 ${DAY}（北京时间 +08:00；终端 T-DEMO-0001，网点 ${BRANCH}）`);
		expect(out).toContain('受理 3 件');
		expect(out).toContain('  事项 990120000001  3 件');
		expect(out).toContain('  办理地 广东省（44）  3 件');
		expect(out).toContain('中台本网点 4 件（本终端 3，其他终端 1）');
		expect(out.at(-1)).toBe('对账一致');

		const json = await run(['report', 'day', '--date', DAY, '--hub', hub.url, '--json'], dataDir);
		expect(json.code).toBe(0);
		const report = JSON.parse(json.stdout) as Record<string, unknown>;
		expect(report).toMatchObject({date: DAY, from: '2025-06-05T00:00:00+08:00', to: '2025-06-06T00:00:00+08:00', received: {total: 3}, hub: {total: 4, thisTerminal: 3, otherTerminals: 1}, differences: []});
		expect(json.stdout).not.toMatch(/陈晓明|44030519900101123X/);

		// a case the hub has from this terminal that its index does not (sent by another process, index lost)
		const hubOnly = await submit(client, 'T-DEMO-0001');
		// the hub moves one case on after the terminal last looked: its clock is behind the terminal's, so the
		// terminal's look is later than the hub's change, and the two statuses disagree
		clock.advance(60_000);
		const moved = await run(['report', 'day', '--date', DAY, '--hub', hub.url], dataDir);
		expect(moved.code, moved.stderr).toBe(1);
		const movedOut = lines(moved.stdout);
		expect(movedOut).toContain(`  仅中台  ${hubOnly}  事项 990120000001  中台 已接收`);
		for (const id of mine) expect(movedOut).toContain(`  状态不一致  ${id}  本机 已受理  中台 已接收`);
		expect(movedOut).toContain(`对账差异 4 件：`);
		for (const line of [...out, ...movedOut]) expect(displayWidth(line), line).toBeLessThanOrEqual(80);

		const csv = await run(['report', 'day', '--date', DAY, '--hub', hub.url, '--csv'], dataDir);
		expect(csv.code).toBe(1);
		const rows = lines(csv.stdout);
		expect(rows[0]).toBe('section,key,value,caseId,local,hub');
		expect(rows).toContain('received,total,3,,,');
		expect(rows).toContain('hub,total,5,,,');
		expect(rows.filter((r) => r.startsWith('difference,'))[0]).toMatch(new RegExp(`^difference,only_hub,,${hubOnly},,\\w+$`));

		// against a hub that has none of them: every case of the day is only here; English has no Chinese
		const empty = await startMockHub({clock});
		try {
			const lost = await run(['report', 'day', '--date', DAY, '--hub', empty.url, '--lang', 'en'], dataDir);
			expect(lost.code).toBe(1);
			const lostOut = lines(lost.stdout);
			for (const id of mine) expect(lostOut).toContain(`  here only  ${id}  item 990120000001  here received`);
			expect(lostOut).toContain('3 differences:');
			expect(lost.stdout).not.toMatch(CJK);
			for (const line of lostOut) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
		} finally {
			await empty.close();
		}
	});

	it('a bad --date is a usage error in the user language (exit 2), and the hub is not asked', async () => {
		const dataDir = tempDir();
		const before = hub.counts.get('branches.cases') ?? 0;
		for (const bad of ['2025-02-29', '2025/06/05', 'today']) {
			const zh = await run(['report', 'day', '--date', bad, '--hub', hub.url], dataDir);
			expect(zh.code).toBe(2);
			expect(zh.stdout).toBe('');
			expect(zh.stderr).toContain(`--date 应为 YYYY-MM-DD 格式的日期（如 2026-12-03）：${bad}`);
		}
		const en = await run(['report', 'day', '--date', '2025-13-01', '--hub', hub.url, '--lang', 'en', '--json'], dataDir);
		expect(en.code).toBe(2);
		expect(JSON.parse(en.stdout)).toMatchObject({error: {code: 'bad_report_date'}});
		expect(hub.counts.get('branches.cases') ?? 0).toBe(before);
	});

	it('a hub that cannot be reached exits 3', async () => {
		const down = await run(['report', 'day', '--date', DAY, '--hub', 'http://127.0.0.1:1', '--retries', '0'], tempDir());
		expect(down.code).toBe(3);
	});
});

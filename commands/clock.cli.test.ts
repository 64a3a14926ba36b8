/**
 * One clock for people (issue 16.3), through the BUILT binary: one moment, 2026-12-02T21:31Z, is
 * the hub's receipt of a case, the receipt the counter saved for it and an audit entry the
 * counter wrote. The receipt, `cases show` and `audit tail` print it alike on the terminal's
 * clock with the offset (2026-12-03 05:31 +08:00 under TZ=Asia/Shanghai, 2026-12-02 21:31 +00:00
 * under TZ=UTC); their --json keeps the RFC 3339 instant.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DEMO_IMPLEMENTATION} from '../mocks/hub/demo-cases.js';
import {startMockHub, type MockHub} from '../mocks/hub/server.js';
import {manualClock} from '../mocks/hub/testing.js';
import {AuditStore} from '../src/store/audit-store.js';
import {ReceiptStore} from '../src/store/receipts.js';
import {writeCaseFile} from '../src/test-utils/case-file.js';
import {BUILT_CLI, requireBuiltCli, runScript} from '../src/test-utils/cli-process.js';
import {demoReceipt} from '../src/test-utils/receipts.js';

const MOMENT = '2026-12-02T21:31:00.000Z';
/** RFC 3339 with an offset (Z or ±hh:mm), as every JSON time is. */
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

const work = mkdtempSync(join(tmpdir(), 'tongban-clock-'));
const dataDir = join(work, 'data');
let hub: MockHub;
let caseId: string;

const run = (args: string[], tz: string) => runScript(BUILT_CLI, [...args, '--data-dir', dataDir], {env: {...process.env, TZ: tz, TONGBAN_HUB_TOKEN: 'demo-api-token', FORCE_COLOR: '0'}});

beforeAll(async () => {
	requireBuiltCli();
	const clock = manualClock(new Date(MOMENT));
	hub = await startMockHub({clock});
	const submitted = await run(['cases', 'submit', '--file', writeCaseFile(join(work, 'case'), DEMO_IMPLEMENTATION), '--hub', hub.url, '--json'], 'Asia/Shanghai');
	expect(submitted.stderr).toBe('');
	expect(submitted.code).toBe(0);
	const receipt = JSON.parse(submitted.stdout) as {caseId: string; receivedAt: string};
	caseId = receipt.caseId;
	expect(receipt.receivedAt).toBe(MOMENT);
	// What the console does at that moment: saves the case's receipt and audits its printing.
	await new ReceiptStore(dataDir).save(demoReceipt({caseId, receivedAt: receipt.receivedAt}), 'zh-CN');
	const audit = await AuditStore.open({dataDir, terminal: 'T-DEMO-0001', actor: {id: 'op-1001', role: 'clerk'}, clock});
	await audit.record({action: 'receipt.print', target: {caseId}, outcome: 'ok'});
	await audit.close();
});

afterAll(async () => {
	await hub?.close();
	rmSync(work, {recursive: true, force: true});
});

async function humanTimes(tz: string): Promise<{receipt: string; show: string; audit: string}> {
	const receipt = await run(['cases', 'receipt', caseId], tz);
	const show = await run(['cases', 'show', caseId, '--hub', hub.url], tz);
	const audit = await run(['audit', 'tail', '-n', '1'], tz);
	for (const r of [receipt, show, audit]) {
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
	}
	return {receipt: receipt.stdout, show: show.stdout, audit: audit.stdout};
}

describe('one clock for people', () => {
	it('under TZ=Asia/Shanghai the receipt, cases show and audit tail say 2026-12-03 05:31 +08:00', async () => {
		const {receipt, show, audit} = await humanTimes('Asia/Shanghai');
		expect(receipt).toMatch(/受理时间\s+2026-12-03 05:31 \+08:00$/m);
		// The case's first step (received) and its last update are that moment.
		expect(show).toMatch(/更新于 2026-12-03 05:31 \+08:00$/m);
		expect(show).toMatch(/^ {2}2026-12-03 05:31 \+08:00 {2}/m);
		expect(audit).toMatch(/^ +\d+ {2}2026-12-03 05:31:00 \+08:00 {2}op-1001\(clerk\)/);
		// Nowhere the UTC wall clock of that moment, nor an instant in ISO form.
		for (const text of [receipt, show, audit]) {
			expect(text).not.toContain('21:31');
			expect(text).not.toMatch(/\d\dT\d\d:\d\d/);
		}
	});

	it('follows the terminal zone: the same moment under TZ=UTC is 2026-12-02 21:31 +00:00 in all three', async () => {
		const {receipt, show, audit} = await humanTimes('UTC');
		expect(receipt).toMatch(/受理时间\s+2026-12-02 21:31 \+00:00$/m);
		expect(show).toMatch(/^ {2}2026-12-02 21:31 \+00:00 {2}/m);
		expect(audit).toMatch(/ {2}2026-12-02 21:31:00 \+00:00 {2}/);
	});

	it('keeps RFC 3339 instants with an offset in --json, whatever the zone', async () => {
		const show = JSON.parse((await run(['cases', 'show', caseId, '--hub', hub.url, '--json'], 'Asia/Shanghai')).stdout) as {case: {receivedAt: string; updatedAt: string}; timeline: Array<{at: string}>};
		expect(show.case.receivedAt).toBe(MOMENT);
		for (const at of [show.case.updatedAt, ...show.timeline.map((s) => s.at)]) expect(at).toMatch(RFC3339);
		const tail = JSON.parse((await run(['audit', 'tail', '-n', '1', '--json'], 'Asia/Shanghai')).stdout) as {ts: string};
		expect(tail.ts).toBe(MOMENT);
		const receipt = JSON.parse((await run(['cases', 'receipt', caseId, '--json'], 'Asia/Shanghai')).stdout) as {receipt: {receivedAt: string}};
		expect(receipt.receipt.receivedAt).toBe(MOMENT);
	});
});

/**
 * `tongban cases ship --batch` (issue 14 point 5, the end-of-day batch) through the BUILT binary
 * (dist/bundle/tongban.js, built by `npm test`) against the mock hub on 127.0.0.1, port 0: a mixed
 * file records its good rows exactly once and names every refused row with its reason (exit 1); a
 * re-run records nothing twice; an unusable file sends nothing (exit 2); the hub going away stops
 * the run (exit 3) and a re-run once it is back finishes it. Audited per row sent and per batch.
 */
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startMockHub, type MockHub} from '../../mocks/hub/server.js';
import {ERROR_TEXTS} from '../../src/i18n/errors.js';
import {hubText} from '../../src/i18n/hub.js';
import {listRecent} from '../../src/store/audit-store.js';
import {scanForPersonalData} from '../../src/test-utils/pii-scan.js';
import {BUILT_CLI, requireBuiltCli, runScript} from '../../src/test-utils/cli-process.js';
import {tempDirs} from '../../src/test-utils/temp-dirs.js';
import {s10Waybill} from '../../src/test-utils/waybills.js';

const tempDir = tempDirs('tongban-shipbatch-');
/** Every case of these hubs needs its paper originals shipped. */
const NEEDS_ORIGINALS = () => ({outcome: 'returned', delivery: 'branch', originalsRequired: true}) as const;
let hub: MockHub;

beforeAll(async () => {
	requireBuiltCli();
	hub = await startMockHub({plan: NEEDS_ORIGINALS});
});
afterAll(async () => {
	await hub.close();
});

const run = (args: string[], options: {dataDir: string; stdin?: string}) =>
	runScript(BUILT_CLI, ['cases', 'ship', ...args, '--data-dir', options.dataDir], {
		env: {...process.env, TONGBAN_HUB_TOKEN: 'demo-api-token', TONGBAN_AUDIT_WAIT_MS: '0', FORCE_COLOR: '0'},
		stdin: options.stdin ?? '',
	});

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const jsonLines = (text: string) => lines(text).map((l) => JSON.parse(l) as Record<string, unknown>);
const shipmentsOf = (target: MockHub, caseId: string) => target.state.cases.get(caseId)?.shipments ?? [];
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/** The words (4 letters or more) of the English texts the batch prints, none of which may show in a zh-CN run. */
function englishWordsOfTables(errorCodes: readonly string[]): Set<string> {
	const keys = ['recorded', 'again', 'duplicate', 'refused', 'failed', 'summary', 'stopped'] as const;
	const texts = [...keys.map((k) => hubText('en', `shipBatch.${k}`)), ...errorCodes.map((code) => ERROR_TEXTS[code]!.en)];
	const words = texts.flatMap((t) => t.replace(/\{\w+\}/g, ' ').match(/[A-Za-z]{4,}/g) ?? []);
	// Data, not prose: the header's column names and the carrier codes the texts quote.
	return new Set(words.map((w) => w.toLowerCase()).filter((w) => !['caseid', 'carrier', 'waybill', 'sentat', 'other'].includes(w)));
}

/** Good rows for `ids` (one parcel each), then a row of every kind the check refuses, and an exact repeat. */
function mixedBatch(ids: string[]): string {
	return [
		'caseId,carrier,waybill,sentAt',
		`${ids[0]},ems,${s10Waybill(1001)},2026-12-02T16:30:00+08:00`,
		`${ids[1]},EMS,${s10Waybill(1002).toLowerCase()},`,
		`${ids[2]},sf,SF1234567890,`,
		`${ids[3]},ems,${s10Waybill(1004, {wrongDigit: true})},`,
		`${ids[4]},ups,1Z999AA10123456784,`,
		`#TB-44!,ems,${s10Waybill(1006)},`,
		'',
		`${ids[0]},ems,${s10Waybill(1001)},2026-12-02T08:30:00Z`,
	].join('\r\n');
}

describe('tongban cases ship --batch', () => {
	it('a mixed file: good rows recorded once (a repeat too), refused rows named with their reasons, exit 1; a re-run records nothing twice', async () => {
		const dataDir = tempDir();
		const ids = hub.state.seedCases(5, 'T-DEMO-0001');
		const file = join(tempDir(), 'end-of-day.csv');
		writeFileSync(file, `\uFEFF${mixedBatch(ids)}`);
		const before = hub.counts.get('cases.shipment') ?? 0;

		const first = await run(['--batch', file, '--hub', hub.url], {dataDir});
		expect(first.code, first.stderr).toBe(1);
		const out = lines(first.stdout);
		expect(out).toHaveLength(8);
		expect(out[0]).toBe(`第 2 行 ${ids[0]}：已登记（ems，运单号 ${s10Waybill(1001)}）`);
		expect(out[1]).toContain(`第 3 行 ${ids[1]}：已登记`);
		expect(out[2]).toContain(`第 4 行 ${ids[2]}：已登记`);
		expect(out[3]).toBe(`第 5 行 ${ids[3]}：未通过检查，没有发送：运单号 ${s10Waybill(1004, {wrongDigit: true})} 的校验位不对（UPU S10 规则），请核对后重新输入`);
		expect(out[4]).toBe(`第 6 行 ${ids[4]}：未通过检查，没有发送：承运商“ups”未知：只能是 ems、sf、jd 或 other`);
		expect(out[5]).toBe('第 7 行 #TB-44!：未通过检查，没有发送：受理编号格式不对：#TB-44!');
		// Line 8 is blank: line 9 is the repeat of line 2, the same parcel (the same instant, written in UTC).
		expect(out[6]).toBe(`第 9 行 ${ids[0]}：与第 2 行是同一寄递，只登记一次`);
		expect(out[7]).toBe('共 7 行：已登记 3，此前已登记 1，未通过检查 3，未登记 0');
		expect(first.stderr).toContain('未经校验'); // SF publishes no format
		expect((hub.counts.get('cases.shipment') ?? 0) - before).toBe(3);
		expect(shipmentsOf(hub, ids[0]!).map((s) => [s.carrier, s.waybill, s.sentAt])).toEqual([['ems', s10Waybill(1001), '2026-12-02T08:30:00.000Z']]);
		expect(shipmentsOf(hub, ids[1]!).map((s) => s.waybill)).toEqual([s10Waybill(1002)]);
		expect(shipmentsOf(hub, ids[2]!).map((s) => [s.carrier, s.waybill])).toEqual([['sf', 'SF1234567890']]);
		expect(shipmentsOf(hub, ids[3]!)).toEqual([]);
		expect(shipmentsOf(hub, ids[4]!)).toEqual([]);
		const zhWords = new Set((first.stdout.match(/[A-Za-z]{4,}/g) ?? []).map((w) => w.toLowerCase()));
		expect([...englishWordsOfTables(['waybill_check_digit', 'ship_unknown_carrier', 'bad_case_id'])].filter((w) => zhWords.has(w))).toEqual([]);

		// The same file again, later (the rows without sentAt now say another time): every parcel is already there.
		const again = await run(['--batch', file, '--hub', hub.url, '--json', '--lang', 'en'], {dataDir});
		expect(again.code).toBe(1);
		const rows = jsonLines(again.stdout);
		expect(rows.map((r) => [r['row'], r['status'], r['error']])).toEqual([
			[2, 'already_recorded', null],
			[3, 'already_recorded', null],
			[4, 'already_recorded', null],
			[5, 'refused', 'waybill_check_digit'],
			[6, 'refused', 'ship_unknown_carrier'],
			[7, 'refused', 'bad_case_id'],
			[9, 'already_recorded', null],
			[undefined, undefined, undefined],
		]);
		expect(rows[7]).toEqual({summary: {rows: 7, recorded: 0, already_recorded: 4, refused: 3, failed: 0, not_sent: 0}, exitCode: 1});
		expect(rows[6]).toMatchObject({caseId: ids[0], duplicateOf: 2});
		expect(rows[3]).toMatchObject({caseId: ids[3], message: expect.stringContaining('The check digit of waybill')});
		expect(again.stdout + again.stderr).not.toMatch(CJK);
		for (const id of ids.slice(0, 3)) expect(shipmentsOf(hub, id)).toHaveLength(1);

		// Audited: one case.ship per row sent (the repeat is not sent), one batch.run per run, with counts only.
		const audited = (await listRecent(dataDir, 50)).filter((e) => e.action === 'case.ship' || e.action === 'batch.run');
		expect(audited.map((e) => [e.action, e.outcome, e.details['row'] ?? e.details['command'], e.details['created']])).toEqual([
			['case.ship', 'ok', 2, true],
			['case.ship', 'ok', 3, true],
			['case.ship', 'ok', 4, true],
			['batch.run', 'ok', 'cases ship --batch', undefined],
			['case.ship', 'ok', 2, false],
			['case.ship', 'ok', 3, false],
			['case.ship', 'ok', 4, false],
			['batch.run', 'ok', 'cases ship --batch', undefined],
		]);
		expect(audited[3]!.details).toMatchObject({total: 7, ok: 4, failed: 3, recorded: 3, alreadyRecorded: 1, refused: 3, notSent: 0});
	});

	it('reads TSV from stdin (-); --json lines all parse, the last is the summary; exit 0 when every row is recorded', async () => {
		const dataDir = tempDir();
		const ids = hub.state.seedCases(2, 'T-DEMO-0001');
		const tsv = `caseId\tcarrier\twaybill\n${ids[0]}\tjd\tJDVA00012345678\n\n${ids[1]}\tother\t"${s10Waybill(2002)}"\n`;
		const result = await run(['--batch', '-', '--hub', hub.url, '--json'], {dataDir, stdin: tsv});
		expect(result.code, result.stderr).toBe(0);
		const rows = jsonLines(result.stdout);
		expect(rows).toEqual([
			{row: 2, caseId: ids[0], status: 'recorded', error: null, carrier: 'jd', waybill: 'JDVA00012345678'},
			{row: 4, caseId: ids[1], status: 'recorded', error: null, carrier: 'other', waybill: s10Waybill(2002)},
			{summary: {rows: 2, recorded: 2, already_recorded: 0, refused: 0, failed: 0, not_sent: 0}, exitCode: 0},
		]);
		expect(shipmentsOf(hub, ids[1]!).map((s) => s.carrier)).toEqual(['other']);
	});

	it("reads a spreadsheet's Unicode text (UTF-16 with its BOM, tab-separated)", async () => {
		const [id] = hub.state.seedCases(1, 'T-DEMO-0001');
		const file = join(tempDir(), 'unicode.txt');
		writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`caseId\tcarrier\twaybill\r\n${id}\tems\t${s10Waybill(2100)}\r\n`, 'utf16le')]));
		const result = await run(['--batch', file, '--hub', hub.url, '--json'], {dataDir: tempDir()});
		expect(result.code, result.stdout + result.stderr).toBe(0);
		expect(shipmentsOf(hub, id!).map((s) => s.waybill)).toEqual([s10Waybill(2100)]);
	});

	it('an ID card number put in the case id column is refused and never shown, sent or audited in full', async () => {
		const dataDir = tempDir();
		const [id] = hub.state.seedCases(1, 'T-DEMO-0001');
		const idNumber = '44030519900101123X';
		const file = join(tempDir(), 'mistake.csv');
		writeFileSync(file, `caseId,carrier,waybill\n${idNumber},ems,${s10Waybill(2200)}\n${id},ems,${s10Waybill(2201)}\n`);
		const before = hub.counts.get('cases.shipment') ?? 0;
		const outputs = [await run(['--batch', file, '--hub', hub.url], {dataDir}), await run(['--batch', file, '--hub', hub.url, '--json', '--lang', 'en'], {dataDir})];
		expect(outputs.map((o) => o.code)).toEqual([1, 1]);
		expect(lines(outputs[0]!.stdout)[0]).toBe('第 2 行 440305********123X：未通过检查，没有发送：“440305********123X”像是身份证号码，不是受理编号');
		expect((hub.counts.get('cases.shipment') ?? 0) - before).toBe(2); // the good row, twice (the second already recorded)
		expect(scanForPersonalData([dataDir], outputs.flatMap((o) => [o.stdout, o.stderr]), [idNumber])).toEqual([]);
	});

	it('an unusable file is exit 2 and sends nothing: no header, garbage, binary, empty, unreadable, a quote left open', async () => {
		const dataDir = tempDir();
		const [id] = hub.state.seedCases(1, 'T-DEMO-0001');
		const dir = tempDir();
		const files: Array<[string, string | Buffer, string]> = [
			['no-header.csv', `${id},ems,${s10Waybill(3001)}\n`, '不是可用的表头'],
			['garbage.csv', `\u001b[2J${'垃圾'.repeat(400)}\n`, '不是可用的表头'],
			['semicolons.csv', `caseId;carrier;waybill\n${id};ems;${s10Waybill(3001)}\n`, '不是可用的表头'],
			['binary.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff]), '不是 UTF-8 编码的 CSV 或 TSV 文本'],
			['empty.csv', '\uFEFF\r\n', '批量文件是空的'],
			['open-quote.csv', `caseId,carrier,waybill\n"${id},ems,${s10Waybill(3001)}\n`, '第 2 行的引号没有闭合'],
		];
		const before = hub.total;
		for (const [name, content, message] of files) {
			const file = join(dir, name);
			writeFileSync(file, content);
			const result = await run(['--batch', file, '--hub', hub.url], {dataDir});
			expect(result.code, name).toBe(2);
			expect(result.stderr, name).toContain(message);
			expect(result.stdout, name).toBe('');
			// A cell is never echoed unbounded, nor with the terminal control it holds.
			expect(result.stderr.length, name).toBeLessThan(400);
			expect(result.stderr, name).not.toContain('\u001b');
		}
		const missing = await run(['--batch', join(dir, 'no-such.csv'), '--hub', hub.url, '--json', '--lang', 'en'], {dataDir});
		expect(missing.code).toBe(2);
		expect(JSON.parse(missing.stdout)).toMatchObject({error: {code: 'ship_batch_unreadable', message: expect.stringContaining('no such device or file')}});
		expect(hub.total).toBe(before);
		expect(shipmentsOf(hub, id!)).toEqual([]);
		// Nothing was done, so nothing was audited.
		expect(await listRecent(dataDir, 10)).toEqual([]);
	});

	it('one form or the other: a case id or --batch (exit 2 otherwise); --batch without its options', async () => {
		const dataDir = tempDir();
		const file = join(tempDir(), 'b.csv');
		writeFileSync(file, 'caseId,carrier,waybill\n');
		const cases: Array<[string[], string]> = [
			[[], '二者只选其一'],
			[['TB44-1', '--batch', file], '二者只选其一'],
			[['TB44-1'], '需要 --carrier 和 --waybill'],
			[['--batch', file, '--carrier', 'ems'], '--batch 不与 --carrier'],
			[['--batch'], '用法错误'],
			[['TB44-1', '--carrier', 'ems', '--waybill', s10Waybill(1), '--sent-at', 'tomorrow'], '寄出时间“tomorrow”无效'],
		];
		for (const [args, message] of cases) {
			const result = await run([...args, '--hub', hub.url], {dataDir});
			expect(result.code, args.join(' ')).toBe(2);
			expect(result.stderr, args.join(' ')).toContain(message);
		}
		// A header and no rows: a day without shipments, nothing to do, exit 0.
		const none = await run(['--batch', file, '--hub', hub.url], {dataDir});
		expect(none.code).toBe(0);
		expect(none.stdout).toBe('共 0 行：已登记 0，此前已登记 0，未通过检查 0，未登记 0\n');
	});

	it('the hub going away stops the run at once (exit 3, the rest not sent); a re-run once it is back records the rest, each once', async () => {
		const dir = tempDir();
		const dataDir = tempDir();
		const hubData = join(dir, 'hub.json');
		let shipmentsSeen = 0;
		// A hub that goes away after answering two shipments (its state on disk, as a real hub's).
		const going: MockHub = await startMockHub({
			plan: NEEDS_ORIGINALS,
			dataFile: hubData,
			onExchange: (exchange) => {
				if (exchange.route === 'cases.shipment' && ++shipmentsSeen === 2) void going.close();
			},
		});
		const ids = going.state.seedCases(6, 'T-DEMO-0001');
		const file = join(dir, 'batch.csv');
		writeFileSync(file, ['caseId,carrier,waybill', ...ids.map((id, i) => `${id},ems,${s10Waybill(4000 + i)}`), `bad!,ems,${s10Waybill(4999)}`, `${ids[5]},ems,${s10Waybill(4005)}`].join('\n'));
		const stopped = await run(['--batch', file, '--hub', going.url, '--json', '--retries', '0'], {dataDir});
		await going.close();
		expect(stopped.code, stopped.stderr).toBe(3);
		const rows = jsonLines(stopped.stdout);
		const summary = rows.pop()!;
		expect(rows.slice(0, 2).map((r) => r['status'])).toEqual(['recorded', 'recorded']);
		const stopAt = rows.findIndex((r) => r['status'] === 'failed');
		expect(stopAt).toBeGreaterThanOrEqual(2);
		expect(rows[stopAt]!['error']).toMatch(/^hub_/);
		// After the stop: the good rows not sent (the repeat of one too), the refused row still named.
		expect(rows.slice(stopAt + 1).map((r) => [r['status'], r['error']])).toEqual([
			...rows.slice(stopAt + 1, 6).map(() => ['failed', 'ship_not_sent']),
			['refused', 'bad_case_id'],
			['failed', 'ship_not_sent'],
		]);
		expect(summary).toMatchObject({exitCode: 3, stopped: {row: stopAt + 2, error: rows[stopAt]!['error']}});
		expect(stopped.stderr).toContain(`中台无法访问，在第 ${stopAt + 2} 行停止`);
		const audited = (await listRecent(dataDir, 20)).filter((e) => e.action === 'case.ship' || e.action === 'batch.run');
		expect(audited.map((e) => [e.action, e.outcome])).toEqual([...rows.slice(0, stopAt).map(() => ['case.ship', 'ok']), ['case.ship', 'failed'], ['batch.run', 'failed']]);

		// The hub is back (its state from disk): the same file again finishes the run.
		const back = await startMockHub({plan: NEEDS_ORIGINALS, dataFile: hubData});
		try {
			const rerun = await run(['--batch', file, '--hub', back.url, '--json'], {dataDir});
			expect(rerun.code).toBe(1); // the refused row is still refused
			const statuses = jsonLines(rerun.stdout).slice(0, 7).map((r) => r['status']);
			expect(statuses.slice(0, 2)).toEqual(['already_recorded', 'already_recorded']);
			expect(statuses.slice(stopAt + 1, 6).every((s) => s === 'recorded')).toBe(true);
			expect(statuses[6]).toBe('refused');
			ids.forEach((id, i) => expect(shipmentsOf(back, id).map((s) => s.waybill)).toEqual([s10Waybill(4000 + i)]));
		} finally {
			await back.close();
		}
	});
});

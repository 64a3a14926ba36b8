/**
 * 日终 in the console over a fake day report port (docs/people.md#日终-closing-the-day): a long day
 * (30 differences) fits 80x24 and scrolls under its verdict (j, G, g), R reads the day again, the
 * English screen has no Chinese, and a report that cannot be made says why. The report itself is
 * the core's fold over records made here, never a hand-written result.
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {HubError} from '../core/errors.js';
import {dayReportFold, parseLocalDay, type DayReport} from '../core/report/day.js';
import {createFakeServices} from '../test-utils/fixtures.js';
import {expectFitsHeight, expectFitsWidth, renderConsole} from '../test-utils/renderTui.js';
import {createTranslator} from './i18n/index.js';
import type {DayReportPort} from './services.js';

afterEach(() => cleanup());
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/** A day with `n` cases only this terminal has (the hub lists none of them). */
function longDay(n: number): DayReport {
	const day = parseLocalDay('2026-12-03')!;
	const fold = dayReportFold(day, {branchCode: '440305001', terminalId: 'T-1'});
	for (let i = 1; i <= n; i++) {
		fold.addLocal({caseId: `TB44-20261203-${String(i).padStart(7, '0')}`, itemCode: '990120000001', handlingNode: i % 2 ? '51' : '11', status: 'received', receivedAt: '2026-12-03T02:00:00Z', checkedAt: '2026-12-03T02:00:00Z'});
	}
	return fold.finish(new Date('2026-12-03T09:00:00Z'));
}

function port(today: () => Promise<DayReport>): DayReportPort & {calls: number} {
	const p = {
		calls: 0,
		today: () => {
			p.calls++;
			return today();
		},
		provinceName: (node: string) => ({'51': '四川省', '11': '北京市'})[node],
	};
	return p;
}

describe('日终 view', () => {
	it('a long day fits 80x24 and scrolls under its verdict; R reads it again', async () => {
		const dayReport = port(async () => longDay(30));
		const tui = await renderConsole({services: createFakeServices({dayReport}), columns: 80, rows: 24});
		await tui.press('E');
		await tui.waitForText('对账差异 30 件');
		expectFitsWidth(tui.frame(), 80);
		expectFitsHeight(tui.frame(), 24);
		expect(tui.frame()).toContain('受理 30 件');
		expect(tui.frame()).toContain('办理地 四川省（51）  15 件');
		expect(tui.frame()).not.toContain('TB44-20261203-0000030');
		await tui.press('G');
		await tui.waitForText('仅本机  TB44-20261203-0000030  本机 已受理');
		// The verdict stays on top while the body scrolls; the first lines have gone by.
		expect(tui.frame()).toContain('对账差异 30 件');
		expect(tui.frame()).not.toContain('受理 30 件');
		expectFitsHeight(tui.frame(), 24);
		await tui.press('g');
		await tui.waitForText('受理 30 件');
		await tui.press('j');
		await tui.waitForNoText('受理 30 件');
		const before = dayReport.calls;
		await tui.press('R');
		await vi.waitFor(() => expect(dayReport.calls).toBe(before + 1));
		// read again from the top
		await tui.waitForText('受理 30 件');
	});

	it('in English, with no Chinese on screen', async () => {
		const tui = await renderConsole({services: createFakeServices({dayReport: port(async () => longDay(3))}), columns: 80, rows: 24, lang: 'en'});
		await tui.press('E');
		await tui.waitForText('3 differences');
		expect(tui.frame()).toContain('handled in 51  2');
		expect(tui.frame()).toContain('here only  TB44-20261203-0000001  here received');
		expect(tui.frame().split('\n').slice(1).join('\n')).not.toMatch(CJK);
	});

	it('says why when the day cannot be read', async () => {
		const zh = createTranslator('zh-CN');
		const tui = await renderConsole({services: createFakeServices({dayReport: port(async () => Promise.reject(new HubError('hub_unreachable', {call: 'GET /branches/{branchCode}/cases'}, {retryable: true})))}), columns: 80, rows: 24});
		await tui.press('E');
		await tui.waitForText(zh('day.failed', {message: ''}).slice(0, 6));
		expectFitsWidth(tui.frame(), 80);
	});
});

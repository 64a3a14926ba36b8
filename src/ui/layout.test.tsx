/**
 * Layout invariants at the thin terminals' 80x24 and a wider 120x30: every line of every view
 * fits the width (measured with string-width, CJK = 2), and the frame stays below the
 * terminal height (a full-height frame flickers on Ink 6).
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {expectFitsHeight, expectFitsWidth, KEYS, renderConsole} from '../test-utils/renderTui.js';
import type {Lang} from './i18n/index.js';

afterEach(() => cleanup());

/** Each screen, as the input chunks that reach it from the search list (pressed one after the other). */
const SCREENS: Record<string, string[]> = {
	'search list': [],
	'search typing': ['/', '养老保险'],
	'search with filters': ['p', 'm', 't'],
	'detail top': [KEYS.enter],
	'detail bottom': [KEYS.enter, 'G'],
	'detail with fee': ['/', '身份证', KEYS.enter],
	'help overlay': ['?'],
	'help over detail': [KEYS.enter, '?'],
	palette: [':'],
	'palette typing': [':', 'region 51'],
	'error flash': [':', 'region 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十', KEYS.enter],
};

const SIZES = [
	{columns: 80, rows: 24},
	{columns: 120, rows: 30},
];
const LANGS: Lang[] = ['zh-CN', 'en'];

describe.each(SIZES)('at $columns x $rows', ({columns, rows}) => {
	describe.each(LANGS)('in %s', (lang) => {
		it.each(Object.entries(SCREENS))('%s fits', async (_name, chunks) => {
			const tui = await renderConsole({columns, rows, lang});
			for (const chunk of chunks) await tui.press(chunk);
			const frame = tui.frame();
			expect(frame.length).toBeGreaterThan(0);
			expectFitsWidth(frame, columns);
			expectFitsHeight(frame, rows);
		});
	});
});

describe('resize', () => {
	it('re-lays out when the terminal is resized, narrower and wider', async () => {
		const tui = await renderConsole({columns: 120, rows: 30});
		await tui.press(KEYS.enter);
		const wideRule = tui.lines().find((line) => line.startsWith('+-'));
		expect(wideRule).toHaveLength(120);
		await tui.resize(80, 24);
		await tui.waitForText('1-19/');
		const rule = tui.lines().find((line) => line.startsWith('+-'));
		expect(rule).toHaveLength(80);
		expectFitsWidth(tui.frame(), 80);
		expectFitsHeight(tui.frame(), 24);
		await tui.resize(60, 16);
		expectFitsWidth(tui.frame(), 60);
		expectFitsHeight(tui.frame(), 16);
	});

	it('still fits on a very narrow terminal (materials become a list)', async () => {
		const tui = await renderConsole({columns: 40, rows: 20});
		expectFitsWidth(tui.frame(), 40);
		await tui.press(KEYS.enter);
		expect(tui.frame()).not.toContain('+-');
		for (let page = 0; page < 4; page++) {
			expectFitsWidth(tui.frame(), 40);
			await tui.press(KEYS.pageDown);
		}
	});

	it('pages the result list by the rows that fit', async () => {
		// 10 rows: 6 lines of view, 2 of them the query and filter lines, 1 the header: 3 rows a page.
		const tui = await renderConsole({columns: 80, rows: 10});
		const rowsShown = () => tui.lines().filter((line) => /^[> ] \S/.test(line) && !line.includes('  ' + '事项名称')).length;
		expect(rowsShown()).toBe(3);
		await tui.press(KEYS.pageDown);
		expect(tui.lines().find((line) => line.startsWith('>'))).toContain('浙江省 杭州市');
		await tui.press(KEYS.pageDown);
		await tui.press(KEYS.pageDown);
		expect(tui.lines().find((line) => line.startsWith('>'))).toContain('领取养老金');
		await tui.press(KEYS.pageUp);
		expect(tui.lines().find((line) => line.startsWith('>'))).toContain('异地就医登记备案');
	});
});

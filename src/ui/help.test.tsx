/**
 * The `?` help at 80x24 lists every key the view offers and scrolls (j/k, PgDn/PgUp, g/G, all
 * hinted): quit and lock, at the end of the global keys, are reachable (issue 16.4).
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {createFakeServices, fakeSession} from '../test-utils/fixtures.js';
import {expectFitsHeight, expectFitsWidth, KEYS, renderConsole, signIn} from '../test-utils/renderTui.js';
import {createTranslator} from './i18n/index.js';

afterEach(() => cleanup());
const zh = createTranslator('zh-CN');
const en = createTranslator('en');

describe('the ? help', () => {
	it('scrolls at 80x24 to quit and lock, with its position, and hints its scroll keys', async () => {
		const tui = await renderConsole({services: createFakeServices({session: fakeSession()}), columns: 80, rows: 24});
		await signIn(tui);
		await tui.press('?');
		await tui.waitForText(zh('help.title', {view: zh('view.search')}));
		const fits = () => {
			expectFitsWidth(tui.frame(), 80);
			expectFitsHeight(tui.frame(), 24);
		};
		fits();
		const lockRow = `ctrl+l`;
		const quitRow = `q/ctrl+c`;
		// The first page does not reach the end of the global keys.
		expect(tui.frame()).not.toContain(lockRow);
		const position = () => /第 (\d+)-(\d+) 项，共 (\d+) 项/.exec(tui.frame());
		expect(position()?.[1]).toBe('1');
		const total = Number(position()?.[3]);
		expect(tui.lines().at(-1)).toContain(`j ${zh('key.scrollDown')}`);
		expect(tui.lines().at(-1)).toContain(`G ${zh('key.bottom')}`);

		await tui.press('G');
		expect(Number(position()?.[2])).toBe(total);
		expect(tui.frame()).toContain(lockRow);
		expect(tui.frame()).toContain(`${quitRow}`.padEnd(16) + `  ${zh('key.quit')}`);
		fits();
		await tui.press('k');
		expect(Number(position()?.[2])).toBe(total - 1);
		await tui.press('g');
		expect(position()?.[1]).toBe('1');
		await tui.press('j');
		expect(position()?.[1]).toBe('2');
		await tui.press(KEYS.pageDown);
		expect(Number(position()?.[1])).toBeGreaterThan(2);
		await tui.press(KEYS.pageUp);
		expect(position()?.[1]).toBe('1');
		// Closed and opened again: back at the top.
		await tui.press('G');
		await tui.press(KEYS.escape);
		await tui.waitForNoText(zh('help.title', {view: zh('view.search')}));
		await tui.press('?');
		expect(position()?.[1]).toBe('1');
	});

	it('says where it is in English too', async () => {
		const tui = await renderConsole({lang: 'en', services: createFakeServices({session: fakeSession()}), columns: 80, rows: 24});
		await signIn(tui, {t: en});
		await tui.press('?');
		await tui.waitForText(en('help.title', {view: en('view.search')}));
		expect(tui.frame()).toMatch(/rows 1-\d+ of \d+ \(j\/k scroll\)/);
		// (The top bar and the sign-in flash name the fixtures' operator: the help between them is all English.)
		expect(tui.lines().slice(1, -2).join('\n')).not.toMatch(/[\u4e00-\u9fff]/);
	});
});

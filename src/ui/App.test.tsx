import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {expectFitsWidth, KEYS, renderConsole, type Tui} from '../test-utils/renderTui.js';
import {createTranslator} from './i18n/index.js';
import {KEYMAP} from './keys/keymap.js';

afterEach(() => {
	cleanup();
	vi.useRealTimers();
});

const zh = createTranslator('zh-CN');

/** The result rows (lines starting with the selection marker column) in screen order. */
function resultRows(tui: Tui): string[] {
	const lines = tui.lines();
	const header = lines.findIndex((line) => line.trimStart().startsWith(zh('search.col.name')));
	return lines.slice(header + 1).filter((line) => /^[> ] \S/.test(line));
}

function selectedRow(tui: Tui): string {
	return resultRows(tui).find((line) => line.startsWith('>')) ?? '';
}

describe('console keys', () => {
	it('? opens a help overlay listing the keymap entries of the view; esc closes it', async () => {
		const tui = await renderConsole();
		await tui.press('?');
		await tui.waitForText(zh('help.title', {view: zh('view.search')}));
		// The fake services have no reader, cases, audit or session: their keys are gated away.
		for (const binding of KEYMAP.filter((entry) => (entry.scope === 'search' || entry.scope === 'global') && !entry.needs)) {
			expect(tui.frame()).toContain(zh(binding.label));
		}
		await tui.press(KEYS.escape);
		await tui.waitForNoText(zh('help.title', {view: zh('view.search')}));
		expect(tui.frame()).toContain(zh('search.col.name'));
	});

	it('/ focuses the search field: a chunk typed at once ("养老", an IME commit) is appended whole', async () => {
		const tui = await renderConsole();
		expect(resultRows(tui)).toHaveLength(7);
		await tui.press('/');
		await tui.press('养老');
		await tui.waitForText('检索> 养老');
		expect(resultRows(tui)).toHaveLength(3);
		expect(tui.frame()).toContain('名称 养老');
		expect(tui.frame()).not.toContain('异地就医登记备案');
	});

	it('typing pinyin initials one character at a time updates the results live', async () => {
		const tui = await renderConsole();
		await tui.press('/');
		await tui.type('yl');
		expect(resultRows(tui).length).toBeGreaterThan(0);
		await tui.type('bx');
		await tui.waitForText('拼音 ylbx');
		// Only the pension transfer item (two regions) has 养老保险 in its name.
		expect(resultRows(tui)).toHaveLength(2);
		await tui.press(KEYS.backspace);
		await tui.waitForText('检索> ylb');
	});

	it('j/k and arrows move the selection; a "jj" chunk moves twice', async () => {
		const tui = await renderConsole();
		expect(selectedRow(tui)).toContain('四川省 成都市');
		await tui.press('j');
		expect(selectedRow(tui)).toContain('广东省 广州市');
		await tui.press('jj');
		expect(selectedRow(tui)).toContain('浙江省 杭州市');
		await tui.press('k');
		await tui.press(KEYS.down);
		expect(selectedRow(tui)).toContain('浙江省 杭州市');
		await tui.press('G');
		expect(selectedRow(tui)).toContain('领取养老金人员待遇资');
		await tui.press(KEYS.down);
		expect(selectedRow(tui)).toContain('领取养老金人员待遇资');
		await tui.press('g');
		expect(selectedRow(tui)).toContain('企业职工基本养老');
	});

	it('enter opens the detail, which scrolls with j/PgDn/G/g; esc goes back to the list', async () => {
		const tui = await renderConsole();
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('detail.basicCode'));
		expect(tui.frame()).toContain('990100000001');
		expect(tui.frame()).toMatch(/1-19\/\d+ 行/);
		await tui.press('j');
		expect(tui.frame()).toMatch(/2-20\/\d+ 行/);
		expect(tui.frame()).not.toContain(zh('detail.basicCode'));
		await tui.press(KEYS.pageDown);
		expect(tui.frame()).toMatch(/21-39\/\d+ 行/);
		await tui.press('G');
		expect(tui.frame()).toContain('缴费年限合并计算');
		await tui.press('g');
		expect(tui.frame()).toContain(zh('detail.basicCode'));
		await tui.press(KEYS.escape);
		await tui.waitForText(zh('search.col.name'));
	});

	it('enter in the search field opens the selected hit', async () => {
		const tui = await renderConsole();
		await tui.press('/');
		await tui.press('医保');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('detail.implementationCode'));
		expect(tui.frame()).toContain('异地就医登记备案');
	});

	it('esc clears the input first, then leaves it; in the list it clears the query', async () => {
		const tui = await renderConsole();
		await tui.press('/');
		await tui.press('gjj');
		await tui.waitForText('检索> gjj');
		await tui.press(KEYS.escape);
		await tui.waitForNoText('gjj');
		await tui.press('养老');
		await tui.press(KEYS.tab);
		await tui.press(KEYS.escape);
		await tui.waitForNoText('检索> 养老');
		expect(resultRows(tui)).toHaveLength(7);
	});

	it('q quits from the list, but q typed in the search field is text', async () => {
		const tui = await renderConsole();
		await tui.press('/');
		await tui.press('q');
		await tui.waitForText('检索> q');
		expect(tui.onQuit).not.toHaveBeenCalled();
		await tui.press(KEYS.escape);
		await tui.press(KEYS.escape);
		await tui.press('q');
		expect(tui.onQuit).toHaveBeenCalledTimes(1);
	});

	it('ctrl-c quits even while typing', async () => {
		const tui = await renderConsole();
		await tui.press('/');
		await tui.press(KEYS.ctrlC);
		expect(tui.onQuit).toHaveBeenCalledTimes(1);
	});

	it('a chunk "/ylbx" focuses the field and then types into it', async () => {
		const tui = await renderConsole();
		await tui.press('/ylbx');
		await tui.waitForText('检索> ylbx');
	});
});

describe('command palette', () => {
	it('lists commands from the table and runs :region with an alias', async () => {
		const tui = await renderConsole();
		await tui.press(':');
		await tui.waitForText(':search');
		expect(tui.frame()).toContain(zh('cmd.region'));
		await tui.press('r 44');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('flash.regionSet', {region: '广东省'}));
		expect(resultRows(tui)).toHaveLength(2);
		expect(tui.frame()).toContain(`${zh('search.filter.region')} 广东省`);
	});

	it(':mode proxy filters by mode; p and m cycle filters; x clears them', async () => {
		const tui = await renderConsole();
		await tui.press(':');
		await tui.press('mode proxy');
		await tui.press(KEYS.enter);
		await tui.waitForText(`${zh('search.filter.mode')} ${zh('mode.proxy.short')}`);
		expect(resultRows(tui)).toHaveLength(6);
		await tui.press('m');
		await tui.waitForText(`${zh('search.filter.mode')} ${zh('mode.joint.short')}`);
		expect(resultRows(tui)).toHaveLength(1);
		await tui.press('x');
		expect(resultRows(tui)).toHaveLength(7);
		await tui.press('p');
		await tui.waitForText(`${zh('search.filter.region')} 浙江省`);
	});

	it('a prefix runs the highlighted command; tab completes; unknown commands flash an error', async () => {
		const tui = await renderConsole();
		await tui.press(':');
		await tui.press('he');
		await tui.press(KEYS.tab);
		await tui.waitForText(': help');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('help.title', {view: zh('view.search')}));
		await tui.press(KEYS.escape);
		await tui.press(':');
		await tui.press('frobnicate');
		await tui.waitForText(zh('palette.noMatch'));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('flash.unknownCommand', {name: 'frobnicate'}));
	});

	it(':search with words opens the search with that query; :q quits', async () => {
		const tui = await renderConsole();
		await tui.press(KEYS.enter);
		await tui.press(':');
		await tui.press('search 公积金');
		await tui.press(KEYS.enter);
		await tui.waitForText('检索> 公积金');
		expect(resultRows(tui)).toHaveLength(1);
		await tui.press(KEYS.escape);
		await tui.press(KEYS.escape);
		await tui.press(':');
		await tui.press('q');
		await tui.press(KEYS.enter);
		expect(tui.onQuit).toHaveBeenCalledTimes(1);
	});

	it(':lang en switches the whole UI to English', async () => {
		const tui = await renderConsole();
		await tui.press(':');
		await tui.press('lang en');
		await tui.press(KEYS.enter);
		await tui.waitForText('Language: English');
		expect(tui.frame()).toContain('Item search');
		expect(tui.frame()).toContain('? help');
		expectFitsWidth(tui.frame(), 80);
	});
});

describe('hint line', () => {
	it('shows the keymap labels of the focused view and follows focus changes', async () => {
		const tui = await renderConsole();
		const hintLine = () => tui.lines().at(-1) ?? '';
		const label = (action: string) => zh(KEYMAP.find((binding) => binding.action === action)!.label);
		// Help first, then the view's own keys (what the clerk does next), then the global ones.
		expect(hintLine()).toMatch(new RegExp(`^\\? ${label('app.help')}  enter ${label('list.open')}`));
		await tui.press('/');
		expect(hintLine()).toContain(`tab ${label('input.toResults')}`);
		expect(hintLine()).not.toContain(`q/ctrl+c`);
		await tui.press(KEYS.enter);
		expect(hintLine()).toContain(`j/down ${label('detail.down')}`);
	});
});

describe('flash line', () => {
	it('clears itself after a few seconds', async () => {
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
		const tui = await renderConsole();
		await tui.press('x');
		await tui.waitForText(zh('flash.filtersCleared'));
		await vi.advanceTimersByTimeAsync(1000);
		await tui.press('j');
		expect(tui.frame()).toContain(zh('flash.filtersCleared'));
		await vi.advanceTimersByTimeAsync(5000);
		await tui.waitForNoText(zh('flash.filtersCleared'));
	});

	it('shows the catalog load warning at start as a warning', async () => {
		const {createFakeServices} = await import('../test-utils/fixtures.js');
		const services = createFakeServices();
		services.catalog = {...services.catalog, loadWarning: () => ({'zh-CN': 'items.json 第 3 条: name 为空', en: 'items.json record 3: name is empty'})};
		const tui = await renderConsole({services});
		await tui.waitForText('! 事项目录警告：items.json');
	});
});

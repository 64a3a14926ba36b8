/**
 * 日终 at the counter, end to end in process (docs/people.md#日终-closing-the-day): the console over the
 * real backend of `tongban console --demo` (mock hub on loopback, the case index and outbox in a
 * temporary data folder). The supervisor 李主管 opens the day (E): the report is read from the
 * data folder and the hub, shown at 80x24 with its verdict on top and the totals scrolling under
 * it; R reads it again. A clerk has no such key (not in the hints, not in help, the palette says
 * it is not hers), and pressing E changes nothing.
 */
import {describe, expect, it, vi} from 'vitest';
import {demoFlowHooks, START_MS, startDemoCounter} from '../test-utils/demo-counter.js';
import {expectFitsHeight, expectFitsWidth, KEYS, type Tui} from '../test-utils/renderTui.js';
import {createTranslator} from '../ui/i18n/index.js';
import {gatedKeymap} from '../ui/keys/keymap.js';

const zh = createTranslator('zh-CN');
let dir: string;
const running = demoFlowHooks('tongban-dayflow-', (fresh) => (dir = fresh));

async function signIn(tui: Tui, id: string, pin: string, name: string) {
	await tui.waitForText(zh('signin.operator'), START_MS);
	await tui.type(id);
	await tui.press(KEYS.enter);
	await tui.type(pin);
	await tui.press(KEYS.enter);
	await tui.waitForText(zh('flash.signedIn', {name}), START_MS);
}

describe('日终 in the console (demo hub)', () => {
	it('the supervisor opens the day at 80x24: the verdict, the totals, the hub; scrolls and reads it again', async () => {
		const {tui, backend} = await startDemoCounter(dir, {columns: 80, rows: 24});
		running.push(backend);
		await signIn(tui, 'op-9001', '900900', '李主管');
		await tui.press('E');
		await tui.waitForText('日终 2', START_MS);
		// The demo's first cases of the day go through the outbox at sign-in: R reads the day again
		// until the outbox is empty and the hub and this terminal both have them, and they reconcile.
		const settled = () => /受理 [1-9]\d* 件/.test(tui.frame()) && tui.frame().includes(zh('day.reconciled')) && !/本终端 0，/.test(tui.frame()) && tui.frame().includes('待发队列 0 件');
		for (let attempt = 0; attempt < 50 && !settled(); attempt++) {
			await tui.press('R');
			await vi.waitFor(() => expect(settled()).toBe(true), {timeout: 300, interval: 20}).catch(() => undefined);
		}
		const frame = tui.frame();
		expect(settled(), frame).toBe(true);
		expectFitsWidth(frame, 80);
		expectFitsHeight(frame, 24);
		const received = Number(/受理 (\d+) 件/.exec(frame)![1]);
		expect(frame).toContain(`中台本网点 ${received} 件（本终端 ${received}，其他终端 0）`);
		expect(frame).toContain('企业职工基本养老保险');
		expect(frame).toMatch(/办理地 \S+（\d{2}）  \d+ 件/);
		expect(frame).toMatch(/好差评：/);
		// G goes to the end (the view fits: nothing moves off screen), R reads the day again.
		await tui.press('G');
		expectFitsHeight(tui.frame(), 24);
		await tui.press('R');
		await tui.waitForText(`受理 ${received} 件`, START_MS);
		await tui.press(KEYS.escape);
		await tui.waitForNoText('中台本网点');
	});

	it('a clerk has no day key: E does nothing, and the palette says it is not hers', async () => {
		const {tui, backend} = await startDemoCounter(dir, {columns: 80, rows: 24});
		running.push(backend);
		await signIn(tui, 'op-1001', '246810', '陈晓丽');
		expect(tui.frame()).not.toContain(`E ${zh('key.day')}`);
		await tui.press('E');
		expect(tui.frame()).not.toContain('日终 2');
		// the one keymap gives the key to supervisors only (router, hints and help read the same gated table)
		const everything = {has: () => true};
		expect(gatedKeymap({...everything, roles: ['clerk']}).some((b) => b.action === 'app.day')).toBe(false);
		expect(gatedKeymap({...everything, roles: ['clerk', 'supervisor']}).some((b) => b.action === 'app.day')).toBe(true);
		await tui.press(':');
		await tui.type('day');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('flash.notAllowed', {name: 'day'}));
	});
});

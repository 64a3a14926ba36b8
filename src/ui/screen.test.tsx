/**
 * Each view model is built once per frame: a key that scrolls the eligibility result reads the
 * page size and line count the frame on screen measured, it does not build the model again.
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {testEligibility} from '../test-utils/eligibility.js';
import {createFakeServices, fixedClock} from '../test-utils/fixtures.js';
import {KEYS, openItem, renderConsole} from '../test-utils/renderTui.js';
import {createTranslator} from './i18n/index.js';
import {eligibilityBody} from './views/eligibilityModel.js';

vi.mock('./views/eligibilityModel.js', async (importOriginal) => {
	const original = await importOriginal<typeof import('./views/eligibilityModel.js')>();
	return {...original, eligibilityBody: vi.fn(original.eligibilityBody)};
});

afterEach(() => cleanup());
const zh = createTranslator('zh-CN');

describe('view models', () => {
	it('the eligibility result is built at most once per page key', async () => {
		const clock = fixedClock();
		const services = createFakeServices({clock, eligibility: testEligibility(clock), counterRegion: '440305'});
		// A short terminal: the result does not fit, so page keys scroll it.
		const tui = await renderConsole({services, columns: 80, rows: 14});
		await openItem(tui);
		await tui.press('e');
		await tui.press('110105198503120514');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('elig.result.needs_checking'));
		const position = () => /\d+-\d+\/\d+/.exec(tui.lines()[1] ?? '')?.[0];
		const before = position();
		expect(before).toMatch(/^1-/);
		const builds = vi.mocked(eligibilityBody).mock.calls.length;
		const presses = 2;
		for (let i = 0; i < presses; i++) await tui.press(KEYS.pageDown);
		expect(position()).not.toBe(before);
		expect(vi.mocked(eligibilityBody).mock.calls.length - builds).toBeLessThanOrEqual(presses);
	});
});

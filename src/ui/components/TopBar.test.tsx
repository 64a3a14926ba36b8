import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createFakeServices} from '../../test-utils/fixtures.js';
import {expectFitsWidth, renderConsole} from '../../test-utils/renderTui.js';
import {formatMinute} from '../../text/time.js';
import {msUntilNextMinute} from '../hooks/useMinuteClock.js';
import {fitSegments} from '../layout/segments.js';

afterEach(() => {
	cleanup();
	vi.useRealTimers();
});

describe('top bar', () => {
	it('shows operator, branch, hub state and the time at 120 columns', async () => {
		const tui = await renderConsole({columns: 120, services: createFakeServices({hub: 'offline'})});
		expect(tui.lines()[0]).toBe('通办 > 事项检索 | 操作员 张敏(0123) | 网点 成都高新支行 | 中台 离线 | 2026-03-02 09:30');
	});

	it('shortens the least important parts first at 80 columns and narrower', async () => {
		const tui = await renderConsole({columns: 80});
		expect(tui.lines()[0]).toContain('中台 演示');
		expect(tui.lines()[0]).toContain('09:30');
		await tui.resize(40);
		expectFitsWidth(tui.frame(), 40);
		expect(tui.lines()[0]).toContain('09:30');
	});

	it('updates the clock on the minute, not every second', async () => {
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'Date']});
		vi.setSystemTime(new Date('2026-03-02T09:30:15Z'));
		const tui = await renderConsole({columns: 120, services: createFakeServices({clock: {now: () => new Date()}})});
		expect(tui.lines()[0]).toContain('09:30');
		const framesBefore = tui.frames.length;
		await vi.advanceTimersByTimeAsync(30_000);
		expect(tui.frames.length).toBe(framesBefore);
		await vi.advanceTimersByTimeAsync(15_000);
		await tui.waitForText('2026-03-02 09:31');
		await vi.advanceTimersByTimeAsync(60_000);
		await tui.waitForText('2026-03-02 09:32');
	});
});

describe('clock helpers', () => {
	it('formats to the minute and waits until the next one', () => {
		const date = new Date('2026-03-02T09:30:15.250Z');
		expect(formatMinute(date)).toBe('2026-03-02 09:30');
		expect(msUntilNextMinute(date)).toBe(44_750);
	});
});

describe('fitSegments', () => {
	const segments = [
		{text: 'AAAA', short: 'A', priority: 3},
		{text: 'BBBB', short: 'B', priority: 1},
		{text: 'CCCC', priority: 2},
	];
	it('uses short forms of the least important segments first, then drops them', () => {
		expect(fitSegments(segments, 14, '|')).toBe('AAAA|BBBB|CCCC');
		expect(fitSegments(segments, 11, '|')).toBe('AAAA|B|CCCC');
		expect(fitSegments(segments, 8, '|')).toBe('A|B|CCCC');
		expect(fitSegments(segments, 6, '|')).toBe('A|CCCC');
		expect(fitSegments(segments, 3, '|')).toBe('A');
	});
});

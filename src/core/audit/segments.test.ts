import {describe, expect, it} from 'vitest';
import {formatSegment, nextSegment, parseSegment} from './segments.js';

describe('segments', () => {
	const at = (iso: string) => new Date(iso);

	it('round-trips names and ignores other files', () => {
		expect(parseSegment('2026-11-26.0003.json')).toEqual({day: '2026-11-26', part: 3});
		expect(formatSegment({day: '2026-11-26', part: 3})).toBe('2026-11-26.0003');
		expect(parseSegment('head.json')).toBeUndefined();
		expect(parseSegment('.2026-11-26.0001.json.12.1.tmp')).toBeUndefined();
	});

	it('starts a part when full, a day when the date moves on, and never goes back', () => {
		expect(nextSegment(undefined, at('2026-11-26T08:00:00Z'), 3)).toEqual({name: '2026-11-26.0001', fresh: true});
		expect(nextSegment({name: '2026-11-26.0001', entries: 2}, at('2026-11-26T09:00:00Z'), 3)).toEqual({name: '2026-11-26.0001', fresh: false});
		expect(nextSegment({name: '2026-11-26.0001', entries: 3}, at('2026-11-26T09:00:00Z'), 3)).toEqual({name: '2026-11-26.0002', fresh: true});
		expect(nextSegment({name: '2026-11-26.0002', entries: 1}, at('2026-11-27T00:00:01Z'), 3)).toEqual({name: '2026-11-27.0001', fresh: true});
		// Clock set back a day: stay in the current day's parts so names keep chain order.
		expect(nextSegment({name: '2026-11-26.0002', entries: 1}, at('2026-11-25T10:00:00Z'), 3)).toEqual({name: '2026-11-26.0002', fresh: false});
		expect(nextSegment({name: '2026-11-26.0002', entries: 3}, at('2026-11-25T10:00:00Z'), 3)).toEqual({name: '2026-11-26.0003', fresh: true});
	});
});

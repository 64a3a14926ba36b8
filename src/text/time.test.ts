import {describe, expect, it} from 'vitest';
import {formatMinute, formatStamp, formatStampSeconds} from './time.js';

const moment = new Date('2026-12-02T21:31:07.250Z');

describe('times for people (text/time.ts)', () => {
	it('puts one moment on the clock of the zone given, with its offset', () => {
		expect(formatStamp(moment, 'Asia/Shanghai')).toBe('2026-12-03 05:31 +08:00');
		expect(formatStampSeconds(moment, 'Asia/Shanghai')).toBe('2026-12-03 05:31:07 +08:00');
		expect(formatMinute(moment, 'Asia/Shanghai')).toBe('2026-12-03 05:31');
		// Half-hour offsets west of UTC, and summer time.
		expect(formatStamp(moment, 'America/St_Johns')).toBe('2026-12-02 18:01 -03:30');
		expect(formatStamp(new Date('2026-07-01T10:00:00Z'), 'Europe/Berlin')).toBe('2026-07-01 12:00 +02:00');
		expect(formatStamp(new Date('2026-12-01T10:00:00Z'), 'Europe/Berlin')).toBe('2026-12-01 11:00 +01:00');
	});

	it("uses the terminal's zone when none is given (the tests run under TZ=UTC)", () => {
		expect(formatStamp(moment)).toBe('2026-12-02 21:31 +00:00');
		expect(formatStamp('2026-12-02T21:31:07.250+08:00')).toBe('2026-12-02 13:31 +00:00');
		expect(formatStampSeconds(moment)).toBe('2026-12-02 21:31:07 +00:00');
		expect(formatMinute(moment)).toBe('2026-12-02 21:31');
	});

	it('shows a value that is not a time as it is', () => {
		expect(formatStamp('not a time')).toBe('not a time');
		expect(formatStampSeconds('')).toBe('');
	});
});

import {describe, expect, it} from 'vitest';
import {addDays, addMonths, addYears, ageOn, compareDays, dayOf, daysBetween, isDay} from './dates.js';

describe('calendar days', () => {
	it.each([
		['2025-11-26', 12, '2026-11-26'],
		['2024-01-31', 1, '2024-02-29'],
		['2023-01-31', 1, '2023-02-28'],
		['2024-02-29', 12, '2025-02-28'],
		['2026-11-26', 3, '2027-02-26'],
		['2026-03-15', -3, '2025-12-15'],
	])('%s + %i months = %s (day clamped to the month)', (day, months, expected) => {
		expect(addMonths(day, months)).toBe(expected);
	});

	it('adds years and days', () => {
		expect(addYears('2000-02-29', 1)).toBe('2001-02-28');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
	});

	it('rejects days that do not exist instead of rolling them over', () => {
		expect(isDay('2025-02-29')).toBe(false);
		expect(isDay('2024-02-29')).toBe(true);
		expect(() => addMonths('2025-02-30', 1)).toThrow(RangeError);
		expect(() => compareDays('20250101', '2025-01-01')).toThrow(RangeError);
		expect(() => addMonths('2025-01-01', 1.5)).toThrow(RangeError);
	});

	it.each([
		['1976-11-26', '2026-11-26', 50],
		['1976-11-27', '2026-11-26', 49],
		['2000-02-29', '2025-02-28', 24],
		['2000-02-29', '2025-03-01', 25],
		['2000-02-29', '2024-02-29', 24],
	])('born %s is %i on %s', (birth, on, age) => {
		expect(ageOn(birth, on)).toBe(age);
	});

	it('the day of an instant is its local calendar day', () => {
		expect(dayOf(new Date(2026, 10, 26, 23, 59))).toBe('2026-11-26');
	});
});

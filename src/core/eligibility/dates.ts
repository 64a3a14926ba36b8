/**
 * Calendar-day arithmetic on YYYY-MM-DD strings, for rules. No time zones: a rule speaks of
 * days, and "today" is the counter's local calendar day handed in by the caller.
 *
 * Conventions (documented because rules depend on them):
 * - Adding months keeps the day of the month, clamped to the month's last day
 *   (2024-01-31 + 1 month = 2024-02-29; 2024-02-29 + 12 months = 2025-02-28).
 * - A period "valid N months from D" includes its last day D + N months: a certification made on
 *   2025-11-26 and valid 12 months is still valid on 2026-11-26 and overdue on 2026-11-27.
 * - A person reaches age N on their Nth birthday; someone born on 29 February reaches it on
 *   1 March in a year without 29 February (the day after 28 February, when the anniversary has
 *   not happened yet).
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

interface Ymd {
	y: number;
	m: number;
	d: number;
}

/** Parses a real YYYY-MM-DD day; undefined for anything else (including 2025-02-30). */
function parseDay(value: unknown): Ymd | undefined {
	if (typeof value !== 'string') return undefined;
	const match = ISO.exec(value);
	if (!match) return undefined;
	const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
	return {y, m, d};
}

export function isDay(value: unknown): value is string {
	return parseDay(value) !== undefined;
}

function format({y, m, d}: Ymd): string {
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function must(value: unknown, what: string): Ymd {
	const day = parseDay(value);
	if (!day) throw new RangeError(`${what}: not a YYYY-MM-DD date: ${JSON.stringify(value)}`);
	return day;
}

/** The local calendar day of an instant (what the clock says at the counter). */
export function dayOf(instant: Date): string {
	return format({y: instant.getFullYear(), m: instant.getMonth() + 1, d: instant.getDate()});
}

export function addMonths(day: string, months: number): string {
	if (!Number.isInteger(months)) throw new RangeError(`addMonths: not a whole number of months: ${months}`);
	const {y, m, d} = must(day, 'addMonths');
	const index = y * 12 + (m - 1) + months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	return format({y: year, m: month, d: Math.min(d, daysInMonth(year, month))});
}

export function addYears(day: string, years: number): string {
	if (!Number.isInteger(years)) throw new RangeError(`addYears: not a whole number of years: ${years}`);
	return addMonths(day, years * 12);
}

function dayNumber(day: Ymd): number {
	return Math.round(Date.UTC(day.y, day.m - 1, day.d) / 86_400_000);
}

export function addDays(day: string, days: number): string {
	if (!Number.isInteger(days)) throw new RangeError(`addDays: not a whole number of days: ${days}`);
	const t = new Date((dayNumber(must(day, 'addDays')) + days) * 86_400_000);
	return format({y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate()});
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return dayNumber(must(to, 'daysBetween')) - dayNumber(must(from, 'daysBetween'));
}

/** -1, 0 or 1. Throws on anything that is not a real day, so a malformed fact never compares. */
export function compareDays(a: string, b: string): number {
	const x = format(must(a, 'compareDays'));
	const y = format(must(b, 'compareDays'));
	return x < y ? -1 : x > y ? 1 : 0;
}

/** Completed years on `on` (see the birthday convention above). */
export function ageOn(birthDate: string, on: string): number {
	const b = must(birthDate, 'ageOn');
	const t = must(on, 'ageOn');
	let age = t.y - b.y;
	if (t.m < b.m || (t.m === b.m && t.d < b.d)) age -= 1;
	return age;
}

/**
 * Times as people read them (issue 16.3): one clock, the terminal's zone (the process's TZ, as
 * the top bar shows it), everywhere a person reads a time: the console, receipts and slips,
 * command output. Where the text leaves the screen (paper, a command's output pasted into a
 * message, the audit tail) the offset goes with it ("2026-12-03 05:31 +08:00"): a reader cannot
 * know which zone the terminal was set to. JSON keeps RFC 3339 instants with their offset.
 *
 * `zone` (an IANA name) is for tests and for the branch's own zone; without it the terminal's.
 */
const pad = (value: number) => String(value).padStart(2, '0');

interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	/** Minutes east of UTC (+480 in China). */
	offset: number;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(zone: string): Intl.DateTimeFormat {
	let format = zoneFormats.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric'});
		zoneFormats.set(zone, format);
	}
	return format;
}

function wallTime(date: Date, zone?: string): WallTime {
	if (zone === undefined) {
		// The process's zone, read afresh each time (a TZ set while running takes effect).
		return {year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate(), hour: date.getHours(), minute: date.getMinutes(), second: date.getSeconds(), offset: -date.getTimezoneOffset()};
	}
	const parts = Object.fromEntries(zoneFormat(zone).formatToParts(date).map((p) => [p.type, Number(p.value)])) as Record<string, number>;
	const wall = {year: parts['year']!, month: parts['month']!, day: parts['day']!, hour: parts['hour']!, minute: parts['minute']!, second: parts['second']!};
	const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
	return {...wall, offset: Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000)};
}

/** "+08:00", "-03:30", "+00:00". */
function offsetText(minutes: number): string {
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const minuteText = (w: WallTime) => `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;

/** "YYYY-MM-DD HH:MM" on the terminal's clock: the console, whose top bar shows the same clock. */
export function formatMinute(date: Date, zone?: string): string {
	return minuteText(wallTime(date, zone));
}

/** "YYYY-MM-DD HH:MM +08:00": receipts, slips and command output. */
export function formatStamp(date: Date | string, zone?: string): string {
	const instant = typeof date === 'string' ? new Date(date) : date;
	// Not a time (a hand-edited file): shown as it is rather than as "NaN-NaN".
	if (Number.isNaN(instant.getTime())) return String(date);
	const w = wallTime(instant, zone);
	return `${minuteText(w)} ${offsetText(w.offset)}`;
}

/** "YYYY-MM-DD HH:MM:SS +08:00": the audit trail, where the second matters. */
export function formatStampSeconds(date: Date | string, zone?: string): string {
	const instant = typeof date === 'string' ? new Date(date) : date;
	if (Number.isNaN(instant.getTime())) return String(date);
	const w = wallTime(instant, zone);
	return `${minuteText(w)}:${pad(w.second)} ${offsetText(w.offset)}`;
}

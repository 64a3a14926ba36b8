/**
 * The time paper originals were sent (`--sent-at`, a batch file's sentAt column), as people type
 * it: ISO 8601 / RFC 3339 date and time, `T` or a space between them, seconds and fractions
 * optional, and an offset (`Z`, `+08:00`) — without one, the terminal's local time, as a clerk
 * reads the clock. A date that does not exist (02-30, 24:00) is refused, not rolled over as
 * Date.parse would. The hub gets the instant in one form, UTC (toISOString).
 */
const SENT_AT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i;

/** The instant as an ISO string in UTC, or undefined for text that is not a valid time. */
export function parseSentAt(text: string): string | undefined {
	const m = SENT_AT.exec(text.trim());
	if (!m) return undefined;
	const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '00'].map(Number) as [number, number, number, number, number, number];
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) return undefined;
	const offset = m[8]?.toUpperCase();
	if (offset && offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4, 6)) > 59)) return undefined;
	const fraction = (m[7] ?? '.000').padEnd(4, '0').slice(0, 4);
	// Date-time text without an offset is local time (ECMA-262 Date Time String Format).
	const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${String(second).padStart(2, '0')}${fraction}${offset ?? ''}`);
	return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * Segment files: `<dataDir>/audit/YYYY-MM-DD.NNNN.json`, one day split into numbered parts of
 * bounded size so an append never rewrites more than one part (see bench/audit.ts for why).
 * Names sort in chain order; the store never opens a segment that sorts before the current one,
 * even when the clock goes back (the entry then goes into the current day's part).
 */
export const SEGMENT_FORMAT = 'tongban-audit-segment/1';
const SEGMENT_FILE = /^(\d{4}-\d{2}-\d{2})\.(\d{4})\.json$/;

export interface SegmentName {
	day: string;
	part: number;
}

export function segmentFileName(name: string): string {
	return `${name}.json`;
}

export function formatSegment({day, part}: SegmentName): string {
	return `${day}.${String(part).padStart(4, '0')}`;
}

/** Parses `2026-11-26.0003` or `2026-11-26.0003.json`; undefined for anything else (temp files, head, lock). */
export function parseSegment(nameOrFile: string): SegmentName | undefined {
	const m = SEGMENT_FILE.exec(nameOrFile.endsWith('.json') ? nameOrFile : `${nameOrFile}.json`);
	if (!m) return undefined;
	return {day: m[1]!, part: Number(m[2])};
}

/** The local calendar day of an instant (counters work in local time). */
export function localDay(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Where the next entry goes: the current segment while it has room and the day has not moved on;
 * the next part of the current day when full (also when the clock went back); part 1 of a new day.
 */
export function nextSegment(current: {name: string; entries: number} | undefined, now: Date, maxEntries: number): {name: string; fresh: boolean} {
	const today = localDay(now);
	if (!current) return {name: formatSegment({day: today, part: 1}), fresh: true};
	const cur = parseSegment(current.name);
	if (!cur) throw new Error(`not a segment name: ${current.name}`);
	if (today > cur.day) return {name: formatSegment({day: today, part: 1}), fresh: true};
	if (current.entries < maxEntries) return {name: current.name, fresh: false};
	return {name: formatSegment({day: cur.day, part: cur.part + 1}), fresh: true};
}

/** The file body of one segment. `prevSegment` lets verify name a whole missing segment. */
export interface SegmentData<E = unknown> {
	format: typeof SEGMENT_FORMAT;
	name: string;
	prevSegment: string | null;
	entries: E[];
}

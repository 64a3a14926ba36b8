/**
 * Fits a one-line bar made of segments into a width: first switch the least important
 * segments to their short forms one by one, then drop the least important, then truncate. Used by the top bar; pure.
 */
import {displayWidth, truncateToWidth} from '../../text/width.js';

export interface Segment {
	text: string;
	/** Shorter form used when the full bar does not fit. */
	short?: string;
	/** Higher is more important; the lowest is dropped first. */
	priority: number;
}

export function fitSegments(segments: readonly Segment[], width: number, separator = ' | '): string {
	const kept = segments.map((segment) => ({...segment, current: segment.text}));
	const fits = () => displayWidth(kept.map((entry) => entry.current).join(separator)) <= width;
	// Least important first: shorten, one segment at a time.
	const byPriority = [...kept].sort((a, b) => a.priority - b.priority);
	for (const entry of byPriority) {
		if (fits()) break;
		if (entry.short !== undefined) entry.current = entry.short;
	}
	while (kept.length > 1 && !fits()) {
		const lowest = kept.reduce((low, entry, index) => (entry.priority < (kept[low]?.priority ?? Infinity) ? index : low), 0);
		kept.splice(lowest, 1);
	}
	return truncateToWidth(kept.map((entry) => entry.current).join(separator), width);
}

/**
 * The time shown in the top bar, "YYYY-MM-DD HH:MM", refreshed once a minute on the minute.
 * Per-minute on purpose: Ink 6 caches every distinct string it measures and never evicts
 * (vadimdemedes/ink#986), so a per-second clock grows memory all shift long.
 */
import {useEffect, useState} from 'react';
import type {Clock} from '../../core/ports/clock.js';
import {formatMinute} from '../../text/time.js';

/** Milliseconds until the next minute starts (at least 1, so a timer never spins). */
export function msUntilNextMinute(date: Date): number {
	return Math.max(1, 60_000 - (date.getSeconds() * 1000 + date.getMilliseconds()));
}

export function useMinuteClock(clock: Clock): string {
	const [text, setText] = useState(() => formatMinute(clock.now()));
	useEffect(() => {
		let timer: NodeJS.Timeout;
		const schedule = () => {
			timer = setTimeout(() => {
				setText(formatMinute(clock.now()));
				schedule();
			}, msUntilNextMinute(clock.now()));
			// The clock alone must never keep the process alive after the console exits.
			timer.unref?.();
		};
		schedule();
		return () => clearTimeout(timer);
	}, [clock]);
	return text;
}

/** A clock tests move by hand: shared by the hub tests, the crash-test child and the bench. */
import type {Clock} from '../../src/core/ports/clock.js';

export interface ManualClock extends Clock {
	advance(ms: number): void;
	set(date: Date): void;
}

export function manualClock(start = new Date('2025-06-05T01:00:00.000Z')): ManualClock {
	let now = start.getTime();
	return {
		now: () => new Date(now),
		advance: (ms) => {
			now += ms;
		},
		set: (date) => {
			now = date.getTime();
		},
	};
}

/**
 * The branch's work list, polled in the background while a clerk is signed in: every `baseMs`
 * with the last ETag (the hub answers 304 and no body while nothing changed), backing off
 * (doubling up to `maxMs`) while the hub does not answer. The list lands in the work slice (its
 * counts go to the top bar); `w` and `R` ask at once through the same effect.
 */
import {useEffect} from 'react';
import type {Timers, WorkPort} from '../services.js';
import {nextPollDelay} from './useCasePolling.js';

const WORK_POLL_MS = 30_000;
const WORK_POLL_MAX_MS = 5 * 60_000;

export interface WorkPollingOptions {
	work: WorkPort | undefined;
	active: boolean;
	timers: Timers;
	poll(): Promise<void>;
	baseMs?: number;
	maxMs?: number;
}

export function useWorkPolling({work, active, timers, poll, baseMs = WORK_POLL_MS, maxMs = WORK_POLL_MAX_MS}: WorkPollingOptions): void {
	useEffect(() => {
		if (!work || !active) return;
		let live = true;
		let failures = 0;
		let cancel = () => {};
		const round = () => {
			poll()
				.then(
					() => {
						failures = 0;
					},
					() => {
						failures++;
					},
				)
				.finally(() => {
					if (live) cancel = timers.after(nextPollDelay(failures, baseMs, maxMs), round);
				});
		};
		round();
		return () => {
			live = false;
			cancel();
		};
	}, [work, active, timers, poll, baseMs, maxMs]);
}

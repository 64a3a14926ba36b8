/**
 * Locks the screen after `minutes` without a key. Activity is a timestamp (cheap to note on every
 * key); one timer checks when the limit could next be reached and re-arms itself, so the clock
 * and timers are injected and tests move them by hand.
 */
import {useCallback, useEffect, useRef} from 'react';
import type {Clock} from '../../core/ports/clock.js';
import type {Timers} from '../services.js';

export interface IdleLockOptions {
	enabled: boolean;
	minutes: number;
	clock: Clock;
	timers: Timers;
	onIdle(): void;
}

export function useIdleLock({enabled, minutes, clock, timers, onIdle}: IdleLockOptions): {noteActivity(): void} {
	const last = useRef(clock.now().getTime());
	const onIdleRef = useRef(onIdle);
	onIdleRef.current = onIdle;
	const noteActivity = useCallback(() => {
		last.current = clock.now().getTime();
	}, [clock]);
	useEffect(() => {
		if (!enabled || minutes <= 0) return;
		const limit = minutes * 60_000;
		last.current = clock.now().getTime();
		let cancel = () => {};
		const check = () => {
			const idle = clock.now().getTime() - last.current;
			if (idle >= limit) onIdleRef.current();
			else cancel = timers.after(limit - idle, check);
		};
		cancel = timers.after(limit, check);
		return () => cancel();
	}, [enabled, minutes, clock, timers]);
	return {noteActivity};
}

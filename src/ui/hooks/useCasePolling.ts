/**
 * Today's cases, polled in the background while an operator is signed in: every `baseMs` when
 * the hub answers, backing off (doubling up to `maxMs`) while it does not. A status that differs
 * from the one seen last is reported once through `onChange` (flash + audit); the first load
 * only seeds what was seen.
 */
import {useCallback, useEffect, useRef, useState} from 'react';
import type {CaseStatus} from '../../core/cases/model.js';
import type {Clock} from '../../core/ports/clock.js';
import type {CaseRow, CasesPort, Timers} from '../services.js';

export interface CasePollingOptions {
	cases: CasesPort | undefined;
	active: boolean;
	clock: Clock;
	timers: Timers;
	onChange(row: CaseRow, from: CaseStatus): void;
	baseMs?: number;
	maxMs?: number;
	/** Changes when the local index may hold new cases (the outbox submitted one): re-read it. */
	reloadKey?: number;
}

export interface CasePolling {
	rows: CaseRow[];
	polledAt: Date | undefined;
	/** Set while the hub is failing: when the next attempt is due. */
	retryInMs: number | undefined;
	refreshNow(): void;
}

const CASE_POLL_MS = 20_000;
const CASE_POLL_MAX_MS = 5 * 60_000;

/** The wait before the next poll: `baseMs`, doubling per failure in a row up to `maxMs` (also the work list's). */
export function nextPollDelay(failures: number, baseMs: number, maxMs: number): number {
	return failures === 0 ? baseMs : Math.min(maxMs, baseMs * 2 ** failures);
}

export function useCasePolling({cases, active, clock, timers, onChange, baseMs = CASE_POLL_MS, maxMs = CASE_POLL_MAX_MS, reloadKey}: CasePollingOptions): CasePolling {
	const [rows, setRows] = useState<CaseRow[]>(() => cases?.list() ?? []);
	const [polledAt, setPolledAt] = useState<Date | undefined>();
	const [retryInMs, setRetryInMs] = useState<number | undefined>();
	const seen = useRef(new Map<string, CaseStatus>());
	const onChangeRef = useRef(onChange);
	onChangeRef.current = onChange;
	const pollRef = useRef<() => void>(() => {});

	useEffect(() => {
		if (!cases || !active) return;
		let live = true;
		let failures = 0;
		let cancel = () => {};
		let running = false;
		const note = (list: CaseRow[], report: boolean) => {
			for (const row of list) {
				const before = seen.current.get(row.caseId);
				if (report && before !== undefined && before !== row.status) onChangeRef.current(row, before);
				seen.current.set(row.caseId, row.status);
			}
			setRows(list);
		};
		note(cases.list(), false);
		const poll = () => {
			if (running) return;
			running = true;
			cancel();
			cases
				.refresh()
				.then((list) => {
					if (!live) return;
					failures = 0;
					note(list, true);
					setPolledAt(clock.now());
					setRetryInMs(undefined);
				})
				.catch(() => {
					if (!live) return;
					failures++;
					setRetryInMs(nextPollDelay(failures, baseMs, maxMs));
				})
				.finally(() => {
					running = false;
					if (live) cancel = timers.after(nextPollDelay(failures, baseMs, maxMs), poll);
				});
		};
		pollRef.current = poll;
		poll();
		return () => {
			live = false;
			cancel();
			pollRef.current = () => {};
		};
	}, [cases, active, clock, timers, baseMs, maxMs]);

	useEffect(() => {
		if (!cases || !active || reloadKey === undefined) return;
		const list = cases.list();
		// New cases are only seeded here: a status change is reported by the poll that saw it.
		for (const row of list) if (!seen.current.has(row.caseId)) seen.current.set(row.caseId, row.status);
		setRows(list);
	}, [cases, active, reloadKey]);

	const refreshNow = useCallback(() => pollRef.current(), []);
	return {rows, polledAt, retryInMs, refreshNow};
}

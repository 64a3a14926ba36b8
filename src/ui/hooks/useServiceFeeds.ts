/**
 * Subscriptions to what the services show: the hub's and the reader's state, the demo's card on
 * the reader and page under the camera, the outbox's waiting count, the files set aside, and the
 * audit log's recent entries while the audit view is open. Each value is kept in React state and
 * updated when its port says it changed; nothing is read from a service while rendering.
 */
import {useEffect, useState} from 'react';
import type {AuditEntry} from '../../core/audit/model.js';
import type {ReaderState} from '../../core/ports/reader.js';
import {problemOf, type Bilingual} from '../problem.js';
import type {AuditPort, CameraPort, ConsoleServices, DayReportPort, DemoCardsPort, HubState, OutboxPort, QuarantinedFile, QuarantinePort, ReaderPort} from '../services.js';
import type {DayFeed} from '../views/dayModel.js';

/**
 * A port's value: read once, and again (through `subscribe`'s update) whenever the port says it
 * changed. Re-read when the subscription starts, in case it changed in between.
 */
function useWatched<P, T>(port: P | undefined, read: (port: P) => T, subscribe: (port: P, update: (value: T) => void) => (() => void) | undefined): T | undefined {
	const [value, setValue] = useState(() => (port ? read(port) : undefined));
	useEffect(() => {
		if (!port) return;
		setValue(read(port));
		return subscribe(port, setValue);
	}, [port]); // eslint-disable-line react-hooks/exhaustive-deps -- read and subscribe are fixed per call site
	return value;
}

/** A value a port loads asynchronously: loaded now and again on every change it reports; answers after unmount are dropped. */
function useLoaded<P, T>(port: P | undefined, load: (port: P) => Promise<T>, subscribe: (port: P, listener: () => void) => () => void, apply: (value: T) => void): void {
	useEffect(() => {
		if (!port) return;
		let live = true;
		const update = () => {
			load(port)
				.then((value) => {
					if (live) apply(value);
				})
				.catch(() => undefined);
		};
		update();
		const unsubscribe = subscribe(port, update);
		return () => {
			live = false;
			unsubscribe();
		};
	}, [port]); // eslint-disable-line react-hooks/exhaustive-deps -- load, subscribe and apply are fixed per call site
}

export function useHubState(services: ConsoleServices): HubState {
	return useWatched(services, (s) => s.hubState(), (s, update) => s.onHubStateChange?.(() => update(s.hubState())))!;
}

export function useReaderState(reader: ReaderPort | undefined): ReaderState | undefined {
	return useWatched(reader, (r) => r.state(), (r, update) => r.subscribe((event) => event.type === 'state' && update(event.state)));
}

/** Demo: the emulated card on the reader now. */
export function useDemoCard(cards: DemoCardsPort | undefined): string | undefined {
	return useWatched(cards, (c) => c.current(), (c, update) => c.subscribe(() => update(c.current())));
}

/** Demo: the emulated page in front of the camera now (undefined: not a demo camera). */
export function useCameraPage(camera: CameraPort | undefined): string | undefined {
	return useWatched(camera, (c) => c.page?.(), (c, update) => c.onPageChange?.(() => update(c.page?.())));
}

/** Waiting cases; `version` changes on every outbox event (the cases list re-reads its index then). */
export function useOutboxCount(outbox: OutboxPort | undefined): {count: number | undefined; version: number} {
	const [feed, setFeed] = useState<{count: number | undefined; version: number}>({count: undefined, version: 0});
	useLoaded(outbox, (o) => o.pendingCount(), (o, listener) => o.subscribe(listener), (count) => setFeed((previous) => ({count, version: previous.version + 1})));
	return feed;
}

/** Files set aside and not yet acknowledged (re-read whenever the backend sets one aside). */
export function useQuarantined(quarantine: QuarantinePort | undefined): QuarantinedFile[] {
	const [files, setFiles] = useState<QuarantinedFile[]>([]);
	useLoaded(quarantine, (q) => q.list(), (q, listener) => q.subscribe(listener), setFiles);
	return files;
}

/**
 * The audit log's recent entries while the view is open; `problem` when they cannot be read (a
 * damaged part is named by the store's error: the view says so rather than showing an empty log).
 */
export function useAuditEntries(audit: AuditPort | undefined, active: boolean, limit = 200): {entries: AuditEntry[] | undefined; problem?: Bilingual} {
	const [feed, setFeed] = useState<{entries: AuditEntry[] | undefined; problem?: Bilingual}>({entries: undefined});
	useEffect(() => {
		if (!audit || !active) return;
		let live = true;
		setFeed({entries: undefined});
		audit
			.recent(limit)
			.then((list) => {
				if (live) setFeed({entries: list});
			})
			.catch((error: unknown) => {
				if (live) setFeed({entries: [], problem: problemOf(error)});
			});
		return () => {
			live = false;
		};
	}, [audit, active, limit]);
	return feed;
}

/** 日终: the day's report while its view is open, read again whenever `reload` changes (R). */
export function useDayReport(port: DayReportPort | undefined, active: boolean, reload: number): DayFeed {
	const [feed, setFeed] = useState<DayFeed>({});
	useEffect(() => {
		if (!port || !active) return;
		let live = true;
		setFeed({});
		port
			.today()
			.then((report) => {
				if (live) setFeed({report});
			})
			.catch((error: unknown) => {
				if (live) setFeed({problem: problemOf(error)});
			});
		return () => {
			live = false;
		};
	}, [port, active, reload]);
	return feed;
}

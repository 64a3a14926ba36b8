/**
 * Small subscriptions to the services the top bar and views show: the reader's state, the
 * outbox's waiting count (which also re-renders the hub state), and the audit log's recent
 * entries while the audit view is open.
 */
import {useEffect, useState} from 'react';
import type {AuditEntry} from '../../core/audit/model.js';
import type {ReaderState} from '../../core/ports/reader.js';
import {problemOf, type Bilingual} from '../problem.js';
import type {AuditPort, OutboxPort, QuarantinedFile, QuarantinePort, ReaderPort} from '../services.js';

export function useReaderState(reader: ReaderPort | undefined): ReaderState | undefined {
	const [state, setState] = useState(() => reader?.state());
	useEffect(() => {
		if (!reader) return;
		setState(reader.state());
		return reader.subscribe((event) => {
			if (event.type === 'state') setState(event.state);
		});
	}, [reader]);
	return state;
}

/** Waiting cases; `version` changes on every outbox event so the hub state is re-read too. */
export function useOutboxCount(outbox: OutboxPort | undefined): {count: number | undefined; version: number} {
	const [feed, setFeed] = useState<{count: number | undefined; version: number}>({count: undefined, version: 0});
	useEffect(() => {
		if (!outbox) return;
		let live = true;
		const update = () => {
			outbox
				.pendingCount()
				.then((count) => {
					if (live) setFeed((previous) => ({count, version: previous.version + 1}));
				})
				.catch(() => undefined);
		};
		update();
		const unsubscribe = outbox.subscribe(update);
		return () => {
			live = false;
			unsubscribe();
		};
	}, [outbox]);
	return feed;
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

/** Files set aside and not yet acknowledged (re-read whenever the backend sets one aside). */
export function useQuarantined(quarantine: QuarantinePort | undefined): QuarantinedFile[] {
	const [files, setFiles] = useState<QuarantinedFile[]>([]);
	useEffect(() => {
		if (!quarantine) return;
		let live = true;
		const update = () => {
			quarantine
				.list()
				.then((list) => {
					if (live) setFiles(list);
				})
				.catch(() => undefined);
		};
		update();
		const unsubscribe = quarantine.subscribe(update);
		return () => {
			live = false;
			unsubscribe();
		};
	}, [quarantine]);
	return files;
}

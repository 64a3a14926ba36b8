/**
 * What the outbox of a data folder holds, read the way the app reads it (snapshot, journal and
 * archive: src/store/outbox-files.ts), for tests that check what was queued. No lock is taken.
 */
import type {OutboxEntry} from '../core/cases/outbox-machine.js';
import {allOutboxEntries} from '../store/outbox-files.js';

export async function outboxEntriesOf(dataDir: string): Promise<OutboxEntry[]> {
	const entries: OutboxEntry[] = [];
	for await (const entry of allOutboxEntries(dataDir)) entries.push(entry);
	return entries;
}

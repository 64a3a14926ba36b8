/** Where the outbox keeps its entries and the material bytes (src/store/outbox.ts implements both). */
import type {OutboxEntry} from '../cases/outbox-machine.js';

/**
 * Durable storage of outbox entries. Delivered entries move out of the way of the ones still
 * being worked on (src/store/outbox-files.ts), so `pending` and `put` cost the same whatever the
 * history; `list` reads the whole history.
 */
export interface OutboxStore {
	/** Entries not delivered yet (waiting, being sent, or refused by the hub): what a drain works through. */
	pending(): Promise<OutboxEntry[]>;
	/** Entries not yet moved to the archive: the pending ones and those delivered since the last compaction. */
	recent(): Promise<OutboxEntry[]>;
	/** The entry under an id (its idempotency key), delivered ones included. */
	get(id: string): Promise<OutboxEntry | undefined>;
	/** The case's own entry (not a supplement's) whose receipt names `caseId`, delivered ones included. */
	caseEntry(caseId: string): Promise<OutboxEntry | undefined>;
	/** Every entry, delivered ones included: reads the whole history (a reindex, a retention purge). */
	list(): Promise<OutboxEntry[]>;
	/**
	 * Writes an entry; resolves once it is on disk. With `durable: false` it resolves once written
	 * but not yet synced (the next durable write syncs it): only for a change whose loss in a power
	 * cut costs nothing but a repeated, idempotent request (a blob the hub confirmed having).
	 */
	put(entry: OutboxEntry, options?: {durable?: boolean}): Promise<void>;
	/** Waits for the writes queued so far and lets go of open files (a later put opens them again). */
	close?(): Promise<void>;
}

/** Material bytes kept locally until the hub has them (content-addressed). */
export interface BlobStore {
	/** Stores bytes durably and returns their sha256. */
	save(bytes: Uint8Array): Promise<string>;
	read(sha256: string): Promise<Uint8Array>;
	remove(sha256: string): Promise<void>;
}

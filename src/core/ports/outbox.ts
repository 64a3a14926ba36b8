/** Where the outbox keeps its entries and the material bytes (src/store/outbox.ts implements both). */
import type {OutboxEntry} from '../cases/outbox-machine.js';

/** Durable storage of outbox entries. `put` returns only once the entry is on disk. */
export interface OutboxStore {
	list(): Promise<OutboxEntry[]>;
	put(entry: OutboxEntry): Promise<void>;
	remove(id: string): Promise<void>;
}

/** Material bytes kept locally until the hub has them (content-addressed). */
export interface BlobStore {
	/** Stores bytes durably and returns their sha256. */
	save(bytes: Uint8Array): Promise<string>;
	read(sha256: string): Promise<Uint8Array>;
	remove(sha256: string): Promise<void>;
}

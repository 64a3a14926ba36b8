/**
 * The outbox on disk: entries in one lowdb file written with DurableJSONFile (temp, fsync, rename,
 * fsync dir), so an entry that `put` resolved for survives a power cut; material bytes in a
 * content-addressed folder beside it, written the same way and re-hashed when read back.
 * One writer per data directory (lowdb has no cross-process lock).
 */
import {createHash} from 'node:crypto';
import {readFile, rm} from 'node:fs/promises';
import {join} from 'node:path';
import {Low} from 'lowdb';
import {createOutbox, type Outbox, type OutboxDeps} from '../core/cases/outbox.js';
import type {OutboxEntry} from '../core/cases/outbox-machine.js';
import type {BlobStore, HubApi, OutboxStore} from '../core/cases/ports.js';
import {IntegrityError} from '../core/errors.js';
import type {Clock} from '../core/ports.js';
import {DurableJSONFile, writeFileDurable} from './durable-json.js';

interface OutboxFile {
	version: 1;
	entries: Record<string, OutboxEntry>;
}

export function outboxPath(dataDir: string): string {
	return join(dataDir, 'outbox.json');
}

export async function openOutboxStore(dataDir: string): Promise<OutboxStore> {
	const db = new Low<OutboxFile>(new DurableJSONFile<OutboxFile>(outboxPath(dataDir)), {version: 1, entries: {}});
	await db.read();
	return {
		async list() {
			return Object.values(db.data.entries).map((e) => structuredClone(e));
		},
		async put(entry) {
			db.data.entries[entry.id] = structuredClone(entry);
			await db.write();
		},
		async remove(id) {
			if (!(id in db.data.entries)) return;
			delete db.data.entries[id];
			await db.write();
		},
	};
}

const SHA256 = /^[0-9a-f]{64}$/;

export function openBlobStore(dataDir: string): BlobStore {
	const dir = join(dataDir, 'outbox-blobs');
	const file = (sha256: string) => {
		if (!SHA256.test(sha256)) throw new IntegrityError('blob_name_invalid', `材料文件名无效：${sha256}`);
		return join(dir, sha256);
	};
	return {
		async save(bytes) {
			const sha256 = createHash('sha256').update(bytes).digest('hex');
			await writeFileDurable(file(sha256), bytes);
			return sha256;
		},
		async read(sha256) {
			const bytes = await readFile(file(sha256));
			// A damaged file must not reach the hub under the old hash (it would answer 422 forever).
			if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
				throw new IntegrityError('blob_corrupt', `本地材料文件已损坏：${file(sha256)}`, {sha256});
			}
			return bytes;
		},
		async remove(sha256) {
			await rm(file(sha256), {force: true});
		},
	};
}

/** The outbox of a data directory, wired to a hub. */
export async function openOutbox(options: {dataDir: string; hub: HubApi; clock: Clock} & Partial<Pick<OutboxDeps, 'random' | 'backoff' | 'setTimer'>>): Promise<Outbox> {
	const store = await openOutboxStore(options.dataDir);
	const {dataDir: _dataDir, ...rest} = options;
	return createOutbox({...rest, store, blobs: openBlobStore(options.dataDir)});
}

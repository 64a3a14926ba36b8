/**
 * The outbox on disk: entries in one lowdb file written with DurableJSONFile (temp, fsync, rename,
 * fsync dir), so an entry that `put` resolved for survives a power cut; material bytes in a
 * content-addressed folder beside it, written the same way and re-hashed when read back.
 *
 * The outbox is the record of what this terminal sent: a damaged `outbox.json` (cut short, not
 * JSON, or JSON of the wrong shape such as `null` or `{"entries":[]}`) is refused with exit 5 and
 * left exactly where it is: never read as empty, never moved aside (a fresh outbox would forget
 * cases still waiting to be sent). The case index is rebuilt from it (cases-index.ts).
 *
 * One writer per data directory: every process that writes the outbox (the console, `cases
 * submit`, `cases outbox --drain`, `audit purge`, `cases reindex`) holds the audit log's writer
 * lock for its whole run (commands/cases/audit-session.ts), which is the terminal's one-writer
 * lock; lowdb itself has no cross-process lock.
 */
import {createHash} from 'node:crypto';
import {readdir, readFile, rm, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {Low} from 'lowdb';
import {createOutbox, type Outbox, type OutboxDeps} from '../core/cases/outbox.js';
import type {OutboxEntry} from '../core/cases/outbox-machine.js';
import {purgedSubmission} from '../core/cases/purge.js';
import type {BlobStore, OutboxStore} from '../core/ports/outbox.js';
import type {HubApi} from '../core/ports/hub.js';
import {IntegrityError} from '../core/errors.js';
import type {Clock} from '../core/ports/clock.js';
import {CheckedJSONFile, removeStaleTemps, writeFileDurable} from './durable-json.js';
import {outboxFileSchema, shapeCheck} from './shapes.js';

interface OutboxFile {
	version: 1;
	entries: Record<string, OutboxEntry>;
}

function outboxPath(dataDir: string): string {
	return join(dataDir, 'outbox.json');
}

function blobDir(dataDir: string): string {
	return join(dataDir, 'outbox-blobs');
}

/** Opens the outbox file; throws DataFileCorruptError (exit 5, file untouched) when it is damaged. */
export async function openOutboxStore(dataDir: string): Promise<OutboxStore> {
	const db = new Low<OutboxFile>(new CheckedJSONFile<OutboxFile>(outboxPath(dataDir), shapeCheck(outboxFileSchema)), {version: 1, entries: {}});
	await db.read();
	// A killed writer's temp copies hold applicants' data: gone once nobody can rename them.
	await removeStaleTemps(dataDir, 'outbox.json');
	await removeStaleTemps(blobDir(dataDir));
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

/**
 * Retention for the outbox (store/retention.ts): the entries whose keys are given lose the
 * applicant's and the agent's names and numbers and the answers (core/cases/purge.ts; key, case
 * id, item and state stay), and material
 * bytes no longer needed by an entry still holding its data are deleted. Returns the counts.
 * The caller holds the terminal's writer lock (the audit store), like every outbox writer.
 */
export async function purgeOutboxEntries(dataDir: string, keys: ReadonlySet<string>, at: Date, dryRun: boolean): Promise<{entries: number; blobs: number}> {
	const store = await openOutboxStore(dataDir);
	const entries = await store.list();
	let purged = 0;
	for (const entry of entries) {
		if (!keys.has(entry.idempotencyKey) || entry.purgedAt) continue;
		purged++;
		if (dryRun) continue;
		const next: OutboxEntry = {...entry, submission: purgedSubmission(entry.submission), purgedAt: at.toISOString()};
		Object.assign(entry, next);
		await store.put(next);
	}
	// Bytes still needed: those of entries that keep their data (not sent yet, or not expired).
	const needed = new Set(entries.filter((e) => !e.purgedAt && !keys.has(e.idempotencyKey)).flatMap((e) => e.blobs.map((b) => b.sha256)));
	const known = new Set(entries.flatMap((e) => e.blobs.map((b) => b.sha256)));
	let blobs = 0;
	const names = await readdir(blobDir(dataDir)).catch(() => [] as string[]);
	for (const name of names) {
		if (!SHA256.test(name) || needed.has(name)) continue;
		// Bytes no entry names (a crash between saving them and queueing the case) have no case to wait for.
		if (!known.has(name) && at.getTime() - (await stat(join(blobDir(dataDir), name))).mtimeMs < ORPHAN_GRACE_MS) continue;
		blobs++;
		if (!dryRun) await rm(join(blobDir(dataDir), name), {force: true});
	}
	return {entries: purged, blobs};
}

/** An unreferenced blob this young may belong to a case being queued right now. */
const ORPHAN_GRACE_MS = 86_400_000;

const SHA256 = /^[0-9a-f]{64}$/;

function openBlobStore(dataDir: string): BlobStore {
	const dir = blobDir(dataDir);
	const file = (sha256: string) => {
		if (!SHA256.test(sha256)) throw new IntegrityError('blob_name_invalid', {name: sha256.slice(0, 80)});
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
				throw new IntegrityError('blob_corrupt', {file: file(sha256)}, {sha256});
			}
			return bytes;
		},
		async remove(sha256) {
			await rm(file(sha256), {force: true});
		},
	};
}

/** The outbox of a data directory, wired to a hub. */
export async function openOutbox(options: {dataDir: string; hub: HubApi; clock: Clock} & Partial<Pick<OutboxDeps, 'random' | 'backoff' | 'setTimer' | 'sleep'>>): Promise<Outbox> {
	const store = await openOutboxStore(options.dataDir);
	const {dataDir: _dataDir, ...rest} = options;
	return createOutbox({...rest, store, blobs: openBlobStore(options.dataDir)});
}

/**
 * The outbox on disk: entries in a snapshot, a journal of state changes and an archive of
 * delivered entries (outbox-files.ts, which says how each is written and read back), so that a
 * state change is one small durable append whatever the history (issue 17.2); material bytes in
 * a content-addressed folder beside them, written durably and re-hashed when read back.
 *
 * The outbox is the record of what this terminal sent: a damaged file (cut short, not JSON, or
 * JSON of the wrong shape such as `null` or `{"entries":[]}`; a journal line that does not parse;
 * an archive missing or shorter than the snapshot says) is refused with exit 5 and left exactly
 * where it is: never read as empty, never moved aside (a fresh outbox would forget cases still
 * waiting to be sent). The case index is rebuilt from it (cases-index.ts).
 *
 * One writer per data directory: every process that writes the outbox (the console, `cases
 * submit`, `cases outbox --drain`, `audit purge`, `cases reindex`) holds the audit log's writer
 * lock for its whole run (commands/cases/audit-session.ts), which is the terminal's one-writer
 * lock. Opening the store only reads; the first write repairs what a killed writer left (a cut
 * journal line, an archive tail past its commit, an archive generation a purge left behind).
 */
import {createHash} from 'node:crypto';
import {constants} from 'node:fs';
import {mkdir, open, readdir, readFile, rm, stat, type FileHandle} from 'node:fs/promises';
import {join} from 'node:path';
import {createOutbox, type Outbox, type OutboxDeps} from '../core/cases/outbox.js';
import type {OutboxEntry} from '../core/cases/outbox-machine.js';
import {purgedSubmission} from '../core/cases/purge.js';
import type {BlobStore, OutboxStore} from '../core/ports/outbox.js';
import type {HubApi} from '../core/ports/hub.js';
import {IntegrityError} from '../core/errors.js';
import type {Clock} from '../core/ports/clock.js';
import {SerialQueue} from '../core/serial-queue.js';
import {removeStaleTemps, syncDirectory, writeFileDurable} from './durable-json.js';
import {
	ARCHIVE_FILE,
	COMPACT_EVERY,
	JOURNAL_FILE,
	SNAPSHOT_FILE,
	archiveGeneration,
	archiveLine,
	archiveName,
	archivedEntries,
	journalLine,
	readOutboxFiles,
	type DeliveredArchive,
	type OutboxFilesState,
	type OutboxSnapshotFile,
} from './outbox-files.js';

function blobDir(dataDir: string): string {
	return join(dataDir, 'outbox-blobs');
}

/** The writer's side of the outbox files: the live entries in memory, changes appended to the journal. */
class JournalledOutboxStore implements OutboxStore {
	readonly #dataDir: string;
	readonly #state: OutboxFilesState;
	readonly #writes = new SerialQueue();
	/** Whether the first write has repaired what a killed writer left. */
	#repaired = false;
	/** The journal, open for appending from the first write until close(). */
	#journal: FileHandle | undefined;
	/** Bytes in the journal on disk once repaired (where the next line starts). */
	#journalSize = 0;
	/** Hashes of the archived ids (built on the first lookup that misses the live entries). */
	#archivedIds: Set<number> | undefined;
	/** A write that failed half way: the store refuses writes until reopened (which reads what is on disk). */
	#broken: unknown;

	readonly #compactEvery: number;

	constructor(dataDir: string, state: OutboxFilesState, compactEvery: number) {
		this.#dataDir = dataDir;
		this.#state = state;
		this.#compactEvery = compactEvery;
	}

	async pending(): Promise<OutboxEntry[]> {
		return [...this.#state.live.values()].filter((e) => e.phase !== 'done').map((e) => structuredClone(e));
	}

	async recent(): Promise<OutboxEntry[]> {
		return [...this.#state.live.values()].map((e) => structuredClone(e));
	}

	async get(id: string): Promise<OutboxEntry | undefined> {
		const live = this.#state.live.get(id);
		if (live) return structuredClone(live);
		// Serialised with the writes: a compaction in flight must not move the entry under us.
		return this.#writes.run(async () => {
			const now = this.#state.live.get(id);
			if (now) return structuredClone(now);
			const ids = await this.#archivedIdHashes();
			if (!ids.has(idHash(id))) return undefined;
			for await (const entry of archivedEntries(this.#dataDir, this.#state.delivered)) if (entry.id === id) return entry;
			return undefined;
		});
	}

	async caseEntry(caseId: string): Promise<OutboxEntry | undefined> {
		const isCase = (e: OutboxEntry) => e.supplementFor === undefined && e.receipt?.caseId === caseId;
		for (const e of this.#state.live.values()) if (isCase(e)) return structuredClone(e);
		return this.#writes.run(async () => {
			for (const e of this.#state.live.values()) if (isCase(e)) return structuredClone(e);
			// Lines without the id as a string are skipped before they are parsed: a scan of the archive, not a parse of it.
			const needle = JSON.stringify(caseId);
			for await (const e of archivedEntries(this.#dataDir, this.#state.delivered, needle)) if (isCase(e)) return e;
			return undefined;
		});
	}

	async list(): Promise<OutboxEntry[]> {
		return this.#writes.run(async () => {
			const out = [...this.#state.live.values()].map((e) => structuredClone(e));
			for await (const entry of archivedEntries(this.#dataDir, this.#state.delivered)) if (!this.#state.live.has(entry.id)) out.push(entry);
			return out;
		});
	}

	put(entry: OutboxEntry, options: {durable?: boolean} = {}): Promise<void> {
		const copy = structuredClone(entry);
		return this.#withJournal(async (journal) => {
			const seq = this.#state.seq + 1;
			const bytes = Buffer.from(journalLine(seq, copy));
			try {
				await journal.write(bytes);
				if (options.durable !== false) await journal.datasync();
			} catch (error) {
				await this.#undoAppend(journal, error);
				throw error;
			}
			this.#journalSize += bytes.length;
			this.#state.seq = seq;
			this.#state.live.set(copy.id, copy);
			if (++this.#state.journalLines >= this.#compactEvery) {
				// The change is on disk already: a compaction that fails (a full disk) must not fail
				// the put. It leaves the files consistent (see #compact) and runs again at the next write.
				await this.#compact(journal).catch(() => undefined);
			}
		});
	}

	/**
	 * Rewrites every entry, archived ones included, through `transform` (a retention purge): the
	 * archive is written anew as the next generation, committed by the snapshot, and the old one
	 * deleted, so no earlier copy of a purged entry stays on disk.
	 */
	rewrite(transform: (entry: OutboxEntry) => OutboxEntry): Promise<void> {
		return this.#withJournal(async (journal) => {
			const old = this.#state.delivered;
			const generation = (old ? archiveGeneration(old.file) : 0) + 1;
			const file = archiveName(generation);
			const handle = await open(join(this.#dataDir, file), constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, 0o600);
			let bytes = 0;
			try {
				for await (const entry of archivedEntries(this.#dataDir, old)) {
					const line = Buffer.from(archiveLine(transform(entry)));
					await handle.write(line);
					bytes += line.length;
				}
				await handle.sync();
			} finally {
				await handle.close();
			}
			await syncDirectory(this.#dataDir);
			const live = new Map([...this.#state.live].map(([id, e]) => [id, transform(e)]));
			await this.#commit(journal, live, {file, bytes});
			if (old) await rm(join(this.#dataDir, old.file), {force: true});
			this.#archivedIds = undefined;
		});
	}

	/** Waits for the writes queued so far and closes the journal (a later write opens it again). */
	async close(): Promise<void> {
		await this.#writes.run(async () => {
			const journal = this.#journal;
			this.#journal = undefined;
			await journal?.close();
		});
	}

	/**
	 * Runs a write with the journal open for appending, one write at a time. The journal stays open
	 * (an open and a close per change would add two thread-pool round trips to each one, about as
	 * much as the fdatasync on a fast disk) until close(). The first write repairs what a killed
	 * writer left.
	 */
	#withJournal<T>(write: (journal: FileHandle) => Promise<T>): Promise<T> {
		return this.#writes.run(async () => {
			if (this.#broken !== undefined) throw this.#broken;
			this.#journal ??= await this.#openJournal();
			return write(this.#journal);
		});
	}

	async #openJournal(): Promise<FileHandle> {
		await mkdir(this.#dataDir, {recursive: true, mode: 0o700});
		const existed = this.#repaired || this.#state.journalBytes !== undefined;
		const journal = await open(join(this.#dataDir, JOURNAL_FILE), constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND, 0o600);
		try {
			if (!this.#repaired) {
				// A line cut by a kill was never acknowledged: cut it off so the next one starts clean.
				const complete = this.#state.journalBytes ?? 0;
				if (this.#state.journalSize > complete) {
					await journal.truncate(complete);
					await journal.datasync();
				}
				this.#journalSize = complete;
				if (!existed) await syncDirectory(this.#dataDir);
				await this.#repairArchive();
				this.#repaired = true;
			}
		} catch (error) {
			await journal.close();
			throw error;
		}
		return journal;
	}

	/** An archive tail past its commit (a compaction killed before its snapshot), and generations no snapshot names. */
	async #repairArchive(): Promise<void> {
		const current = this.#state.delivered;
		if (current) {
			const path = join(this.#dataDir, current.file);
			if ((await stat(path)).size > current.bytes) {
				const handle = await open(path, constants.O_WRONLY);
				try {
					await handle.truncate(current.bytes);
					await handle.sync();
				} finally {
					await handle.close();
				}
			}
		}
		// A purge killed before its commit, or the generation a committed purge replaced: both hold data that must go.
		for (const name of await readdir(this.#dataDir)) {
			if (ARCHIVE_FILE.test(name) && name !== current?.file) await rm(join(this.#dataDir, name), {force: true});
		}
	}

	/** Puts the journal back where it was after a failed append; if even that fails, refuses further writes. */
	async #undoAppend(journal: FileHandle, error: unknown): Promise<void> {
		try {
			await journal.truncate(this.#journalSize);
			await journal.datasync();
		} catch {
			this.#broken = error;
		}
	}

	/** Delivered entries to the archive, the rest to a new snapshot, the journal emptied (see outbox-files.ts). */
	async #compact(journal: FileHandle): Promise<void> {
		const delivered = [...this.#state.live.values()].filter((e) => e.phase === 'done');
		let archive = this.#state.delivered;
		// A compaction that failed before its commit may have left a tail: the append starts at the committed length.
		await this.#repairArchive();
		if (delivered.length > 0) {
			const file = archive?.file ?? archiveName(1);
			const text = Buffer.from(delivered.map(archiveLine).join(''));
			const handle = await open(join(this.#dataDir, file), constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND, 0o600);
			try {
				await handle.write(text);
				await handle.datasync();
			} finally {
				await handle.close();
			}
			if (!archive) await syncDirectory(this.#dataDir);
			archive = {file, bytes: (archive?.bytes ?? 0) + text.length};
		}
		const live = new Map([...this.#state.live].filter(([, e]) => e.phase !== 'done'));
		await this.#commit(journal, live, archive);
		if (this.#archivedIds) for (const e of delivered) this.#archivedIds.add(idHash(e.id));
	}

	/** Writes the snapshot (the commit point), then empties the journal. */
	async #commit(journal: FileHandle, live: Map<string, OutboxEntry>, archive: DeliveredArchive | undefined): Promise<void> {
		const snapshot: OutboxSnapshotFile = {version: 1, entries: Object.fromEntries(live), journal: {seq: this.#state.seq}, ...(archive ? {delivered: archive} : {})};
		await writeFileDurable(join(this.#dataDir, SNAPSHOT_FILE), JSON.stringify(snapshot));
		this.#state.live = live;
		this.#state.delivered = archive;
		this.#state.journalLines = 0;
		// Lines up to the snapshot's seq are skipped when read, so a kill before this is harmless.
		await journal.truncate(0);
		await journal.datasync();
		this.#journalSize = 0;
	}

	async #archivedIdHashes(): Promise<Set<number>> {
		if (!this.#archivedIds) {
			const ids = new Set<number>();
			for await (const entry of archivedEntries(this.#dataDir, this.#state.delivered)) ids.add(idHash(entry.id));
			this.#archivedIds = ids;
		}
		return this.#archivedIds;
	}
}

function compactEveryFromEnv(): number | undefined {
	const n = Number(process.env['TONGBAN_OUTBOX_COMPACT_EVERY']);
	return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** FNV-1a over the id's UTF-16 units: a small number per archived entry, checked against the entry itself on a hit. */
function idHash(id: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

/** The outbox store of a data directory, with `rewrite` and `close` for the callers that need them. */
export type OutboxFileStore = OutboxStore & Pick<JournalledOutboxStore, 'rewrite' | 'close'>;

/**
 * Opens the outbox files; throws DataFileCorruptError (exit 5, files untouched) when one is damaged.
 * `compactEvery` (journal lines between compactions) is COMPACT_EVERY unless a test or the
 * crash harness (TONGBAN_OUTBOX_COMPACT_EVERY) wants compactions often enough to be killed in one.
 */
export async function openOutboxStore(dataDir: string, options: {compactEvery?: number} = {}): Promise<OutboxFileStore> {
	const state = await readOutboxFiles(dataDir);
	// A killed writer's temp copies hold applicants' data: gone once nobody can rename them.
	await removeStaleTemps(dataDir, SNAPSHOT_FILE);
	await removeStaleTemps(blobDir(dataDir));
	return new JournalledOutboxStore(dataDir, state, options.compactEvery ?? compactEveryFromEnv() ?? COMPACT_EVERY);
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
	const purge = (entry: OutboxEntry) => keys.has(entry.idempotencyKey) && !entry.purgedAt;
	const purged = entries.filter(purge).length;
	if (!dryRun && purged > 0) {
		await store.rewrite((entry) => (purge(entry) ? {...entry, submission: purgedSubmission(entry.submission), purgedAt: at.toISOString()} : entry));
	}
	await store.close();
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

/**
 * The outbox's files (issue 17.2): what a state change costs must not grow with the history.
 *
 *  - `outbox.json`, the snapshot: the entries not delivered yet (and those delivered since the
 *    last compaction), as `{version: 1, entries, journal: {seq}, delivered: {file, bytes}}`;
 *  - `outbox.journal`, every state change since the snapshot, one JSON line each
 *    (`{"seq": n, "put": entry}`), appended and fdatasync'd: a state change is one small durable
 *    write whatever the history (the disk's durable-write floor, bench/outbox.ts);
 *  - `outbox-delivered.<g>.ndjson`, the archive: delivered entries, one line each, appended by
 *    compaction and rewritten only by a retention purge (which writes generation g+1).
 *
 * Compaction (every COMPACT_EVERY journal lines): delivered entries are appended to the archive
 * and synced, the snapshot is written durably (temp, fsync, rename) with the other entries, the
 * journal's last seq and the archive's new length, then the journal is emptied. The snapshot is
 * the commit point:
 *  - killed before it: the archive's tail past `delivered.bytes` is not part of the outbox
 *    (readers stop at `bytes`, the next writer cuts it off); the entries are still in the
 *    snapshot and journal;
 *  - killed after it: journal lines with seq <= `journal.seq` are in the snapshot and skipped.
 * A journal line cut short by a kill (no line break after it) was never acknowledged: it is
 * ignored and cut off by the next writer. Any other line that does not parse or has the wrong
 * shape, an archive that is missing or shorter than the snapshot says, is damage: a
 * DataFileCorruptError (exit 5) naming the file, and nothing is touched.
 *
 * An `outbox.json` written before the journal existed (every entry in it, no `journal` or
 * `delivered`) reads as a snapshot at seq 0; the first compaction moves its delivered entries out.
 * Writers hold the terminal's one-writer lock (outbox.ts); readers take no lock.
 */
import {createReadStream} from 'node:fs';
import {stat} from 'node:fs/promises';
import {join} from 'node:path';
import {z} from 'zod';
import type {OutboxEntry} from '../core/cases/outbox-machine.js';
import {DataFileCorruptError, readJsonChecked, readTextIfExists} from './durable-json.js';
import {boundedLines} from '../text/bounded-lines.js';
import {outboxEntrySchema, outboxFileSchema, shapeCheck} from './shapes.js';

/** Journal lines between compactions: small enough that the snapshot stays near the live entries. */
export const COMPACT_EVERY = 512;

export interface DeliveredArchive {
	/** File name inside the data folder. */
	file: string;
	/** Committed length: bytes past it belong to an interrupted compaction. */
	bytes: number;
}

export interface OutboxSnapshotFile {
	version: 1;
	entries: Record<string, OutboxEntry>;
	journal?: {seq: number};
	delivered?: DeliveredArchive;
}

export const SNAPSHOT_FILE = 'outbox.json';
export const JOURNAL_FILE = 'outbox.journal';
/** Archive generations: `outbox-delivered.<g>.ndjson`. */
export const ARCHIVE_FILE = /^outbox-delivered\.(\d+)\.ndjson$/;

export function archiveName(generation: number): string {
	return `outbox-delivered.${generation}.ndjson`;
}

export function archiveGeneration(file: string): number {
	return Number(ARCHIVE_FILE.exec(file)?.[1] ?? 0);
}

const journalLineSchema = z.looseObject({seq: z.number().int().positive(), put: outboxEntrySchema});

/** An archive line: the entry with its id first (a person reading the file sees the key at the start of each line). */
export function archiveLine(entry: OutboxEntry): string {
	const {id, ...rest} = entry;
	return `${JSON.stringify({id, ...rest})}\n`;
}

/** One journal line for a put. */
export function journalLine(seq: number, entry: OutboxEntry): string {
	return `${JSON.stringify({seq, put: entry})}\n`;
}

/** What the files say, read whole except the archive. */
export interface OutboxFilesState {
	/** Snapshot entries with the journal applied: everything not yet archived. */
	live: Map<string, OutboxEntry>;
	/** The last seq written (snapshot or journal). */
	seq: number;
	/** Journal lines after the snapshot's seq. */
	journalLines: number;
	/** Length of the journal's complete lines (a cut last line starts here), or undefined when the file is absent. */
	journalBytes: number | undefined;
	/** The journal's length on disk (more than journalBytes when its last line was cut). */
	journalSize: number;
	delivered: DeliveredArchive | undefined;
}

/**
 * Reads the journal, then the snapshot, and checks the archive is there at its committed length.
 * In that order a reader beside a writer (no lock: doctor, the day report) sees a whole state: a
 * compaction between the two reads left a snapshot that holds what the journal said. A purge
 * deletes the archive generation it replaced once its snapshot is in place: a reader that read
 * the older snapshot finds that file gone, and reads again once.
 */
export async function readOutboxFiles(dataDir: string): Promise<OutboxFilesState> {
	try {
		return await readOnce(dataDir);
	} catch (error) {
		if (!(error instanceof DataFileCorruptError && error.reason.kind === 'missing')) throw error;
		return readOnce(dataDir);
	}
}

async function readOnce(dataDir: string): Promise<OutboxFilesState> {
	const journalPath = join(dataDir, JOURNAL_FILE);
	const text = await readTextIfExists(journalPath);
	const snapshot = await readSnapshot(dataDir);
	const live = new Map(Object.entries(snapshot.entries));
	const snapshotSeq = snapshot.journal?.seq ?? 0;
	let seq = snapshotSeq;
	let journalLines = 0;
	let journalBytes: number | undefined;
	if (text !== null) {
		const complete = text.lastIndexOf('\n') + 1;
		journalBytes = Buffer.byteLength(text.slice(0, complete));
		let lineNo = 0;
		for (const line of text.slice(0, complete).split('\n')) {
			if (line === '') continue;
			lineNo++;
			const op = parseJournalLine(journalPath, line, lineNo);
			if (op.seq <= snapshotSeq) continue;
			journalLines++;
			seq = Math.max(seq, op.seq);
			live.set(op.put.id, op.put);
		}
	}
	if (snapshot.delivered) await checkArchive(dataDir, snapshot.delivered);
	return {live, seq, journalLines, journalBytes, journalSize: text === null ? 0 : Buffer.byteLength(text), delivered: snapshot.delivered};
}

async function readSnapshot(dataDir: string): Promise<OutboxSnapshotFile> {
	const path = join(dataDir, SNAPSHOT_FILE);
	const read = await readJsonChecked<OutboxSnapshotFile>(path, shapeCheck(outboxFileSchema));
	if (read.kind === 'damaged') throw new DataFileCorruptError(path, read.reason);
	return read.kind === 'absent' ? {version: 1, entries: {}} : read.value;
}

function parseJournalLine(path: string, line: string, lineNo: number): {seq: number; put: OutboxEntry} {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		throw new DataFileCorruptError(path, {kind: 'syntax'});
	}
	const checked = journalLineSchema.safeParse(value);
	if (!checked.success) throw new DataFileCorruptError(path, {kind: 'shape', path: `line ${lineNo}`});
	return checked.data as unknown as {seq: number; put: OutboxEntry};
}

async function checkArchive(dataDir: string, archive: DeliveredArchive): Promise<void> {
	const path = join(dataDir, archive.file);
	if (!ARCHIVE_FILE.test(archive.file)) throw new DataFileCorruptError(join(dataDir, SNAPSHOT_FILE), {kind: 'shape', path: 'delivered.file'});
	let size: number;
	try {
		size = (await stat(path)).size;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DataFileCorruptError(path, {kind: 'missing'});
		throw error;
	}
	if (size < archive.bytes) throw new DataFileCorruptError(path, {kind: 'short'});
}

/**
 * The archive's delivered entries, one at a time, up to its committed length: memory holds one
 * line and one chunk. A line that does not parse or has the wrong shape is damage (exit 5). With
 * `containing`, only lines holding that text are parsed (a lookup that scans instead of parsing).
 */
export async function* archivedEntries(dataDir: string, archive: DeliveredArchive | undefined, containing?: string): AsyncGenerator<OutboxEntry> {
	if (!archive || archive.bytes === 0) return;
	const path = join(dataDir, archive.file);
	const stream = createReadStream(path, {start: 0, end: archive.bytes - 1, highWaterMark: 64 * 1024});
	try {
		// An entry line is a few KB; the bound only guards against a file that is not ours.
		for await (const line of boundedLines(stream, ARCHIVE_LINE_MAX)) {
			if (line.text === '' || (containing !== undefined && !line.text.includes(containing))) continue;
			if (line.overlong) throw new DataFileCorruptError(path, {kind: 'shape', path: `line ${line.lineNo}`});
			let value: unknown;
			try {
				value = JSON.parse(line.text);
			} catch {
				throw new DataFileCorruptError(path, {kind: 'syntax'});
			}
			const checked = outboxEntrySchema.safeParse(value);
			if (!checked.success || (checked.data as OutboxEntry).phase !== 'done') throw new DataFileCorruptError(path, {kind: 'shape', path: `line ${line.lineNo}`});
			yield checked.data as OutboxEntry;
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DataFileCorruptError(path, {kind: 'missing'});
		throw error;
	} finally {
		stream.destroy();
	}
}

/** Longest archive line read: 16 MB (an entry holds references to material bytes, never the bytes). */
const ARCHIVE_LINE_MAX = 16 * 1024 * 1024;

/**
 * Every entry of the outbox, delivered ones included, one at a time (the day report, the case
 * index's rebuild): the live ones first, then the archive's, skipping any the live ones replace.
 * Read only: no lock, nothing written.
 */
export async function* allOutboxEntries(dataDir: string): AsyncGenerator<OutboxEntry> {
	const state = await readOutboxFiles(dataDir);
	for (const entry of state.live.values()) yield entry;
	for await (const entry of archivedEntries(dataDir, state.delivered)) if (!state.live.has(entry.id)) yield entry;
}

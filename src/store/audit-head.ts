/**
 * `audit/head.json`: the truncation anchor, kept outside the parts. It holds either the last entry
 * written (done: {seq, hash, segment}) or an append in progress (intent: the last entry plus
 * `next`, the entry being written); core/audit/head.ts says which states are honest.
 *
 * The record is JSON padded with spaces to HEAD_BYTES and written with one pwrite at offset 0
 * through a descriptor the writer keeps open: the file never changes size and a write stays
 * within one 512-byte sector, so a power cut leaves the old record or the new one, never a mix.
 * The intent is made durable (fdatasync) before the part is written; the done record is not
 * (losing it leaves intent + the new entry, the accepted crash window), so an append pays one
 * extra small fdatasync, not a temp file and a rename (bench/audit.ts).
 *
 * The writer also checks, before each append, that the file is still exactly what it left: the
 * same inode at the path and the same bytes (HeadFile.check). A head deleted, replaced or edited
 * under a running console makes its next append refuse instead of re-anchoring someone's edit.
 *
 * A reader may race the writer's pwrite; readHead reads until two reads agree, so it never mixes
 * two records into one.
 */
import {constants} from 'node:fs';
import {open, readFile, stat, unlink, type FileHandle} from 'node:fs/promises';
import {join} from 'node:path';
import type {HeadRead} from '../core/audit/head.js';
import {syncDirectory} from './durable-json.js';
import {isIntent, type AuditHead, type AuditHeadRecord} from '../core/audit/model.js';

export const HEAD_FILE = 'head.json';
/** An intent with the largest seqs and a part name is ~260 bytes; one sector holds it. */
export const HEAD_BYTES = 512;
const READ_ATTEMPTS = 5;
const SHA256 = /^[0-9a-f]{64}$/;

export function headPath(auditDirectory: string): string {
	return join(auditDirectory, HEAD_FILE);
}

/** The file's text as read (null: no file) and what it says. */
export interface HeadSnapshot {
	text: string | null;
	head: HeadRead;
}

export async function readHeadSnapshot(auditDirectory: string): Promise<HeadSnapshot> {
	let previous: string | undefined;
	for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
		let text: string;
		try {
			text = await readFile(headPath(auditDirectory), 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {text: null, head: 'missing'};
			return {text: `(${(error as NodeJS.ErrnoException).code ?? 'error'})`, head: 'unreadable'};
		}
		if (text === previous) return {text, head: parseHead(text)};
		previous = text;
	}
	return {text: previous ?? null, head: 'unreadable'}; // still changing under us
}

export async function readHead(auditDirectory: string): Promise<HeadRead> {
	return (await readHeadSnapshot(auditDirectory)).head;
}

function isDone(value: unknown, minSeq: number): value is AuditHead {
	const v = value as Partial<AuditHead> | null;
	return typeof v === 'object' && v !== null && Number.isSafeInteger(v.seq) && v.seq! >= minSeq && typeof v.hash === 'string' && SHA256.test(v.hash) && typeof v.segment === 'string' && v.segment !== '';
}

export function parseHead(text: string): HeadRead {
	// Empty: a writer died between creating the file and its first write, as good as no file.
	if (text.trim() === '') return 'missing';
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return 'unreadable';
	}
	if (typeof value !== 'object' || value === null) return 'unreadable';
	const v = value as Record<string, unknown>;
	if (v['next'] === undefined) return isDone(v, 1) ? {seq: v['seq'] as number, hash: v['hash'] as string, segment: v['segment'] as string} : 'unreadable';
	const next = v['next'];
	const seq = v['seq'];
	if (!isDone(next, 1) || !Number.isSafeInteger(seq) || next.seq !== (seq as number) + 1 || typeof v['hash'] !== 'string' || !SHA256.test(v['hash'])) return 'unreadable';
	// Before the first entry the intent names no part; after it, always one.
	if ((seq === 0) !== (v['segment'] === null) || (v['segment'] !== null && (typeof v['segment'] !== 'string' || v['segment'] === ''))) return 'unreadable';
	return {seq: seq as number, hash: v['hash'], segment: v['segment'] as string | null, next: {seq: next.seq, hash: next.hash, segment: next.segment}};
}

export function encodeHead(record: AuditHeadRecord): Buffer {
	const body = isIntent(record)
		? {seq: record.seq, hash: record.hash, segment: record.segment, next: {seq: record.next.seq, hash: record.next.hash, segment: record.next.segment}}
		: {seq: record.seq, hash: record.hash, segment: record.segment};
	const text = JSON.stringify(body);
	if (Buffer.byteLength(text) > HEAD_BYTES - 1) throw new RangeError('audit head record too long');
	const buffer = Buffer.alloc(HEAD_BYTES, 0x20);
	buffer.write(text, 0, 'utf8');
	buffer[HEAD_BYTES - 1] = 0x0a;
	return buffer;
}

/** Why the head is not what this writer left. */
export type HeadChange = 'missing' | 'replaced' | 'changed' | 'appeared';

/**
 * The writer's side. `adopt` takes the file as it is when the store opens (after judging it);
 * from then on `expected` is what this writer knows the file holds, and `check` compares.
 */
export class HeadFile {
	readonly #path: string;
	readonly #dir: string;
	#handle: FileHandle | undefined;
	#ino = 0;
	#size = 0;
	/** The file's bytes as this writer left them; null: no file; undefined: not known (a write failed). */
	#expected: Buffer | null | undefined;

	constructor(auditDirectory: string) {
		this.#dir = auditDirectory;
		this.#path = headPath(auditDirectory);
	}

	/** Opens the file if there is one and returns its text (null: no file). */
	async adopt(): Promise<string | null> {
		await this.close();
		let handle: FileHandle;
		try {
			handle = await open(this.#path, constants.O_RDWR);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
			this.#expected = null;
			return null;
		}
		try {
			const info = await handle.stat();
			const bytes = await readAll(handle);
			this.#handle = handle;
			this.#ino = info.ino;
			this.#size = bytes.length;
			this.#expected = bytes;
			return bytes.toString('utf8');
		} catch (error) {
			await handle.close();
			throw error;
		}
	}

	/** Writes `record` in place; `durable` waits for it to reach the disk (fdatasync). */
	async write(record: AuditHeadRecord, options: {durable: boolean}): Promise<void> {
		const buffer = encodeHead(record);
		const expected = this.#expected;
		this.#expected = undefined; // until this write is known to have happened
		let created = false;
		if (!this.#handle) {
			if (expected !== null) throw new Error('audit head: write before adopt');
			// O_EXCL: a head that appeared since the check is someone else's, never ours to take over.
			const handle = await open(this.#path, constants.O_RDWR | constants.O_CREAT | constants.O_EXCL, 0o600);
			this.#handle = handle;
			this.#ino = (await handle.stat()).ino;
			this.#size = 0;
			created = true;
		}
		const handle = this.#handle;
		const {bytesWritten} = await handle.write(buffer, 0, HEAD_BYTES, 0);
		if (bytesWritten !== HEAD_BYTES) throw new Error('short write of the audit head');
		// A longer file (an older version's record, or one edited by hand) must not keep its tail.
		if (this.#size > HEAD_BYTES) await handle.truncate(HEAD_BYTES);
		this.#size = HEAD_BYTES;
		if (options.durable) await handle.datasync();
		// The new name must be durable before a part depends on it (the part write syncs the
		// directory too, but only after its own rename).
		if (created) await syncDirectory(this.#dir);
		this.#expected = buffer;
	}

	/** Removes the file (an intent before the first entry, settled with nothing written). */
	async remove(): Promise<void> {
		this.#expected = undefined;
		await this.close();
		await unlink(this.#path).catch((error: NodeJS.ErrnoException) => {
			if (error.code !== 'ENOENT') throw error;
		});
		this.#expected = null;
	}

	/** Whether the file is still exactly what this writer left (undefined) or how it is not. */
	async check(): Promise<HeadChange | undefined> {
		const expected = this.#expected;
		if (expected === undefined) return 'changed';
		let info;
		try {
			info = await stat(this.#path);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return expected === null ? undefined : 'missing';
			throw error;
		}
		if (expected === null) return 'appeared';
		if (info.ino !== this.#ino || !this.#handle) return 'replaced';
		const bytes = await readAll(this.#handle);
		return bytes.equals(expected) ? undefined : 'changed';
	}

	async close(): Promise<void> {
		const handle = this.#handle;
		this.#handle = undefined;
		await handle?.close();
	}
}

/** The whole file through `handle` (a head is small; anything longer than a record is read too). */
async function readAll(handle: FileHandle): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for (let offset = 0; ; ) {
		const chunk = Buffer.alloc(HEAD_BYTES * 2);
		const {bytesRead} = await handle.read(chunk, 0, chunk.length, offset);
		if (bytesRead === 0) break;
		chunks.push(chunk.subarray(0, bytesRead));
		offset += bytesRead;
		if (bytesRead < chunk.length) break; // a short read of a regular file is its end: one pread for a head
		if (offset > 64 * 1024) break; // not a head any more; enough to tell it changed
	}
	return Buffer.concat(chunks);
}

/**
 * `audit/head.json`: {seq, hash, segment} of the last entry written, kept outside the parts so a
 * truncated log shows (core/audit/verify.ts). It is a hint, not the record: a head that lags
 * behind the chain (crash between a part write and the head write) is accepted by verify and
 * caught up when the store next opens.
 *
 * So it is written cheaply, on every append after the part is durable: one pwrite of a
 * fixed-width record at offset 0 through a descriptor the writer keeps open, with no fsync and no
 * rename. The record is JSON padded with spaces to HEAD_BYTES, so the file never changes size and
 * a write touches one block (a torn write across a power cut would need a torn 512-byte sector).
 * An earlier temp-file-and-rename version cost ~0.5 ms per append, a quarter of the disk's own
 * durable-write floor (bench/audit.ts).
 * A reader may race the writer's pwrite; readHead reads until two reads agree, so it never mixes
 * two records into one.
 */
import {constants} from 'node:fs';
import {open, readFile, type FileHandle} from 'node:fs/promises';
import {join} from 'node:path';
import type {AuditHead} from '../core/audit/model.js';

export const HEAD_FILE = 'head.json';
/** Room for {seq, hash, segment} with any seq a safe integer can hold (~130 bytes used). */
const HEAD_BYTES = 256;
const READ_ATTEMPTS = 5;

export function headPath(auditDirectory: string): string {
	return join(auditDirectory, HEAD_FILE);
}

export async function readHead(auditDirectory: string): Promise<AuditHead | 'missing' | 'unreadable'> {
	let previous: string | undefined;
	for (let attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
		let text: string;
		try {
			text = await readFile(headPath(auditDirectory), 'utf8');
		} catch (error) {
			return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
		}
		if (text === previous) return parseHead(text);
		previous = text;
	}
	return 'unreadable'; // still changing under us: the writer is busy, and the head is only a hint
}

function parseHead(text: string): AuditHead | 'missing' | 'unreadable' {
	// Empty: created by a writer that died before its first head write, as good as no file.
	if (text.trim() === '') return 'missing';
	try {
		const head = JSON.parse(text) as AuditHead | null;
		if (!head) return 'missing';
		return Number.isSafeInteger(head.seq) && typeof head.hash === 'string' && typeof head.segment === 'string' ? head : 'unreadable';
	} catch {
		return 'unreadable';
	}
}

/**
 * The writer's side: the descriptor is opened at the first write (so a log with no entries has no
 * head file) and stays open while the store holds the writer lock.
 */
export class HeadWriter {
	readonly #path: string;
	readonly #buffer = Buffer.alloc(HEAD_BYTES, 0x20);
	#handle: FileHandle | undefined;

	constructor(auditDirectory: string) {
		this.#path = headPath(auditDirectory);
	}

	async write(head: AuditHead): Promise<void> {
		const text = JSON.stringify({seq: head.seq, hash: head.hash, segment: head.segment});
		if (Buffer.byteLength(text) > HEAD_BYTES - 1) throw new RangeError('audit head record too long');
		this.#buffer.fill(0x20);
		this.#buffer.write(text, 0, 'utf8');
		this.#buffer[HEAD_BYTES - 1] = 0x0a;
		const handle = this.#handle ?? (await this.#open());
		const {bytesWritten} = await handle.write(this.#buffer, 0, HEAD_BYTES, 0);
		if (bytesWritten !== HEAD_BYTES) throw new Error('short write of the audit head');
	}

	async #open(): Promise<FileHandle> {
		const handle = await open(this.#path, constants.O_RDWR | constants.O_CREAT, 0o600);
		try {
			// A head written by an older version (or by hand) may be longer: never leave its tail.
			if ((await handle.stat()).size > HEAD_BYTES) await handle.truncate(HEAD_BYTES);
		} catch (error) {
			await handle.close();
			throw error;
		}
		this.#handle = handle;
		return handle;
	}

	async close(): Promise<void> {
		const handle = this.#handle;
		this.#handle = undefined;
		await handle?.close();
	}
}

/**
 * The lowdb adapter for one audit part. lowdb hands an adapter the whole part on every write, and
 * a plain JSON adapter re-serialises and re-encodes every entry of the part each time: for a part
 * of 500 entries JSON.stringify alone took ~1.4 ms of the append, more than the disk's own
 * durable write (~1.5 ms here). A part is append-only (entries are sealed and never change once
 * written), so this adapter keeps the UTF-8 bytes it last wrote and an append only serialises
 * the new entries into the spare room of its buffer.
 *
 * The bytes are exactly `JSON.stringify(part)`, and every write is still a whole-file durable
 * write (writeFileDurable: temp file, fsync, rename, fsync of the directory).
 * The cache is trusted only while the part it was built from is visibly the same: same header,
 * no fewer entries, and the last cached entry is the same object at the same place; anything
 * else (a new part, entries taken back after a failed write) rebuilds it from the data.
 */
import type {Adapter} from 'lowdb';
import type {SegmentData} from '../core/audit/segments.js';
import {DataFileCorruptError, readTextIfExists, writeFileDurable} from './durable-json.js';
import {SerialQueue} from '../core/serial-queue.js';

const CLOSE = Buffer.from(']}');
const COMMA = Buffer.from(',');

interface Written {
	/** The header fields the bytes start with (a change means a rebuild). */
	format: string;
	name: string;
	prevSegment: string | null;
	/** How many entries the bytes hold, and the last one (identity check, not deep equality). */
	count: number;
	last: unknown;
	/** Length of `{…"entries":[e1,…,en` in `bytes`; the closing `]}` follows it. */
	length: number;
}

export class AuditSegmentFile<E = unknown> implements Adapter<SegmentData<E>> {
	readonly path: string;
	#bytes: Buffer = Buffer.alloc(0);
	#written: Written | undefined;
	readonly #queue = new SerialQueue();

	constructor(path: string) {
		this.path = path;
	}

	async read(): Promise<SegmentData<E> | null> {
		const text = await readTextIfExists(this.path);
		if (text === null) return null;
		this.#written = undefined; // what we wrote before (if anything) is no longer what we know is on disk
		try {
			return JSON.parse(text) as SegmentData<E>;
		} catch (error) {
			throw new DataFileCorruptError(this.path, error instanceof Error ? error.message : String(error));
		}
	}

	/** Writes are serialised: each one completes (durably) before the next is prepared. */
	write(data: SegmentData<E>): Promise<void> {
		return this.#queue.run(() => this.#write(data));
	}

	async #write(data: SegmentData<E>): Promise<void> {
		const written = this.#canExtend(data) ? this.#extend(data) : this.#rebuild(data);
		// `#bytes` may have been regrown: keep the view into the buffer the bytes are in now.
		await writeFileDurable(this.path, this.#bytes.subarray(0, written.length + CLOSE.length));
		this.#written = written; // only once durable: a failed write leaves the old state to extend
	}

	#canExtend(data: SegmentData<E>): boolean {
		const w = this.#written;
		return (
			w !== undefined &&
			data.format === w.format &&
			data.name === w.name &&
			data.prevSegment === w.prevSegment &&
			data.entries.length >= w.count &&
			(w.count === 0 || data.entries[w.count - 1] === w.last)
		);
	}

	/** Appends the entries after the cached ones, overwriting the old closing `]}`. */
	#extend(data: SegmentData<E>): Written {
		const w = this.#written!;
		let length = w.length;
		for (let i = w.count; i < data.entries.length; i++) {
			length = this.#put(length, i === 0 ? '' : ',', JSON.stringify(data.entries[i]));
		}
		this.#ensure(length + CLOSE.length);
		CLOSE.copy(this.#bytes, length);
		return {...w, count: data.entries.length, last: data.entries.at(-1), length};
	}

	#rebuild(data: SegmentData<E>): Written {
		const header = JSON.stringify({format: data.format, name: data.name, prevSegment: data.prevSegment, entries: []});
		// `{"format":…,"entries":[]}` without its closing `]}`: the entries go after the `[`.
		let length = this.#put(0, '', header.slice(0, -CLOSE.length));
		data.entries.forEach((entry, i) => (length = this.#put(length, i === 0 ? '' : ',', JSON.stringify(entry))));
		this.#ensure(length + CLOSE.length);
		CLOSE.copy(this.#bytes, length);
		return {format: data.format, name: data.name, prevSegment: data.prevSegment, count: data.entries.length, last: data.entries.at(-1), length};
	}

	/** Puts `separator + text` at `offset` (UTF-8), growing the buffer as needed; returns the new end. */
	#put(offset: number, separator: '' | ',', text: string): number {
		const size = (separator ? COMMA.length : 0) + Buffer.byteLength(text);
		this.#ensure(offset + size + CLOSE.length);
		if (separator) offset += COMMA.copy(this.#bytes, offset);
		return offset + this.#bytes.write(text, offset, 'utf8');
	}

	/** Grows the buffer (doubling, so appends stay amortised O(entry)) keeping its bytes. */
	#ensure(size: number): void {
		if (size <= this.#bytes.length) return;
		const grown = Buffer.alloc(Math.max(size, this.#bytes.length * 2, 4096));
		this.#bytes.copy(grown);
		this.#bytes = grown;
	}
}

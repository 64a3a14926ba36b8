/**
 * Frames out of a live byte stream. Serial data arrives in arbitrary chunks, possibly with line
 * noise, a frame cut short by a lifted card or an unplugged cable, or a corrupted length. The
 * scanner hunts for the preamble, trusts LEN only within the protocol's bounds, verifies the XOR,
 * and on any rejection steps one byte past the bad preamble so a real frame hidden inside the
 * rejected bytes is still found. It never holds more than one maximum frame of bytes.
 */
import {Transform, type TransformCallback, type TransformOptions} from 'node:stream';
import {checksum, HEADER_BYTES, MAX_LEN, MIN_LEN, PREAMBLE} from './protocol.js';

export type RejectionReason = 'checksum' | 'length' | 'truncated';

export interface Rejection {
	reason: RejectionReason;
	/** The rejected bytes (whole frame for checksum, header for length, partial frame for truncated). */
	bytes: Buffer;
}

export interface ScannerStats {
	frames: number;
	/** Bytes skipped while hunting for a preamble. */
	garbageBytes: number;
	badChecksum: number;
	badLength: number;
	/** Partial frames dropped by `reset()` or after a silence longer than `staleGapMs`. */
	truncated: number;
}

export interface ScannerOptions {
	/**
	 * A partial frame that gets no new byte for this long is dropped when the next chunk arrives
	 * (a reader never pauses inside a frame; a truncated reply must not swallow the next one).
	 * Default: off.
	 */
	staleGapMs?: number;
	/** Clock for `staleGapMs`, in ms. Default `performance.now`. */
	now?: () => number;
	onReject?: (rejection: Rejection) => void;
	/** Called for each good frame as it is found, in stream order with onReject (logs need that order). */
	onFrame?: (frame: Buffer) => void;
}

export class FrameScanner {
	#buf: Buffer = Buffer.alloc(0);
	#lastByteAt = 0;
	readonly #staleGapMs: number | undefined;
	readonly #now: () => number;
	readonly #onReject: ((r: Rejection) => void) | undefined;
	readonly #onFrame: ((frame: Buffer) => void) | undefined;
	readonly stats: ScannerStats = {frames: 0, garbageBytes: 0, badChecksum: 0, badLength: 0, truncated: 0};

	constructor(options: ScannerOptions = {}) {
		const {staleGapMs, now = () => performance.now(), onReject, onFrame} = options;
		if (staleGapMs !== undefined && !(staleGapMs > 0)) throw new TypeError('staleGapMs must be a positive number');
		this.#staleGapMs = staleGapMs;
		this.#now = now;
		this.#onReject = onReject;
		this.#onFrame = onFrame;
	}

	/** Bytes currently held (at most one maximum frame). */
	get buffered(): number {
		return this.#buf.length;
	}

	/** Drops any partial frame, e.g. before a new command or after a deadline passed. */
	reset(): void {
		this.#dropPending();
	}

	/** Feeds a chunk; returns the complete frames with good checksums, in order. */
	push(chunk: Uint8Array): Buffer[] {
		if (chunk.length === 0) return [];
		if (this.#staleGapMs !== undefined) {
			const now = this.#now();
			if (this.#buf.length > 0 && now - this.#lastByteAt > this.#staleGapMs) this.#dropPending();
			this.#lastByteAt = now;
		}
		let buf = this.#buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#buf, chunk]);
		const frames: Buffer[] = [];
		for (;;) {
			const start = buf.indexOf(PREAMBLE);
			if (start < 0) {
				const keep = preamblePrefixAtEnd(buf);
				this.stats.garbageBytes += buf.length - keep;
				buf = buf.subarray(buf.length - keep);
				break;
			}
			if (start > 0) {
				this.stats.garbageBytes += start;
				buf = buf.subarray(start);
			}
			if (buf.length < HEADER_BYTES) break;
			const len = buf.readUInt16BE(5);
			if (len < MIN_LEN || len > MAX_LEN) {
				this.stats.badLength++;
				this.#onReject?.({reason: 'length', bytes: Buffer.from(buf.subarray(0, HEADER_BYTES))});
				this.stats.garbageBytes++;
				buf = buf.subarray(1);
				continue;
			}
			const total = HEADER_BYTES + len;
			if (buf.length < total) break;
			const frame = buf.subarray(0, total);
			if (checksum(frame.subarray(5, total - 1)) !== frame[total - 1]) {
				this.stats.badChecksum++;
				this.#onReject?.({reason: 'checksum', bytes: Buffer.from(frame)});
				this.stats.garbageBytes++;
				buf = buf.subarray(1);
				continue;
			}
			this.stats.frames++;
			const copy = Buffer.from(frame);
			frames.push(copy);
			this.#onFrame?.(copy);
			buf = buf.subarray(total);
		}
		// Copy so the retained tail does not pin a large chunk in memory.
		this.#buf = Buffer.from(buf);
		return frames;
	}

	#dropPending(): void {
		if (this.#buf.length === 0) return;
		if (this.#buf.length >= PREAMBLE.length && this.#buf.subarray(0, PREAMBLE.length).equals(PREAMBLE)) {
			this.stats.truncated++;
			this.#onReject?.({reason: 'truncated', bytes: this.#buf});
		} else {
			this.stats.garbageBytes += this.#buf.length;
		}
		this.#buf = Buffer.alloc(0);
	}
}

/** Length of the longest tail of `buf` that is a proper prefix of the preamble (0..4). */
function preamblePrefixAtEnd(buf: Buffer): number {
	for (let n = Math.min(PREAMBLE.length - 1, buf.length); n > 0; n--) {
		if (buf.subarray(buf.length - n).equals(PREAMBLE.subarray(0, n))) return n;
	}
	return 0;
}

export interface FrameParserOptions extends TransformOptions, ScannerOptions {}

/**
 * The scanner as a stream: pipe a serial port into it and read whole frames (Buffers) out.
 * Emits 'rejected' with a Rejection for every frame it throws away.
 */
export class FrameParser extends Transform {
	readonly scanner: FrameScanner;

	constructor(options: FrameParserOptions = {}) {
		const {staleGapMs, now, onReject, onFrame, ...streamOptions} = options;
		super({...streamOptions, readableObjectMode: true});
		this.scanner = new FrameScanner({
			...(staleGapMs !== undefined ? {staleGapMs} : {}),
			...(now ? {now} : {}),
			...(onFrame ? {onFrame} : {}),
			onReject: (r) => {
				onReject?.(r);
				this.emit('rejected', r);
			},
		});
	}

	override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		for (const frame of this.scanner.push(chunk)) this.push(frame);
		callback();
	}

	override _flush(callback: TransformCallback): void {
		this.scanner.reset();
		callback();
	}
}

/**
 * Frames out of a live byte stream. Serial data arrives in arbitrary chunks, possibly with line
 * noise, a frame cut short by a lifted card or an unplugged cable, or a corrupted length. The
 * scanner hunts for the preamble, trusts LEN only within the protocol's bounds, verifies the XOR,
 * and on any rejection steps one byte past the bad preamble so a real frame hidden inside the
 * rejected bytes is still found. It never holds more than one maximum frame of bytes.
 *
 * A frame cut off with a plausible LEN would swallow whatever follows until LEN bytes have come. A
 * reader sends a frame's bytes back to back (docs/devices.md#framing-a-live-line), so a partial
 * frame after a silence was cut: `dropStale()` drops it and scanning resumes one byte past its
 * preamble, over the bytes it held and then the new ones. Who decides that the line went silent:
 * StaleWatch (below), which does not count time the process itself was stalled; or, for a consumer
 * without timers, the `staleGapMs` option, checked on the next chunk with the plain clock.
 */
import {Transform, type TransformCallback, type TransformOptions} from 'node:stream';
import {checksum, HEADER_BYTES, MAX_LEN, MIN_LEN, PREAMBLE} from './protocol.js';

/**
 * checksum / length: the frame or header failed its check; truncated: a partial frame dropped by
 * `reset()`; stale: a partial frame dropped after `staleGapMs` of silence (it was cut off).
 */
type RejectionReason = 'checksum' | 'length' | 'truncated' | 'stale';

export interface Rejection {
	reason: RejectionReason;
	/** The rejected bytes (whole frame for checksum, header for length, the partial frame for truncated and stale). */
	bytes: Buffer;
}

export interface ScannerStats {
	frames: number;
	/** Bytes skipped while hunting for a preamble. */
	garbageBytes: number;
	badChecksum: number;
	badLength: number;
	/** Partial frames dropped by `reset()`. */
	truncated: number;
	/** Partial frames dropped after a silence of `staleGapMs` (cut off on the line). */
	stale: number;
}

export interface ScannerOptions {
	/**
	 * A partial frame that gets no new byte for this long is dropped (a reader never pauses inside
	 * a frame; a cut-off frame must not swallow the next one). Default: off.
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
	#staleGapMs: number | undefined;
	readonly #now: () => number;
	readonly #onReject: ((r: Rejection) => void) | undefined;
	readonly #onFrame: ((frame: Buffer) => void) | undefined;
	readonly stats: ScannerStats = {frames: 0, garbageBytes: 0, badChecksum: 0, badLength: 0, truncated: 0, stale: 0};

	constructor(options: ScannerOptions = {}) {
		const {staleGapMs, now = () => performance.now(), onReject, onFrame} = options;
		this.#now = now;
		this.#onReject = onReject;
		this.#onFrame = onFrame;
		this.staleGapMs = staleGapMs;
	}

	/** Bytes currently held (at most one maximum frame). */
	get buffered(): number {
		return this.#buf.length;
	}

	get staleGapMs(): number | undefined {
		return this.#staleGapMs;
	}

	/** Changes the gap, e.g. when the line speed changed. */
	set staleGapMs(ms: number | undefined) {
		if (ms !== undefined && !(ms > 0 && Number.isFinite(ms))) throw new TypeError('staleGapMs must be a positive number');
		this.#staleGapMs = ms;
	}

	/** The scanner's clock, in ms. */
	now(): number {
		return this.#now();
	}

	/** When the last chunk was pushed, on the scanner's clock. */
	get lastByteAt(): number {
		return this.#lastByteAt;
	}

	/** Drops any partial frame, e.g. before a new command or after a deadline passed. */
	reset(): void {
		if (this.#buf.length === 0) return;
		if (startsWithPreamble(this.#buf)) {
			this.stats.truncated++;
			this.#onReject?.({reason: 'truncated', bytes: this.#buf});
		} else {
			this.stats.garbageBytes += this.#buf.length;
		}
		this.#buf = Buffer.alloc(0);
	}

	/** dropStale() when the clock says the line has been silent for `staleGapMs` since the last byte. */
	expire(): Buffer[] {
		if (this.#staleGapMs === undefined || this.#buf.length === 0) return [];
		if (this.#now() - this.#lastByteAt < this.#staleGapMs) return [];
		return this.dropStale();
	}

	/** Feeds a chunk; returns the complete frames with good checksums, in order. */
	push(chunk: Uint8Array): Buffer[] {
		if (chunk.length === 0) return [];
		const frames: Buffer[] = [];
		const now = this.#now();
		if (this.#staleGapMs !== undefined && this.#buf.length > 0 && now - this.#lastByteAt >= this.#staleGapMs) frames.push(...this.dropStale());
		this.#lastByteAt = now;
		const buf = this.#buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#buf, chunk]);
		// Copy so the retained tail does not pin a large chunk in memory.
		this.#buf = Buffer.from(this.#scan(buf, frames));
		return frames;
	}

	/**
	 * Takes every complete frame off the front of `buf` into `frames`; returns what is left: a
	 * partial frame starting with the preamble, a preamble prefix, or nothing.
	 */
	#scan(input: Buffer, frames: Buffer[]): Buffer {
		let buf = input;
		for (;;) {
			const start = buf.indexOf(PREAMBLE);
			if (start < 0) {
				const keep = preamblePrefixAtEnd(buf);
				this.stats.garbageBytes += buf.length - keep;
				return buf.subarray(buf.length - keep);
			}
			if (start > 0) {
				this.stats.garbageBytes += start;
				buf = buf.subarray(start);
			}
			if (buf.length < HEADER_BYTES) return buf;
			const len = buf.readUInt16BE(5);
			if (len < MIN_LEN || len > MAX_LEN) {
				this.stats.badLength++;
				this.#onReject?.({reason: 'length', bytes: Buffer.from(buf.subarray(0, HEADER_BYTES))});
				this.stats.garbageBytes++;
				buf = buf.subarray(1);
				continue;
			}
			const total = HEADER_BYTES + len;
			if (buf.length < total) return buf;
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
	}

	/**
	 * The line went silent: every byte held arrived before the silence, so a frame still open among
	 * them was cut off. Drops it, steps one byte past its preamble and scans the rest (a whole frame
	 * may sit inside), until nothing is left open; a preamble prefix left at the end goes too.
	 * Returns the good frames found (also passed to onFrame).
	 */
	dropStale(): Buffer[] {
		const frames: Buffer[] = [];
		let buf = this.#buf;
		this.#buf = Buffer.alloc(0);
		while (buf.length > 0) {
			if (!startsWithPreamble(buf)) {
				this.stats.garbageBytes += buf.length;
				break;
			}
			this.stats.stale++;
			this.#onReject?.({reason: 'stale', bytes: Buffer.from(buf)});
			this.stats.garbageBytes++;
			buf = this.#scan(buf.subarray(1), frames);
		}
		return frames;
	}
}

function startsWithPreamble(buf: Buffer): boolean {
	return buf.length >= PREAMBLE.length && buf.subarray(0, PREAMBLE.length).equals(PREAMBLE);
}

export interface StaleWatchOptions {
	/** Silence after which a partial frame counts as cut off, in ms. */
	gapMs: number;
	/** Called with the good frames a drop finds inside the bytes it held (onFrame sees them too). */
	deliver?: (frames: Buffer[]) => void;
}

/**
 * Decides when the line went silent under a partial frame, and drops it (`dropStale()`). While a
 * partial frame is held it ticks every gap/5 ms; the silence is the time since the last byte,
 * except that time the process itself was not running does not count: bytes that came during a
 * stall (GC, a busy event loop, or an emulator in the same process that could not send) are still
 * waiting to be read, so a tick that fires late restarts the count. A stall thus delays the drop,
 * never causes one. Call `beforeBytes()` before every push and `poke()` after it, `stop()` when the
 * line closes.
 */
export class StaleWatch {
	readonly #scanner: FrameScanner;
	readonly #deliver: ((frames: Buffer[]) => void) | undefined;
	#gapMs: number;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#dueAt = 0;
	/** Silence is counted from here at the earliest (the end of the last stall seen). */
	#listeningSince = Number.NEGATIVE_INFINITY;

	constructor(scanner: FrameScanner, options: StaleWatchOptions) {
		this.#scanner = scanner;
		this.#deliver = options.deliver;
		this.#gapMs = positive(options.gapMs);
	}

	get gapMs(): number {
		return this.#gapMs;
	}

	/** Changes the gap, e.g. when the line speed changed. */
	set gapMs(ms: number) {
		this.#gapMs = positive(ms);
	}

	get #tickMs(): number {
		return Math.max(2, this.#gapMs / 5);
	}

	poke(): void {
		if (this.#timer !== undefined || this.#scanner.buffered === 0) return;
		this.#dueAt = this.#scanner.now() + this.#tickMs;
		this.#timer = setTimeout(() => this.#tick(), this.#tickMs);
	}

	/**
	 * Bytes are about to be pushed: if the line has already been silent for the gap under a partial
	 * frame, drop it now, as the next tick would have. Without this the outcome would depend on
	 * which of two timers due at the same moment the event loop ran first (the tick, or the read
	 * that brings the next frame) and on where the tick grid falls: a cut frame could swallow the
	 * start of the next reply and, by a 1-in-256 chance, pass its checksum (a property run found
	 * this with a 7-byte stub of a LEN-9 reply and exactly the gap of silence behind it). A watch
	 * whose tick is overdue was not running, and decides nothing here: that is the stall case.
	 */
	beforeBytes(): void {
		if (this.#timer === undefined || this.#scanner.buffered === 0) return;
		const now = this.#scanner.now();
		if (now - this.#dueAt > this.#tickMs) return;
		if (now - Math.max(this.#scanner.lastByteAt, this.#listeningSince) < this.#gapMs) return;
		clearTimeout(this.#timer);
		this.#timer = undefined;
		const frames = this.#scanner.dropStale();
		if (frames.length > 0) this.#deliver?.(frames);
	}

	stop(): void {
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#timer = undefined;
	}

	#tick(): void {
		this.#timer = undefined;
		if (this.#scanner.buffered === 0) return;
		const now = this.#scanner.now();
		// More than a tick late: we were not running, and cannot say the line was quiet meanwhile.
		if (now - this.#dueAt > this.#tickMs) this.#listeningSince = now;
		if (now - Math.max(this.#scanner.lastByteAt, this.#listeningSince) >= this.#gapMs) {
			const frames = this.#scanner.dropStale();
			if (frames.length > 0) this.#deliver?.(frames);
		}
		this.poke();
	}
}

function positive(ms: number): number {
	if (!(ms > 0 && Number.isFinite(ms))) throw new TypeError('gapMs must be a positive number');
	return ms;
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

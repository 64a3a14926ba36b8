/**
 * The device side of a serial line: bytes queued by an emulator go out paced at the baud rate
 * (10 bits per byte, 8N1), handed over in batches of about `chunkMs` like a USB-serial adapter's
 * latency timer, on an injectable scheduler. Shared by the device emulators so that every one of
 * them shows a driver the timing of a real wire.
 */
import {realScheduler, type Scheduler} from './scheduler.js';

export interface PacedLineOptions {
	/** Line speed; 0 hands every queued block over at once (fast unit tests). */
	baudRate: number;
	scheduler?: Scheduler;
	/** Bytes handed over per delivery while pacing, in ms of wire time. Default 4. */
	chunkMs?: number;
}

interface Outgoing {
	bytes: Buffer;
	/** Time the first byte starts on the wire. */
	startAt: number;
	sent: number;
}

export class PacedLine {
	baudRate: number;
	readonly scheduler: Scheduler;
	readonly #chunkMs: number;
	readonly #listeners = new Set<(chunk: Buffer) => void>();
	readonly #queue: Outgoing[] = [];
	#timer: unknown;
	#lineFreeAt = 0;

	constructor(options: PacedLineOptions) {
		this.baudRate = options.baudRate;
		this.scheduler = options.scheduler ?? realScheduler;
		this.#chunkMs = options.chunkMs ?? 4;
	}

	/** Registers the sink for the device's bytes (the port's receive side). */
	onOutput(listener: (chunk: Buffer) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Milliseconds one byte takes on the wire. */
	byteMs(): number {
		return this.baudRate > 0 ? 10_000 / this.baudRate : 0;
	}

	/** When a host block of `length` bytes that starts arriving now has fully arrived. */
	arrivalOf(length: number): number {
		return this.scheduler.now() + this.byteMs() * length;
	}

	/** Time the line is free again after everything queued so far. */
	get freeAt(): number {
		return this.#lineFreeAt;
	}

	/** Queues bytes to start on the wire at `notBefore` (or when the line is free, if later). */
	send(bytes: Buffer, notBefore = this.scheduler.now()): void {
		const startAt = Math.max(notBefore, this.#lineFreeAt);
		this.#lineFreeAt = startAt + bytes.length * this.byteMs();
		this.#queue.push({bytes, startAt, sent: 0});
		this.#schedule();
	}

	/** Runs `fn` once everything queued so far is on the wire (e.g. a baud change after its reply). */
	afterQueue(fn: () => void): void {
		this.scheduler.setTimeout(fn, Math.max(0, this.#lineFreeAt - this.scheduler.now()));
	}

	/** Drops pending output (the port closed, the device was unplugged). */
	stop(): void {
		if (this.#timer !== undefined) this.scheduler.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#queue.length = 0;
		this.#lineFreeAt = 0;
	}

	#schedule(): void {
		if (this.#timer !== undefined || this.#queue.length === 0) return;
		const head = this.#queue[0]!;
		const firstDue = head.startAt + (head.sent + 1) * this.byteMs();
		this.#timer = this.scheduler.setTimeout(() => this.#pump(), Math.max(0, firstDue - this.scheduler.now()));
	}

	/** Hands over every byte whose last bit is on the wire by now, then waits for the next batch. */
	#pump(): void {
		this.#timer = undefined;
		const now = this.scheduler.now();
		const byteMs = this.byteMs();
		while (this.#queue.length > 0) {
			const head = this.#queue[0]!;
			// A block queued to start later (after a silence) waits for its time, even unpaced.
			if (now + 1e-9 < head.startAt) break;
			const due = byteMs === 0 ? head.bytes.length : Math.min(head.bytes.length, Math.floor((now - head.startAt) / byteMs + 1e-9));
			if (due > head.sent) {
				const chunk = head.bytes.subarray(head.sent, due);
				head.sent = due;
				for (const listener of this.#listeners) listener(Buffer.from(chunk));
			}
			if (head.sent < head.bytes.length) break;
			this.#queue.shift();
		}
		if (this.#queue.length === 0) return;
		const head = this.#queue[0]!;
		const lastDue = head.startAt + head.bytes.length * byteMs;
		const nextBatch = byteMs === 0 ? head.startAt : Math.max(head.startAt + (head.sent + 1) * byteMs, now + this.#chunkMs);
		this.#timer = this.scheduler.setTimeout(() => this.#pump(), Math.max(0, Math.min(lastDue, nextBatch) - now));
	}
}

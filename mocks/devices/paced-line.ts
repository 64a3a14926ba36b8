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
	/**
	 * The silence the device keeps between the block before this one and this one (0 when they
	 * run back to back). It is kept from the moment the earlier block actually reached the host:
	 * a timer can fire late (Node runs a 0 ms timeout after 1 ms), and a silence shortened by
	 * that would break the promise the framing tests are built on (a cut frame is followed by
	 * at least the stale gap of quiet).
	 */
	quietMs: number;
}

export class PacedLine {
	baudRate: number;
	readonly scheduler: Scheduler;
	readonly #chunkMs: number;
	readonly #listeners = new Set<(chunk: Buffer) => void>();
	readonly #queue: Outgoing[] = [];
	/** Waiting for the queue to be empty (afterQueue). */
	#onDrained: Array<() => void> = [];
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
		const quietMs = this.#queue.length > 0 ? startAt - this.#lineFreeAt : 0;
		this.#lineFreeAt = startAt + bytes.length * this.byteMs();
		this.#queue.push({bytes, startAt, sent: 0, quietMs});
		this.#schedule();
	}

	/**
	 * Runs `fn` once everything queued so far has been handed over (e.g. a baud change after its
	 * reply): after the last byte, not at the time it was due, so a late block is never paced at
	 * the new speed.
	 */
	afterQueue(fn: () => void): void {
		if (this.#queue.length === 0) this.scheduler.setTimeout(fn, 0);
		else this.#onDrained.push(fn);
	}

	/** Drops pending output (the port closed, the device was unplugged). */
	stop(): void {
		if (this.#timer !== undefined) this.scheduler.clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#queue.length = 0;
		this.#lineFreeAt = 0;
		// What the device does after its output (a baud change) it still does.
		for (const fn of this.#takeDrained()) this.scheduler.setTimeout(fn, 0);
	}

	#takeDrained(): Array<() => void> {
		const fns = this.#onDrained;
		this.#onDrained = [];
		return fns;
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
			this.#keepQuiet(now);
		}
		if (this.#queue.length === 0) {
			for (const fn of this.#takeDrained()) fn();
			return;
		}
		const head = this.#queue[0]!;
		const lastDue = head.startAt + head.bytes.length * byteMs;
		const nextBatch = byteMs === 0 ? head.startAt : Math.max(head.startAt + (head.sent + 1) * byteMs, now + this.#chunkMs);
		this.#timer = this.scheduler.setTimeout(() => this.#pump(), Math.max(0, Math.min(lastDue, nextBatch) - now));
	}

	/** A block just finished at `now`: the next one keeps its silence from now, and what follows moves with it. */
	#keepQuiet(now: number): void {
		const next = this.#queue[0];
		if (next === undefined || next.quietMs <= 0) return;
		const late = now + next.quietMs - next.startAt;
		if (late <= 0) return;
		for (const block of this.#queue) block.startAt += late;
		this.#lineFreeAt += late;
	}
}

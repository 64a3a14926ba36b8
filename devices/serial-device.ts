/**
 * A device on a serial port, as both drivers (ID reader, camera) have it: the port kept by a
 * PortKeeper (opened on first use, reopened after an unplug), commands one at a time on the wire,
 * at most one reply awaited with its own deadline, and the 'disconnected' / 'reconnected' events.
 * A driver adds its framing (onOpen, onData) and its commands (docs/devices.md).
 */
import {EventEmitter} from 'node:events';
import {SerialQueue} from '../src/core/serial-queue.js';
import {PortKeeper, type PortKeeperOptions} from './port-keeper.js';
import type {PortOpener, SerialLink} from './transport.js';

/** Which way bytes went on the line: sent by the host or received from the device. */
export type Direction = 'tx' | 'rx';

export interface SerialDeviceEvents<E extends Error> {
	/** The port went away; what waited for a reply has failed with the same error. */
	disconnected: [error: E];
	/** The port opened again after being lost. */
	reconnected: [];
}

interface SerialDeviceOptions<E extends Error> {
	path: string;
	opener: PortOpener;
	baudRate: number;
	/** The device's own errors for "the port went away" and "no such port". */
	errors: PortKeeperOptions<E>['errors'];
}

/** The reply being waited for; whatever ends it first (reply, error, deadline) settles it. */
interface Waiter<R> {
	resolve(reply: R): void;
	reject(error: Error): void;
}

/** One wait for a reply, as awaitReply started it. */
export interface ReplyWait<R> {
	readonly reply: Promise<R>;
	/** Fails this wait (e.g. its request could not be written), unless it has already ended. */
	fail(error: Error): void;
}

export abstract class SerialDevice<R, E extends Error, Events extends SerialDeviceEvents<E> & Record<keyof Events, unknown[]>> extends EventEmitter<Events> {
	readonly path: string;
	protected readonly port: PortKeeper<E>;
	readonly #queue = new SerialQueue();
	#waiter: Waiter<R> | undefined;

	constructor(options: SerialDeviceOptions<E>) {
		super();
		this.path = options.path;
		// This class's events are a part of the driver's: emitted through that narrower view.
		const events = this as unknown as EventEmitter<SerialDeviceEvents<E>>;
		this.port = new PortKeeper({
			...options,
			onOpen: (link) => this.onOpen(link),
			onData: (chunk) => this.onData(chunk),
			onLost: (gone) => {
				this.failReply(gone);
				events.emit('disconnected', gone);
			},
			onReconnected: () => events.emit('reconnected'),
		});
	}

	/** A new link is open: drop partial frames left from the old one. */
	protected abstract onOpen(link: SerialLink): void;

	protected abstract onData(chunk: Buffer): void;

	get baudRate(): number {
		return this.port.baudRate;
	}

	get isOpen(): boolean {
		return this.port.isOpen;
	}

	/** Opens the port if it is not open (also reopens after the device came back). */
	async open(): Promise<void> {
		await this.port.ensureOpen();
	}

	async close(): Promise<void> {
		await this.port.close();
	}

	/** Runs one exchange after the previous one finished: commands never overlap on the wire. */
	protected exclusive<T>(work: () => Promise<T>): Promise<T> {
		return this.#queue.run(work);
	}

	/**
	 * Starts waiting for the next reply, at most `deadlineMs`; then the wait ends with the error
	 * `expired` returns (it may also clear the framing). Callers hold the lock (exclusive).
	 */
	protected awaitReply(deadlineMs: number, expired: () => Error): ReplyWait<R> {
		let waiter: Waiter<R> | undefined;
		const reply = new Promise<R>((resolve, reject) => {
			const timer = setTimeout(() => {
				if (this.#waiter === waiter) this.#waiter = undefined;
				reject(expired());
			}, deadlineMs);
			const settled = () => {
				clearTimeout(timer);
				if (this.#waiter === waiter) this.#waiter = undefined;
			};
			waiter = {
				resolve: (value) => {
					settled();
					resolve(value);
				},
				reject: (error) => {
					settled();
					reject(error);
				},
			};
			this.#waiter = waiter;
		});
		return {reply, fail: (error) => (this.#waiter === waiter ? waiter?.reject(error) : undefined)};
	}

	/** A reply arrived: it ends the current wait (with none, it is dropped). */
	protected settleReply(reply: R): void {
		this.#waiter?.resolve(reply);
	}

	/** Ends the current wait, if any, with `error`. */
	protected failReply(error: Error): void {
		this.#waiter?.reject(error);
	}
}

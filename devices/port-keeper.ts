/**
 * Keeps one serial port for a device driver: opens it on first use (concurrent callers share
 * one open), tells a close we asked for from a device that went away, reopens after an unplug
 * and says so, and switches the line speed. The drivers differ only in framing and in the words
 * of their errors, which they pass in.
 */
import {isMissingDevice, type PortOpener, type SerialLink} from './transport.js';

export interface PortKeeperOptions<E extends Error = Error> {
	path: string;
	opener: PortOpener;
	baudRate: number;
	/** The device's own errors for "the port went away" and "no such port". */
	errors: {
		portGone(path: string, cause?: unknown): E;
		notFound(path: string, cause: unknown): E;
	};
	/** A new link is open: clear partial frames left from the old one. */
	onOpen(link: SerialLink): void;
	onData(chunk: Buffer): void;
	/** The port closed without us asking (unplugged, pty gone): fail what waits on it. */
	onLost(error: E): void;
	/** The port opened again after being lost. */
	onReconnected(): void;
}

export class PortKeeper<E extends Error = Error> {
	readonly #options: PortKeeperOptions<E>;
	#baudRate: number;
	#link: SerialLink | undefined;
	#opening: Promise<SerialLink> | undefined;
	#lost = false;
	#closedByUs = false;

	constructor(options: PortKeeperOptions<E>) {
		this.#options = options;
		this.#baudRate = options.baudRate;
	}

	get baudRate(): number {
		return this.#baudRate;
	}

	get isOpen(): boolean {
		return this.#link?.isOpen ?? false;
	}

	/** The open link, opening the port first when needed. */
	ensureOpen(): Promise<SerialLink> {
		if (this.#link?.isOpen) return Promise.resolve(this.#link);
		this.#opening ??= this.#openLink().finally(() => {
			this.#opening = undefined;
		});
		return this.#opening;
	}

	async close(): Promise<void> {
		const link = this.#link;
		this.#link = undefined;
		if (!link) return;
		this.#closedByUs = true;
		try {
			await link.close();
		} finally {
			this.#closedByUs = false;
		}
	}

	/** Closes the port and opens it again at another line speed (after the device switched). */
	async reopenAt(baudRate: number): Promise<void> {
		await this.close();
		this.#baudRate = baudRate;
		await this.ensureOpen();
	}

	async #openLink(): Promise<SerialLink> {
		const {path, opener, errors} = this.#options;
		let link: SerialLink;
		try {
			link = await opener(path, {baudRate: this.#baudRate});
		} catch (error) {
			// After a disconnect, "still missing" is the same fault as before: the port is gone.
			throw this.#lost && isMissingDevice(error) ? errors.portGone(path, error) : errors.notFound(path, error);
		}
		this.#options.onOpen(link);
		link.onData((chunk) => this.#options.onData(chunk));
		link.onClose((error) => this.#onClose(link, error));
		this.#link = link;
		if (this.#lost) {
			this.#lost = false;
			this.#options.onReconnected();
		}
		return link;
	}

	#onClose(link: SerialLink, error?: Error): void {
		if (this.#link === link) this.#link = undefined;
		if (this.#closedByUs && !error) return;
		this.#lost = true;
		this.#options.onLost(this.#options.errors.portGone(this.#options.path, error));
	}
}

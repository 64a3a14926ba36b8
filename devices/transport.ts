/**
 * The one seam between drivers and serial hardware. A driver gets a `PortOpener` and never
 * constructs a port itself, so tests pass serialport's mock binding (with an emulator attached),
 * a pty path from socat, or the real device.
 */
import type {SerialPortStream} from '@serialport/stream';

export interface SerialLink {
	readonly path: string;
	readonly isOpen: boolean;
	write(data: Buffer): Promise<void>;
	/** Subscribes to received bytes; returns the unsubscribe function. */
	onData(listener: (chunk: Buffer) => void): () => void;
	/** Called once when the port closes; `error` is set when the device went away (unplugged). */
	onClose(listener: (error?: Error) => void): () => void;
	close(): Promise<void>;
}

interface OpenOptions {
	baudRate: number;
}

export type PortOpener = (path: string, options: OpenOptions) => Promise<SerialLink>;

/** Wraps an open serialport stream (real or mock) as a SerialLink. */
export function linkFromStream(port: SerialPortStream): SerialLink {
	let closed = false;
	const closeListeners = new Set<(error?: Error) => void>();
	port.on('close', (error?: Error | null) => {
		closed = true;
		for (const listener of closeListeners) listener(error ?? undefined);
		closeListeners.clear();
	});
	// A stream without an 'error' listener would crash the process on a failed write.
	port.on('error', () => {});
	return {
		path: port.path,
		get isOpen() {
			return !closed && port.isOpen;
		},
		write: (data) =>
			new Promise<void>((resolve, reject) => {
				port.write(data, (error) => (error ? reject(error) : resolve()));
			}),
		onData(listener) {
			port.on('data', listener);
			return () => port.off('data', listener);
		},
		onClose(listener) {
			closeListeners.add(listener);
			return () => closeListeners.delete(listener);
		},
		close: () =>
			new Promise<void>((resolve) => {
				if (closed || !port.isOpen) return resolve();
				port.close(() => resolve());
			}),
	};
}

/** Opens a stream and waits for 'open' (or the error). */
export function openStream(port: SerialPortStream): Promise<SerialPortStream> {
	return new Promise((resolve, reject) => {
		port.open((error) => (error ? reject(error) : resolve(port)));
	});
}

/** Real serial ports (and pty paths). serialport is imported on first use: it loads a native module. */
export function serialPortOpener(): PortOpener {
	return async (path, {baudRate}) => {
		const {SerialPort} = await import('serialport');
		const port = new SerialPort({path, baudRate, autoOpen: false});
		await openStream(port);
		return linkFromStream(port);
	};
}

/** A port-opening failure that means "no such device" rather than "device busy" or similar. */
export function isMissingDevice(error: unknown): boolean {
	const message = error instanceof Error ? error.message : String(error);
	return /ENOENT|no such file|cannot open|not found|does not exist/i.test(message);
}

/**
 * Puts an emulator behind serialport's MockBinding: a PortOpener that opens SerialPortMock on a
 * fake path and wires the binding's writes into the emulator and the emulator's output into the
 * binding's receive side (MockBinding has no write hook, so the open binding's write is wrapped).
 * unplug() / replug() simulate a USB device going away and coming back. Any emulator that takes
 * bytes and emits bytes (ID reader, camera) fits behind it.
 */
import {SerialPortMock} from 'serialport';
import {linkFromStream, openStream, type PortOpener, type SerialLink} from '../../devices/transport.js';
import type {IdReaderEmulator} from './idreader-emulator.js';

export const MockBinding = SerialPortMock.binding;

/** What a harness needs from a device emulator. */
export interface ByteEmulator {
	/** Bytes from the host. */
	receive(bytes: Buffer): void;
	/** Registers the sink for the device's bytes; returns the unsubscribe function. */
	onOutput(listener: (chunk: Buffer) => void): () => void;
	/** Drops pending output (port closed). */
	stop(): void;
	readonly baudRate: number;
}

/** USB identity the fake port reports to `SerialPort.list()`. */
export interface MockPortInfo {
	manufacturer?: string;
	vendorId?: string;
	productId?: string;
}

const READER_INFO: MockPortInfo = {manufacturer: 'Emulated', vendorId: '0400', productId: 'c35a'};

interface Binding {
	write(buf: Buffer): Promise<void>;
	emitData(data: Buffer): void;
	isOpen: boolean;
}

export class MockReaderHarness<E extends ByteEmulator = IdReaderEmulator> {
	readonly path: string;
	readonly emulator: E;
	#plugged = true;
	#port: SerialPortMock | undefined;
	/** How many times the port was opened (reopen tests). */
	opens = 0;

	constructor(emulator: E, path = '/dev/ttyIDR0', info: MockPortInfo = READER_INFO) {
		this.emulator = emulator;
		this.path = path;
		MockBinding.createPort(path, {record: true, ...info});
	}

	readonly opener: PortOpener = async (path, {baudRate}) => {
		if (path !== this.path || !this.#plugged) throw new Error(`Error: ENOENT: no such file or directory, cannot open ${path}`);
		const port = new SerialPortMock({path, baudRate, autoOpen: false});
		await openStream(port);
		this.opens++;
		this.#port = port;
		const binding = port.port as unknown as Binding;
		const write = binding.write.bind(binding);
		binding.write = async (buf: Buffer) => {
			await write(buf);
			this.emulator.receive(Buffer.from(buf));
		};
		const unsubscribe = this.emulator.onOutput((chunk) => {
			if (binding.isOpen) binding.emitData(chunk);
		});
		const link: SerialLink = linkFromStream(port);
		link.onClose(() => {
			unsubscribe();
			this.emulator.stop();
		});
		return link;
	};

	/** The device disappears: the open port closes with a disconnect error and opening fails. */
	unplug(): void {
		this.#plugged = false;
		const port = this.#port as unknown as {_disconnected(error: Error): void; isOpen: boolean} | undefined;
		if (port?.isOpen) port._disconnected(new Error('device unplugged (emulated)'));
	}

	replug(): void {
		this.#plugged = true;
	}
}

/** The same harness, named for what it is when the device is not a card reader. */
export {MockReaderHarness as MockDeviceHarness};

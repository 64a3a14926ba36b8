/**
 * A VC0706 serial JPEG camera in software, photographing one of the generated document pages.
 * It parses the host's requests, answers byte for byte like the camera (version text, reset with
 * boot text, freeze / resume, frame length, read frame wrapped in two headers, image size,
 * compression, baud rate), keeps the frozen frame until resume (so a chunk can be read again),
 * and paces its bytes at the baud rate through the shared PacedLine. Faults are switched on per
 * read-frame request, counted from the last freeze.
 */
import {
	CMD,
	DEFAULT_SERIAL,
	REQUEST_SIGN,
	baudFromCode,
	frameWrapper,
	replyBytes,
	sizeCode,
	sizeFromCode,
	type ImageSize,
} from '../../devices/camera/protocol.js';
import {loadPage, type PageName} from './camera-pages.js';
import {PacedLine} from './paced-line.js';
import type {Scheduler} from './scheduler.js';

export const CAMERA_FAULTS = ['timeout', 'short', 'corrupt', 'no-reply', 'unplug', 'broken-frame'] as const;
export type CameraFaultKind = (typeof CAMERA_FAULTS)[number];

/**
 * timeout: no answer to a read · short: half the data, then the trailer · corrupt: a few data
 * bytes flipped (line noise; a second read is clean) · no-reply: the camera answers nothing ·
 * unplug: the camera goes away · broken-frame: the frame buffer holds a JPEG cut before its end.
 * `at`: the 1-based read-frame request (since the last freeze) it hits; omitted = every read
 * (unplug: the first read; no-reply and broken-frame: always).
 */
export interface CameraFault {
	kind: CameraFaultKind;
	at?: number;
}

/** "timeout@3,short@5,corrupt,no-reply" → faults. */
export function parseCameraFaults(list: string | undefined): CameraFault[] {
	if (!list) return [];
	return list
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean)
		.map((item) => {
			const [kind, at] = item.split('@');
			if (!(CAMERA_FAULTS as readonly string[]).includes(kind!)) throw new RangeError(`unknown fault "${kind}"; known: ${CAMERA_FAULTS.join(', ')} (optionally @N, the Nth chunk read)`);
			if (at === undefined) return {kind: kind as CameraFaultKind};
			const n = Number(at);
			if (!Number.isInteger(n) || n < 1) throw new RangeError(`fault "${item}": @N must be a whole number from 1`);
			return {kind: kind as CameraFaultKind, at: n};
		});
}

export function formatCameraFaults(faults: readonly CameraFault[]): string {
	return faults.map((f) => (f.at === undefined ? f.kind : `${f.kind}@${f.at}`)).join(',');
}

const VERSION_TEXT = 'VC0703 1.00';
export const BOOT_TEXT = 'VC0703 1.00\r\nCtrl infr exist\r\nUser-defined sensor\r\n625\r\nInit end\r\n';

export interface CameraEmulatorOptions {
	page?: PageName;
	/** Power-on image size. Default 640x480. */
	size?: ImageSize;
	/** Line speed for pacing; 0 sends every reply at once. Default 38400 (TTL module default). */
	baudRate?: number;
	scheduler?: Scheduler;
	faults?: readonly CameraFault[];
	/** Camera serial number; requests for another number are ignored. Default 0. */
	serial?: number;
	/** Time from reset to boot text, ms. Default 5. */
	bootMs?: number;
	chunkMs?: number;
	/** Frame source; defaults to the generated page JPEGs. */
	frames?: (page: PageName, size: ImageSize) => Buffer;
}

export class CameraEmulator {
	readonly #line: PacedLine;
	readonly #serial: number;
	readonly #bootMs: number;
	readonly #frames: (page: PageName, size: ImageSize) => Buffer;
	readonly #unplugListeners = new Set<() => void>();
	#page: PageName;
	#size: ImageSize;
	#compression = 0x35;
	#faults: CameraFault[];
	#input: Buffer = Buffer.alloc(0);
	#frozen: Buffer | undefined;
	#reads = 0;
	#corruptSeed = 7;
	/** Requests received from the host, for assertions. */
	readonly received: Buffer[] = [];

	constructor(options: CameraEmulatorOptions = {}) {
		this.#line = new PacedLine({baudRate: options.baudRate ?? 38400, scheduler: options.scheduler, chunkMs: options.chunkMs});
		this.#serial = options.serial ?? DEFAULT_SERIAL;
		this.#bootMs = options.bootMs ?? 5;
		this.#frames = options.frames ?? loadPage;
		this.#page = options.page ?? 'application';
		this.#size = options.size ?? '640x480';
		this.#faults = [...(options.faults ?? [])];
	}

	onOutput(listener: (chunk: Buffer) => void): () => void {
		return this.#line.onOutput(listener);
	}

	/** Called when an 'unplug' fault fires (the harness closes the port). */
	onUnplug(listener: () => void): () => void {
		this.#unplugListeners.add(listener);
		return () => this.#unplugListeners.delete(listener);
	}

	get baudRate(): number {
		return this.#line.baudRate;
	}

	get page(): PageName {
		return this.#page;
	}

	get size(): ImageSize {
		return this.#size;
	}

	get compression(): number {
		return this.#compression;
	}

	get isFrozen(): boolean {
		return this.#frozen !== undefined;
	}

	/** Read-frame requests since the last freeze. */
	get reads(): number {
		return this.#reads;
	}

	/** The JPEG a capture of the current page and size should yield. */
	expectedFrame(): Buffer {
		return this.#frames(this.#page, this.#size);
	}

	showPage(page: PageName): void {
		this.#page = page;
	}

	setFaults(faults: readonly CameraFault[]): void {
		this.#faults = [...faults];
	}

	get faults(): readonly CameraFault[] {
		return this.#faults;
	}

	stop(): void {
		this.#line.stop();
		this.#input = Buffer.alloc(0);
	}

	receive(bytes: Buffer): void {
		const arrivedAt = this.#line.arrivalOf(bytes.length);
		this.#input = Buffer.concat([this.#input, bytes]);
		for (;;) {
			const start = this.#input.indexOf(REQUEST_SIGN);
			if (start < 0) {
				this.#input = Buffer.alloc(0);
				return;
			}
			if (this.#input.length - start < 4) {
				this.#input = this.#input.subarray(start);
				return;
			}
			const argLength = this.#input[start + 3]!;
			const end = start + 4 + argLength;
			if (this.#input.length < end) {
				this.#input = this.#input.subarray(start);
				return;
			}
			const request = Buffer.from(this.#input.subarray(start, end));
			this.#input = this.#input.subarray(end);
			this.received.push(request);
			this.#handle(request, arrivedAt);
		}
	}

	#has(kind: CameraFaultKind, read?: number): boolean {
		return this.#faults.some((f) => f.kind === kind && (read === undefined || f.at === undefined || f.at === read));
	}

	#reply(cmd: number, data?: Buffer, status = 0, at?: number): void {
		this.#line.send(replyBytes(cmd, data, status, this.#serial), at);
	}

	#handle(request: Buffer, arrivedAt: number): void {
		if (request[1] !== this.#serial || this.#has('no-reply')) return;
		const cmd = request[2]!;
		const args = request.subarray(4);
		switch (cmd) {
			case CMD.version:
				return this.#reply(cmd, Buffer.from(VERSION_TEXT, 'latin1'), 0, arrivedAt);
			case CMD.reset:
				this.#frozen = undefined;
				this.#reply(cmd, undefined, 0, arrivedAt);
				this.#line.send(Buffer.from(BOOT_TEXT, 'latin1'), arrivedAt + this.#bootMs);
				return;
			case CMD.frameControl:
				return this.#frameControl(args, arrivedAt);
			case CMD.frameLength: {
				if (args.length !== 1) return this.#reply(cmd, undefined, 2, arrivedAt);
				if (!this.#frozen) return this.#reply(cmd, undefined, 4, arrivedAt);
				const data = Buffer.alloc(4);
				data.writeUInt32BE(this.#frozen.length, 0);
				return this.#reply(cmd, data, 0, arrivedAt);
			}
			case CMD.readFrame:
				return this.#readFrame(args, arrivedAt);
			case CMD.writeData:
				return this.#writeData(args, arrivedAt);
			case CMD.readData:
				return this.#readData(args, arrivedAt);
			case CMD.baudRate: {
				const baud = args.length === 3 && args[0] === 0x01 ? baudFromCode(args[1]!, args[2]!) : undefined;
				if (!baud) return this.#reply(cmd, undefined, 3, arrivedAt);
				this.#reply(cmd, undefined, 0, arrivedAt);
				// The reply still goes out at the old rate; later bytes use the new one.
				this.#line.afterQueue(() => {
					this.#line.baudRate = baud;
				});
				return;
			}
			default:
				return this.#reply(cmd, undefined, 1, arrivedAt);
		}
	}

	#frameControl(args: Buffer, arrivedAt: number): void {
		if (args.length !== 1) return this.#reply(CMD.frameControl, undefined, 2, arrivedAt);
		const control = args[0]!;
		if (control === 0x03) {
			this.#frozen = undefined;
		} else if (control <= 0x02) {
			// Stop current / next frame, or step one frame: the buffer holds a fresh still.
			let frame = this.#frames(this.#page, this.#size);
			if (this.#has('broken-frame')) frame = Buffer.concat([frame.subarray(0, Math.floor(frame.length * 0.7)), Buffer.alloc(frame.length - Math.floor(frame.length * 0.7), 0x00)]);
			this.#frozen = frame;
			this.#reads = 0;
		} else {
			return this.#reply(CMD.frameControl, undefined, 3, arrivedAt);
		}
		this.#reply(CMD.frameControl, undefined, 0, arrivedAt);
	}

	#readFrame(args: Buffer, arrivedAt: number): void {
		if (args.length !== 12) return this.#reply(CMD.readFrame, undefined, 2, arrivedAt);
		if (!this.#frozen) return this.#reply(CMD.readFrame, undefined, 4, arrivedAt);
		const read = ++this.#reads;
		if (this.#faults.some((f) => f.kind === 'unplug' && (f.at ?? 1) === read)) {
			this.stop();
			for (const listener of this.#unplugListeners) listener();
			return;
		}
		if (this.#has('timeout', read)) return;
		const address = args.readUInt32BE(2);
		const length = args.readUInt32BE(6);
		const delayMs = args.readUInt16BE(10) / 100;
		// Past the end of the frame the camera returns whatever is in its buffer: zeros here.
		const data = Buffer.alloc(length);
		if (address < this.#frozen.length) this.#frozen.copy(data, 0, address, Math.min(this.#frozen.length, address + length));
		let sent: Buffer = data;
		if (this.#has('corrupt', read)) sent = this.#corrupt(data);
		if (this.#has('short', read)) sent = sent.subarray(0, Math.floor(sent.length / 2));
		const wrapper = frameWrapper(this.#serial);
		this.#line.send(wrapper, arrivedAt);
		this.#line.send(Buffer.concat([sent, wrapper]), arrivedAt + delayMs);
	}

	/** Flips a few bits at pseudo-random positions (line noise); the frame buffer itself stays intact. */
	#corrupt(data: Buffer): Buffer {
		const out = Buffer.from(data);
		if (out.length === 0) return out;
		for (let i = 0; i < 3; i++) {
			this.#corruptSeed = (this.#corruptSeed * 1103515245 + 12345) & 0x7fffffff;
			const at = this.#corruptSeed % out.length;
			out[at] = out[at]! ^ (1 << (this.#corruptSeed >> 16) % 8);
		}
		return out;
	}

	#writeData(args: Buffer, arrivedAt: number): void {
		// 05 04 01 00 19 XX: image size; 05 01 01 12 04 XX: compression ratio.
		if (args.length === 5 && args[0] === 0x04 && args[1] === 0x01 && args[2] === 0x00 && args[3] === 0x19) {
			const size = sizeFromCode(args[4]!);
			if (!size) return this.#reply(CMD.writeData, undefined, 3, arrivedAt);
			this.#size = size;
			return this.#reply(CMD.writeData, undefined, 0, arrivedAt);
		}
		if (args.length === 5 && args[0] === 0x01 && args[1] === 0x01 && args[2] === 0x12 && args[3] === 0x04) {
			this.#compression = args[4]!;
			return this.#reply(CMD.writeData, undefined, 0, arrivedAt);
		}
		return this.#reply(CMD.writeData, undefined, 3, arrivedAt);
	}

	#readData(args: Buffer, arrivedAt: number): void {
		if (args.length === 4 && args[0] === 0x04 && args[1] === 0x01 && args[2] === 0x00 && args[3] === 0x19) {
			return this.#reply(CMD.readData, Buffer.from([sizeCode(this.#size)]), 0, arrivedAt);
		}
		if (args.length === 4 && args[0] === 0x01 && args[1] === 0x01 && args[2] === 0x12 && args[3] === 0x04) {
			return this.#reply(CMD.readData, Buffer.from([this.#compression]), 0, arrivedAt);
		}
		return this.#reply(CMD.readData, undefined, 3, arrivedAt);
	}
}

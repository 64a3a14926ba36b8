/**
 * A SAM ID card reader in software. It takes the host's bytes, frames them like a reader
 * (a bad checksum from the host is answered with SW3 10, an impossible length with 11), keeps
 * the reader's state (card on or off, found, selected, read) and answers byte for byte. Replies
 * are paced at the line's baud rate (10 bits per byte) on an injectable scheduler, so over a pty
 * or the mock binding the host sees the timing of a real wire. Faults can be switched on at will.
 */
import {PHOTO_BYTES, TEXT_BYTES} from '../../devices/idreader/card.js';
import {FrameScanner} from '../../devices/idreader/parser.js';
import {BAUD_RATES, replyFrame} from '../../devices/idreader/protocol.js';
import {encodeAddress, encodeText, type DemoCard} from './cards.js';
import {PacedLine} from './paced-line.js';
import type {Scheduler} from './scheduler.js';

export const FAULTS = ['bad-checksum', 'truncated', 'garbage', 'no-reply', 'sam-fault', 'card-lifted', 'slow', 'echo', 'cut-frame'] as const;
export type Fault = (typeof FAULTS)[number];

export function parseFaults(list: string | undefined): Fault[] {
	if (!list) return [];
	const faults = list.split(',').map((f) => f.trim()).filter(Boolean);
	for (const f of faults) if (!(FAULTS as readonly string[]).includes(f)) throw new RangeError(`unknown fault "${f}"; known: ${FAULTS.join(', ')}`);
	return faults as Fault[];
}

export interface EmulatorOptions {
	card?: DemoCard | undefined;
	/** Line speed for pacing; 0 sends every reply at once (fast unit tests). Default 115200. */
	baudRate?: number;
	scheduler?: Scheduler;
	faults?: readonly Fault[];
	/** Reader's own thinking time before a reply, in ms. Default 0 (pure wire time). */
	processingMs?: number;
	/** Extra delay added by the 'slow' fault. Default 600 ms. */
	slowMs?: number;
	/**
	 * Bytes handed to the port per delivery while pacing, like a USB-serial adapter's latency
	 * timer. Default 4 ms worth of bytes.
	 */
	chunkMs?: number;
	/** 16 data bytes of the SAM ID reply. */
	samId?: Buffer;
	/** Silence after the cut-off frame of the 'cut-frame' fault, in ms. Default 100. */
	cutGapMs?: number;
	/**
	 * Scripted line trouble: bursts sent before each reply, each followed by its silence (a test
	 * hook for cut frames, noise and echoes at chosen points; the faults above cover the usual cases).
	 */
	beforeReply?: (reply: Buffer) => readonly NoiseBurst[];
}

/** Bytes sent back to back, then `silenceMs` of nothing on the line. */
export interface NoiseBurst {
	bytes: Buffer;
	silenceMs: number;
}

/**
 * What 'cut-frame' sends before each reply: a reply cut off right after LEN_H. With LEN_L taken
 * from the next frame's first byte (AA) it claims 170 more bytes, a plausible length that
 * swallows any short reply behind it unless the host drops it after the silence (issue 12.7).
 */
export const CUT_FRAME = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00]);

/**
 * The 16 data bytes of a SAM ID reply (12 FF): two 16-bit and three 32-bit numbers, little-endian,
 * which vendor tools (and formatSamId) print as 05.01-20101112-0012345678-1234567890.
 */
export function samIdData(numbers: readonly [number, number, number, number, number]): Buffer {
	const [a, b, c, d, e] = numbers;
	const data = Buffer.alloc(16);
	data.writeUInt16LE(a, 0);
	data.writeUInt16LE(b, 2);
	data.writeUInt32LE(c, 4);
	data.writeUInt32LE(d, 8);
	data.writeUInt32LE(e, 12);
	return data;
}

const DEFAULT_SAM_ID = samIdData([5, 1, 20240315, 12345678, 1234567890]);

export class IdReaderEmulator {
	#card: DemoCard | undefined;
	#faults: Set<Fault>;
	/** Paced output at the line's baud rate (shared with the other device emulators). */
	readonly #line: PacedLine;
	readonly #processingMs: number;
	readonly #slowMs: number;
	readonly #samId: Buffer;
	readonly #cutGapMs: number;
	readonly #beforeReply: ((reply: Buffer) => readonly NoiseBurst[]) | undefined;
	readonly #scanner: FrameScanner;
	#found = false;
	#selected = false;
	#read = false;
	#garbageSeed = 1;
	/** Frames received from the host, for assertions. */
	readonly received: Buffer[] = [];

	constructor(options: EmulatorOptions = {}) {
		this.#card = options.card;
		this.#faults = new Set(options.faults ?? []);
		this.#line = new PacedLine({baudRate: options.baudRate ?? 115200, scheduler: options.scheduler, chunkMs: options.chunkMs});
		this.#processingMs = options.processingMs ?? 0;
		this.#slowMs = options.slowMs ?? 600;
		this.#samId = options.samId ?? DEFAULT_SAM_ID;
		this.#cutGapMs = options.cutGapMs ?? 100;
		this.#beforeReply = options.beforeReply;
		this.#scanner = new FrameScanner({
			onReject: (r) => {
				if (r.reason === 'checksum') this.#reply(replyFrame(0x10));
				else if (r.reason === 'length') this.#reply(replyFrame(0x11));
			},
		});
	}

	/** Registers the sink for the reader's bytes (the port's receive side). */
	onOutput(listener: (chunk: Buffer) => void): () => void {
		return this.#line.onOutput(listener);
	}

	get baudRate(): number {
		return this.#line.baudRate;
	}

	get card(): DemoCard | undefined {
		return this.#card;
	}

	placeCard(card: DemoCard): void {
		this.#card = card;
		this.#resetCardState();
	}

	liftCard(): void {
		this.#card = undefined;
		this.#resetCardState();
	}

	setFaults(faults: readonly Fault[]): void {
		this.#faults = new Set(faults);
	}

	get faults(): readonly Fault[] {
		return [...this.#faults];
	}

	/** Stops pending output (e.g. when the port closes). */
	stop(): void {
		this.#line.stop();
	}

	#resetCardState(): void {
		this.#found = false;
		this.#selected = false;
		this.#read = false;
	}

	/** Bytes from the host. */
	receive(bytes: Buffer): void {
		// The command itself takes wire time to arrive before the reader can answer.
		const arrivedAt = this.#line.arrivalOf(bytes.length);
		// A line that echoes (a half-duplex adapter, a loopback): the host hears its own bytes first.
		if (this.#faults.has('echo')) this.#line.send(Buffer.from(bytes), arrivedAt);
		for (const frame of this.#scanner.push(bytes)) {
			this.received.push(frame);
			this.#handle(frame.subarray(7, frame.length - 1), arrivedAt);
		}
	}

	#handle(body: Buffer, arrivedAt: number): void {
		if (this.#faults.has('no-reply')) return;
		const cmd = body[0];
		const para = body[1];
		if (this.#faults.has('sam-fault')) return this.#reply(replyFrame(0x60), arrivedAt);
		switch (`${hex(cmd)}${hex(para)}`) {
			case '10FF':
				this.#resetCardState();
				return this.#reply(replyFrame(0x90), arrivedAt);
			case '11FF':
				return this.#reply(replyFrame(0x90), arrivedAt);
			case '12FF':
				return this.#reply(replyFrame(0x90, this.#samId), arrivedAt);
			case '2001':
				this.#selected = false;
				this.#read = false;
				this.#found = this.#card !== undefined;
				return this.#reply(this.#found ? replyFrame(0x9f, Buffer.alloc(4)) : replyFrame(0x80), arrivedAt);
			case '2002':
				this.#selected = this.#found && this.#card !== undefined;
				return this.#reply(this.#selected ? replyFrame(0x90, Buffer.alloc(8)) : replyFrame(0x81), arrivedAt);
			case '3001':
			case '3010':
				return this.#readCard(para === 0x10, arrivedAt);
			case '3003':
				if (!this.#card || !this.#read) return this.#reply(replyFrame(0x41), arrivedAt);
				return this.#reply(
					this.#card.appendedAddress ? replyFrame(0x90, encodeAddress(this.#card.appendedAddress)) : replyFrame(0x91),
					arrivedAt,
				);
			default:
				if (cmd === 0x60 && para !== undefined && para < BAUD_RATES.length) {
					this.#reply(replyFrame(0x90), arrivedAt);
					// The reply still goes out at the old rate; later bytes use the new one.
					this.#line.afterQueue(() => {
						this.#line.baudRate = BAUD_RATES[para]!;
					});
					return;
				}
				return this.#reply(replyFrame(0x21), arrivedAt);
		}
	}

	#readCard(withFingerprint: boolean, arrivedAt: number): void {
		const card = this.#card;
		if (!card || !this.#selected) return this.#reply(replyFrame(0x41), arrivedAt);
		const text = encodeText(card.kind, card.fields);
		const parts: Buffer[] = [];
		const lengths = Buffer.alloc(withFingerprint ? 6 : 4);
		lengths.writeUInt16BE(TEXT_BYTES, 0);
		lengths.writeUInt16BE(PHOTO_BYTES, 2);
		const fingerprint = withFingerprint ? (card.fingerprint ?? Buffer.alloc(0)) : undefined;
		if (fingerprint) lengths.writeUInt16BE(fingerprint.length, 4);
		parts.push(lengths, text, card.photo);
		if (fingerprint) parts.push(fingerprint);
		let frame = replyFrame(0x90, Buffer.concat(parts));
		this.#read = true;
		if (this.#faults.has('card-lifted')) {
			// The card left the field mid-transfer: the reply stops part way and the card is gone.
			frame = frame.subarray(0, Math.floor(frame.length * 0.4));
			this.liftCard();
		}
		this.#reply(frame, arrivedAt);
	}

	#reply(frame: Buffer, arrivedAt = this.#line.scheduler.now()): void {
		let bytes = frame;
		if (this.#faults.has('bad-checksum')) {
			bytes = Buffer.from(bytes);
			bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x5a;
		}
		if (this.#faults.has('truncated')) bytes = bytes.subarray(0, Math.max(8, Math.floor(bytes.length / 2)));
		if (this.#faults.has('garbage')) bytes = Buffer.concat([this.#garbage(), bytes]);
		const delay = this.#processingMs + (this.#faults.has('slow') ? this.#slowMs : 0);
		const bursts = [...(this.#beforeReply?.(frame) ?? [])];
		if (this.#faults.has('cut-frame')) bursts.push({bytes: CUT_FRAME, silenceMs: this.#cutGapMs});
		let at = arrivedAt + delay;
		for (const burst of bursts) {
			this.#line.send(burst.bytes, at);
			at = this.#line.freeAt + burst.silenceMs;
		}
		this.#line.send(bytes, at);
	}

	/** Line noise: includes preamble fragments so a host parser has to resynchronise. */
	#garbage(): Buffer {
		const out: number[] = [];
		const n = 3 + (this.#garbageSeed % 9);
		for (let i = 0; i < n; i++) {
			this.#garbageSeed = (this.#garbageSeed * 1103515245 + 12345) & 0x7fffffff;
			out.push(this.#garbageSeed & 0xff);
		}
		return Buffer.from([...out, 0xaa, 0xaa, 0x96, 0xaa]);
	}
}

function hex(b: number | undefined): string {
	return (b ?? 0).toString(16).toUpperCase().padStart(2, '0');
}

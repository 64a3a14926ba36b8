/**
 * VC0706 camera driver over an injected PortOpener: one command at a time, each with its own
 * deadline. A capture is freeze → frame length → chunked reads → resume. Every chunk has a
 * deadline from its wire time; a chunk that times out, comes back short or malformed is read
 * again at the same address (the frozen frame stays in the camera until resume). The assembled
 * image is accepted only when it passes the whole-image check (jpeg-check.ts).
 */
import {SerialDevice, type Direction, type SerialDeviceEvents} from '../serial-device.js';
import type {PortOpener} from '../transport.js';
import {CameraError, abandoned, badReply, corruptedImage, notFound, portGone, timeout} from './errors.js';
import {verifyJpeg, type DecodedImage} from './jpeg-check.js';
import {
	CMD,
	DEFAULT_READ_DELAY,
	DEFAULT_SERIAL,
	chunkExchangeBytes,
	freezeRequest,
	frameLengthRequest,
	getSizeRequest,
	isCameraBaud,
	readFrameRequest,
	resetRequest,
	resumeRequest,
	setBaudRequest,
	setCompressionRequest,
	setSizeRequest,
	sizeDimensions,
	sizeFromCode,
	versionRequest,
	wireTimeMs,
	type CameraBaud,
	type ImageSize,
} from './protocol.js';
import {ReplyAssembler, type Assembled, type Expectation} from './replies.js';
import {reason} from '../../src/core/reasons.js';

export interface CameraTimeouts {
	/** Plain commands (version, freeze, resume, frame length, settings). Default 500 ms. */
	commandMs: number;
	/** Reset: reply plus boot text up to "Init end". Default 3000 ms. */
	resetMs: number;
	/** Added to twice a chunk's wire time to make its deadline. Default 250 ms. */
	chunkMarginMs: number;
}

const DEFAULT_CAMERA_TIMEOUTS: Readonly<CameraTimeouts> = {commandMs: 500, resetMs: 3000, chunkMarginMs: 250};
/** TTL VC0706 modules ship at 38400 bps. */
const DEFAULT_CAMERA_BAUD = 38400;
export const DEFAULT_CHUNK_SIZE = 1024;
const DEFAULT_CHUNK_ATTEMPTS = 4;
/** Frames longer than this are not believed (a 640x480 JPEG is well under 200 KB). */
const MAX_FRAME_LENGTH = 2 * 1024 * 1024;

/**
 * How a capture is verified. 'decode': whole-image check only (length, markers, structure,
 * decode). 'reread': additionally reads every chunk a second time and compares, re-reading a
 * chunk until two reads agree — catches bit errors that still decode, at twice the wire time.
 * 'behind': the picture after one read (decoded, for the preview), then, with the frame still
 * frozen, a second read compared chunk by chunk; a chunk whose two reads differ is read a third
 * time and the two equal reads win (captureBehind). Only a picture read identically twice is
 * ever the verified one.
 */
export type VerifyMode = 'decode' | 'reread' | 'behind';

/** 'behind' mode: the verified picture and how many chunks had to be read a third time. */
interface VerifiedCapture {
	capture: RawCapture;
	/** Chunks whose first two reads differed (each was read a third time and decided). */
	differed: number;
}

/** 'behind' mode: the picture of the first read, and the comparing read running behind it. */
export interface BehindCapture {
	preview: RawCapture;
	/** Settles once the second (and any third) read is done; rejects with a CameraError when no two reads of a chunk agree. */
	verified: Promise<VerifiedCapture>;
}

export interface CameraOptions {
	path: string;
	opener: PortOpener;
	baudRate?: number;
	/** Camera serial number in every request (normally 0). */
	serial?: number;
	/** Bytes per read-frame request; a multiple of 8, 8–32768. Default 1024. */
	chunkSize?: number;
	/** Reads of one chunk before giving up. Default 4. */
	chunkAttempts?: number;
	/** Read-frame delay argument, in 0.01 ms. Default 10 (0.1 ms). */
	readDelay?: number;
	verify?: VerifyMode;
	timeouts?: Partial<CameraTimeouts>;
}

export interface CaptureOptions {
	/** Sets the image size before freezing (leaves it unchanged when omitted). */
	size?: ImageSize;
	onProgress?: (bytes: number, total: number) => void;
	/**
	 * The clerk gave the capture up (discard, another capture): the reads stop at the next chunk,
	 * the camera resumes, and the capture (or, in 'behind' mode, its verification) rejects with
	 * camera_capture_abandoned, so the next capture does not wait behind a check nobody wants.
	 */
	signal?: AbortSignal;
}

export interface CaptureStats {
	chunks: number;
	/** Chunk reads repeated after a timeout, a short or malformed reply, or a comparison mismatch. */
	rereads: number;
	timeouts: number;
	shortChunks: number;
	badReplies: number;
	/** 'reread' and 'behind' modes: chunks whose two reads differed. */
	mismatches: number;
}

export interface RawCapture {
	jpeg: Buffer;
	image: DecodedImage;
	size: ImageSize | undefined;
	stats: CaptureStats;
	elapsedMs: number;
}

export interface CameraEvents extends SerialDeviceEvents<CameraError> {
	/** Requests sent and raw bytes received (for --raw and monitors). */
	bytes: [direction: Direction, bytes: Buffer];
	/** A chunk is being read again (after `reason`). */
	reread: [address: number, reason: 'timeout' | 'short' | 'bad-reply' | 'mismatch'];
}

/** Internal: a deadline passed; carries what had arrived so the caller can tell "short" from "silent". */
class DeadlinePassed extends Error {
	constructor(
		readonly received: number,
		readonly short: boolean,
	) {
		super('deadline passed');
	}
}

export class Vc0706Camera extends SerialDevice<Assembled, CameraError, CameraEvents> {
	readonly serial: number;
	readonly chunkSize: number;
	readonly chunkAttempts: number;
	readonly readDelay: number;
	readonly verify: VerifyMode;
	readonly timeouts: Readonly<CameraTimeouts>;
	readonly #assembler = new ReplyAssembler();
	#size: ImageSize | undefined;

	constructor(options: CameraOptions) {
		super({path: options.path, opener: options.opener, baudRate: options.baudRate ?? DEFAULT_CAMERA_BAUD, errors: {portGone, notFound}});
		this.serial = options.serial ?? DEFAULT_SERIAL;
		this.chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
		if (!Number.isInteger(this.chunkSize) || this.chunkSize < 8 || this.chunkSize > 32768 || this.chunkSize % 8 !== 0) {
			throw new RangeError(`chunk size must be a multiple of 8 between 8 and 32768, got ${options.chunkSize}`);
		}
		this.chunkAttempts = Math.max(1, options.chunkAttempts ?? DEFAULT_CHUNK_ATTEMPTS);
		this.readDelay = options.readDelay ?? DEFAULT_READ_DELAY;
		this.verify = options.verify ?? 'decode';
		this.timeouts = {...DEFAULT_CAMERA_TIMEOUTS, ...options.timeouts};
	}

	/** Image size last set or read through this driver (undefined until then). */
	get imageSize(): ImageSize | undefined {
		return this.#size;
	}

	protected override onOpen(): void {
		this.#assembler.clear();
	}

	protected override onData(chunk: Buffer): void {
		this.emit('bytes', 'rx', chunk);
		const outcome = this.#assembler.push(chunk);
		if (outcome.type === 'pending') return;
		if (outcome.type === 'done') this.settleReply(outcome.reply);
		else this.failReply(outcome.error);
	}

	/** Sends a request and waits for the expected reply, at most `deadlineMs`. Callers hold the lock. */
	async #transact(request: Buffer, expectation: Expectation, deadlineMs: number): Promise<Assembled> {
		const link = await this.port.ensureOpen();
		this.#assembler.expect(expectation);
		const wait = this.awaitReply(deadlineMs, () => {
			const error = new DeadlinePassed(this.#assembler.received, this.#assembler.endsWithTrailer());
			this.#assembler.clear();
			return error;
		});
		this.emit('bytes', 'tx', request);
		try {
			await link.write(request);
		} catch (error) {
			wait.fail(portGone(this.path, error));
		}
		return wait.reply;
	}

	/** A plain command: a deadline that passes is a timeout error. */
	async #command(step: string, request: Buffer, cmd: number, dataLength?: number, deadlineMs = this.timeouts.commandMs): Promise<Buffer> {
		try {
			const reply = await this.#transact(request, {step, cmd, serial: this.serial, kind: 'plain', dataLength}, deadlineMs);
			return reply.data;
		} catch (error) {
			if (error instanceof DeadlinePassed) {
				throw error.received > 0 ? badReply(step, reason('reason_incomplete_reply', {received: error.received, deadlineMs})) : timeout(step, deadlineMs, this.path);
			}
			throw error;
		}
	}

	/** Version text, e.g. "VC0703 1.00". */
	version(): Promise<string> {
		return this.exclusive(async () => (await this.#command('version', versionRequest(this.serial), CMD.version)).toString('latin1').trim());
	}

	/** Resets the camera and waits for its boot text to finish ("Init end"). */
	reset(): Promise<void> {
		return this.exclusive(async () => {
			const link = await this.port.ensureOpen();
			let text = '';
			let finish = () => {};
			const booted = new Promise<void>((resolve) => {
				const offData = link.onData((chunk) => {
					text += chunk.toString('latin1');
					if (/Init end\r?\n/.test(text)) finish();
				});
				const offClose = link.onClose(() => finish());
				const timer = setTimeout(() => finish(), this.timeouts.resetMs);
				finish = () => {
					offData();
					offClose();
					clearTimeout(timer);
					resolve();
				};
			});
			try {
				await this.#command('reset', resetRequest(this.serial), CMD.reset, 0);
			} catch (error) {
				finish();
				throw error;
			}
			// Modules without boot text (USB CDC variants) just run into the deadline; that is fine.
			await booted;
			this.#assembler.clear();
		});
	}

	freeze(): Promise<void> {
		return this.exclusive(() => this.#freeze());
	}

	async #freeze(): Promise<void> {
		await this.#command('freeze', freezeRequest(this.serial), CMD.frameControl, 0);
	}

	resume(): Promise<void> {
		return this.exclusive(() => this.#resume());
	}

	async #resume(): Promise<void> {
		await this.#command('resume', resumeRequest(this.serial), CMD.frameControl, 0);
	}

	/** Length of the frozen frame (4 bytes, big-endian). */
	frameLength(): Promise<number> {
		return this.exclusive(() => this.#frameLength());
	}

	async #frameLength(): Promise<number> {
		const data = await this.#command('frame length', frameLengthRequest(this.serial), CMD.frameLength, 4);
		const length = data.readUInt32BE(0);
		if (length === 0 || length > MAX_FRAME_LENGTH) throw badReply('frame length', reason('reason_implausible_length', {length}), {length});
		return length;
	}

	/** One read of `length` bytes at `address`; no retry (see capture). */
	readChunk(address: number, length: number): Promise<Buffer> {
		return this.exclusive(() => this.#readChunkOnce(address, length));
	}

	/** Deadline for one chunk: twice its wire time, the camera's delay, and a margin. */
	chunkDeadlineMs(length: number): number {
		return Math.ceil(2 * wireTimeMs(chunkExchangeBytes(length), this.port.baudRate) + this.readDelay / 100 + this.timeouts.chunkMarginMs);
	}

	async #readChunkOnce(address: number, length: number): Promise<Buffer> {
		const step = `read frame @${address}+${length}`;
		const reply = await this.#transact(
			readFrameRequest(address, length, this.readDelay, this.serial),
			{step, cmd: CMD.readFrame, serial: this.serial, kind: 'frame', length},
			this.chunkDeadlineMs(length),
		);
		return reply.data;
	}

	/** Reads a chunk, again and again (up to chunkAttempts) while it times out or comes back short or malformed. */
	async #readChunk(address: number, length: number, stats: CaptureStats): Promise<Buffer> {
		let last: Error | undefined;
		for (let attempt = 1; attempt <= this.chunkAttempts; attempt++) {
			try {
				return await this.#readChunkOnce(address, length);
			} catch (error) {
				if (error instanceof DeadlinePassed) {
					if (error.short) stats.shortChunks++;
					else stats.timeouts++;
					last = error;
					if (attempt < this.chunkAttempts) {
						stats.rereads++;
						this.emit('reread', address, error.short ? 'short' : 'timeout');
						await this.#quiet();
					}
					continue;
				}
				if (error instanceof CameraError && (error.code === 'camera_bad_reply' || error.code === 'camera_status')) {
					stats.badReplies++;
					last = error;
					if (attempt < this.chunkAttempts) {
						stats.rereads++;
						this.emit('reread', address, 'bad-reply');
						await this.#quiet();
					}
					continue;
				}
				throw error;
			}
		}
		const step = `read frame @${address}+${length}`;
		if (last instanceof DeadlinePassed) {
			if (last.short) throw badReply(step, reason('reason_chunk_short', {attempts: this.chunkAttempts}), {address, length, attempts: this.chunkAttempts});
			throw timeout(step, this.chunkDeadlineMs(length), this.path, this.chunkAttempts);
		}
		throw last ?? timeout(step, this.chunkDeadlineMs(length), this.path, this.chunkAttempts);
	}

	/** Lets bytes still in flight from an abandoned reply arrive (and be dropped) before the next request. */
	async #quiet(): Promise<void> {
		const settleMs = Math.max(20, Math.ceil(wireTimeMs(64, this.port.baudRate)));
		await new Promise((resolve) => setTimeout(resolve, settleMs));
		this.#assembler.clear();
	}

	async #setSize(size: ImageSize): Promise<void> {
		await this.#command('image size', setSizeRequest(size, this.serial), CMD.writeData, 0);
		this.#size = size;
	}

	setImageSize(size: ImageSize): Promise<void> {
		return this.exclusive(() => this.#setSize(size));
	}

	/** Reads the image size register back. */
	getImageSize(): Promise<ImageSize> {
		return this.exclusive(async () => {
			const data = await this.#command('read image size', getSizeRequest(this.serial), CMD.readData, 1);
			const size = sizeFromCode(data[0]!);
			if (!size) throw badReply('read image size', reason('reason_unknown_size', {code: String(data[0])}));
			this.#size = size;
			return size;
		});
	}

	/** Compression ratio 0–255 (the camera's default is 0x35; higher means smaller files). */
	setCompression(ratio: number): Promise<void> {
		return this.exclusive(async () => {
			await this.#command('compression', setCompressionRequest(ratio, this.serial), CMD.writeData, 0);
		});
	}

	/** Switches the camera's line speed, then reopens the port at the new rate. */
	setBaud(baud: CameraBaud): Promise<void> {
		if (!isCameraBaud(baud)) throw new RangeError(`unsupported baud rate ${baud}`);
		return this.exclusive(async () => {
			await this.#command('baud rate', setBaudRequest(baud, this.serial), CMD.baudRate, 0);
			await this.port.reopenAt(baud);
		});
	}

	/**
	 * Freeze → frame length → chunked reads (re-read on failure) → resume, then the whole-image
	 * check. Resume is sent even when a read failed, so the camera returns to live video.
	 */
	capture(options: CaptureOptions = {}): Promise<RawCapture> {
		if (this.verify === 'behind') return this.captureBehind(options).then((behind) => behind.verified.then((v) => v.capture));
		return this.exclusive(async () => {
			const started = performance.now();
			if (options.size) await this.#setSize(options.size);
			const stats: CaptureStats = {chunks: 0, rereads: 0, timeouts: 0, shortChunks: 0, badReplies: 0, mismatches: 0};
			await this.#freeze();
			let jpeg: Buffer;
			let failed = true;
			try {
				const total = await this.#frameLength();
				options.onProgress?.(0, total);
				jpeg = Buffer.concat(await this.#readFrame(total, stats, options.onProgress, options.signal));
				failed = false;
				const expectedSize = options.size ? sizeDimensions(options.size) : undefined;
				const image = verifyJpeg(jpeg, {expectedLength: total, expectedSize});
				return {jpeg, image, size: options.size ?? this.#size, stats, elapsedMs: performance.now() - started};
			} finally {
				await this.#resumeAfterCapture(failed);
			}
		});
	}

	async #resumeAfterCapture(failed: boolean): Promise<void> {
		try {
			await this.#resume();
		} catch (error) {
			// After a failed read the capture's own error is the one to report.
			if (!failed) throw error;
		}
	}

	/**
	 * 'behind' mode: freeze → frame length → one read of every chunk →
	 * the whole-image check → `preview`; then, the frame still frozen and the lock still held, a
	 * second read of every chunk, a third of each chunk whose two reads differed (the two equal
	 * reads win), the check again when anything changed → `verified`; resume. When the first read
	 * does not pass the check (a bit flipped on the line can break the decode) the preview waits
	 * for the verified picture. Every read keeps its own deadline (chunkDeadlineMs).
	 */
	captureBehind(options: CaptureOptions = {}): Promise<BehindCapture> {
		return new Promise<BehindCapture>((resolvePreview, rejectPreview) => {
			let shown = false;
			const verified = this.exclusive(async (): Promise<VerifiedCapture> => {
				const started = performance.now();
				if (options.size) await this.#setSize(options.size);
				const stats: CaptureStats = {chunks: 0, rereads: 0, timeouts: 0, shortChunks: 0, badReplies: 0, mismatches: 0};
				await this.#freeze();
				let failed = true;
				try {
					const total = await this.#frameLength();
					options.onProgress?.(0, total);
					const first = await this.#readFrame(total, stats, options.onProgress, options.signal);
					const expectedSize = options.size ? sizeDimensions(options.size) : undefined;
					const check = (jpeg: Buffer) => verifyJpeg(jpeg, {expectedLength: total, expectedSize});
					const firstJpeg = Buffer.concat(first);
					let firstImage: DecodedImage | undefined;
					try {
						firstImage = check(firstJpeg);
					} catch (error) {
						if (!(error instanceof CameraError && error.code === 'camera_corrupted_image')) throw error;
					}
					if (firstImage) {
						shown = true;
						resolvePreview({preview: {jpeg: firstJpeg, image: firstImage, size: options.size ?? this.#size, stats: {...stats}, elapsedMs: performance.now() - started}, verified});
					}
					const {chunks, differed} = await this.#compareFrame(first, stats, options.signal);
					const jpeg = differed === 0 ? firstJpeg : Buffer.concat(chunks);
					const image = differed === 0 && firstImage ? firstImage : check(jpeg);
					failed = false;
					return {capture: {jpeg, image, size: options.size ?? this.#size, stats, elapsedMs: performance.now() - started}, differed};
				} finally {
					await this.#resumeAfterCapture(failed);
				}
			});
			verified.then(
				(result) => {
					if (!shown) resolvePreview({preview: result.capture, verified});
				},
				(error: unknown) => {
					if (!shown) rejectPreview(error);
				},
			);
		});
	}

	/** The second read of every chunk of `first`; a chunk whose reads differ is read a third time and the two equal reads win. */
	async #compareFrame(first: readonly Buffer[], stats: CaptureStats, signal?: AbortSignal): Promise<{chunks: Buffer[]; differed: number}> {
		const chunks: Buffer[] = [];
		let differed = 0;
		for (const [index, once] of first.entries()) {
			if (signal?.aborted) throw abandoned('verify');
			const before = stats.mismatches;
			chunks.push(await this.#confirmChunk(index * this.chunkSize, once.length, once, stats, Math.max(2, this.chunkAttempts - 1)));
			if (stats.mismatches > before) differed++;
		}
		return {chunks, differed};
	}

	async #readFrame(total: number, stats: CaptureStats, onProgress?: (bytes: number, total: number) => void, signal?: AbortSignal): Promise<Buffer[]> {
		const chunks: Buffer[] = [];
		let received = 0;
		for (let address = 0; address < total; address += this.chunkSize) {
			if (signal?.aborted) throw abandoned('read_frame');
			const length = Math.min(this.chunkSize, total - address);
			let chunk = await this.#readChunk(address, length, stats);
			if (this.verify === 'reread') chunk = await this.#confirmChunk(address, length, chunk, stats);
			stats.chunks++;
			chunks.push(chunk);
			received += chunk.length;
			onProgress?.(received, total);
		}
		return chunks;
	}

	/**
	 * Reads the chunk again until two reads agree, at most `attempts` more times: 'reread' mode
	 * up to chunkAttempts, 'behind' twice (the second read, and a third to decide).
	 */
	async #confirmChunk(address: number, length: number, first: Buffer, stats: CaptureStats, attempts = this.chunkAttempts): Promise<Buffer> {
		const seen: Buffer[] = [first];
		for (let attempt = 1; attempt <= attempts; attempt++) {
			const again = await this.#readChunk(address, length, stats);
			if (seen.some((s) => s.equals(again))) return again;
			stats.mismatches++;
			stats.rereads++;
			this.emit('reread', address, 'mismatch');
			seen.push(again);
		}
		throw corruptedImage(reason('reason_chunk_differs', {address, times: seen.length}), {address, length});
	}
}

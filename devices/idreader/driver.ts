/**
 * ID card reader driver: one command at a time, each with its own deadline, over an injected
 * PortOpener. A read is find → select → read. The port is reopened on the next command after
 * the device went away and came back; polling reports card placement and removal.
 *
 * Framing recovers within each step's deadline from the two ways a line fools a parser: a frame
 * cut off with a plausible LEN (dropped after a silence, see staleGapFor) and an echo of the
 * host's own command, which has the same preamble and checksum (a command is never a reply).
 */
import {SerialDevice, type Direction, type SerialDeviceEvents} from '../serial-device.js';
import type {PortOpener} from '../transport.js';
import {CardFormatError, decodeField, decodeReadData, formatSamId} from './card.js';
import {type IdCard} from '../../src/core/identity/id-card.js';
import {badData, IdReaderError, noCard, notFound, portGone, samFault, selectFailed, statusError, timeout} from './errors.js';
import {FrameScanner, StaleWatch, type Rejection, type ScannerStats} from './parser.js';
import {BAUD_RATES, commandFrame, type BaudRate, type CommandName, HEADER_BYTES, parseReply, setBaudFrame, SW3_FOUND, SW3_NO_CONTENT, SW3_OK, type Reply} from './protocol.js';
import {reason} from '../../src/core/reasons.js';

export interface IdReaderTimeouts {
	/** Find card (20 01). Default 100 ms. */
	findMs: number;
	/** Select card (20 02). Default 100 ms. */
	selectMs: number;
	/** Read text + photo (30 01). Default 2000 ms. */
	readMs: number;
	/** Read with fingerprint (30 10). Default 3000 ms. */
	fingerprintMs: number;
	/** Read the appended address (30 03). Default 1500 ms. */
	addressMs: number;
	/** SAM reset / status / ID, set baud. Default 500 ms. */
	samMs: number;
}

const DEFAULT_TIMEOUTS: Readonly<IdReaderTimeouts> = {findMs: 100, selectMs: 100, readMs: 2000, fingerprintMs: 3000, addressMs: 1500, samMs: 500};
const DEFAULT_BAUD = 115200;
/** The protocol asks hosts not to poll for a card more often than this. */
export const MIN_POLL_MS = 300;

/**
 * Shortest silence taken as "the frame was cut". A reader sends a frame back to back, but the
 * host sees it in batches: USB-serial adapters hand bytes over on a latency timer (16 ms by
 * default on FTDI chips, similar on CH34x and PL2303), and a busy host's event loop adds a few ms
 * more. 50 ms is three latency periods, yet half of the 100 ms find/select deadline, so a reply
 * behind a cut frame still arrives in time.
 */
const STALE_GAP_FLOOR_MS = 50;
/** At slow line speeds the gap is also at least this many byte times (10 bits each, 8N1). */
const STALE_GAP_BYTES = 32;

/** The stale gap for a line speed: max(50 ms, 32 byte times); 50 ms at every rate the reader offers. */
export function staleGapFor(baudRate: number): number {
	return Math.max(STALE_GAP_FLOOR_MS, Math.ceil((STALE_GAP_BYTES * 10_000) / baudRate));
}

/** Smallest LEN of a reply: SW1 SW2 SW3 + CHK. A LEN 3 frame is a command (CMD PARA + CHK). */
const MIN_REPLY_LEN = 4;

export interface IdReaderOptions {
	path: string;
	opener: PortOpener;
	/** Default 115200; some models ship at 9600. */
	baudRate?: number;
	timeouts?: Partial<IdReaderTimeouts>;
	/** Silence after which a partial frame is dropped as cut off. Default staleGapFor(baud), following baud changes. */
	staleGapMs?: number;
	/** Clock for the stale gap, in ms (tests pass a fake one). Default performance.now. */
	now?: () => number;
}

/**
 * A frame the driver threw away: the scanner's rejections, plus frames that are commands, not
 * replies: 'echo' (exactly the bytes just sent, heard back from the line) and 'command' (another
 * command-shaped frame, e.g. the echo of an abandoned exchange).
 */
type ReaderRejection = Rejection | {reason: 'echo' | 'command'; bytes: Buffer};

export interface ReaderStats extends ScannerStats {
	/** Command-shaped frames received and dropped ('echo' and 'command' rejections). */
	echoes: number;
}

export interface IdReaderEvents extends SerialDeviceEvents<IdReaderError> {
	frame: [direction: Direction, frame: Buffer];
	rejected: [rejection: ReaderRejection];
	placed: [];
	removed: [];
	/** A poll failed for a reason other than the port going away (kept off 'error' so it never throws). */
	fault: [error: IdReaderError];
}

export interface ReadCardOptions {
	/** Use 30 10 (text + photo + fingerprint) instead of 30 01. */
	fingerprint?: boolean;
	/** Also read the newest appended address (30 03). */
	address?: boolean;
}

export class IdReader extends SerialDevice<Buffer, IdReaderError, IdReaderEvents> {
	readonly timeouts: Readonly<IdReaderTimeouts>;
	readonly #scanner: FrameScanner;
	readonly #staleWatch: StaleWatch;
	readonly #fixedStaleGap: boolean;
	#echoes = 0;
	/** The frame last written, to recognise its echo. */
	#sent: Buffer | undefined;
	#pollTimer: ReturnType<typeof setTimeout> | undefined;
	#cardPresent: boolean | undefined;

	constructor(options: IdReaderOptions) {
		const baudRate = options.baudRate ?? DEFAULT_BAUD;
		super({path: options.path, opener: options.opener, baudRate, errors: {portGone, notFound}});
		this.timeouts = {...DEFAULT_TIMEOUTS, ...options.timeouts};
		this.#fixedStaleGap = options.staleGapMs !== undefined;
		// No staleGapMs on the scanner: the watch decides silence, and does not count our own stalls.
		this.#scanner = new FrameScanner({
			...(options.now ? {now: options.now} : {}),
			onReject: (r) => this.emit('rejected', r),
		});
		this.#staleWatch = new StaleWatch(this.#scanner, {gapMs: options.staleGapMs ?? staleGapFor(baudRate), deliver: (frames) => this.#deliver(frames)});
	}

	protected override onOpen(): void {
		this.#scanner.reset();
		if (!this.#fixedStaleGap) this.#staleWatch.gapMs = staleGapFor(this.port.baudRate);
	}

	/** Framing counters (frames, garbage, bad checksums, bad lengths, truncated, stale, echoes), a snapshot. */
	get stats(): ReaderStats {
		return {...this.#scanner.stats, echoes: this.#echoes};
	}

	/** Current stale gap in ms (follows the line speed unless fixed by the options). */
	get staleGapMs(): number {
		return this.#staleWatch.gapMs;
	}

	override async close(): Promise<void> {
		this.stopPolling();
		this.#staleWatch.stop();
		await super.close();
	}

	protected override onData(chunk: Buffer): void {
		this.#staleWatch.beforeBytes();
		const frames = this.#scanner.push(chunk);
		this.#staleWatch.poke();
		this.#deliver(frames);
	}

	#deliver(frames: Buffer[]): void {
		for (const frame of frames) {
			if (frame.length < HEADER_BYTES + MIN_REPLY_LEN) {
				// Same preamble, good checksum, but CMD PARA: the line echoed a command.
				this.#echoes++;
				this.emit('rejected', {reason: this.#sent?.equals(frame) ? 'echo' : 'command', bytes: frame});
				continue;
			}
			this.emit('frame', 'rx', frame);
			this.settleReply(frame);
		}
	}

	/** Sends a frame and waits for the next whole reply frame, at most `deadlineMs`. Callers hold the lock. */
	async #transact(step: string, frame: Buffer, deadlineMs: number): Promise<Reply> {
		const link = await this.port.ensureOpen();
		// Bytes left over from an earlier, abandoned exchange must not be taken as this reply.
		this.#scanner.reset();
		const wait = this.awaitReply(deadlineMs, () => {
			this.#scanner.reset();
			return timeout(step, deadlineMs, this.path);
		});
		this.#sent = frame;
		this.emit('frame', 'tx', frame);
		// Not awaited on its own: a write stuck on a dead device must not outlive the deadline.
		link.write(frame).catch((error: unknown) => wait.fail(portGone(this.path, error)));
		const bytes = await wait.reply;
		const parsed = parseReply(bytes.subarray(7, bytes.length - 1));
		if (!parsed) throw badData(step, reason('reason_reply_too_short'));
		return parsed;
	}

	#expect(step: string, reply: Reply, ok: readonly number[]): void {
		if (ok.includes(reply.sw3)) return;
		if (reply.sw3 === 0x60 || reply.sw3 === 0x66) throw samFault(reply.sw3);
		if (reply.sw3 === 0x80) throw noCard();
		if (reply.sw3 === 0x81) throw selectFailed();
		throw statusError(step, reply.sw3);
	}

	async #command(name: CommandName, deadlineMs: number, ok: readonly number[]): Promise<Reply> {
		const reply = await this.#transact(name, commandFrame(name), deadlineMs);
		this.#expect(name, reply, ok);
		return reply;
	}

	/** SAM status (11 FF). Resolves when the SAM is fine; throws samFault otherwise. */
	async samStatus(): Promise<void> {
		await this.exclusive(() => this.#command('samStatus', this.timeouts.samMs, [SW3_OK]));
	}

	/** SAM ID (12 FF), formatted like vendor tools print it. */
	async samId(): Promise<string> {
		const reply = await this.exclusive(() => this.#command('samId', this.timeouts.samMs, [SW3_OK]));
		try {
			return formatSamId(reply.data);
		} catch (error) {
			throw badData('samId', reason('reason_card_format'), (error as Error).message);
		}
	}

	async resetSam(): Promise<void> {
		await this.exclusive(() => this.#command('resetSam', this.timeouts.samMs, [SW3_OK]));
	}

	/** Find card (20 01): true when a card answers (9F), false when there is none (80). */
	findCard(): Promise<boolean> {
		return this.exclusive(() => this.#find());
	}

	async #find(): Promise<boolean> {
		const reply = await this.#command('findCard', this.timeouts.findMs, [SW3_FOUND, 0x80]);
		return reply.sw3 === SW3_FOUND;
	}

	async selectCard(): Promise<void> {
		await this.exclusive(() => this.#command('selectCard', this.timeouts.selectMs, [SW3_OK]));
	}

	/** Read after find + select: text + photo (30 01), or + fingerprint (30 10). */
	readSelected(fingerprint = false): Promise<IdCard> {
		return this.exclusive(() => this.#read(fingerprint));
	}

	async #read(fingerprint: boolean): Promise<IdCard> {
		const name: CommandName = fingerprint ? 'readWithFingerprint' : 'readBase';
		const reply = await this.#command(name, fingerprint ? this.timeouts.fingerprintMs : this.timeouts.readMs, [SW3_OK]);
		try {
			return decodeReadData(reply.data, fingerprint);
		} catch (error) {
			if (error instanceof CardFormatError) throw badData(name, reason('reason_card_format'), error.message);
			throw error;
		}
	}

	/** Newest appended address (30 03) of the card just read; undefined when it has none (91). */
	readAddress(): Promise<string | undefined> {
		return this.exclusive(() => this.#address());
	}

	async #address(): Promise<string | undefined> {
		const reply = await this.#command('readAddress', this.timeouts.addressMs, [SW3_OK, SW3_NO_CONTENT]);
		if (reply.sw3 === SW3_NO_CONTENT) return undefined;
		return decodeField(reply.data) || undefined;
	}

	/**
	 * find → select → read (→ appended address), as one uninterrupted sequence (a poll's find in
	 * between would deselect the card). Throws noCard when no card is on the reader.
	 */
	readCard(options: ReadCardOptions = {}): Promise<IdCard> {
		return this.exclusive(async () => {
			if (!(await this.#find())) throw noCard();
			await this.#command('selectCard', this.timeouts.selectMs, [SW3_OK]);
			const card = await this.#read(options.fingerprint ?? false);
			if (options.address) {
				const address = await this.#address();
				if (address !== undefined) card.appendedAddress = address;
			}
			return card;
		});
	}

	/** Switches the reader's line speed (60 PP), then reopens the port at the new rate. */
	async setBaud(baud: BaudRate): Promise<void> {
		if (!BAUD_RATES.includes(baud)) throw new RangeError(`unsupported baud rate ${baud}`);
		await this.exclusive(async () => {
			const reply = await this.#transact('setBaud', setBaudFrame(baud), this.timeouts.samMs);
			this.#expect('setBaud', reply, [SW3_OK]);
			await this.port.reopenAt(baud);
		});
	}

	/**
	 * Polls with find card every `intervalMs` (never below 300 ms) and emits 'placed' / 'removed'
	 * on changes. A port that went away is retried on every tick ('disconnected' / 'reconnected').
	 */
	startPolling(intervalMs = MIN_POLL_MS): void {
		this.stopPolling();
		const every = Math.max(MIN_POLL_MS, intervalMs);
		const tick = async () => {
			try {
				const present = await this.findCard();
				if (present !== this.#cardPresent) {
					const before = this.#cardPresent;
					this.#cardPresent = present;
					if (present) this.emit('placed');
					else if (before !== undefined) this.emit('removed');
				}
			} catch (error) {
				if (error instanceof IdReaderError && error.code !== 'idreader_port_gone' && error.code !== 'idreader_not_found') {
					this.emit('fault', error);
				}
			}
			if (this.#pollTimer !== undefined) this.#pollTimer = setTimeout(tick, every);
		};
		this.#pollTimer = setTimeout(tick, 0);
	}

	stopPolling(): void {
		if (this.#pollTimer !== undefined) clearTimeout(this.#pollTimer);
		this.#pollTimer = undefined;
	}

	/** Last card presence seen by polling (undefined before the first poll). */
	get cardPresent(): boolean | undefined {
		return this.#cardPresent;
	}
}

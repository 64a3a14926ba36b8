/**
 * Assembles one VC0706 reply from received bytes, against what the driver expects for the
 * command it just sent. Bytes before the reply sign (boot text, line noise) are skipped and
 * counted; the serial number and the echoed command are checked, a non-zero status is reported
 * as such, and a read-frame reply must be closed by its trailing header. Pure: no timers, no I/O.
 */
import {CameraError, badReply, statusError} from './errors.js';
import {REPLY_SIGN, frameWrapper, hex, parseReplyHeader, type ReplyHeader} from './protocol.js';
import {reason} from '../../src/core/reasons.js';

export type Expectation =
	/** A plain reply: header + `dataLength` bytes (any length when undefined). */
	| {step: string; cmd: number; serial: number; kind: 'plain'; dataLength?: number}
	/** A read-frame reply: header, `length` data bytes, trailing header. */
	| {step: string; cmd: number; serial: number; kind: 'frame'; length: number};

export type Assembled = {header: ReplyHeader; data: Buffer};

export type ScanOutcome = {type: 'pending'} | {type: 'done'; reply: Assembled} | {type: 'error'; error: CameraError};

export class ReplyAssembler {
	#buffer: Buffer = Buffer.alloc(0);
	#expect: Expectation | undefined;
	/** Bytes dropped because they were not part of a reply. */
	skipped = 0;

	/** Starts a new exchange: anything buffered from an earlier one is dropped. */
	expect(expectation: Expectation): void {
		this.#expect = expectation;
		this.skipped += this.#buffer.length;
		this.#buffer = Buffer.alloc(0);
	}

	clear(): void {
		this.#expect = undefined;
		this.#buffer = Buffer.alloc(0);
	}

	/** Bytes received for the current exchange so far (after any skipped prefix). */
	get received(): number {
		return this.#buffer.length;
	}

	/** True when what arrived so far already ends with a read-frame trailer (the reply came back short). */
	endsWithTrailer(): boolean {
		const e = this.#expect;
		if (!e || e.kind !== 'frame' || this.#buffer.length < 10) return false;
		return this.#buffer.subarray(this.#buffer.length - 5).equals(frameWrapper(e.serial));
	}

	push(chunk: Buffer): ScanOutcome {
		const e = this.#expect;
		if (!e) {
			this.skipped += chunk.length;
			return {type: 'pending'};
		}
		this.#buffer = this.#buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.#buffer, chunk]);
		const start = this.#buffer.indexOf(REPLY_SIGN);
		if (start < 0) {
			this.skipped += this.#buffer.length;
			this.#buffer = Buffer.alloc(0);
			return {type: 'pending'};
		}
		if (start > 0) {
			this.skipped += start;
			this.#buffer = this.#buffer.subarray(start);
		}
		const header = parseReplyHeader(this.#buffer);
		if (!header) return {type: 'pending'};
		if (header.serial !== e.serial) return this.#fail(badReply(e.step, reason('reason_wrong_serial', {got: header.serial, expected: e.serial}), {header: hex(this.#buffer.subarray(0, 5))}));
		if (header.cmd !== e.cmd) return this.#fail(badReply(e.step, reason('reason_wrong_command', {got: header.cmd.toString(16), expected: e.cmd.toString(16)}), {header: hex(this.#buffer.subarray(0, 5))}));
		if (header.status !== 0) return this.#fail(statusError(e.step, header.status));
		if (e.kind === 'plain') {
			if (e.dataLength !== undefined && header.dataLength !== e.dataLength) {
				return this.#fail(badReply(e.step, reason('reason_wrong_length', {got: header.dataLength, expected: e.dataLength})));
			}
			if (this.#buffer.length < 5 + header.dataLength) return {type: 'pending'};
			const data = Buffer.from(this.#buffer.subarray(5, 5 + header.dataLength));
			this.#done();
			return {type: 'done', reply: {header, data}};
		}
		if (header.dataLength !== 0) return this.#fail(badReply(e.step, reason('reason_wrong_length', {got: header.dataLength, expected: 0})));
		const total = 5 + e.length + 5;
		if (this.#buffer.length < total) return {type: 'pending'};
		const trailer = this.#buffer.subarray(5 + e.length, total);
		if (!trailer.equals(frameWrapper(e.serial))) return this.#fail(badReply(e.step, reason('reason_no_trailer'), {trailer: hex(trailer)}));
		const data = Buffer.from(this.#buffer.subarray(5, 5 + e.length));
		this.#done();
		return {type: 'done', reply: {header, data}};
	}

	#done(): void {
		this.#expect = undefined;
		this.#buffer = Buffer.alloc(0);
	}

	#fail(error: CameraError): ScanOutcome {
		this.#done();
		return {type: 'error', error};
	}
}

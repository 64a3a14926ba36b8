/**
 * The reader's failures, each with a stable code and its values; the words (both languages) are
 * in src/i18n/errors.ts. Exit code 4 (device) for all of them; the operator-facing difference is
 * the message and what to do next.
 */
import type {NestedMessage} from '../../src/core/template.js';
import {CodedDeviceError, notFoundValues, portGoneValues} from '../errors.js';
import {sw3Info} from './protocol.js';

export type IdReaderErrorCode =
	| 'idreader_no_card'
	| 'idreader_select_failed'
	| 'idreader_sam_fault'
	| 'idreader_timeout'
	| 'idreader_port_gone'
	| 'idreader_not_found'
	| 'idreader_status'
	| 'idreader_bad_data';

export class IdReaderError extends CodedDeviceError<IdReaderErrorCode> {}

export function noCard(): IdReaderError {
	return new IdReaderError('idreader_no_card', {}, {sw3: 0x80});
}

export function selectFailed(): IdReaderError {
	return new IdReaderError('idreader_select_failed', {}, {sw3: 0x81});
}

export function samFault(sw3: number): IdReaderError {
	return new IdReaderError('idreader_sam_fault', {status: sw3Info(sw3)}, {sw3});
}

export function timeout(step: string, deadlineMs: number, path: string): IdReaderError {
	return new IdReaderError('idreader_timeout', {step, deadlineMs, path}, {step, deadlineMs, path});
}

export function portGone(path: string, cause?: unknown): IdReaderError {
	return new IdReaderError('idreader_port_gone', ...portGoneValues(path, cause));
}

export function notFound(path: string, cause: unknown): IdReaderError {
	return new IdReaderError('idreader_not_found', ...notFoundValues(path, cause));
}

export function statusError(step: string, sw3: number): IdReaderError {
	const info = sw3Info(sw3);
	return new IdReaderError('idreader_status', {step, status: info, sw3: sw3.toString(16).toUpperCase()}, {step, sw3, status: info.name});
}

/** The reply could not be decoded; `why` says how (a reason code, docs/devices.md §1). */
export function badData(step: string, why: NestedMessage, detail?: string): IdReaderError {
	return new IdReaderError('idreader_bad_data', {step, reason: why}, {step, ...(detail ? {detail} : {})});
}

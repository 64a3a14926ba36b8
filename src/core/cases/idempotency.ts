/**
 * Idempotency keys that come from the request itself. A case submitted from a file
 * (`tongban cases submit --file F`) and run again — after a kill, a timeout, a script's retry —
 * must be the same case, never a second one: the key is the file's own `idempotencyKey` when it
 * gives one, else derived from what the case is (its canonical content and the terminal it is
 * sent from), so the same request always carries the same key.
 *
 * Derived keys are RFC 9562 version-8 UUIDs over SHA-256 (a name-based UUID with a modern hash),
 * which fit the contract's key pattern `^[A-Za-z0-9-]{8,64}$` (docs/hub-api.yaml).
 */
import {createHash} from 'node:crypto';
import {canonicalJson} from '../audit/canonical.js';
import type {CaseSubmission} from './model.js';

/** What the key covers: the whole case except when it was written (a re-run writes a new time). */
export type KeyedContent = Omit<CaseSubmission, 'createdAt'>;

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9-]{8,64}$/;

export function derivedIdempotencyKey(content: KeyedContent): string {
	const {terminalId, ...rest} = content;
	const digest = createHash('sha256')
		.update(canonicalJson({format: 'tongban-case-key/1', terminalId, case: rest}))
		.digest();
	const bytes = Buffer.from(digest.subarray(0, 16));
	bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8
	bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The key of a supplement (补正) to case `caseId` with materials of these SHA-256s, in order: the
 * same files for the same case are the same supplement whoever sends them and however often
 * (`cases supplement` run again after a kill, the console asked twice), and the hub keeps
 * supplement keys per case. `supp-` and 40 hex digits fit the contract's key pattern.
 */
export function supplementIdempotencyKey(caseId: string, sha256s: readonly string[]): string {
	return `supp-${createHash('sha256').update(canonicalJson({format: 'tongban-supplement-key/1', caseId, materials: sha256s})).digest('hex').slice(0, 40)}`;
}

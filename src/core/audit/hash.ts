/** SHA-256 of entries and of the things entries point to (images, card text). */
import {createHash} from 'node:crypto';
import {canonicalJson} from './canonical.js';
import type {AuditEntry} from './model.js';

export function sha256Hex(data: string | Uint8Array): string {
	return createHash('sha256').update(data).digest('hex');
}

/** The hash an entry should carry: over every field except `hash` itself (so including `prev`). */
export function entryHash(entry: Omit<AuditEntry, 'hash'> | AuditEntry): string {
	const {hash: _ignored, ...body} = entry as AuditEntry;
	return sha256Hex(canonicalJson(body));
}

/** Links a new entry to `prev` and seals it. */
export function sealEntry(body: Omit<AuditEntry, 'hash' | 'prev'>, prev: string): AuditEntry {
	const linked = {...body, prev};
	return {...linked, hash: entryHash(linked)};
}

export function hashMatches(entry: AuditEntry): boolean {
	try {
		return entryHash(entry) === entry.hash;
	} catch {
		return false;
	}
}

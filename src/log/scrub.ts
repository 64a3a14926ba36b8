/**
 * The last guard before an operations log line is written (docs/operations.md#logs): fields
 * named like personal data are dropped whole, and ID-number-shaped runs (18 and 15 characters) in any other value are
 * masked (src/core/identity/mask.ts), so a caller that slips a number into a message or an error
 * reason does not put it on disk. Names cannot be recognised in free text, hence the rule that
 * log fields are machine facts (codes, ids, counts, paths), and the key list below.
 */
import {maskIdNumber} from '../core/identity/mask.js';
import type {LogFields} from '../core/ports/ops-log.js';

/** Keys that hold a person's data, a secret, or a body that may hold either. */
const DROPPED = /^(name|englishName|idNumber|number|passNumber|applicant|agent|collector|holder|address|birth|photo|pin|password|token|authorization|cookie|body|reason|note|text|answers|fields)$/i;

// 18-character numbers (resident cards, the permits: 17 digits and a digit or X) and the old
// 15-digit ones, and the 2017 foreigners' cards (3 letters, 12 digits): masked wherever they appear.
const ID_RUN = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15}|[A-Z]{3}\d{12})(?![0-9A-Za-z])/g;

export function scrubText(value: string): string {
	return value.replace(ID_RUN, (run) => maskIdNumber(run));
}

export function scrubFields(fields: LogFields): Record<string, string | number | boolean | null> {
	const out: Record<string, string | number | boolean | null> = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		if (DROPPED.test(key)) {
			out[key] = '[redacted]';
			continue;
		}
		out[key] = typeof value === 'string' ? scrubText(value) : value;
	}
	return out;
}

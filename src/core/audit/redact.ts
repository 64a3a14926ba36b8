/**
 * Masks personal data in audit details and targets, so an entry stays clean even when a caller
 * forgets: 18-character resident ID numbers anywhere in a string (GB 11643 shape and a valid check
 * character), anything under an ID-number key whatever its shape, names under name keys, and
 * free-form addresses. Very long strings (an image or card text pasted by mistake) are replaced by
 * their SHA-256. Masks are the identity module's (mask.ts), so the audit shows what screens show;
 * addresses are dropped entirely (an audit entry never needs one).
 */
import {idCheckChar} from '../identity/idnumber.js';
import {maskIdNumber, maskName} from '../identity/mask.js';
import {sha256Hex} from './hash.js';

export {idCheckChar, maskIdNumber, maskName};

export function looksLikeIdNumber(text: string): boolean {
	return /^\d{17}[\dXx]$/.test(text) && idCheckChar(text.slice(0, 17)) === text[17]!.toUpperCase();
}

/** Already masked values pass through untouched (a masked number still has the right length). */
const isMasked = (text: string) => text.includes('*');

const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/** Masks the resident ID numbers found anywhere in a text (also used for values echoed from users' files). */
export function maskIdNumbersInText(text: string): string {
	return text.replace(ID_NUMBER_IN_TEXT, (m) => (looksLikeIdNumber(m) ? maskIdNumber(m) : m));
}

const normalizeKey = (key: string) => key.toLowerCase().replace(/[_\-\s]/g, '');
const ID_KEYS = new Set(['idnumber', 'idno', 'idcard', 'idcardno', 'idcardnumber', 'certno', 'certnumber', 'certificateno', 'certificatenumber', 'sfzh', 'sfzhm', '身份证号', '身份证号码', '证件号码']);
const NAME_KEYS = new Set(['name', 'fullname', 'citizenname', 'holdername', 'applicantname', 'personname', 'agentname', 'xm', '姓名', '申请人', '申请人姓名']);
const ADDRESS_KEYS = new Set(['address', 'addr', 'homeaddress', 'zz', '住址', '地址']);
/** Beyond this a string is not a detail but a payload (card text, an image): keep only its digest. */
const MAX_DETAIL_STRING = 512;

function redactString(key: string | undefined, text: string): string {
	const k = key === undefined ? '' : normalizeKey(key);
	if (ID_KEYS.has(k)) return isMasked(text) ? text : maskIdNumber(text);
	if (NAME_KEYS.has(k)) return isMasked(text) ? text : maskName(text);
	if (ADDRESS_KEYS.has(k)) return text === '' ? '' : '***';
	if (text.length > MAX_DETAIL_STRING) return `sha256:${sha256Hex(text)} (${text.length} chars omitted)`;
	return maskIdNumbersInText(text);
}

/**
 * A deep copy of `value` fit for an audit entry: personal data masked, undefined dropped,
 * non-JSON values (functions, NaN, Buffers) replaced by a description.
 */
export function redactValue(value: unknown, key?: string, depth = 0): unknown {
	if (value === null || typeof value === 'boolean') return value;
	if (typeof value === 'string') return redactString(key, value);
	if (typeof value === 'number') return Number.isFinite(value) ? (key !== undefined && ID_KEYS.has(normalizeKey(key)) ? maskIdNumber(String(value)) : value) : String(value);
	if (typeof value === 'bigint') return redactString(key, value.toString());
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
	if (value instanceof Uint8Array) return `sha256:${sha256Hex(value)} (${value.length} bytes omitted)`;
	if (depth > 8) return '[too deep]';
	if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : redactValue(v, key, depth + 1)));
	if (typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
			if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
			out[k] = redactValue(v, k, depth + 1);
		}
		return out;
	}
	return `[${typeof value}]`;
}

export function redactDetails(details: Record<string, unknown> | undefined): Record<string, unknown> {
	return (redactValue(details ?? {}) as Record<string, unknown>) ?? {};
}

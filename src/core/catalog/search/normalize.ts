/**
 * Text normalisation shared by the index (field texts) and the query (terms).
 *
 * Every mapping is one code point to one code point, so a normalised field keeps the same
 * length in code points as the original: the per-character pinyin array stays aligned.
 */

const FULLWIDTH_START = 0xff01; // '！'
const FULLWIDTH_END = 0xff5e; // '～'
const FULLWIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;

/** Maps one code point: full-width ASCII → half-width, ü → v, then lowercase. */
function normalizeChar(ch: string): string {
	const code = ch.codePointAt(0) ?? 0;
	if (code >= FULLWIDTH_START && code <= FULLWIDTH_END) {
		return String.fromCodePoint(code - FULLWIDTH_OFFSET).toLowerCase();
	}
	if (code === IDEOGRAPHIC_SPACE) return ' ';
	if (ch === 'ü' || ch === 'Ü') return 'v';
	// toLowerCase can change the length only for a few non-CJK letters (e.g. 'İ'); keep them as-is.
	const lower = ch.toLowerCase();
	return [...lower].length === 1 ? lower : ch;
}

/** Normalises a field text or a query (see the file comment). */
export function normalizeText(text: string): string {
	let out = '';
	for (const ch of text) out += normalizeChar(ch);
	return out;
}

/** Separators between query terms: whitespace and the list punctuation people type between words. */
// Written as escapes (，、；): one character above U+00FF in a bundle chunk makes V8 hold that
// chunk's whole source as a two-byte string, twice the memory (issue 17.4).
const TERM_SEPARATORS = /[\s,\uFF0C\u3001;\uFF1B]+/u;

/** Splits a query into normalised terms; an empty or blank query gives no terms. */
export function splitTerms(query: string): string[] {
	return normalizeText(query)
		.split(TERM_SEPARATORS)
		.filter((term) => term.length > 0);
}

/** True for an ASCII letter a–z (after normalisation): such a term character may be pinyin. */
export function isLatinLetter(ch: string): boolean {
	return ch.length === 1 && ch >= 'a' && ch <= 'z';
}

/** True when the code point is a CJK ideograph (basic block or extension A/B… ranges). */
export function isCjk(ch: string): boolean {
	const code = ch.codePointAt(0) ?? 0;
	return (
		(code >= 0x4e00 && code <= 0x9fff) ||
		(code >= 0x3400 && code <= 0x4dbf) ||
		(code >= 0x20000 && code <= 0x2ebef) ||
		(code >= 0xf900 && code <= 0xfaff)
	);
}

/** True when the term contains a digit: such terms are also tried against codes. */
export function hasDigit(term: string): boolean {
	return /[0-9]/.test(term);
}

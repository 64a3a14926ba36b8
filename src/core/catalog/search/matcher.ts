/**
 * Matches one query term against one short field text, unit by unit.
 *
 * A field is a sequence of units: one per code point, each with its character and its toneless
 * syllable (a non-Chinese character is its own syllable). A term character that is a latin
 * letter may be pinyin: it consumes a prefix of a unit's syllable — the initial letter, a
 * zh/ch/sh initial, or the whole syllable; at the very end of the term any prefix is allowed,
 * because the user is still typing (`yangl` → 养老). Any other term character must equal the
 * unit's character. Mixed terms (`zf公积金`, `yanglao保险`) therefore need no special case.
 *
 * Every tier is monotone under typing: if `t + c` matches a text, `t` matches it too (cutting a
 * match short leaves a valid match, since the last unit may be consumed partially). The term
 * cache relies on this to re-test only the previous term's matches.
 */
import {isCjk, isLatinLetter} from './normalize.js';

/** Match tiers, best last so that a larger number is a better match. */
export const TIER = {
	none: 0,
	fuzzy: 1,
	subsequence: 2,
	substring: 3,
	contiguous: 4,
	prefix: 5,
	exact: 6,
} as const;
export type Tier = (typeof TIER)[keyof typeof TIER];

/** How the characters were matched: literally, through full pinyin, or through initials only. */
export type Via = 'chars' | 'pinyin' | 'initials';

export interface MatchOutcome {
	tier: Tier;
	via: Via;
}

const NO_MATCH: MatchOutcome = {tier: TIER.none, via: 'chars'};

/** A field text prepared for matching. */
export interface UnitText {
	/** Normalised text (joined `chars`), for literal search. */
	norm: string;
	chars: readonly string[];
	syllables: readonly string[];
	/**
	 * First UTF-16 unit of each syllable, one per unit (a space for an empty syllable): lets
	 * latin terms find or rule out syllable initials with a native indexOf (initialsOf).
	 */
	initials: string;
	/** The syllables joined ("yanglao"): a latin term's letters appear in it in order, or it cannot match. */
	joined: string;
	/** Codes match only literally, as exact or prefix (a code "substring" is noise). */
	isCode: boolean;
	/** Latin letters in `norm` and `joined` (lettersOf): a latin term needing another letter cannot match. */
	letters: number;
}

/** A query term prepared for matching. */
export interface PreparedTerm {
	text: string;
	chars: readonly string[];
	latin: readonly boolean[];
	hasLatin: boolean;
	allLatin: boolean;
	/** Fuzzy (one character dropped) is tried only for terms carrying Chinese characters. */
	fuzzyEligible: boolean;
	/** Latin letters of the term (lettersOf). */
	letters: number;
}

/** Terms shorter than this never match fuzzily (too many accidental hits). */
const FUZZY_MIN_CHARS = 3;

export function prepareTerm(text: string): PreparedTerm {
	const chars = [...text];
	const latin = chars.map(isLatinLetter);
	return {
		text,
		chars,
		latin,
		hasLatin: latin.some(Boolean),
		allLatin: latin.every(Boolean),
		fuzzyEligible: chars.length >= FUZZY_MIN_CHARS && chars.some(isCjk),
		letters: lettersOf(text),
	};
}

/** One bit per latin letter a–z occurring in the string. */
export function lettersOf(text: string): number {
	let mask = 0;
	for (let k = 0; k < text.length; k++) {
		const letter = text.charCodeAt(k) - 97;
		if (letter >= 0 && letter < 26) mask |= 1 << letter;
	}
	return mask;
}

/**
 * Scratch memo shared by all calls (the matcher is synchronous and not re-entrant).
 * Entries are valid when their stamp equals the current call's stamp, so nothing is cleared.
 */
let memoStamp = new Uint32Array(1024);
let memoValue = new Int16Array(1024);
let stamp = 0;

function resetMemo(size: number): void {
	if (size > memoStamp.length) {
		memoStamp = new Uint32Array(size * 2);
		memoValue = new Int16Array(size * 2);
		stamp = 0;
	}
	stamp++;
	if (stamp === 0xffffffff) {
		memoStamp.fill(0);
		stamp = 1;
	}
}

/**
 * Lengths of syllable prefix that the latin run starting at term[i] may consume at a unit, as
 * up to four numbers packed in one int (8 bits each, 0 = none): whole syllable, partial syllable
 * ending the term, zh/ch/sh initial, initial letter. Packed to keep the hot path allocation-free.
 */
function syllableSteps(term: readonly string[], latin: readonly boolean[], i: number, syllable: string): number {
	const length = syllable.length;
	if (length === 0 || term[i] !== syllable[0]) return 0;
	// How far the term agrees with the syllable (only latin term characters can agree).
	let agree = 0;
	while (agree < length && i + agree < term.length && latin[i + agree] && term[i + agree] === syllable[agree]) agree++;
	// Packed by hand (no helper closure): this runs for every unit a latin term is tried at.
	let steps = 0;
	let shift = 0;
	const partial = agree < length && i + agree === term.length ? agree : 0; // partial syllable ends the term
	if (agree === length) {
		steps |= length << shift;
		shift += 8;
	}
	if (partial > 0) {
		steps |= partial << shift;
		shift += 8;
	}
	const first = syllable[0];
	const zhChSh = length > 2 && agree >= 2 && syllable[1] === 'h' && (first === 'z' || first === 'c' || first === 's');
	if (zhChSh && partial !== 2) {
		steps |= 2 << shift;
		shift += 8;
	}
	if (length > 1 && partial !== 1) steps |= 1 << shift;
	return steps;
}

/**
 * Longest contiguous match of term[i..] starting exactly at unit j: returns the end unit
 * (exclusive) or -1. The longest end lets the caller see whole-field (exact) matches.
 */
function contiguousEnd(term: PreparedTerm, text: UnitText, i: number, j: number): number {
	const m = term.chars.length;
	const n = text.chars.length;
	if (i === m) return j;
	if (j === n) return -1;
	const key = i * (n + 1) + j;
	if (memoStamp[key] === stamp) return memoValue[key] ?? -1;
	let best = -1;
	if (term.latin[i]) {
		for (let steps = syllableSteps(term.chars, term.latin, i, text.syllables[j] ?? ''); steps !== 0; steps >>>= 8) {
			best = Math.max(best, contiguousEnd(term, text, i + (steps & 0xff), j + 1));
		}
	} else if (term.chars[i] === text.chars[j]) {
		best = contiguousEnd(term, text, i + 1, j + 1);
	}
	memoStamp[key] = stamp;
	memoValue[key] = best;
	return best;
}

/** True when term chars (minus `skip`, -1 for none) match units from j on, gaps allowed. */
function subsequenceFrom(term: PreparedTerm, text: UnitText, i: number, j: number, skip: number): boolean {
	const m = term.chars.length;
	if (i === skip) i++;
	if (i >= m) return true;
	const n = text.chars.length;
	const key = i * (n + 1) + j;
	if (memoStamp[key] === stamp) return memoValue[key] === 1;
	let found = false;
	for (let unit = j; unit < n && !found; unit++) {
		if (term.latin[i]) {
			for (let steps = syllableSteps(term.chars, term.latin, i, text.syllables[unit] ?? ''); steps !== 0; steps >>>= 8) {
				const step = steps & 0xff;
				// A dropped character inside a latin run would break the run; fuzzy only drops between runs.
				if (skip > i && skip < i + step) continue;
				if (subsequenceFrom(term, text, i + step, unit + 1, skip)) {
					found = true;
					break;
				}
			}
		} else if (term.chars[i] === text.chars[unit]) {
			found = subsequenceFrom(term, text, i + 1, unit + 1, skip);
		}
	}
	memoStamp[key] = stamp;
	memoValue[key] = found ? 1 : 0;
	return found;
}

/** `via` codes of a packed outcome (tier in the low 3 bits, via above). */
const VIA_CODES: readonly Via[] = ['chars', 'pinyin', 'initials'];
const PINYIN = 1 << 3;
const INITIALS = 2 << 3;

/** A pinyin match over units [start, end) used only initials when it took one unit per letter (packed via). */
function pinyinVia(term: PreparedTerm, end: number, start: number): number {
	return term.allLatin && end - start === term.chars.length ? INITIALS : PINYIN;
}

/** Packed via of a literal match. */
function literalVia(term: PreparedTerm): number {
	return term.hasLatin && !term.allLatin ? PINYIN : 0;
}

export function initialsOf(syllables: readonly string[]): string {
	let initials = '';
	for (const syllable of syllables) initials += syllable.length > 0 ? syllable[0] : ' ';
	return initials;
}

/**
 * Quick necessary conditions for an all-latin term of two or more letters without a literal
 * occurrence: its letters appear in order in the joined syllables, and its first letter starts a
 * syllable consumed from some unit j, so its second letter is either that syllable's second
 * letter or the initial of a later unit. Most texts the previous keystroke matched fail one of
 * these, and testing them with the full matcher dominated a short term's evaluation.
 */
function latinPairPossible(term: PreparedTerm, text: UnitText): boolean {
	// Every match consumes syllable prefixes at increasing units: the letters are a subsequence
	// of the joined syllables (this rejects most texts the previous keystroke matched).
	const joined = text.joined;
	for (let k = 0, from = 0; k < term.chars.length; k++) {
		const at = joined.indexOf(term.chars[k]!, from);
		if (at < 0) return false;
		from = at + 1;
	}
	const first = term.chars[0]!;
	const second = term.chars[1]!;
	const initials = text.initials;
	const start = initials.indexOf(first);
	if (start < 0) return false;
	if (initials.indexOf(second, start + 1) >= 0) return true;
	for (let j = start; j >= 0; j = initials.indexOf(first, j + 1)) {
		if ((text.syllables[j] ?? '')[1] === second) return true;
	}
	return false;
}

/** Matches a prepared term against a field text and returns the best tier reached. */
export function matchTerm(term: PreparedTerm, text: UnitText): MatchOutcome {
	const packed = matchPacked(term, text);
	if (packed === TIER.none) return NO_MATCH;
	return {tier: (packed & 7) as Tier, via: VIA_CODES[packed >> 3] ?? 'chars'};
}

/**
 * matchTerm as one small integer (tier | via code << 3): term evaluation runs it for thousands of
 * texts per keystroke, and an outcome object per text was most of a keystroke's garbage.
 */
function matchPacked(term: PreparedTerm, text: UnitText): number {
	const m = term.chars.length;
	const n = text.chars.length;
	if (m === 0 || n === 0) return TIER.none;
	// A latin term needs each of its letters in the text or in the text's pinyin.
	if (term.allLatin && (term.letters & ~text.letters) !== 0) return TIER.none;
	const at = text.norm.indexOf(term.text);
	if (at === 0) return text.norm.length === term.text.length ? TIER.exact : TIER.prefix;
	if (text.isCode) return TIER.none;
	if (m === 1) return oneCharPacked(term, text);
	if (at < 0 && term.allLatin && !term.fuzzyEligible && !latinPairPossible(term, text)) return TIER.none;

	resetMemo((m + 1) * (n + 1));
	if (term.hasLatin) {
		const end = contiguousEnd(term, text, 0, 0);
		if (end === n) return TIER.exact | pinyinVia(term, end, 0);
		if (end >= 0) return TIER.prefix | pinyinVia(term, end, 0);
		const first = term.chars[0]!;
		for (let j = 1; j < n; j++) {
			// Only units the first character can start at (what contiguousEnd would check first).
			if (term.latin[0] ? text.initials[j] !== first : text.chars[j] !== first) continue;
			const endAt = contiguousEnd(term, text, 0, j);
			if (endAt >= 0) return TIER.contiguous | pinyinVia(term, endAt, j);
		}
	}
	if (at > 0) return TIER.substring | literalVia(term);
	if (m > 1) {
		resetMemo((m + 1) * (n + 1));
		if (subsequenceFrom(term, text, 0, 0, -1)) return TIER.subsequence | literalVia(term);
	}
	if (term.fuzzyEligible) {
		for (let skip = 0; skip < m; skip++) {
			if (term.latin[skip]) continue;
			resetMemo((m + 1) * (n + 1));
			if (subsequenceFrom(term, text, 0, 0, skip)) return TIER.fuzzy | literalVia(term);
		}
	}
	return TIER.none;
}

/**
 * The tier alone (what term evaluation needs, for every candidate text). A one-character term
 * is the first keystroke and tests a whole bucket, so it is answered here with native string
 * searches and no allocation; the outcome is the one matchTerm gives.
 */
export function matchTier(term: PreparedTerm, text: UnitText): Tier {
	if (term.chars.length !== 1 || text.chars.length === 0) return (matchPacked(term, text) & 7) as Tier;
	const ch = term.text;
	const norm = text.norm;
	const at = norm.indexOf(ch);
	if (at === 0) return norm.length === ch.length ? TIER.exact : TIER.prefix;
	if (text.isCode) return TIER.none;
	if (term.latin[0]) {
		// The first unit whose syllable starts with the letter (a unit 0 hit is a prefix).
		const unit = text.initials.indexOf(ch);
		if (unit < 0) return TIER.none;
		if (unit === 0) return text.chars.length === 1 ? TIER.exact : TIER.prefix;
		return TIER.contiguous;
	}
	// A whole code point found after the start is a later unit equal to it.
	return at > 0 ? TIER.substring : TIER.none;
}

/** The first keystroke reaches most of a bucket: one pass over the units, no memo (packed outcome). */
function oneCharPacked(term: PreparedTerm, text: UnitText): number {
	const ch = term.chars[0]!;
	const n = text.chars.length;
	// A latin letter hits the first unit whose syllable starts with it.
	const from = term.latin[0] ? text.initials.indexOf(ch) : 0;
	if (from < 0) return TIER.none;
	for (let j = from; j < n; j++) {
		const hit = term.latin[0] ? (text.syllables[j] ?? '')[0] === ch : text.chars[j] === ch;
		if (!hit) continue;
		const via = term.latin[0] && !(j === 0 && text.chars[0] === ch) ? INITIALS : 0;
		if (j === 0) return (n === 1 ? TIER.exact : TIER.prefix) | via;
		return (term.latin[0] ? TIER.contiguous : TIER.substring) | via;
	}
	return TIER.none;
}

/**
 * Keys under which a text is filed in the first-character inverted index: every unit's
 * character and the first letter of its syllable. A term can only match (in any tier but fuzzy)
 * a text filed under its first character.
 */
export function bucketKeys(text: UnitText): string[] {
	if (text.isCode) return text.chars.length > 0 ? [text.chars[0] ?? ''] : [];
	const keys = new Set<string>();
	for (let k = 0; k < text.chars.length; k++) {
		keys.add(text.chars[k] ?? '');
		const syllable = text.syllables[k] ?? '';
		if (syllable.length > 0) keys.add(syllable[0] ?? '');
	}
	keys.delete('');
	keys.delete(' ');
	return [...keys];
}

/**
 * Every two-letter latin term's matches, computed once when the index is built.
 *
 * The second keystroke of a pinyin query ('sh', 'yl', 'cq' after '社保卡 ') narrows from a pinned
 * single letter that reaches most of the dictionary (every text with a syllable starting with
 * the letter, and region names are thousands), so evaluating it cold ran the full matcher over
 * a thousand texts or more: the slowest keystrokes of a query. There are at most 26 × 26 such
 * terms and they depend only on the dictionary, so their matching texts and tiers are stored
 * here; a later keystroke ('she', 'cqs') starts from the pair's list instead of the letter's.
 *
 * Tiers come from matchTier itself, so a pair scores exactly what the matcher gives it.
 */
import type {DictionaryText} from './dictionary.js';
import {TIER, matchTier, prepareTerm} from './matcher.js';
import type {PreparedTerm} from './matcher.js';
import {stableRecord} from './stable-record.js';

const LETTERS = 26;
const A = 97; // 'a'

export interface PairTable {
	/** Matches of pair p (pairIndexOf): texts[start[p] .. start[p+1]), ascending text ids. */
	start: Int32Array;
	texts: Int32Array;
	/** The tier of each entry of `texts`. */
	tiers: Uint8Array;
}

/** Index of a two-letter latin term ('cq' → 2 × 26 + 16), -1 for any other text. */
export function pairIndexOf(text: string): number {
	if (text.length !== 2) return -1;
	const first = text.charCodeAt(0) - A;
	const second = text.charCodeAt(1) - A;
	if (first < 0 || first >= LETTERS || second < 0 || second >= LETTERS) return -1;
	return first * LETTERS + second;
}

/**
 * For each text, the pairs it could match (a superset; see candidatePairs) are tested with the
 * matcher: tens per text instead of 676, which keeps the build cost to a few tens of milliseconds.
 */
export function buildPairTable(texts: readonly DictionaryText[]): PairTable {
	const terms: PreparedTerm[] = [];
	for (let pair = 0; pair < LETTERS * LETTERS; pair++) {
		terms.push(prepareTerm(String.fromCharCode(A + Math.floor(pair / LETTERS), A + (pair % LETTERS))));
	}
	const found: number[][] = terms.map(() => []);
	const stamp = new Int32Array(LETTERS * LETTERS).fill(-1);
	const candidates: number[] = [];
	texts.forEach((text, id) => {
		candidatePairs(text, id, stamp, candidates);
		for (const pair of candidates) {
			const tier = matchTier(terms[pair]!, text);
			if (tier !== TIER.none) found[pair]!.push(id * 8 + tier);
		}
	});
	const start = new Int32Array(LETTERS * LETTERS + 1);
	for (let pair = 0; pair < found.length; pair++) start[pair + 1] = start[pair]! + found[pair]!.length;
	const ids = new Int32Array(start[found.length]!);
	const tiers = new Uint8Array(ids.length);
	let at = 0;
	for (const list of found) {
		for (const entry of list) {
			ids[at] = entry >> 3;
			tiers[at++] = entry & 7;
		}
	}
	return stableRecord({start, texts: ids, tiers});
}

/**
 * Pairs a text can match, into `out`. A two-letter latin term matches literally (the letters
 * side by side in the text) or through pinyin: its first letter starts a syllable, and its second
 * is that syllable's second letter or the initial of a later syllable (matcher.ts,
 * latinPairPossible). `stamp` de-duplicates per text.
 */
function candidatePairs(text: DictionaryText, id: number, stamp: Int32Array, out: number[]): void {
	out.length = 0;
	const note = (first: number, second: number): void => {
		if (first < 0 || first >= LETTERS || second < 0 || second >= LETTERS) return;
		const pair = first * LETTERS + second;
		if (stamp[pair] === id) return;
		stamp[pair] = id;
		out.push(pair);
	};
	const norm = text.norm;
	for (let k = 0; k + 1 < norm.length; k++) note(norm.charCodeAt(k) - A, norm.charCodeAt(k + 1) - A);
	if (text.isCode) return;
	const syllables = text.syllables;
	for (let j = 0; j < syllables.length; j++) {
		const syllable = syllables[j] ?? '';
		if (syllable.length === 0) continue;
		const first = syllable.charCodeAt(0) - A;
		if (first < 0 || first >= LETTERS) continue;
		if (syllable.length > 1) note(first, syllable.charCodeAt(1) - A);
		for (let k = j + 1; k < syllables.length; k++) {
			const later = syllables[k] ?? '';
			if (later.length > 0) note(first, later.charCodeAt(0) - A);
		}
	}
}

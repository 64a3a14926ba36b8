/**
 * Pinyin slips forgiven (issue 18.2): a latin term that matches no text as typed (no exact,
 * prefix or contiguous pinyin match) is aligned against the full pinyin of every dictionary
 * text, and the closest syllable-aligned run becomes the term the search runs with instead.
 *
 * The alignment is an edit distance (insert, delete, substitute, swap two neighbours: optimal
 * string alignment) where the confusions a Chinese IME forgives cost nothing: z/zh, c/ch, s/sh
 * (an 'h' after z, c or s may be missing or extra), n/l, f/h, an/ang, en/eng, in/ing (a 'g' after
 * such an 'n' may be missing or extra). The term must start at a syllable of the text and may
 * end anywhere in it (the clerk may still be typing); at most one real edit is forgiven.
 *
 * Only full pinyin is forgiven: initials ("ylbx") are too short for an edit to mean anything.
 * The matcher (matcher.ts) is left alone, so everything found as typed keeps its tiers, and the
 * corrected term runs through the ordinary evaluation.
 */
import type {DictionaryText} from './dictionary.js';
import {lettersOf} from './matcher.js';

/** Shortest term forgiven one real edit; shorter terms only get the free confusions. */
const EDIT_MIN_LETTERS = 5;
/** Shortest term forgiven at all. */
const FORGIVE_MIN_LETTERS = 3;
/** Longer terms are not aligned (no catalog text is that long in pinyin, and the DP grows). */
const FORGIVE_MAX_LETTERS = 64;
/** An unreachable DP cell (cells pack cost | start << 8, far below this). */
const INF = 1 << 20;
/** No alignment (sort keys go up to 2^27). */
const NO_KEY = 0x7fffffff;
/** Cell cost of a real edit; a free confusion costs 1, so that among equal edits the fewest confusions win. */
const EDIT = 32;

/** Letters that a confusion can bring in or take away (h, g, and the n/l f/h partners). */
const CONFUSION_LETTERS = lettersOf('hgnlf');

export interface Correction {
	/** The text's pinyin run the term stands for ("yanglaojin"). */
	text: string;
	/** Real edits used (0: confusions only). */
	edits: number;
}

function isZcs(ch: number): boolean {
	return ch === 122 || ch === 99 || ch === 115; // z c s
}
function isAei(ch: number): boolean {
	return ch === 97 || ch === 101 || ch === 105; // a e i
}

/** Whether letter `at` of `s` is an 'h' after z/c/s or a 'g' after a/e/i + 'n' (droppable by a confusion). */
function droppable(s: string, at: number): boolean {
	const ch = s.charCodeAt(at);
	if (ch === 104) return at >= 1 && isZcs(s.charCodeAt(at - 1)); // h
	if (ch === 103) return at >= 2 && s.charCodeAt(at - 1) === 110 && isAei(s.charCodeAt(at - 2)); // g
	return false;
}

/** Whether letters a and b are the same up to n/l, f/h. */
function sameUpToConfusion(a: number, b: number): boolean {
	if (a === b) return true;
	const pair = a < b ? a * 256 + b : b * 256 + a;
	return pair === 108 * 256 + 110 || pair === 102 * 256 + 104; // l/n, f/h
}

/** A dictionary text in the form the aligner reads. */
interface Candidate {
	joined: string;
	/** 1 at each letter of `joined` that starts a syllable, and at its end. */
	bounds: Uint8Array;
	letters: number;
}

export class PinyinForgiver {
	private readonly candidates: Candidate[] = [];
	/** Candidate i is dictionary text ids[i]. */
	private readonly cache = new Map<string, Correction | null>();
	private prev = new Int32Array(FORGIVE_MAX_LETTERS + 2);
	private cur = new Int32Array(FORGIVE_MAX_LETTERS + 2);
	private prev2 = new Int32Array(FORGIVE_MAX_LETTERS + 2);

	constructor(
		texts: readonly DictionaryText[],
		private readonly capacity = 64,
	) {
		for (const text of texts) {
			if (text.isCode || !/^[a-z]+$/.test(text.joined)) continue;
			// Texts that are latin already (no pinyin of their own) are not words to align with.
			if (text.joined === text.norm) continue;
			const bounds = new Uint8Array(text.joined.length + 1);
			let at = 0;
			for (const syllable of text.syllables) {
				bounds[at] = 1;
				at += syllable.length;
			}
			bounds[text.joined.length] = 1;
			this.candidates.push({joined: text.joined, bounds, letters: text.letters});
		}
	}

	/** The best correction of a latin term, or null when none is within reach. Cached per term. */
	correct(term: string): Correction | null {
		const cached = this.cache.get(term);
		if (cached !== undefined) return cached;
		const found = this.search(term);
		this.cache.set(term, found);
		if (this.cache.size > this.capacity) {
			const oldest = this.cache.keys().next().value;
			if (oldest !== undefined) this.cache.delete(oldest);
		}
		return found;
	}

	private search(term: string): Correction | null {
		const m = term.length;
		if (m < FORGIVE_MIN_LETTERS || m > FORGIVE_MAX_LETTERS || !/^[a-z]+$/.test(term)) return null;
		const budget = m >= EDIT_MIN_LETTERS ? 1 : 0;
		const termLetters = lettersOf(term) & ~CONFUSION_LETTERS;
		let best: Correction | null = null;
		let bestKey = NO_KEY;
		for (const candidate of this.candidates) {
			// A letter of the term the text lacks (confusion letters aside) costs an edit.
			const missing = termLetters & ~candidate.letters;
			if (missing !== 0 && (budget === 0 || (missing & (missing - 1)) !== 0)) continue;
			const key = this.align(term, candidate, budget);
			if (key < bestKey) {
				bestKey = key;
				const end = key & 0xffff;
				const start = (key >>> 16) & 0xff;
				best = {text: candidate.joined.slice(start, end), edits: editsOf(key)};
			}
		}
		return best;
	}

	/**
	 * Aligns the term against one text: the best key (keyOf) over every syllable start and every
	 * end, NO_KEY when more than `budget` edits are needed. Three rolling rows of the DP (a swap looks
	 * two rows back); rows are text letters, columns term letters.
	 */
	private align(term: string, candidate: Candidate, budget: number): number {
		const {joined, bounds} = candidate;
		const m = term.length;
		const n = joined.length;
		if (n > 0xff) return NO_KEY;
		let prev2 = this.prev2;
		let prev = this.prev;
		let cur = this.cur;
		// Cells pack the cost (low 8 bits) and where the alignment began (above); INF: out of budget.
		// Row 0 (no text letter yet): only text position 0 can begin, if it starts a syllable; term
		// letters before any text letter are deletions (free when droppable).
		cur[0] = bounds[0] === 1 ? 0 : INF;
		const limit = budget * EDIT + EDIT - 1;
		for (let i = 1; i <= m; i++) {
			const cost = cur[i - 1]! >= INF ? INF : cur[i - 1]! + (droppable(term, i - 1) ? 1 : EDIT);
			cur[i] = cost > limit ? INF : cost;
		}
		let bestKey = NO_KEY;
		if (cur[m]! < INF) bestKey = keyOf(cur[m]!, bounds[0] === 1, 0);
		for (let j = 1; j <= n; j++) {
			const spare = prev2;
			prev2 = prev;
			prev = cur;
			cur = spare;
			const b = joined.charCodeAt(j - 1);
			const insertCost = droppable(joined, j - 1) ? 1 : EDIT;
			// Column 0: a new alignment may begin at a syllable start, or the one begun earlier
			// has a text letter the term lacks (a slip dropping the first letter).
			if (bounds[j] === 1) cur[0] = j << 8;
			else cur[0] = prev[0]! < INF && (prev[0]! & 0xff) + insertCost <= limit ? prev[0]! + insertCost : INF;
			let alive = cur[0]! < INF;
			for (let i = 1; i <= m; i++) {
				const a = term.charCodeAt(i - 1);
				let best = INF;
				let from = 0;
				let cell = prev[i - 1]!; // match / substitute
				if (cell < INF) {
					const cost = (cell & 0xff) + (a === b ? 0 : sameUpToConfusion(a, b) ? 1 : EDIT);
					if (cost < best) (best = cost), (from = cell >>> 8);
				}
				cell = prev[i]!; // a text letter the term lacks
				if (cell < INF) {
					const cost = (cell & 0xff) + insertCost;
					if (cost < best) (best = cost), (from = cell >>> 8);
				}
				cell = cur[i - 1]!; // a term letter the text lacks
				if (cell < INF) {
					const cost = (cell & 0xff) + (droppable(term, i - 1) ? 1 : EDIT);
					if (cost < best) (best = cost), (from = cell >>> 8);
				}
				if (i > 1 && j > 1 && a === joined.charCodeAt(j - 2) && term.charCodeAt(i - 2) === b) {
					cell = prev2[i - 2]!; // two neighbours swapped
					if (cell < INF) {
						const cost = (cell & 0xff) + EDIT;
						if (cost < best) (best = cost), (from = cell >>> 8);
					}
				}
				if (best > limit) cur[i] = INF;
				else {
					cur[i] = (from << 8) | best;
					alive = true;
				}
			}
			if (cur[m]! < INF) {
				const key = keyOf(cur[m]!, bounds[j] === 1, j);
				if (key < bestKey) bestKey = key;
			}
			// Nothing in budget and no syllable start ahead: no later cell can be in budget.
			if (!alive && bounds.indexOf(1, j + 1) < 0) break;
		}
		this.prev2 = prev2;
		this.prev = prev;
		this.cur = cur;
		return bestKey;
	}
}

/**
 * An alignment ending at text letter `end`, as a sort key (lower is better): fewer edits, then
 * ending on a syllable boundary, then fewer confusions, then the earliest start and end
 * (edits << 30 | not-at-boundary << 29 | confusions << 24 | start << 16 | end; texts are
 * shorter than 256 letters).
 */
function keyOf(cell: number, atBoundary: boolean, end: number): number {
	const start = cell >>> 8;
	const cost = cell & 0xff;
	const edits = Math.floor(cost / EDIT);
	if (start > 0xff || edits > 1) return NO_KEY;
	return (edits << 30) | ((atBoundary ? 0 : 1) << 29) | ((cost % EDIT) << 24) | (start << 16) | end;
}

/** Real edits of a key. */
function editsOf(key: number): number {
	return key >>> 30;
}

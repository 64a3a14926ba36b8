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
const FORGIVE_MIN_LETTERS = 4;
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

/**
 * A text with the free confusions read away: an h after z/c/s and a g after n dropped, l read as
 * n and f as h. A term within one edit of a text (confusions aside) has a sketch within
 * about one edit of a part of the text's sketch (sketchMayAlign), a cheap test that rules out
 * most of the dictionary before the alignment runs.
 */
function sketchOf(text: string): string {
	let out = '';
	for (let k = 0; k < text.length; k++) {
		const ch = text.charCodeAt(k);
		// Decided by the letter before only (a g after any n), so that one edit changes at most
		// three neighbouring letters of the sketch.
		const before = k > 0 ? text.charCodeAt(k - 1) : 0;
		if ((ch === 104 && isZcs(before)) || (ch === 103 && before === 110)) continue;
		out += ch === 108 ? 'n' : ch === 102 ? 'h' : text[k]!;
	}
	return out;
}

/** Whether `term` (a sketch), with at most `skips` (0 to 2) letters left out, is a subsequence of `text` (a sketch). */
function sketchFits(term: string, text: string, skips: number): boolean {
	// Greedy is optimal for a subsequence: track the earliest end with 0, 1 and 2 letters skipped
	// (-1: not reachable); skipping a letter keeps the position of one skip fewer.
	let none = 0;
	let one = skips >= 1 ? 0 : -1;
	let two = skips >= 2 ? 0 : -1;
	for (let k = 0; k < term.length; k++) {
		const ch = term[k]!;
		const nextTwo = earliest(stepFrom(text, ch, two), skips >= 2 ? one : -1);
		const nextOne = earliest(stepFrom(text, ch, one), skips >= 1 ? none : -1);
		none = stepFrom(text, ch, none);
		one = nextOne;
		two = nextTwo;
		if (none < 0 && one < 0 && two < 0) return false;
	}
	return true;
}

/** Just past the first `ch` of `text` at or after `from`, -1 for none (or when `from` is -1). */
function stepFrom(text: string, ch: string, from: number): number {
	if (from < 0) return -1;
	const at = text.indexOf(ch, from);
	return at < 0 ? -1 : at + 1;
}

function earliest(a: number, b: number): number {
	if (a < 0) return b;
	if (b < 0) return a;
	return a < b ? a : b;
}

/** A term's correction and the candidates it aligned with in at most one edit (for the next keystroke). */
interface Aligned {
	correction: Correction | null;
	reached: Int32Array | null;
}

/**
 * Whether a term's sketch can sit in a text's sketch with at most `skips` edits: with none it is a
 * substring. One real edit changes at most three neighbouring letters of the sketch (a swap, and
 * the g or h after it whose dropping it decides), so either half of the sketch is intact (a
 * substring of the text's), or the change straddles the halves' meeting point and both halves
 * less the two letters either side of it are. Then the subsequence test (sketchFits).
 */
function sketchMayAlign(term: string, pieces: readonly string[], text: string, skips: number): boolean {
	if (skips === 0) return text.includes(term);
	if (skips > 1) return sketchFits(term, text, 2);
	const [left, right, leftShort, rightShort] = pieces as [string, string, string, string];
	if (!text.includes(left) && !text.includes(right) && !(text.includes(leftShort) && text.includes(rightShort))) return false;
	// The same two neighbouring changes may both be letters the text lacks.
	return sketchFits(term, text, 2 * skips);
}

/** The pieces sketchMayAlign looks for: the halves, and the halves less two letters each where they meet. */
function piecesOf(sketch: string): string[] {
	const middle = sketch.length >> 1;
	return [sketch.slice(0, middle), sketch.slice(middle), sketch.slice(0, Math.max(0, middle - 2)), sketch.slice(middle + 2)];
}

/** A dictionary text in the form the aligner reads. */
interface Candidate {
	joined: string;
	sketch: string;
	/** 1 at each letter of `joined` that starts a syllable, and at its end. */
	bounds: Uint8Array;
	letters: number;
}

export class PinyinForgiver {
	private readonly candidates: Candidate[] = [];
	/** Candidate i is dictionary text ids[i]. */
	private readonly cache = new Map<string, Aligned>();
	private reachedScratch = new Int32Array(0);
	private prev = new Int32Array(FORGIVE_MAX_LETTERS + 2);
	private cur = new Int32Array(FORGIVE_MAX_LETTERS + 2);
	private prev2 = new Int32Array(FORGIVE_MAX_LETTERS + 2);

	/**
	 * `texts` are the dictionary's; those with ids below `preferredBelow` (the items' names,
	 * aliases and keywords, added first) win ties over the rest (regions, department pieces).
	 */
	constructor(
		texts: readonly DictionaryText[],
		private readonly preferredBelow: number,
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
			this.candidates.push({joined: text.joined, sketch: sketchOf(text.joined), bounds, letters: text.letters});
		}
	}

	/** What the aligner holds: its texts and, roughly, their bytes (strings at two bytes a letter, a header per object). */
	footprint(): {texts: number; bytes: number} {
		let bytes = 0;
		for (const candidate of this.candidates) bytes += 2 * (candidate.joined.length + candidate.sketch.length) + candidate.bounds.length + 3 * 64;
		return {texts: this.candidates.length, bytes};
	}

	/** The best correction of a latin term, or null when none is within reach. Cached per term. */
	correct(term: string): Correction | null {
		const cached = this.cache.get(term);
		if (cached !== undefined) return cached.correction;
		const found = this.search(term);
		this.cache.set(term, found);
		if (this.cache.size > this.capacity) {
			const oldest = this.cache.keys().next().value;
			if (oldest !== undefined) this.cache.delete(oldest);
		}
		return found.correction;
	}

	/**
	 * Aligns the term with every candidate, or only with those its one-letter-shorter prefix
	 * reached (within one edit) when that prefix was aligned: cutting the term's last letter off
	 * an alignment leaves one as good, so typing on only narrows the candidates.
	 */
	private search(term: string): Aligned {
		const m = term.length;
		if (m < FORGIVE_MIN_LETTERS || m > FORGIVE_MAX_LETTERS || !/^[a-z]+$/.test(term)) return {correction: null, reached: null};
		const budget = m >= EDIT_MIN_LETTERS ? 1 : 0;
		const termLetters = lettersOf(term) & ~CONFUSION_LETTERS;
		const sketch = sketchOf(term);
		const pieces = piecesOf(sketch);
		// Terms short of an edit align within their budget only, and pass on no candidates.
		const reach = budget;
		const from = this.cache.get(term.slice(0, -1))?.reached ?? null;
		const count = from ? from.length : this.candidates.length;
		const reached = this.reachedScratch.length >= this.candidates.length ? this.reachedScratch : (this.reachedScratch = new Int32Array(this.candidates.length));
		let reachedCount = 0;
		let best: Correction | null = null;
		let bestKey = NO_KEY;
		for (let k = 0; k < count; k++) {
			const id = from ? from[k]! : k;
			const candidate = this.candidates[id]!;
			// A letter of the term the text lacks (confusion letters aside) costs an edit.
			const missing = termLetters & ~candidate.letters;
			if (missing !== 0 && (reach === 0 || (missing & (missing - 1)) !== 0)) continue;
			if (!sketchMayAlign(sketch, pieces, candidate.sketch, reach)) continue;
			const key = this.align(term, candidate, reach, id < this.preferredBelow);
			if (key === NO_KEY) continue;
			reached[reachedCount++] = id;
			if (key >= bestKey) continue;
			bestKey = key;
			const end = key & 0xffff;
			const start = (key >>> 16) & 0xff;
			best = {text: candidate.joined.slice(start, end), edits: editsOf(key)};
		}
		return {correction: best, reached: reach > 0 ? reached.slice(0, reachedCount) : null};
	}

	/**
	 * Aligns the term against one text: the best key (keyOf) over every syllable start and every
	 * end, NO_KEY when more than `budget` edits are needed. Three rolling rows of the DP (a swap looks
	 * two rows back); rows are text letters, columns term letters.
	 */
	private align(term: string, candidate: Candidate, budget: number, preferred: boolean): number {
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
		if (cur[m]! < INF) bestKey = keyOf(cur[m]!, preferred, bounds[0] === 1, 0);
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
				const key = keyOf(cur[m]!, preferred, bounds[j] === 1, j);
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
 * An alignment ending at text letter `end`, as a sort key (lower is better): fewer edits, then an
 * item's text, then ending on a syllable boundary, then fewer confusions, then the earliest start
 * and end (edits << 30 | not-item << 29 | not-at-boundary << 28 | confusions << 24 | start << 16
 * | end; texts are shorter than 256 letters).
 */
function keyOf(cell: number, preferred: boolean, atBoundary: boolean, end: number): number {
	const start = cell >>> 8;
	const cost = cell & 0xff;
	const edits = Math.floor(cost / EDIT);
	if (start > 0xff || edits > 1) return NO_KEY;
	const confusions = Math.min(cost % EDIT, 15);
	return (edits << 30) | ((preferred ? 0 : 1) << 29) | ((atBoundary ? 0 : 1) << 28) | (confusions << 24) | (start << 16) | end;
}

/** Real edits of a key. */
function editsOf(key: number): number {
	return key >>> 30;
}

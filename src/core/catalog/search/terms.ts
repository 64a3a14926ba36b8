/**
 * Evaluates one query term against the dictionary and turns text matches into owner scores
 * (per item, per region including its ancestors, per department, per implementation-code head).
 *
 * Results are kept in a small LRU cache keyed by the term. When the user types one more
 * character, the new term's matching texts are a subset of the previous term's (see matcher.ts),
 * so only those are re-tested instead of the whole first-character bucket.
 */
import type {Dictionary} from './dictionary.js';
import {FIELD_BONUS, OWNER, linkField, linkIndex, linkOwner} from './dictionary.js';
import type {PreparedTerm} from './matcher.js';
import {TIER, matchTerm, prepareTerm} from './matcher.js';
import {hasDigit} from './normalize.js';
import {HEAD_LENGTH} from './rows.js';
import type {RowTables} from './rows.js';

export function scoreOf(tier: number, bonus: number): number {
	return tier * 10 + bonus;
}

/** Kinds of posting lists a term can drive a search through. */
export const COMPONENT = {item: 0, region: 1, department: 2, head: 3} as const;

export interface TermScores {
	term: PreparedTerm;
	/** Text ids that match in any tier (ascending): the candidates for the next keystroke. */
	matchedTexts: Int32Array;
	itemScore: Uint8Array;
	itemText: Int32Array;
	regionScore: Uint8Array;
	regionText: Int32Array;
	deptScore: Uint8Array;
	deptText: Int32Array;
	/**
	 * Implementation-code heads whose code starts with the term (terms up to 19 chars): heads are
	 * sorted, so they are the index range [headLo, headHi), all scoring `headValue` (0: none).
	 * A range, not a per-head array: '1' reaches every head of a million-row catalog.
	 */
	headLo: number;
	headHi: number;
	headValue: number;
	/** Rows whose implementation code starts with the term (terms longer than a head). */
	codeRows: Map<number, number> | null;
	maxScore: number;
	/** Best score through anything but the item (region, department, code). */
	nonItemMax: number;
	/** How many rows the term can reach: the smallest drives a multi-term search. */
	candidateRows: number;
	/** How many rows the term reaches through regions, departments and codes (not items). */
	nonItemRows: number;
	/** Owner components (packed kind | id << 2) sorted by score, best first; built lazily. */
	components?: {packed: Int32Array; scores: Uint8Array};
	/** The same without item components. */
	nonItemComponents?: {packed: Int32Array; scores: Uint8Array};
}

export interface TermContext {
	dictionary: Dictionary;
	rows: RowTables;
	/** Lowercased basic code per item, for long implementation-code terms. */
	itemCodes: readonly string[];
}

export class TermEvaluator {
	private readonly cache = new Map<string, TermScores>();

	constructor(
		private readonly context: TermContext,
		private readonly capacity: number,
	) {}

	/** Scores for a normalised term, from the cache when possible. */
	evaluate(text: string): TermScores {
		const cached = this.cache.get(text);
		if (cached) {
			this.cache.delete(text);
			this.cache.set(text, cached);
			return cached;
		}
		const term = prepareTerm(text);
		const scores = this.compute(term, this.candidatesFor(term));
		this.cache.set(text, scores);
		if (this.cache.size > this.capacity) {
			const oldest = this.cache.keys().next().value;
			if (oldest !== undefined) this.cache.delete(oldest);
		}
		return scores;
	}

	/** Longest cached prefix's matches, or the first-character bucket(s). */
	private candidatesFor(term: PreparedTerm): Int32Array {
		for (let length = term.chars.length - 1; length >= 1; length--) {
			const parent = this.cache.get(term.chars.slice(0, length).join(''));
			// A fuzzy-eligible term may match texts its non-eligible prefix did not.
			if (parent && (!term.fuzzyEligible || parent.term.fuzzyEligible)) return parent.matchedTexts;
		}
		const buckets = this.context.dictionary.buckets;
		const first = buckets.get(term.chars[0] ?? '') ?? new Int32Array(0);
		if (!term.fuzzyEligible) return first;
		// Fuzzy may drop the first character: the second one's bucket is needed too.
		return mergeSorted(first, buckets.get(term.chars[1] ?? '') ?? new Int32Array(0));
	}

	private compute(term: PreparedTerm, candidates: Int32Array): TermScores {
		const {dictionary, rows} = this.context;
		const regionCount = rows.regions.codes.length;
		const scores: TermScores = {
			term,
			matchedTexts: new Int32Array(0),
			itemScore: new Uint8Array(rows.itemStart.length - 1),
			itemText: new Int32Array(rows.itemStart.length - 1),
			regionScore: new Uint8Array(regionCount),
			regionText: new Int32Array(regionCount),
			deptScore: new Uint8Array(rows.departments.length),
			deptText: new Int32Array(rows.departments.length),
			headLo: 0,
			headHi: 0,
			headValue: 0,
			codeRows: null,
			maxScore: 0,
			nonItemMax: 0,
			candidateRows: 0,
			nonItemRows: 0,
		};
		const matched: number[] = [];
		let anyRegion = false;
		for (const id of candidates) {
			const tier = matchTerm(term, dictionary.texts[id]!).tier;
			if (tier === TIER.none) continue;
			matched.push(id);
			for (let at = dictionary.linkStart[id]!; at < dictionary.linkStart[id + 1]!; at++) {
				const link = dictionary.links[at]!;
				const owner = linkIndex(link);
				const score = scoreOf(tier, FIELD_BONUS[linkField(link)]);
				const kind = linkOwner(link);
				const ownerScore =
					kind === OWNER.item ? scores.itemScore : kind === OWNER.region ? scores.regionScore : scores.deptScore;
				const ownerText = kind === OWNER.item ? scores.itemText : kind === OWNER.region ? scores.regionText : scores.deptText;
				if (score > ownerScore[owner]!) {
					ownerScore[owner] = score;
					ownerText[owner] = id;
					if (kind === OWNER.region) anyRegion = true;
				}
			}
		}
		scores.matchedTexts = Int32Array.from(matched);
		// A region matches when it or an ancestor does ("四川" reaches every county of Sichuan).
		// Parents come before children in the region table, so one forward pass suffices.
		if (anyRegion) {
			const parent = rows.regions.parent;
			for (let g = 0; g < regionCount; g++) {
				const up = parent[g]!;
				if (up >= 0 && scores.regionScore[up]! > scores.regionScore[g]!) {
					scores.regionScore[g] = scores.regionScore[up]!;
					scores.regionText[g] = scores.regionText[up]!;
				}
			}
		}
		if (hasDigit(term.text)) this.matchCodes(term.text, scores);
		this.summarise(scores);
		return scores;
	}

	/** Implementation codes: heads by binary search, longer terms down to rows. */
	private matchCodes(text: string, scores: TermScores): void {
		const {rows, itemCodes} = this.context;
		const heads = rows.heads;
		const prefixScore = scoreOf(TIER.prefix, FIELD_BONUS.implementationCode);
		if (text.length <= HEAD_LENGTH) {
			// Every head starting with the text sorts in [text, text + U+FFFF).
			scores.headLo = lowerBound(heads, text);
			scores.headHi = lowerBound(heads, `${text}\uffff`);
			if (scores.headHi > scores.headLo) scores.headValue = prefixScore;
			return;
		}
		const codeRows = new Map<number, number>();
		const head = lowerBound(heads, text.slice(0, HEAD_LENGTH));
		if (heads[head] === text.slice(0, HEAD_LENGTH)) {
			const rest = text.slice(HEAD_LENGTH);
			const exactScore = scoreOf(TIER.exact, FIELD_BONUS.implementationCode);
			for (let at = rows.byHead.start[head]!; at < rows.byHead.start[head + 1]!; at++) {
				const row = rows.byHead.rows[at]!;
				const code = itemCodes[rows.rowItem[row]!] ?? '';
				if (code.startsWith(rest)) codeRows.set(row, code === rest ? exactScore : prefixScore);
			}
		}
		scores.codeRows = codeRows;
	}

	private summarise(scores: TermScores): void {
		const {rows} = this.context;
		let max = 0;
		let reach = 0;
		const add = (score: Uint8Array, start: Int32Array): void => {
			for (let k = 0; k < score.length; k++) {
				const value = score[k]!;
				if (value === 0) continue;
				if (value > max) max = value;
				reach += start[k + 1]! - start[k]!;
			}
		};
		add(scores.regionScore, rows.byRegion.start);
		add(scores.deptScore, rows.byDept.start);
		if (scores.headValue > 0) {
			if (scores.headValue > max) max = scores.headValue;
			reach += rows.byHead.start[scores.headHi]! - rows.byHead.start[scores.headLo]!;
		}
		for (const value of scores.codeRows?.values() ?? []) if (value > max) max = value;
		reach += scores.codeRows?.size ?? 0;
		scores.nonItemMax = max;
		scores.nonItemRows = reach;
		add(scores.itemScore, rows.itemStart);
		scores.maxScore = max;
		scores.candidateRows = reach;
	}
}

/**
 * Owner components of a term, best score first (cached on the term's scores). A counting sort
 * by score: scores are small integers, and a short term ("s") reaches thousands of owners, so
 * sorting tuples per keystroke would cost more than the scan it feeds.
 */
export function componentsOf(scores: TermScores): {packed: Int32Array; scores: Uint8Array} {
	if (scores.components) return scores.components;
	// Equal scores keep the order item, head, region, department (the visiting order of the scan).
	// The head range is one component (id 0): the scan reads it as a whole.
	const headRange = scores.headValue > 0 ? Uint8Array.of(scores.headValue) : null;
	const sources: Array<[Uint8Array | null, number]> = [
		[scores.itemScore, COMPONENT.item],
		[headRange, COMPONENT.head],
		[scores.regionScore, COMPONENT.region],
		[scores.deptScore, COMPONENT.department],
	];
	const counts = new Int32Array(257);
	for (const [score] of sources) {
		if (!score) continue;
		for (let id = 0; id < score.length; id++) {
			const value = score[id]!;
			if (value > 0) counts[256 - value] = counts[256 - value]! + 1;
		}
	}
	for (let k = 1; k < counts.length; k++) counts[k] = counts[k]! + counts[k - 1]!;
	const total = counts[256]!;
	const packed = new Int32Array(total);
	const sorted = new Uint8Array(total);
	for (const [score, kind] of sources) {
		if (!score) continue;
		for (let id = 0; id < score.length; id++) {
			const value = score[id]!;
			if (value === 0) continue;
			const at = counts[255 - value]!;
			counts[255 - value] = at + 1;
			packed[at] = (id << 2) | kind;
			sorted[at] = value;
		}
	}
	scores.components = {packed, scores: sorted};
	return scores.components;
}

/** The term's components other than items (region, department, code heads), best first. */
export function nonItemComponentsOf(scores: TermScores): {packed: Int32Array; scores: Uint8Array} {
	if (scores.nonItemComponents) return scores.nonItemComponents;
	const {packed, scores: sorted} = componentsOf(scores);
	let count = 0;
	for (let k = 0; k < packed.length; k++) if ((packed[k]! & 3) !== COMPONENT.item) count++;
	const outPacked = new Int32Array(count);
	const outScores = new Uint8Array(count);
	let at = 0;
	for (let k = 0; k < packed.length; k++) {
		if ((packed[k]! & 3) === COMPONENT.item) continue;
		outPacked[at] = packed[k]!;
		outScores[at++] = sorted[k]!;
	}
	scores.nonItemComponents = {packed: outPacked, scores: outScores};
	return scores.nonItemComponents;
}

/** First index whose string is >= key. */
export function lowerBound(sorted: readonly string[], key: string): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid]! < key) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function mergeSorted(a: Int32Array, b: Int32Array): Int32Array {
	const out: number[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length || j < b.length) {
		const x = i < a.length ? a[i]! : Infinity;
		const y = j < b.length ? b[j]! : Infinity;
		if (x <= y) {
			out.push(x);
			i++;
			if (x === y) j++;
		} else {
			out.push(y);
			j++;
		}
	}
	return Int32Array.from(out);
}

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
import {TIER, matchTier, prepareTerm} from './matcher.js';
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
	/**
	 * Department scores are not stored per department: a department scores its best name piece
	 * (deptScoreOf). `pieceScore[text]` is the department score a matching piece gives (0: none),
	 * `pieceTexts` lists those pieces (ascending) and `deptMax` is the best of them.
	 */
	pieceScore: Uint8Array;
	pieceTexts: Int32Array;
	deptMax: number;
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
	/**
	 * How many rows the term reaches through regions, departments and codes (not items): the
	 * smallest drives a multi-term search. -1 until TermEvaluator.nonItemRows counts it (only
	 * multi-term searches need it, and counting visits every matching piece's departments).
	 */
	nonItemRows: number;
	/**
	 * Owner components (packed kind | id << 2) sorted by score, best first; built lazily. A
	 * department component is a name piece (id = its index in pieceTexts): it stands for the departments whose
	 * best piece it is (pieceDepartmentsOf).
	 */
	components?: {packed: Int32Array; scores: Uint8Array};
	/** The same without item components. */
	nonItemComponents?: {packed: Int32Array; scores: Uint8Array};
	/** Departments per piece (index k of pieceTexts) whose best piece it is; built lazily. */
	pieceDepartments?: {start: Int32Array; departments: Int32Array};
}

export interface TermContext {
	dictionary: Dictionary;
	rows: RowTables;
	/** Lowercased basic code per item, for long implementation-code terms. */
	itemCodes: readonly string[];
}

/** A department's score for a term: the best score among its name pieces. */
export function deptScoreOf(dictionary: Dictionary, scores: TermScores, dept: number): number {
	const {pieces, pieceStart} = dictionary;
	const pieceScore = scores.pieceScore;
	let best = 0;
	for (let at = pieceStart[dept]!, end = pieceStart[dept + 1]!; at < end; at++) {
		const score = pieceScore[pieces[at]!]!;
		if (score > best) best = score;
	}
	return best;
}

/**
 * For each matching piece (index k of pieceTexts), the departments whose score comes from it,
 * so that a scan walks each department once per visit; built when a scan first needs it, since
 * a term used only for filtering other terms' rows never does.
 */
export function pieceDepartmentsOf(dictionary: Dictionary, scores: TermScores): {start: Int32Array; departments: Int32Array} {
	if (scores.pieceDepartments) return scores.pieceDepartments;
	const {deptLinks, deptLinkStart} = dictionary;
	const texts = scores.pieceTexts;
	const start = new Int32Array(texts.length + 1);
	const kept: number[] = [];
	for (let k = 0; k < texts.length; k++) {
		const text = texts[k]!;
		start[k] = kept.length;
		for (let at = deptLinkStart[text]!, end = deptLinkStart[text + 1]!; at < end; at++) {
			const dept = deptLinks[at]!;
			if (deptTextOf(dictionary, scores, dept) === text) kept.push(dept);
		}
	}
	start[texts.length] = kept.length;
	scores.pieceDepartments = {start, departments: Int32Array.from(kept)};
	return scores.pieceDepartments;
}

/** The piece giving a department its score (the lowest text id among equals), -1 for none. */
export function deptTextOf(dictionary: Dictionary, scores: TermScores, dept: number): number {
	const {pieces, pieceStart} = dictionary;
	let best = 0;
	let text = -1;
	for (let at = pieceStart[dept]!, end = pieceStart[dept + 1]!; at < end; at++) {
		const score = scores.pieceScore[pieces[at]!]!;
		if (score > best) {
			best = score;
			text = pieces[at]!;
		}
	}
	return text;
}

export class TermEvaluator {
	private readonly cache = new Map<string, TermScores>();
	/** Terms evaluated at build time and never evicted (see pin()). */
	private readonly pinned = new Map<string, TermScores>();
	/** Visit stamps per department, for counting each department once in nonItemRows. */
	private readonly deptStamp: Uint32Array;
	private stamp = 0;
	/** Scratch lists of one evaluation (matched texts, department pieces), copied out at the end. */
	private readonly matchedScratch: Int32Array;
	private readonly pieceScratch: Int32Array;

	constructor(
		private readonly context: TermContext,
		private readonly capacity: number,
	) {
		this.deptStamp = new Uint32Array(context.rows.departments.length);
		this.matchedScratch = new Int32Array(context.dictionary.texts.length);
		this.pieceScratch = new Int32Array(context.dictionary.texts.length);
	}

	/** Scores for a normalised term, from the cache when possible. */
	evaluate(text: string): TermScores {
		const pinned = this.pinned.get(text);
		if (pinned) return pinned;
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

	/**
	 * Evaluates a term once and keeps it for the index's lifetime. The index pins the single
	 * latin letters: every pinyin query starts with one, and so does each further term of a
	 * multi-term query ('医保 x'); they reach the most texts, so they are the slowest first
	 * keystrokes, and each later keystroke narrows from them.
	 */
	pin(text: string): void {
		this.pinned.set(text, this.evaluate(text));
		this.cache.delete(text);
	}

	/** Rows the term reaches through regions, departments and codes (counted once, then kept). */
	nonItemRows(scores: TermScores): number {
		if (scores.nonItemRows >= 0) return scores.nonItemRows;
		const {rows, dictionary} = this.context;
		let reach = 0;
		const regionStart = rows.byRegion.start;
		for (let g = 0; g < scores.regionScore.length; g++) {
			if (scores.regionScore[g]! > 0) reach += regionStart[g + 1]! - regionStart[g]!;
		}
		if (++this.stamp === 0xffffffff) {
			this.deptStamp.fill(0);
			this.stamp = 1;
		}
		const {deptLinks, deptLinkStart} = dictionary;
		const deptStart = rows.byDept.start;
		for (const text of scores.pieceTexts) {
			for (let at = deptLinkStart[text]!, end = deptLinkStart[text + 1]!; at < end; at++) {
				const dept = deptLinks[at]!;
				if (this.deptStamp[dept] === this.stamp) continue;
				this.deptStamp[dept] = this.stamp;
				reach += deptStart[dept + 1]! - deptStart[dept]!;
			}
		}
		if (scores.headValue > 0) reach += rows.byHead.start[scores.headHi]! - rows.byHead.start[scores.headLo]!;
		reach += scores.codeRows?.size ?? 0;
		scores.nonItemRows = reach;
		return reach;
	}

	/** Longest cached prefix's matches, or the first-character bucket(s). */
	private candidatesFor(term: PreparedTerm): Int32Array {
		for (let length = term.chars.length - 1; length >= 1; length--) {
			const prefix = term.chars.slice(0, length).join('');
			const parent = this.pinned.get(prefix) ?? this.cache.get(prefix);
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
			pieceScore: new Uint8Array(dictionary.texts.length),
			pieceTexts: new Int32Array(0),
			deptMax: 0,
			headLo: 0,
			headHi: 0,
			headValue: 0,
			codeRows: null,
			maxScore: 0,
			nonItemMax: 0,
			nonItemRows: -1,
		};
		const matched = this.matchedScratch;
		const pieceTexts = this.pieceScratch;
		let matchedCount = 0;
		let pieceCount = 0;
		const {links, linkStart, deptLinkStart} = dictionary;
		let anyRegion = false;
		for (const id of candidates) {
			const tier = matchTier(term, dictionary.texts[id]!);
			if (tier === TIER.none) continue;
			matched[matchedCount++] = id;
			if (deptLinkStart[id + 1]! > deptLinkStart[id]!) {
				const score = scoreOf(tier, FIELD_BONUS.department);
				scores.pieceScore[id] = score;
				pieceTexts[pieceCount++] = id;
				if (score > scores.deptMax) scores.deptMax = score;
			}
			for (let at = linkStart[id]!; at < linkStart[id + 1]!; at++) {
				const link = links[at]!;
				const owner = linkIndex(link);
				const score = scoreOf(tier, FIELD_BONUS[linkField(link)]);
				const isItem = linkOwner(link) === OWNER.item;
				const ownerScore = isItem ? scores.itemScore : scores.regionScore;
				if (score > ownerScore[owner]!) {
					ownerScore[owner] = score;
					(isItem ? scores.itemText : scores.regionText)[owner] = id;
					if (!isItem) anyRegion = true;
				}
			}
		}
		scores.matchedTexts = matched.slice(0, matchedCount);
		scores.pieceTexts = pieceTexts.slice(0, pieceCount);
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
		summarise(scores);
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
}

/** Best scores overall and through anything but the item. */
function summarise(scores: TermScores): void {
	let max = scores.deptMax;
	for (const value of scores.regionScore) if (value > max) max = value;
	if (scores.headValue > max) max = scores.headValue;
	for (const value of scores.codeRows?.values() ?? []) if (value > max) max = value;
	scores.nonItemMax = max;
	for (const value of scores.itemScore) if (value > max) max = value;
	scores.maxScore = max;
}

/**
 * Owner components of a term, best score first (cached on the term's scores). A counting sort
 * by score: scores are small integers, and a short term ("s") reaches thousands of owners, so
 * sorting tuples per keystroke would cost more than the scan it feeds.
 */
export function componentsOf(scores: TermScores): {packed: Int32Array; scores: Uint8Array} {
	if (scores.components) return scores.components;
	// Equal scores keep the order item, head, region, department piece (the visiting order of the
	// scan). The head range is one component (id 0): the scan reads it as a whole.
	const headRange = scores.headValue > 0 ? Uint8Array.of(scores.headValue) : null;
	const sources: Array<[Uint8Array | null, number]> = [
		[scores.itemScore, COMPONENT.item],
		[headRange, COMPONENT.head],
		[scores.regionScore, COMPONENT.region],
	];
	const pieces = scores.pieceTexts;
	const pieceScore = scores.pieceScore;
	const counts = new Int32Array(257);
	for (const [score] of sources) {
		if (!score) continue;
		for (let id = 0; id < score.length; id++) {
			const value = score[id]!;
			if (value > 0) counts[256 - value] = counts[256 - value]! + 1;
		}
	}
	for (let k = 0; k < pieces.length; k++) {
		const value = pieceScore[pieces[k]!]!;
		counts[256 - value] = counts[256 - value]! + 1;
	}
	for (let k = 1; k < counts.length; k++) counts[k] = counts[k]! + counts[k - 1]!;
	const total = counts[256]!;
	const packed = new Int32Array(total);
	const sorted = new Uint8Array(total);
	const place = (id: number, kind: number, value: number): void => {
		const at = counts[255 - value]!;
		counts[255 - value] = at + 1;
		packed[at] = (id << 2) | kind;
		sorted[at] = value;
	};
	for (const [score, kind] of sources) {
		if (!score) continue;
		for (let id = 0; id < score.length; id++) {
			const value = score[id]!;
			if (value !== 0) place(id, kind, value);
		}
	}
	// A department component's id is the piece's index in pieceTexts (see pieceDepartmentsOf).
	for (let k = 0; k < pieces.length; k++) place(k, COMPONENT.department, pieceScore[pieces[k]!]!);
	scores.components = {packed, scores: sorted};
	return scores.components;
}

/** The term's components other than items (region, department pieces, code heads), best first. */
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

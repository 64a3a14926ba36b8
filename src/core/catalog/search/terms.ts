/**
 * Evaluates one query term against the dictionary and turns text matches into owner scores
 * (per item, per region including its ancestors, per department, per implementation-code head).
 *
 * Results are kept in a small LRU cache keyed by the term. When the user types one more
 * character, the new term's matching texts are a subset of the previous term's (see matcher.ts),
 * so only those are re-tested instead of the whole first-character bucket. Single letters are
 * pinned for the index's lifetime, and two-letter latin terms come from a table built with the
 * index (pairs.ts), so no keystroke runs the matcher over most of the dictionary.
 */
import type {Dictionary} from './dictionary.js';
import {FIELD_BONUS, OWNER, linkBonus, linkIndex, linkOwner} from './dictionary.js';
import type {PreparedTerm, Via} from './matcher.js';
import {TIER, matchTier, prepareTerm} from './matcher.js';
import {hasDigit} from './normalize.js';
import {pairIndexOf} from './pairs.js';
import type {PairTable} from './pairs.js';
import {HEAD_LENGTH} from './rows.js';
import type {RowTables} from './rows.js';

function scoreOf(tier: number, bonus: number): number {
	return tier * 10 + bonus;
}

/** Kinds of posting lists a term can drive a search through. */
export const COMPONENT = {item: 0, region: 1, department: 2, head: 3} as const;

/** Owner components (packed kind | id << 2) sorted by score, best first. */
export interface Components {
	packed: Int32Array;
	scores: Uint8Array;
}

/** For each matching piece (index k of pieceTexts), the departments whose best piece it is. */
export interface PieceDepartments {
	/** Departments of piece k: departments[start[k] .. start[k+1]). */
	start: Int32Array;
	departments: Int32Array;
	/** How many rows those departments have, per piece. */
	rows: Int32Array;
}

export interface TermScores {
	term: PreparedTerm;
	/** Text ids that match in any tier (ascending): the candidates for the next keystroke. */
	matchedTexts: Int32Array;
	/** The tier each text matches in (0: none), by text id. */
	textTier: Uint8Array;
	itemScore: Uint8Array;
	/** The text giving each item its score. */
	itemText: Int32Array;
	/** Each region's score: its own name's or an ancestor's, whichever is best (explain.ts finds which). */
	regionScore: Uint8Array;
	/**
	 * Department scores are not stored per department: a department scores its best name piece
	 * (deptScoreOf, from textTier). `pieceTexts` lists the matching pieces (ascending) and
	 * `deptMax` is the best department score one gives.
	 */
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
	/** Ranks whose implementation code starts with the term (terms longer than a head), with their score. */
	codeRows: Map<number, number> | null;
	maxScore: number;
	/** Best score through anything but the item (region, department, code). */
	nonItemMax: number;
	/**
	 * How many rows the term reaches through regions, departments and codes (not items): the
	 * smallest reach drives a multi-term search. -1 until TermEvaluator.nonItemRows counts it
	 * (only multi-term searches need it, and counting visits every matching piece's departments).
	 */
	nonItemRows: number;
	// Built when first needed (null until then). Every field is set when the object is made, so
	// that all term scores share one shape and the scan's property reads stay monomorphic.
	/**
	 * Owner components sorted by score, best first. A department component is a name piece (id =
	 * its index in pieceTexts): it stands for the departments whose best piece it is
	 * (TermEvaluator.pieceDepartments).
	 */
	components: Components | null;
	/** The same without item components. */
	nonItemComponents: Components | null;
	/** Owner lists behind nonItemComponents[0..k], summed (ownersAbove). */
	nonItemOwners: Int32Array | null;
	pieceDepartments: PieceDepartments | null;
	/** How each explained text matched, kept for the next keystrokes (explain.ts). */
	vias: Map<number, Via> | null;
}

export interface TermContext {
	dictionary: Dictionary;
	rows: RowTables;
	/** Lowercased basic code per item, for long implementation-code terms. */
	itemCodes: readonly string[];
}

export interface TermEvaluatorOptions {
	/** How many evaluated terms to keep for incremental typing. */
	capacity: number;
	/** Two-letter latin terms' matches (pairs.ts); null to match them like any other term. */
	pairs: PairTable | null;
	/** Test every dictionary text for every term (no cache, buckets or tables): the reference path. */
	exhaustive?: boolean;
}

/** A department's score for a term: the best score among its name pieces. */
export function deptScoreOf(dictionary: Dictionary, scores: TermScores, dept: number): number {
	const {pieces, pieceStart} = dictionary;
	const textTier = scores.textTier;
	let best = 0;
	for (let at = pieceStart[dept]!, end = pieceStart[dept + 1]!; at < end; at++) {
		const tier = textTier[pieces[at]!]!;
		if (tier > best) best = tier;
	}
	return best === 0 ? 0 : scoreOf(best, FIELD_BONUS.department);
}

/** The piece giving a department its score (the lowest text id among equals), -1 for none. */
export function deptTextOf(dictionary: Dictionary, scores: TermScores, dept: number): number {
	const {pieces, pieceStart} = dictionary;
	let best = 0;
	let text = -1;
	for (let at = pieceStart[dept]!, end = pieceStart[dept + 1]!; at < end; at++) {
		const tier = scores.textTier[pieces[at]!]!;
		if (tier > best) {
			best = tier;
			text = pieces[at]!;
		}
	}
	return text;
}

export class TermEvaluator {
	private readonly cache = new Map<string, TermScores>();
	/** Terms evaluated at build time and never evicted (see pin()). */
	private readonly pinned = new Map<string, TermScores>();
	/** Visit stamps per department, for counting each department once in countNonItem. */
	private readonly deptStamp: Uint32Array;
	private stamp = 0;
	/** Scratch lists of one evaluation (matched texts, department pieces, departments), copied out at the end. */
	private readonly matchedScratch: Int32Array;
	private readonly pieceScratch: Int32Array;
	private readonly deptScratch: Int32Array;
	/** Every text id, the candidates of the exhaustive path. */
	private readonly allTexts: Int32Array | null;

	constructor(
		private readonly context: TermContext,
		private readonly options: TermEvaluatorOptions,
	) {
		const {dictionary, rows} = context;
		this.deptStamp = new Uint32Array(rows.departments.length);
		this.matchedScratch = new Int32Array(dictionary.texts.length);
		this.pieceScratch = new Int32Array(dictionary.texts.length);
		this.deptScratch = new Int32Array(dictionary.deptLinks.length);
		this.allTexts = options.exhaustive ? Int32Array.from(dictionary.texts, (_, id) => id) : null;
	}

	/** Scores for a normalised term, from the cache when possible. */
	evaluate(text: string): TermScores {
		if (this.allTexts) return this.compute(prepareTerm(text), this.allTexts, null);
		const pinned = this.pinned.get(text);
		if (pinned) return pinned;
		const cached = this.cache.get(text);
		if (cached) {
			this.cache.delete(text);
			this.cache.set(text, cached);
			return cached;
		}
		const term = prepareTerm(text);
		const pairs = this.options.pairs;
		const pair = pairs ? pairIndexOf(text) : -1;
		let scores: TermScores;
		if (pairs && pair >= 0) {
			// A two-letter latin term: its matches and tiers are in the table already.
			const from = pairs.start[pair]!;
			const to = pairs.start[pair + 1]!;
			scores = this.compute(term, pairs.texts.subarray(from, to), pairs.tiers.subarray(from, to));
		} else {
			scores = this.compute(term, this.candidatesFor(term), null);
		}
		this.cache.set(text, scores);
		if (this.cache.size > this.options.capacity) {
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
		for (let k = 0; k < scores.pieceTexts.length; k++) {
			const text = scores.pieceTexts[k]!;
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

	/**
	 * For each matching piece (index k of pieceTexts), the departments whose score comes from it,
	 * so that a scan walks each department once per visit; built when a scan first needs it, since
	 * a term used only for filtering other terms' rows never does.
	 */
	pieceDepartments(scores: TermScores): PieceDepartments {
		if (scores.pieceDepartments) return scores.pieceDepartments;
		const {dictionary, rows} = this.context;
		const {deptLinks, deptLinkStart} = dictionary;
		const deptStart = rows.byDept.start;
		const texts = scores.pieceTexts;
		const start = new Int32Array(texts.length + 1);
		const covered = new Int32Array(texts.length);
		const kept = this.deptScratch;
		let count = 0;
		for (let k = 0; k < texts.length; k++) {
			const text = texts[k]!;
			start[k] = count;
			let pieceRows = 0;
			for (let at = deptLinkStart[text]!, end = deptLinkStart[text + 1]!; at < end; at++) {
				const dept = deptLinks[at]!;
				if (deptTextOf(dictionary, scores, dept) !== text) continue;
				kept[count++] = dept;
				pieceRows += deptStart[dept + 1]! - deptStart[dept]!;
			}
			covered[k] = pieceRows;
		}
		start[texts.length] = count;
		scores.pieceDepartments = {start, departments: kept.slice(0, count), rows: covered};
		return scores.pieceDepartments;
	}

	/** Longest cached prefix's matches, or a two-letter prefix's, or the first-character bucket(s). */
	private candidatesFor(term: PreparedTerm): Int32Array {
		const pairs = this.options.pairs;
		for (let length = term.chars.length - 1; length >= 1; length--) {
			const prefix = term.chars.slice(0, length).join('');
			const parent = this.pinned.get(prefix) ?? this.cache.get(prefix);
			// A fuzzy-eligible term may match texts its non-eligible prefix did not.
			if (parent && (!term.fuzzyEligible || parent.term.fuzzyEligible)) return parent.matchedTexts;
			const pair = pairs && length === 2 && !term.fuzzyEligible ? pairIndexOf(prefix) : -1;
			if (pairs && pair >= 0) return pairs.texts.subarray(pairs.start[pair]!, pairs.start[pair + 1]!);
		}
		const buckets = this.context.dictionary.buckets;
		const first = buckets.get(term.chars[0] ?? '') ?? new Int32Array(0);
		if (!term.fuzzyEligible) return first;
		// Fuzzy may drop the first character: the second one's bucket is needed too.
		return mergeSorted(first, buckets.get(term.chars[1] ?? '') ?? new Int32Array(0));
	}

	/** Scores of a term over `candidates` (ascending text ids), whose tiers may be known already. */
	private compute(term: PreparedTerm, candidates: Int32Array, knownTiers: Uint8Array | null): TermScores {
		const {dictionary, rows} = this.context;
		const itemCount = rows.itemStart.length - 1;
		const regionCount = rows.regions.codes.length;
		const scores: TermScores = {
			term,
			matchedTexts: new Int32Array(0),
			textTier: new Uint8Array(dictionary.texts.length),
			itemScore: new Uint8Array(itemCount),
			itemText: new Int32Array(itemCount),
			regionScore: new Uint8Array(regionCount),
			pieceTexts: new Int32Array(0),
			deptMax: 0,
			headLo: 0,
			headHi: 0,
			headValue: 0,
			codeRows: null,
			maxScore: 0,
			nonItemMax: 0,
			nonItemRows: -1,
			components: null,
			nonItemComponents: null,
			nonItemOwners: null,
			pieceDepartments: null,
			vias: null,
		};
		const matched = this.matchedScratch;
		const pieceTexts = this.pieceScratch;
		let matchedCount = 0;
		let pieceCount = 0;
		let deptTier = 0;
		const {texts, links, linkStart, deptLinkStart} = dictionary;
		const {textTier, itemScore, itemText, regionScore} = scores;
		let anyRegion = false;
		for (let k = 0; k < candidates.length; k++) {
			const id = candidates[k]!;
			const tier = knownTiers ? knownTiers[k]! : matchTier(term, texts[id]!);
			if (tier === TIER.none) continue;
			matched[matchedCount++] = id;
			textTier[id] = tier;
			if (deptLinkStart[id + 1]! > deptLinkStart[id]!) {
				pieceTexts[pieceCount++] = id;
				if (tier > deptTier) deptTier = tier;
			}
			for (let at = linkStart[id]!, end = linkStart[id + 1]!; at < end; at++) {
				const link = links[at]!;
				const owner = linkIndex(link);
				const score = scoreOf(tier, linkBonus(link));
				if (linkOwner(link) === OWNER.item) {
					if (score > itemScore[owner]!) {
						itemScore[owner] = score;
						itemText[owner] = id;
					}
				} else if (score > regionScore[owner]!) {
					regionScore[owner] = score;
					anyRegion = true;
				}
			}
		}
		scores.matchedTexts = matched.slice(0, matchedCount);
		scores.pieceTexts = pieceTexts.slice(0, pieceCount);
		scores.deptMax = deptTier === 0 ? 0 : scoreOf(deptTier, FIELD_BONUS.department);
		// A region matches when it or an ancestor does ("四川" reaches every county of Sichuan).
		// Parents come before children in the region table, so one forward pass suffices.
		if (anyRegion) {
			const parent = rows.regions.parent;
			for (let g = 0; g < regionCount; g++) {
				const up = parent[g]!;
				if (up >= 0 && regionScore[up]! > regionScore[g]!) regionScore[g] = regionScore[up]!;
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
				const rank = rows.byHead.ranks[at]!;
				const code = itemCodes[rows.rankItem[rank]!] ?? '';
				if (code.startsWith(rest)) codeRows.set(rank, code === rest ? exactScore : prefixScore);
			}
		}
		scores.codeRows = codeRows;
	}
}

/** Best scores overall and through anything but the item. */
function summarise(scores: TermScores): void {
	let max = scores.deptMax;
	const {regionScore, itemScore} = scores;
	for (let g = 0; g < regionScore.length; g++) if (regionScore[g]! > max) max = regionScore[g]!;
	if (scores.headValue > max) max = scores.headValue;
	if (scores.codeRows) for (const value of scores.codeRows.values()) if (value > max) max = value;
	scores.nonItemMax = max;
	for (let item = 0; item < itemScore.length; item++) if (itemScore[item]! > max) max = itemScore[item]!;
	scores.maxScore = max;
}

/** A matching piece's score as a department's score. */
function pieceScore(scores: TermScores, piece: number): number {
	return scoreOf(scores.textTier[scores.pieceTexts[piece]!]!, FIELD_BONUS.department);
}

/**
 * Owner components of a term, best score first (cached on the term's scores). A counting sort
 * by score: scores are small integers, and a short term ("s") reaches thousands of owners, so
 * sorting tuples per keystroke would cost more than the scan it feeds. Equal scores keep the
 * order item, head, region, department piece (the visiting order of the scan). The head range is
 * one component (id 0): the scan reads it as a whole.
 */
export function componentsOf(scores: TermScores): Components {
	if (scores.components) return scores.components;
	const {itemScore, regionScore, pieceTexts} = scores;
	const counts = new Int32Array(257);
	const count = (value: number): void => {
		if (value > 0) counts[256 - value] = counts[256 - value]! + 1;
	};
	for (let id = 0; id < itemScore.length; id++) count(itemScore[id]!);
	count(scores.headValue);
	for (let id = 0; id < regionScore.length; id++) count(regionScore[id]!);
	for (let k = 0; k < pieceTexts.length; k++) count(pieceScore(scores, k));
	// counts[255 - value] becomes the first slot of score `value`.
	for (let k = 1; k < counts.length; k++) counts[k] = counts[k]! + counts[k - 1]!;
	const total = counts[256]!;
	const packed = new Int32Array(total);
	const sorted = new Uint8Array(total);
	const place = (id: number, kind: number, value: number): void => {
		if (value === 0) return;
		const at = counts[255 - value]!;
		counts[255 - value] = at + 1;
		packed[at] = (id << 2) | kind;
		sorted[at] = value;
	};
	for (let id = 0; id < itemScore.length; id++) place(id, COMPONENT.item, itemScore[id]!);
	place(0, COMPONENT.head, scores.headValue);
	for (let id = 0; id < regionScore.length; id++) place(id, COMPONENT.region, regionScore[id]!);
	// A department component's id is the piece's index in pieceTexts (see pieceDepartments).
	for (let k = 0; k < pieceTexts.length; k++) place(k, COMPONENT.department, pieceScore(scores, k));
	scores.components = {packed, scores: sorted};
	return scores.components;
}

/** The term's components other than items (region, department pieces, code heads), best first. */
export function nonItemComponentsOf(scores: TermScores): Components {
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

/**
 * How many owners' lists (regions, departments, code heads) a scan opens to walk the term's
 * non-item components scoring above `above`: what such a walk costs. A piece counts every
 * department carrying it, an upper bound (a department is walked under its best piece only)
 * that costs nothing to count.
 */
export function ownersAbove(dictionary: Dictionary, scores: TermScores, above: number): number {
	const {packed, scores: sorted} = nonItemComponentsOf(scores);
	if (!scores.nonItemOwners) {
		const cumulative = new Int32Array(packed.length);
		let sum = 0;
		for (let k = 0; k < packed.length; k++) {
			const kind = packed[k]! & 3;
			const id = packed[k]! >> 2;
			if (kind === COMPONENT.department) {
				const text = scores.pieceTexts[id]!;
				sum += dictionary.deptLinkStart[text + 1]! - dictionary.deptLinkStart[text]!;
			} else if (kind === COMPONENT.head) sum += scores.headHi - scores.headLo;
			else sum++;
			cumulative[k] = sum;
		}
		scores.nonItemOwners = cumulative;
	}
	// Components are sorted by score, best first: count those above.
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid]! > above) lo = mid + 1;
		else hi = mid;
	}
	return lo === 0 ? 0 : scores.nonItemOwners[lo - 1]!;
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

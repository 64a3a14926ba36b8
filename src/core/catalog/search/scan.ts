/**
 * Finds the best rows for a query's evaluated terms.
 *
 * A row's score for a term is the best of its item's, region's, department's and code's scores;
 * a row matches when every term scores, and its total is the sum. Rows are visited so that the
 * scan can stop as soon as no remaining row can beat the heap's worst (topk.ts):
 * - one term: its owner components (items, regions, department-name pieces, code heads) best
 *   score first; each component's rows come in key order, so a component stops at the first row
 *   that cannot be kept;
 * - several terms: rows whose item some term matches, item by item, best possible total first;
 *   then rows whose item no term matches, through the term reaching the fewest rows.
 *
 * Everything is indexed by rank (rows.ts), and a search allocates nothing per row or component:
 * the scan state lives in this object's fields.
 */
import type {Dictionary} from './dictionary.js';
import {itemRankFrom, passes} from './filter.js';
import type {CompiledFilter} from './filter.js';
import type {Posting, RowTables} from './rows.js';
import {COMPONENT, componentsOf, deptScoreOf, nonItemComponentsOf, ownersAbove} from './terms.js';
import type {TermEvaluator, TermScores} from './terms.js';
import {TopK} from './topk.js';

/** Above this many code heads, a head range is walked along key order instead of head by head. */
const NARROW_HEAD_RANGE = 64;

/**
 * What walking one owner's posting list inside a rank range costs (a call, a binary search, the
 * first row checks), in rows checked one by one: prices a walk by owners against a plain pass
 * over the range.
 */
const OWNER_WALK_COST = 8;

const NO_FILTER: CompiledFilter = {regionLo: 0, regionHi: 0, allRegions: true, modeMask: 0, itemAllowed: null, deptAllowed: null};

export class Scanner {
	/** One byte per rank (a million rows: 1 MB): `seen[rank] === seenStamp` marks rows scored in this search. */
	private readonly seen: Uint8Array;
	private seenStamp = 0;
	/** Per item: whether some term matches it, its best possible total, and the visiting order. */
	private readonly itemMatched: Uint8Array;
	private readonly itemBound: Int32Array;
	private readonly itemOrder: Float64Array;

	// The search in progress (searches run one at a time, start to end).
	private terms: readonly TermScores[] = [];
	private filter: CompiledFilter = NO_FILTER;
	private top = new TopK(0);
	/** Rank range [lo, hi) the walks keep to: everything, or one item's rows. */
	private lo = 0;
	private hi = 0;
	/** Only components scoring above this are walked. */
	private above = 0;
	/** Rows of items flagged here are left to the item-by-item pass. */
	private skipItem: Uint8Array | null = null;
	/** The rank range of the last sliceOf(). */
	private sliceLo = 0;
	private sliceHi = 0;

	constructor(
		private readonly rows: RowTables,
		private readonly dictionary: Dictionary,
		private readonly evaluator: TermEvaluator,
		/** Score every row (no pruning): the reference path the tests compare against. */
		private readonly exhaustive = false,
	) {
		this.seen = new Uint8Array(rows.rankCount);
		const itemCount = rows.itemStart.length - 1;
		this.itemMatched = new Uint8Array(itemCount);
		this.itemBound = new Int32Array(itemCount);
		this.itemOrder = new Float64Array(itemCount);
	}

	/** An empty query: the filtered rows in key order. */
	browse(filter: CompiledFilter, top: TopK): void {
		this.filter = filter;
		const itemCount = this.rows.itemStart.length - 1;
		for (let item = 0; item < itemCount && !top.full; item++) {
			if (filter.itemAllowed && filter.itemAllowed[item] === 0) continue;
			this.sliceOf(item);
			for (let at = this.sliceLo; at < this.sliceHi && !top.full; at++) {
				if (passes(this.rows, filter, at)) top.push(0, at);
			}
		}
	}

	scan(terms: readonly TermScores[], filter: CompiledFilter, top: TopK): void {
		this.terms = terms;
		this.filter = filter;
		this.top = top;
		this.nextStamp();
		this.lo = 0;
		this.hi = this.rows.rankCount;
		this.above = 0;
		this.skipItem = null;
		if (this.exhaustive) {
			for (let rank = 0; rank < this.rows.rankCount; rank++) this.offer(rank);
			return;
		}
		// Long implementation-code terms name a few rows directly: score them all.
		for (const scores of terms) if (scores.codeRows) for (const rank of scores.codeRows.keys()) this.offer(rank);
		if (terms.length === 1) this.walkComponents(terms[0]!, true, 0);
		else this.scanMulti();
	}

	/** Starts a search's visit stamp; the bytes are cleared once every 255 searches. */
	private nextStamp(): void {
		if (++this.seenStamp === 0x100) {
			this.seen.fill(0);
			this.seenStamp = 1;
		}
	}

	/** Sets sliceLo/sliceHi to item's ranks restricted to the region filter (an item's ranks go by region). */
	private sliceOf(item: number): void {
		if (this.filter.allRegions) {
			this.sliceLo = this.rows.itemStart[item]!;
			this.sliceHi = this.rows.itemStart[item + 1]!;
		} else {
			this.sliceLo = itemRankFrom(this.rows, item, this.filter.regionLo);
			this.sliceHi = itemRankFrom(this.rows, item, this.filter.regionHi);
		}
	}

	/** The term's score at a rank through anything but the item, or `best` if that is higher. */
	private scoreAt(scores: TermScores, rank: number, best: number): number {
		const rows = this.rows;
		const region = scores.regionScore[rows.rankRegion[rank]!]!;
		if (region > best) best = region;
		if (scores.deptMax > best) {
			const dept = deptScoreOf(this.dictionary, scores, rows.rankDept[rank]!);
			if (dept > best) best = dept;
		}
		if (scores.headValue > best) {
			const head = rows.rankHead[rank]!;
			if (head >= scores.headLo && head < scores.headHi) best = scores.headValue;
		}
		if (scores.codeRows) {
			const code = scores.codeRows.get(rank) ?? 0;
			if (code > best) best = code;
		}
		return best;
	}

	/** Scores a row exactly (once per search) and offers it to the heap. */
	private offer(rank: number): void {
		if (this.seen[rank] === this.seenStamp) return;
		this.seen[rank] = this.seenStamp;
		if (!passes(this.rows, this.filter, rank)) return;
		const item = this.rows.rankItem[rank]!;
		const terms = this.terms;
		let total = 0;
		for (let t = 0; t < terms.length; t++) {
			const scores = terms[t]!;
			const score = this.scoreAt(scores, rank, scores.itemScore[item]!);
			if (score === 0) return;
			total += score;
		}
		this.top.push(total, rank);
	}

	/**
	 * Visits the driver term's owner components best score first (only those scoring above
	 * `above`; items only when `withItems`), each row bounded by the component's score plus
	 * `others` (the most the other terms can add).
	 */
	private walkComponents(driver: TermScores, withItems: boolean, others: number): void {
		const {packed, scores} = withItems ? componentsOf(driver) : nonItemComponentsOf(driver);
		const {filter, top} = this;
		for (let k = 0; k < packed.length; k++) {
			const score = scores[k]!;
			if (score <= this.above) break;
			const bound = score + others;
			if (!top.admits(bound, this.lo)) break;
			const kind = packed[k]! & 3;
			const id = packed[k]! >> 2;
			if (kind === COMPONENT.item) {
				if (filter.itemAllowed && filter.itemAllowed[id] === 0) continue;
				this.sliceOf(id);
				for (let at = this.sliceLo; at < this.sliceHi; at++) {
					if (!top.admits(bound, at)) break;
					this.offer(at);
				}
			} else if (kind === COMPONENT.region) {
				if (id < filter.regionLo || id >= filter.regionHi) continue;
				this.walkPosting(this.rows.byRegion, id, bound);
			} else if (kind === COMPONENT.department) {
				this.walkPiece(driver, id, score, bound);
			} else {
				this.walkHeads(driver, bound);
			}
		}
	}

	/**
	 * Walks the ranks of posting list `owner` within [lo, hi). Lists are ascending: once one
	 * rank cannot be kept at `bound`, none after it can.
	 */
	private walkPosting(posting: Posting, owner: number, bound: number): void {
		const ranks = posting.ranks;
		let at = posting.start[owner]!;
		const end = posting.start[owner + 1]!;
		if (this.lo > 0) {
			let hi = end;
			while (at < hi) {
				const mid = (at + hi) >>> 1;
				if (ranks[mid]! < this.lo) at = mid + 1;
				else hi = mid;
			}
		}
		const {top, skipItem} = this;
		const rankItem = this.rows.rankItem;
		for (; at < end; at++) {
			const rank = ranks[at]!;
			if (rank >= this.hi || !top.admits(bound, rank)) break;
			if (skipItem && skipItem[rankItem[rank]!] === 1) continue;
			this.offer(rank);
		}
	}

	/** Ranks in the code-head range: per head when the range is narrow, else along key order. */
	private walkHeads(driver: TermScores, bound: number): void {
		if (driver.headHi - driver.headLo <= NARROW_HEAD_RANGE) {
			for (let head = driver.headLo; head < driver.headHi; head++) this.walkPosting(this.rows.byHead, head, bound);
			return;
		}
		// A wide range ('1', '11', a province's USCC prefix) covers a good share of all rows, so the
		// next ranks soon fall in it; the walk stops at the first rank that cannot be kept.
		const {top, skipItem} = this;
		const {rankHead, rankItem} = this.rows;
		const segments = this.regionSegments();
		for (let s = 0; s < segments.length; s += 2) {
			for (let at = segments[s]!, end = segments[s + 1]!; at < end; at++) {
				if (!top.admits(bound, at)) return;
				const head = rankHead[at]!;
				if (head < driver.headLo || head >= driver.headHi) continue;
				if (skipItem && skipItem[rankItem[at]!] === 1) continue;
				this.offer(at);
			}
		}
	}

	/**
	 * The rank range [lo, hi) as ascending [start, end) pairs, cut to the region filter: the whole
	 * range without one, else each item's ranks in the filter's regions (an item's ranks go by
	 * region). A key-order walk under a province filter (a context scan, context.ts) then skips
	 * the other provinces' rows instead of reading a million of them.
	 */
	private regionSegments(): Int32Array {
		if (this.filter.allRegions) return Int32Array.of(this.lo, this.hi);
		const itemCount = this.rows.itemStart.length - 1;
		const out = new Int32Array(2 * itemCount);
		let count = 0;
		for (let item = 0; item < itemCount; item++) {
			if (this.rows.itemStart[item + 1]! <= this.lo || this.rows.itemStart[item]! >= this.hi) continue;
			this.sliceOf(item);
			const from = Math.max(this.sliceLo, this.lo);
			const to = Math.min(this.sliceHi, this.hi);
			if (from >= to) continue;
			out[count++] = from;
			out[count++] = to;
		}
		return out.subarray(0, count);
	}

	/**
	 * The departments whose best name piece (for the driver term) is piece k: each department is
	 * walked under exactly one piece, the one its score comes from.
	 */
	private walkPiece(driver: TermScores, piece: number, score: number, bound: number): void {
		const {start, departments, rows: pieceRows} = this.evaluator.pieceDepartments(driver);
		const from = start[piece]!;
		const to = start[piece + 1]!;
		if (this.denseWalkPays(pieceRows[piece]!, to - from)) {
			this.walkDepartmentsInKeyOrder(driver, score, bound);
			return;
		}
		const {filter, top} = this;
		for (let at = from; at < to; at++) {
			if (!top.admits(bound, this.lo)) return;
			const dept = departments[at]!;
			if (filter.deptAllowed && filter.deptAllowed[dept] === 0) continue;
			this.walkPosting(this.rows.byDept, dept, bound);
		}
	}

	/**
	 * Whether to find a component's rows by walking key order rather than its owners' lists. A
	 * piece such as "医疗保障局" names thousands of departments, each a list whose first row is
	 * near the front of key order, so every one of them would be opened; yet a tenth of all rows
	 * carry it, so walking key order meets `capacity` of them within a few hundred rows. Only for
	 * a term driving alone: its bound is then the rows' exact score, and the walk stops once the
	 * heap is full of them.
	 */
	private denseWalkPays(componentRows: number, owners: number): boolean {
		if (this.terms.length !== 1 || componentRows === 0) return false;
		const expectedWalk = (this.top.capacity * (this.hi - this.lo)) / componentRows;
		return expectedWalk < owners * OWNER_WALK_COST;
	}

	/** Rows in key order whose department scores at least `score` (see denseWalkPays). */
	private walkDepartmentsInKeyOrder(driver: TermScores, score: number, bound: number): void {
		const {top, skipItem, dictionary} = this;
		const {rankDept, rankItem} = this.rows;
		const segments = this.regionSegments();
		for (let s = 0; s < segments.length; s += 2) {
			for (let at = segments[s]!, end = segments[s + 1]!; at < end; at++) {
				if (!top.admits(bound, at)) return;
				if (deptScoreOf(dictionary, driver, rankDept[at]!) < score) continue;
				if (skipItem && skipItem[rankItem[at]!] === 1) continue;
				this.offer(at);
			}
		}
	}

	/**
	 * Several terms. A row's score for a term is the best of its item's score and its other
	 * owners' (region, department, code), so rows split in two:
	 * - rows whose item some term matches: visited item by item, best possible total first (the
	 *   scan stops at the first item that cannot place a row); see scanItem;
	 * - rows whose item no term matches: the term reaching the fewest such rows drives.
	 */
	private scanMulti(): void {
		const {rows, terms, filter, top} = this;
		const itemCount = rows.itemStart.length - 1;
		const {itemMatched, itemBound, itemOrder} = this;
		// Sort keys: best bound first, then catalog order (which is key order).
		const boundSpan = 256 * terms.length;
		let nonItemAll = true;
		for (const scores of terms) if (scores.nonItemMax === 0) nonItemAll = false;
		itemMatched.fill(0);
		let orderCount = 0;
		for (let item = 0; item < itemCount; item++) {
			let any = false;
			let possible = true;
			let bound = 0;
			for (let t = 0; t < terms.length; t++) {
				const scores = terms[t]!;
				const base = scores.itemScore[item]!;
				if (base > 0) any = true;
				else if (scores.nonItemMax === 0) possible = false;
				bound += base > scores.nonItemMax ? base : scores.nonItemMax;
			}
			if (!any) continue;
			itemMatched[item] = 1;
			if (!possible || (filter.itemAllowed && filter.itemAllowed[item] === 0)) continue;
			itemBound[item] = bound;
			itemOrder[orderCount++] = (boundSpan - bound) * itemCount + item;
		}
		const order = itemOrder.subarray(0, orderCount).sort();
		for (let k = 0; k < order.length; k++) {
			const key = order[k]!;
			const item = key - Math.floor(key / itemCount) * itemCount;
			const bound = itemBound[item]!;
			if (!top.admits(bound, rows.itemStart[item]!)) break;
			this.sliceOf(item);
			if (this.sliceLo < this.sliceHi) this.scanItem(item, bound);
		}
		if (!nonItemAll) return;
		let driver = 0;
		let others = 0;
		for (let t = 0; t < terms.length; t++) {
			others += terms[t]!.nonItemMax;
			if (this.evaluator.nonItemRows(terms[t]!) < this.evaluator.nonItemRows(terms[driver]!)) driver = t;
		}
		this.lo = 0;
		this.hi = rows.rankCount;
		this.above = 0;
		this.skipItem = itemMatched;
		this.walkComponents(terms[driver]!, false, others - terms[driver]!.nonItemMax);
		this.skipItem = null;
	}

	/**
	 * One item's rows (the current slice), each bounded by the item's best possible total. Either a
	 * plain pass over the slice, scoring each row, or a walk through the terms' other owners cut to
	 * the slice, whichever checks fewer rows:
	 * - when some term does not match the item, its rows must score through that term's regions,
	 *   departments or codes: the one reaching the fewest rows drives the walk;
	 * - when the item matches every term, its rows all score at least the item's total, and only
	 *   rows lifted above it by another owner need looking up before the slice is read in order.
	 * A term reaching thousands of owners ('w': every region and department with a w- syllable)
	 * would open each of their lists per item; a pass over the item's few hundred or thousand
	 * rows is then far cheaper.
	 */
	private scanItem(item: number, bound: number): void {
		const {terms, evaluator} = this;
		const lo = this.sliceLo;
		const hi = this.sliceHi;
		let unmatched = -1;
		for (let t = 0; t < terms.length; t++) {
			if (terms[t]!.itemScore[item]! !== 0) continue;
			if (unmatched < 0 || evaluator.nonItemRows(terms[t]!) < evaluator.nonItemRows(terms[unmatched]!)) unmatched = t;
		}
		// The walk opens the lists of the owners it visits (for a matched term, only those scoring
		// above the item), then reads the slice in order until the heap is full.
		let walkCost = 0;
		if (unmatched >= 0) walkCost = ownersAbove(this.dictionary, terms[unmatched]!, 0) * OWNER_WALK_COST;
		else {
			for (const scores of terms) walkCost += ownersAbove(this.dictionary, scores, scores.itemScore[item]!) * OWNER_WALK_COST;
			walkCost += this.top.capacity;
		}
		if ((hi - lo) * terms.length <= walkCost) {
			this.passOverSlice(lo, hi, bound, unmatched < 0 ? null : terms[unmatched]!);
			return;
		}
		this.lo = lo;
		this.hi = hi;
		this.skipItem = null;
		// The bound is the sum of each term's cap (its item score or best other owner's): a driver
		// adds its component's score to what the other terms can still give.
		if (unmatched >= 0) {
			this.above = 0;
			this.walkComponents(terms[unmatched]!, false, bound - terms[unmatched]!.nonItemMax);
			return;
		}
		let baseSum = 0;
		for (const scores of terms) {
			const base = scores.itemScore[item]!;
			baseSum += base;
			this.above = base;
			this.walkComponents(scores, false, bound - Math.max(base, scores.nonItemMax));
		}
		this.above = 0;
		for (let at = lo; at < hi; at++) {
			if (!this.top.admits(baseSum, at)) break;
			this.offer(at);
		}
	}

	/** Scores the ranks [lo, hi) in order; `needs` (a term the item lacks) rules rows out cheaply first. */
	private passOverSlice(lo: number, hi: number, bound: number, needs: TermScores | null): void {
		const top = this.top;
		for (let at = lo; at < hi; at++) {
			if (!top.admits(bound, at)) break;
			if (needs !== null && this.scoreAt(needs, at, 0) === 0) continue;
			this.offer(at);
		}
	}
}

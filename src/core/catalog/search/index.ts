/**
 * The service-item search index: build once per catalog, then `search()` per keystroke.
 *
 * How a query runs (see the module comments for each step):
 * 1. the query is split into terms; each term is evaluated against the dictionary of distinct
 *    field texts (dictionary.ts, matcher.ts), giving scores per item, region, department-name
 *    piece and code head (terms.ts, cached across keystrokes); a department scores its best
 *    piece, read when a row needs it, so no keystroke writes or sweeps per-department arrays;
 * 2. a row's score for a term is the best of its item's, region's, department's and code's
 *    scores; a row matches when every term scores, and its total is the sum;
 * 3. the term reaching the fewest rows drives the scan: its owners are visited best score first
 *    and their posting lists (in key order) feed a bounded heap; the scan stops as soon as no
 *    remaining row can beat the heap's worst (rows.ts, topk.ts).
 */
import type {Catalog, HandlingMode, ItemType, Region} from '../model.js';
import {DictionaryBuilder, FIELD_BONUS, OWNER} from './dictionary.js';
import type {Dictionary, LinkField} from './dictionary.js';
import {TIER, matchTerm} from './matcher.js';
import type {Via} from './matcher.js';
import {normalizeText, splitTerms} from './normalize.js';
import type {PinyinCacheData} from './pinyin-cache.js';
import {buildRowTables, modeBit} from './rows.js';
import type {Posting, RowTables} from './rows.js';
import {GLOBAL_SYNONYMS, expandWithSynonyms} from './synonyms.js';
import {
	COMPONENT,
	TermEvaluator,
	componentsOf,
	deptScoreOf,
	deptTextOf,
	lowerBound,
	nonItemComponentsOf,
	pieceDepartmentsOf,
} from './terms.js';
import type {TermScores} from './terms.js';
import {RANK_SPAN, TopK, compositeOf} from './topk.js';
import type {MatchField, MatchKind, PinyinFn, SearchFilters, SearchHit, SearchQuery, SearchResult, TermMatch} from './types.js';

export interface SearchIndexOptions {
	/** How many evaluated terms to keep for incremental typing (default 64). */
	termCacheSize?: number;
	/** Everyday → formal words; defaults to the global table. */
	synonyms?: ReadonlyArray<{everyday: string; formal: readonly string[]}>;
}

export interface SearchIndexStats {
	rows: number;
	skippedRows: number;
	texts: number;
	departments: number;
	regions: number;
	codeHeads: number;
}

export interface SearchIndex {
	search(query: SearchQuery): SearchResult;
	/** Pinyin of every distinct text, to rebuild the index later without a pinyin library. */
	exportPinyin(): PinyinCacheData;
	stats(): SearchIndexStats;
}

export const DEFAULT_LIMIT = 50;

/** Single letters that start a pinyin syllable (no syllable starts with i, u or v). */
const PINNED_LETTERS = 'abcdefghjklmnopqrstwxyz';

/** "510000" → "51", "510100" → "5101", 12-digit statistical codes → their 6-digit part. */
export function normalizeRegionPrefix(code: string): string {
	let prefix = code.trim();
	if (/^\d{12}$/.test(prefix)) prefix = prefix.slice(0, 6);
	if (/^\d{6}$/.test(prefix)) {
		while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
	}
	return prefix;
}

/** Above this many code heads, a head range is walked along key order instead of head by head. */
const NARROW_HEAD_RANGE = 64;

/** One walk over components: which rows, which heap, which components. */
interface Walk {
	filter: CompiledFilter;
	top: TopK;
	/** Key-order rank range the rows must fall in (an item's range, or everything). */
	rankLo: number;
	rankHi: number;
	/** Whether item components are walked (only when one term drives alone). */
	items: boolean;
	/** Only components scoring above this are walked. */
	above: number;
	/** Rows of items flagged here are left to the item-by-item pass. */
	skipItem: Uint8Array | null;
}

interface CompiledFilter {
	/** Region index range [lo, hi) that rows must fall in. */
	regionLo: number;
	regionHi: number;
	modeMask: number;
	itemAllowed: Uint8Array | null;
	deptAllowed: Uint8Array | null;
}

export function buildSearchIndex(
	catalog: Catalog,
	regions: readonly Region[],
	pinyin: PinyinFn,
	options: SearchIndexOptions = {},
): SearchIndex {
	const rows = buildRowTables(catalog, regions);
	if (rows.rowCount >= RANK_SPAN) throw new Error(`too many implementation lists (${rows.rowCount})`);
	const dictionary = buildDictionary(catalog, rows, pinyin, options.synonyms ?? GLOBAL_SYNONYMS);
	const itemCodes = catalog.items.map((item) => normalizeText(item.basicCode));
	const evaluator = new TermEvaluator({dictionary: dictionary.frozen, rows, itemCodes}, options.termCacheSize ?? 64);
	for (const letter of PINNED_LETTERS) evaluator.pin(letter);
	// One byte per row (a million rows: 1 MB); cleared once every 255 searches.
	const seen = new Uint8Array(rows.rowCount);
	let seenStamp = 0;
	const deptFilterCache = new Map<string, Uint8Array>();

	function compileFilter(filters: SearchFilters | undefined): CompiledFilter {
		const compiled: CompiledFilter = {
			regionLo: 0,
			regionHi: rows.regions.codes.length,
			modeMask: 0,
			itemAllowed: null,
			deptAllowed: null,
		};
		if (!filters) return compiled;
		if (filters.region) {
			const prefix = normalizeRegionPrefix(filters.region);
			compiled.regionLo = lowerBound(rows.regions.codes, prefix);
			compiled.regionHi = lowerBound(rows.regions.codes, `${prefix}\uffff`);
		}
		if (filters.mode) compiled.modeMask = modeBit(filters.mode);
		if (filters.itemType) compiled.itemAllowed = itemTypeMask(filters.itemType);
		if (filters.department) compiled.deptAllowed = departmentMask(filters.department);
		return compiled;
	}

	function itemTypeMask(type: ItemType): Uint8Array {
		return Uint8Array.from(catalog.items, (item) => (item.type === type ? 1 : 0));
	}

	/** Department filter: kind, USCC, or a substring of the name (cached: typed once, used per keystroke). */
	function departmentMask(filter: string): Uint8Array {
		const cached = deptFilterCache.get(filter);
		if (cached) return cached;
		const needle = normalizeText(filter.trim());
		const mask = Uint8Array.from(rows.departments, (dept) =>
			dept.kind.toLowerCase() === needle ||
			dept.uscc.toLowerCase() === needle ||
			normalizeText(dept.name).includes(needle)
				? 1
				: 0,
		);
		if (deptFilterCache.size > 16) deptFilterCache.clear();
		deptFilterCache.set(filter, mask);
		return mask;
	}

	function passes(row: number, filter: CompiledFilter): boolean {
		const region = rows.rowRegion[row]!;
		if (region < filter.regionLo || region >= filter.regionHi) return false;
		if (filter.modeMask !== 0 && (rows.rowModes[row]! & filter.modeMask) === 0) return false;
		if (filter.itemAllowed && filter.itemAllowed[rows.rowItem[row]!] === 0) return false;
		if (filter.deptAllowed && filter.deptAllowed[rows.rowDept[row]!] === 0) return false;
		return true;
	}

	/** Slice of item i's rows (key order: region first) restricted to the region filter. */
	function itemSlice(item: number, filter: CompiledFilter): [number, number] {
		const start = rows.itemStart[item]!;
		const end = rows.itemStart[item + 1]!;
		if (filter.regionLo === 0 && filter.regionHi === rows.regions.codes.length) return [start, end];
		const firstAtLeast = (region: number): number => {
			let lo = start;
			let hi = end;
			while (lo < hi) {
				const mid = (lo + hi) >>> 1;
				if (rows.rowRegion[rows.keyOrder[mid]!]! < region) lo = mid + 1;
				else hi = mid;
			}
			return lo;
		};
		return [firstAtLeast(filter.regionLo), firstAtLeast(filter.regionHi)];
	}

	function termScoreOf(scores: TermScores, row: number): number {
		let best = scores.itemScore[rows.rowItem[row]!]!;
		const region = scores.regionScore[rows.rowRegion[row]!]!;
		if (region > best) best = region;
		if (scores.deptMax > best) {
			const dept = deptScoreOf(dictionary.frozen, scores, rows.rowDept[row]!);
			if (dept > best) best = dept;
		}
		if (scores.headValue > best) {
			const head = rows.rowHead[row]!;
			if (head >= scores.headLo && head < scores.headHi) best = scores.headValue;
		}
		if (scores.codeRows) {
			const code = scores.codeRows.get(row) ?? 0;
			if (code > best) best = code;
		}
		return best;
	}

	function browse(filter: CompiledFilter, top: TopK): void {
		for (let item = 0; item < catalog.items.length && !top.full; item++) {
			if (filter.itemAllowed && filter.itemAllowed[item] === 0) continue;
			const [start, end] = itemSlice(item, filter);
			for (let at = start; at < end && !top.full; at++) {
				const row = rows.keyOrder[at]!;
				if (passes(row, filter)) top.push(compositeOf(0, rows.rowRank[row]!), row);
			}
		}
	}

	/** Starts a search's visit stamp: `seen[row] === seenStamp` marks rows already scored. */
	function nextStamp(): void {
		if (++seenStamp === 0x100) {
			seen.fill(0);
			seenStamp = 1;
		}
	}

	/** Scores a row exactly (once per search) and offers it to the heap. */
	function offer(terms: readonly TermScores[], row: number, filter: CompiledFilter, top: TopK): void {
		if (seen[row] === seenStamp) return;
		seen[row] = seenStamp;
		if (!passes(row, filter)) return;
		let total = 0;
		for (const scores of terms) {
			const score = termScoreOf(scores, row);
			if (score === 0) return;
			total += score;
		}
		top.push(compositeOf(total, rows.rowRank[row]!), row);
	}

	/**
	 * Walks the rows of posting list `owner` whose key-order rank lies in [rankLo, rankHi). Lists
	 * are in key order: once one row cannot be kept at `bound`, none after it can.
	 */
	function walkPosting(
		terms: readonly TermScores[],
		posting: Posting,
		owner: number,
		walk: Walk,
		bound: number,
	): void {
		const {rows: list} = posting;
		let at = posting.start[owner]!;
		const end = posting.start[owner + 1]!;
		if (walk.rankLo > 0) {
			let hi = end;
			while (at < hi) {
				const mid = (at + hi) >>> 1;
				if (rows.rowRank[list[mid]!]! < walk.rankLo) at = mid + 1;
				else hi = mid;
			}
		}
		for (; at < end; at++) {
			const row = list[at]!;
			const rank = rows.rowRank[row]!;
			if (rank >= walk.rankHi || !walk.top.admits(compositeOf(bound, rank))) break;
			if (walk.skipItem && walk.skipItem[rows.rowItem[row]!] === 1) continue;
			offer(terms, row, walk.filter, walk.top);
		}
	}

	/** Rows in the code-head range: per head when the range is narrow, else along key order. */
	function walkHeads(terms: readonly TermScores[], driver: TermScores, walk: Walk, bound: number): void {
		if (driver.headHi - driver.headLo <= NARROW_HEAD_RANGE) {
			for (let head = driver.headLo; head < driver.headHi; head++) walkPosting(terms, rows.byHead, head, walk, bound);
			return;
		}
		// A wide range ('1', '11', a province's USCC prefix) covers a good share of all rows, so the
		// next rows in key order soon fall in it; the walk stops at the first rank that cannot be kept.
		for (let at = walk.rankLo; at < walk.rankHi; at++) {
			if (!walk.top.admits(compositeOf(bound, at))) break;
			const row = rows.keyOrder[at]!;
			const head = rows.rowHead[row]!;
			if (head < driver.headLo || head >= driver.headHi) continue;
			if (walk.skipItem && walk.skipItem[rows.rowItem[row]!] === 1) continue;
			offer(terms, row, walk.filter, walk.top);
		}
	}

	/**
	 * Visits the driver term's owner components best score first (only those scoring above
	 * `walk.above`; items only when `walk.items`), each row bounded by the component's score plus
	 * `others` (the most the other terms can add).
	 */
	function walkComponents(terms: readonly TermScores[], driver: TermScores, walk: Walk, others: number): void {
		const {packed, scores} = walk.items ? componentsOf(driver) : nonItemComponentsOf(driver);
		const {filter, top} = walk;
		for (let k = 0; k < packed.length; k++) {
			const score = scores[k]!;
			if (score <= walk.above) break;
			const bound = score + others;
			if (!top.admits(compositeOf(bound, walk.rankLo))) break;
			const kind = packed[k]! & 3;
			const id = packed[k]! >> 2;
			if (kind === COMPONENT.item) {
				if (filter.itemAllowed && filter.itemAllowed[id] === 0) continue;
				const [start, end] = itemSlice(id, filter);
				for (let at = start; at < end; at++) {
					if (!top.admits(compositeOf(bound, at))) break;
					offer(terms, rows.keyOrder[at]!, filter, top);
				}
			} else if (kind === COMPONENT.region) {
				if (id < filter.regionLo || id >= filter.regionHi) continue;
				walkPosting(terms, rows.byRegion, id, walk, bound);
			} else if (kind === COMPONENT.department) {
				walkPiece(terms, driver, id, walk, bound);
			} else {
				walkHeads(terms, driver, walk, bound);
			}
		}
	}

	/**
	 * The departments whose best name piece (for the driver term) is piece k: each department is
	 * walked under exactly one piece, the one its score comes from.
	 */
	function walkPiece(terms: readonly TermScores[], driver: TermScores, piece: number, walk: Walk, bound: number): void {
		const {start, departments} = pieceDepartmentsOf(dictionary.frozen, driver);
		const {filter, top} = walk;
		for (let at = start[piece]!, end = start[piece + 1]!; at < end; at++) {
			if (!top.admits(compositeOf(bound, walk.rankLo))) return;
			const dept = departments[at]!;
			if (filter.deptAllowed && filter.deptAllowed[dept] === 0) continue;
			walkPosting(terms, rows.byDept, dept, walk, bound);
		}
	}

	function scan(terms: TermScores[], filter: CompiledFilter, top: TopK): void {
		nextStamp();
		// Long implementation-code terms name a few rows directly: score them all.
		for (const scores of terms) if (scores.codeRows) for (const row of scores.codeRows.keys()) offer(terms, row, filter, top);
		const all: Walk = {filter, top, rankLo: 0, rankHi: rows.keyOrder.length, items: true, above: 0, skipItem: null};
		if (terms.length === 1) {
			walkComponents(terms, terms[0]!, all, 0);
			return;
		}
		scanMulti(terms, filter, top, all);
	}

	/**
	 * Several terms. A row's score for a term is the best of its item's score and its other owners'
	 * (region, department, code), so rows split in two:
	 * - rows whose item some term matches: visited item by item, best possible total first. Inside
	 *   an item, a term its item does not match drives through its other owners' lists cut to the
	 *   item's key-order range; when the item matches every term, its rows all score at least the
	 *   item's total, and only rows lifted above it by another owner need looking up;
	 * - rows whose item no term matches: the term reaching the fewest such rows drives.
	 * Both bound every row by what each term can still add, so most items are never opened.
	 */
	function scanMulti(terms: TermScores[], filter: CompiledFilter, top: TopK, all: Walk): void {
		const itemCount = catalog.items.length;
		const termCount = terms.length;
		const itemMatched = new Uint8Array(itemCount);
		const order: number[] = [];
		const bounds = new Int32Array(itemCount);
		let nonItemAll = true;
		for (const scores of terms) if (scores.nonItemMax === 0) nonItemAll = false;
		for (let item = 0; item < itemCount; item++) {
			let any = false;
			let possible = true;
			let bound = 0;
			for (const scores of terms) {
				const base = scores.itemScore[item]!;
				if (base > 0) any = true;
				else if (scores.nonItemMax === 0) possible = false;
				bound += Math.max(base, scores.nonItemMax);
			}
			if (!any) continue;
			itemMatched[item] = 1;
			if (!possible || (filter.itemAllowed && filter.itemAllowed[item] === 0)) continue;
			bounds[item] = bound;
			order.push(item);
		}
		// Best bound first; equal bounds in catalog order, which is key order.
		order.sort((a, b) => bounds[b]! - bounds[a]! || a - b);
		const caps = new Int32Array(termCount);
		for (const item of order) {
			if (!top.admits(compositeOf(bounds[item]!, rows.itemStart[item]!))) break;
			const [start, end] = itemSlice(item, filter);
			if (start >= end) continue;
			const walk: Walk = {filter, top, rankLo: start, rankHi: end, items: false, above: 0, skipItem: null};
			let capSum = 0;
			let unmatched = -1;
			for (let t = 0; t < termCount; t++) {
				const scores = terms[t]!;
				const base = scores.itemScore[item]!;
				caps[t] = Math.max(base, scores.nonItemMax);
				capSum += caps[t]!;
				if (base === 0 && (unmatched < 0 || evaluator.nonItemRows(scores) < evaluator.nonItemRows(terms[unmatched]!))) {
					unmatched = t;
				}
			}
			if (unmatched >= 0) {
				walkComponents(terms, terms[unmatched]!, walk, capSum - caps[unmatched]!);
				continue;
			}
			let baseSum = 0;
			for (let t = 0; t < termCount; t++) {
				const base = terms[t]!.itemScore[item]!;
				baseSum += base;
				walk.above = base;
				walkComponents(terms, terms[t]!, walk, capSum - caps[t]!);
			}
			for (let at = start; at < end; at++) {
				if (!top.admits(compositeOf(baseSum, at))) break;
				offer(terms, rows.keyOrder[at]!, filter, top);
			}
		}
		if (!nonItemAll) return;
		let driver = 0;
		let others = 0;
		for (let t = 0; t < termCount; t++) {
			others += terms[t]!.nonItemMax;
			if (evaluator.nonItemRows(terms[t]!) < evaluator.nonItemRows(terms[driver]!)) driver = t;
		}
		walkComponents(terms, terms[driver]!, {...all, items: false, skipItem: itemMatched}, others - terms[driver]!.nonItemMax);
	}

	/** Explains which field gave a row its score for one term. */
	function explain(scores: TermScores, row: number): TermMatch {
		const item = rows.rowItem[row]!;
		const region = rows.rowRegion[row]!;
		const dept = rows.rowDept[row]!;
		const impl = catalog.implementations[row]!;
		const head = rows.rowHead[row]!;
		const inHeads = head >= scores.headLo && head < scores.headHi ? scores.headValue : 0;
		const code = Math.max(inHeads, scores.codeRows?.get(row) ?? 0);
		const deptScore = deptScoreOf(dictionary.frozen, scores, dept);
		const candidates: Array<[number, () => TermMatch]> = [
			[scores.itemScore[item]!, () => textMatch(scores, scores.itemScore[item]!, scores.itemText[item]!)],
			[
				code,
				() => ({
					term: scores.term.text,
					field: 'implementationCode',
					kind: code >= TIER.exact * 10 ? 'exact' : 'prefix',
					text: impl.implementationCode,
					via: 'chars',
				}),
			],
			[scores.regionScore[region]!, () => textMatch(scores, scores.regionScore[region]!, scores.regionText[region]!)],
			[
				deptScore,
				() => ({...textMatch(scores, deptScore, deptTextOf(dictionary.frozen, scores, dept)), text: impl.department.name}),
			],
		];
		let best = candidates[0]!;
		for (const candidate of candidates) if (candidate[0] > best[0]) best = candidate;
		return best[1]();
	}

	function textMatch(scores: TermScores, score: number, textId: number): TermMatch {
		const text = dictionary.frozen.texts[textId]!;
		const tier = Math.floor(score / 10);
		const via: Via = matchTerm(scores.term, text).via;
		return {term: scores.term.text, field: fieldOfBonus(score % 10), kind: kindOf(tier, via), text: text.display, via};
	}

	return {
		search(query: SearchQuery): SearchResult {
			const limit = Math.max(0, Math.floor(query.limit ?? DEFAULT_LIMIT));
			const filter = compileFilter(query.filters);
			const top = new TopK(limit + 1);
			const termTexts = splitTerms(query.text);
			const terms = termTexts.map((text) => evaluator.evaluate(text));
			if (terms.length === 0) browse(filter, top);
			else if (terms.every((scores) => scores.maxScore > 0)) scan(terms, filter, top);
			const kept = top.sorted();
			const hits: SearchHit[] = kept.slice(0, limit).map(({composite, row}) => ({
				row,
				item: catalog.items[rows.rowItem[row]!]!,
				implementation: catalog.implementations[row]!,
				score: Math.floor(composite / RANK_SPAN),
				matches: terms.map((scores) => explain(scores, row)),
			}));
			return {hits, more: kept.length > limit};
		},
		exportPinyin(): PinyinCacheData {
			return {catalogVersion: catalog.version, entries: [...dictionary.builder.pinyinCache.entries()]};
		},
		stats(): SearchIndexStats {
			return {
				rows: rows.rowCount,
				skippedRows: rows.skippedRows,
				texts: dictionary.frozen.texts.length,
				departments: rows.departments.length,
				regions: rows.regions.codes.length,
				codeHeads: rows.heads.length,
			};
		},
	};
}

function buildDictionary(
	catalog: Catalog,
	rows: RowTables,
	pinyin: PinyinFn,
	synonyms: ReadonlyArray<{everyday: string; formal: readonly string[]}>,
): {builder: DictionaryBuilder; frozen: Dictionary} {
	const builder = new DictionaryBuilder(pinyin);
	catalog.items.forEach((item, index) => {
		if (rows.itemIndexOf.get(item.basicCode) !== index) return; // a duplicate code: the first item wins
		builder.add(item.name, false, OWNER.item, index, 'name');
		for (const alias of item.aliases) builder.add(alias, false, OWNER.item, index, 'alias');
		for (const keyword of item.keywords) builder.add(keyword, false, OWNER.item, index, 'keyword');
		builder.add(item.basicCode, true, OWNER.item, index, 'basicCode');
		for (const variant of expandWithSynonyms([item.name, ...item.aliases, ...item.keywords], synonyms)) {
			builder.add(variant, false, OWNER.item, index, 'alias');
		}
	});
	rows.regions.names.forEach((name, index) => {
		if (name) builder.add(name, false, OWNER.region, index, 'region');
	});
	rows.departments.forEach((dept, index) => {
		for (const piece of departmentPieces(dept.name, regionChainNames(rows, rows.departmentRegion[index]!))) {
			builder.add(piece, false, OWNER.department, index, 'department');
		}
	});
	return {builder, frozen: builder.freeze(rows.departments.length)};
}

function regionChainNames(rows: RowTables, region: number): string[] {
	const names: string[] = [];
	for (let at = region; at >= 0; at = rows.regions.parent[at]!) {
		const name = rows.regions.names[at];
		if (name) names.push(name);
	}
	return names;
}

/**
 * Splits "四川省成都市武侯区人力资源和社会保障局" into ["四川省", "成都市", "武侯区",
 * "人力资源和社会保障局"]. Department names are distinct per region (tens of thousands at a
 * million rows) but their pieces are few, so splitting keeps the dictionary small; the region
 * pieces are the region names already in it. Each piece is also a short field, which keeps the
 * pinyin conversion out of sentence context.
 */
export function departmentPieces(name: string, regionNames: readonly string[]): string[] {
	const pieces: string[] = [];
	let rest = name.trim();
	for (let stripped = true; stripped; ) {
		stripped = false;
		for (const regionName of regionNames) {
			if (regionName && rest.startsWith(regionName) && rest.length > regionName.length) {
				pieces.push(regionName);
				rest = rest.slice(regionName.length);
				stripped = true;
			}
		}
	}
	if (rest) pieces.push(rest);
	return pieces;
}

const FIELD_BY_BONUS = new Map<number, LinkField>(
	(Object.entries(FIELD_BONUS) as Array<[LinkField, number]>)
		.filter(([field]) => field !== 'implementationCode')
		.map(([field, bonus]) => [bonus, field]),
);

function fieldOfBonus(bonus: number): MatchField {
	return FIELD_BY_BONUS.get(bonus) ?? 'name';
}

function kindOf(tier: number, via: Via): MatchKind {
	switch (tier) {
		case TIER.exact:
			return 'exact';
		case TIER.prefix:
			return 'prefix';
		case TIER.contiguous:
			return via === 'initials' ? 'initials' : via === 'pinyin' ? 'pinyin' : 'substring';
		case TIER.substring:
			return 'substring';
		case TIER.subsequence:
			return 'subsequence';
		default:
			return 'fuzzy';
	}
}

export type {HandlingMode};

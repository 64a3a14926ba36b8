/**
 * The service-item search index: build once per catalog, then `search()` per keystroke.
 *
 * How a query runs (see the module comments for each step):
 * 1. the query is split into terms; each term is evaluated against the dictionary of distinct
 *    field texts (dictionary.ts, matcher.ts), giving scores per item, region, department-name
 *    piece and code head (terms.ts, cached across keystrokes; two-letter latin terms come from a
 *    table built with the index, pairs.ts);
 * 2. a row's score for a term is the best of its item's, region's, department's and code's
 *    scores; a row matches when every term scores, and its total is the sum;
 * 3. the scan (scan.ts) visits rows best bound first and feeds a bounded heap (topk.ts), stopping
 *    as soon as no remaining row can beat the heap's worst; rows are addressed by their rank in
 *    key order (rows.ts);
 * 4. each hit says what matched per term (explain.ts).
 */
import type {Catalog, HandlingMode} from '../model.js';
import type {Region} from '../../identity/regions.js';
import {DictionaryBuilder, OWNER} from './dictionary.js';
import type {Dictionary} from './dictionary.js';
import {Explainer} from './explain.js';
import {FilterCompiler} from './filter.js';
import {normalizeText, splitTerms} from './normalize.js';
import {buildPairTable} from './pairs.js';
import type {PinyinCacheData} from './pinyin-cache.js';
import {buildRowTables} from './rows.js';
import type {RowTables} from './rows.js';
import {Scanner} from './scan.js';
import {stableRecord} from './stable-record.js';
import {GLOBAL_SYNONYMS, expandWithSynonyms} from './synonyms.js';
import {TermEvaluator} from './terms.js';
import type {TermScores} from './terms.js';
import {RANK_SPAN, TopK} from './topk.js';
import type {PinyinFn, SearchHit, SearchQuery, SearchResult, TermMatch} from './types.js';

export {normalizeRegionPrefix} from './filter.js';

export interface SearchIndexOptions {
	/** How many evaluated terms to keep for incremental typing (default 64). */
	termCacheSize?: number;
	/** Everyday → formal words; defaults to the global table. */
	synonyms?: ReadonlyArray<{everyday: string; formal: readonly string[]}>;
	/**
	 * Tests only: evaluate every term against every text and score every row, with no cache,
	 * table or pruning. Slow; the straightforward reference the optimised path must agree with.
	 */
	exhaustive?: boolean;
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

export function buildSearchIndex(
	catalog: Catalog,
	regions: readonly Region[],
	pinyin: PinyinFn,
	options: SearchIndexOptions = {},
): SearchIndex {
	const rows = buildRowTables(catalog, regions);
	if (rows.rankCount >= RANK_SPAN) throw new Error(`too many implementation lists (${rows.rankCount})`);
	const dictionary = buildDictionary(catalog, rows, pinyin, options.synonyms ?? GLOBAL_SYNONYMS);
	const exhaustive = options.exhaustive ?? false;
	const evaluator = new TermEvaluator(
		stableRecord({dictionary: dictionary.frozen, rows, itemCodes: catalog.items.map((item) => normalizeText(item.basicCode))}),
		stableRecord({capacity: options.termCacheSize ?? 64, pairs: exhaustive ? null : buildPairTable(dictionary.frozen.texts), exhaustive}),
	);
	if (!exhaustive) for (const letter of PINNED_LETTERS) evaluator.pin(letter);
	return new CatalogSearchIndex(catalog, rows, dictionary, evaluator, exhaustive);
}

/**
 * A class rather than closures: its methods (and the scanner's, evaluator's and explainer's) are
 * shared by every index, so an index built after a catalog reload starts with code the JIT has
 * already optimised, instead of re-learning it during its first keystrokes.
 */
class CatalogSearchIndex implements SearchIndex {
	private readonly filters: FilterCompiler;
	private readonly scanner: Scanner;
	private readonly explainer: Explainer;

	constructor(
		private readonly catalog: Catalog,
		private readonly rows: RowTables,
		private readonly dictionary: BuiltDictionary,
		private readonly evaluator: TermEvaluator,
		exhaustive: boolean,
	) {
		this.filters = new FilterCompiler(catalog, rows);
		this.scanner = new Scanner(rows, dictionary.frozen, evaluator, exhaustive);
		this.explainer = new Explainer(catalog, rows, dictionary.frozen, dictionary.regionNameText);
	}

	search(query: SearchQuery): SearchResult {
		const {catalog, rows} = this;
		const limit = Math.max(0, Math.floor(query.limit ?? DEFAULT_LIMIT));
		const filter = this.filters.compile(query.filters);
		const top = new TopK(limit + 1);
		const texts = splitTerms(query.text);
		const terms: TermScores[] = [];
		let allScore = true;
		for (const text of texts) {
			const scores = this.evaluator.evaluate(text);
			terms.push(scores);
			if (scores.maxScore === 0) allScore = false;
		}
		if (terms.length === 0) this.scanner.browse(filter, top);
		else if (allScore) this.scanner.scan(terms, filter, top);
		const kept = top.sorted();
		// Arrays of their final length: a literal grown by push() starts with room for 17.
		const hits = new Array<SearchHit>(Math.min(kept.ranks.length, limit));
		for (let k = 0; k < hits.length; k++) {
			const rank = kept.ranks[k]!;
			const row = rows.keyOrder[rank]!;
			const matches = new Array<TermMatch>(terms.length);
			for (let t = 0; t < terms.length; t++) matches[t] = this.explainer.explain(terms[t]!, rank);
			hits[k] = {
				row,
				item: catalog.items[rows.rankItem[rank]!]!,
				implementation: catalog.implementations[row]!,
				score: kept.scores[k]!,
				matches,
			};
		}
		return {hits, more: kept.ranks.length > limit};
	}

	exportPinyin(): PinyinCacheData {
		return {catalogVersion: this.catalog.version, entries: [...this.dictionary.builder.pinyinCache.entries()]};
	}

	stats(): SearchIndexStats {
		const rows = this.rows;
		return {
			rows: rows.rowCount,
			skippedRows: rows.skippedRows,
			texts: this.dictionary.frozen.texts.length,
			departments: rows.departments.length,
			regions: rows.regions.codes.length,
			codeHeads: rows.heads.length,
		};
	}
}

interface BuiltDictionary {
	builder: DictionaryBuilder;
	frozen: Dictionary;
	/** The dictionary text of each region's name, -1 for a region without one. */
	regionNameText: Int32Array;
}

function buildDictionary(
	catalog: Catalog,
	rows: RowTables,
	pinyin: PinyinFn,
	synonyms: ReadonlyArray<{everyday: string; formal: readonly string[]}>,
): BuiltDictionary {
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
	const regionNameText = new Int32Array(rows.regions.names.length).fill(-1);
	rows.regions.names.forEach((name, index) => {
		if (name) regionNameText[index] = builder.add(name, false, OWNER.region, index, 'region');
	});
	rows.departments.forEach((dept, index) => {
		for (const piece of departmentPieces(dept.name, regionChainNames(rows, rows.departmentRegion[index]!))) {
			builder.add(piece, false, OWNER.department, index, 'department');
		}
	});
	return stableRecord({builder, frozen: builder.freeze(rows.departments.length), regionNameText});
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

export type {HandlingMode};

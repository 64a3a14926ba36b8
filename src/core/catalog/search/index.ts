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
 * 4. each hit says what matched per term (explain.ts);
 * 5. with a context (who is at the counter), the scan runs once more per context province and the
 *    results merge, rows of equal score ordered by the context (context.ts);
 * 6. a latin term found nowhere as typed runs again as its closest full-pinyin run (forgive.ts),
 *    those rows after the ones found as typed.
 */
import type {Catalog, HandlingMode} from '../model.js';
import type {Region} from '../../identity/regions.js';
import {DictionaryBuilder, OWNER} from './dictionary.js';
import type {Dictionary} from './dictionary.js';
import {Explainer} from './explain.js';
import {contextReasonAt, contextSources, levelOf} from './context.js';
import type {ContextSource} from './context.js';
import {FilterCompiler} from './filter.js';
import type {CompiledFilter} from './filter.js';
import {PinyinForgiver} from './forgive.js';
import {TIER} from './matcher.js';
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
import type {ContextReason, PinyinFn, SearchHit, SearchQuery, SearchResult, TermMatch} from './types.js';

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
	/**
	 * Build the pinyin-slip aligner (forgive.ts; default true). False leaves it out: the index
	 * then scores text as typed only, as before issue 18 (the benchmark's baseline).
	 */
	forgiveness?: boolean;
}

export interface SearchIndexStats {
	rows: number;
	skippedRows: number;
	texts: number;
	departments: number;
	regions: number;
	codeHeads: number;
	/** Texts the pinyin-slip aligner holds and their rough bytes (0 without it). */
	alignerTexts: number;
	alignerBytes: number;
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
	return new CatalogSearchIndex(catalog, rows, dictionary, evaluator, exhaustive, options.forgiveness ?? true);
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
	private readonly forgiver: PinyinForgiver | null;

	constructor(
		private readonly catalog: Catalog,
		private readonly rows: RowTables,
		private readonly dictionary: BuiltDictionary,
		private readonly evaluator: TermEvaluator,
		exhaustive: boolean,
		forgiveness: boolean,
	) {
		this.filters = new FilterCompiler(catalog, rows);
		this.scanner = new Scanner(rows, dictionary.frozen, evaluator, exhaustive);
		this.explainer = new Explainer(catalog, rows, dictionary.frozen, dictionary.regionNameText);
		this.forgiver = forgiveness ? new PinyinForgiver(dictionary.frozen.texts, dictionary.itemTexts) : null;
	}

	search(query: SearchQuery): SearchResult {
		const {catalog, rows} = this;
		const limit = Math.max(0, Math.floor(query.limit ?? DEFAULT_LIMIT));
		const filter = this.filters.compile(query.filters);
		const sources = contextSources(query.context, query.filters, this.filters, rows.itemIndexOf, rows.itemStart.length - 1);
		const texts = splitTerms(query.text);
		const typed = texts.map((text) => this.evaluator.evaluate(text));
		// Forgiven terms (forgive.ts): only a latin term found nowhere as typed.
		let forgiven: TermScores[] | null = null;
		let matchedAs: string | undefined;
		const forgiver = this.forgiver;
		if (forgiver && query.forgive !== false) {
			const corrected = texts.map((text, t) => (isForgivable(typed[t]!) ? forgiver.correct(text) : null));
			if (corrected.some((correction) => correction !== null)) {
				forgiven = texts.map((text, t) => (corrected[t] ? this.evaluator.evaluate(corrected[t].text) : typed[t]!));
				matchedAs = texts.map((text, t) => corrected[t]?.text ?? text).join(' ');
			}
		}
		// Rows found as typed first, then the forgiven ones (each pass ranked with the context).
		const passes: Array<{terms: TermScores[]; forgiven: boolean}> = [{terms: typed, forgiven: false}];
		if (forgiven) passes.push({terms: forgiven, forgiven: true});
		const picked: Picked[] = [];
		const taken = new Set<number>();
		for (const pass of passes) {
			if (picked.length > limit) break;
			for (const candidate of this.collect(pass.terms, filter, sources, query.context, limit + 1)) {
				if (taken.has(candidate.rank)) continue;
				taken.add(candidate.rank);
				picked.push({...candidate, forgiven: pass.forgiven});
			}
		}
		// Arrays of their final length: a literal grown by push() starts with room for 17.
		const hits = new Array<SearchHit>(Math.min(picked.length, limit));
		for (let k = 0; k < hits.length; k++) {
			const {rank, score, reason, forgiven: isForgiven} = picked[k]!;
			const terms = isForgiven ? forgiven! : typed;
			const row = rows.keyOrder[rank]!;
			const matches = new Array<TermMatch>(terms.length);
			for (let t = 0; t < terms.length; t++) matches[t] = this.explainer.explain(terms[t]!, rank);
			const hit: SearchHit = {
				row,
				item: catalog.items[rows.rankItem[rank]!]!,
				implementation: catalog.implementations[row]!,
				score,
				matches,
			};
			if (reason) hit.context = reason;
			if (isForgiven) hit.forgiven = true;
			hits[k] = hit;
		}
		const result: SearchResult = {hits, more: picked.length > limit};
		if (matchedAs !== undefined && picked.some((candidate) => candidate.forgiven)) result.matchedAs = matchedAs;
		return result;
	}

	/**
	 * The best `capacity` rows for the terms, ordered by score, then context level, then key
	 * order: the plain scan plus one per context source, merged (context.ts says why it is exact).
	 */
	private collect(terms: readonly TermScores[], filter: CompiledFilter, sources: readonly ContextSource[], context: SearchQuery['context'], capacity: number): Picked[] {
		for (const scores of terms) if (scores.maxScore === 0) return [];
		const found = new Map<number, number>();
		const run = (compiled: CompiledFilter, atLeast: number) => {
			const top = new TopK(capacity);
			if (terms.length === 0) this.scanner.browse(compiled, top);
			else {
				if (atLeast > 0) top.keepAtLeast(atLeast);
				this.scanner.scan(terms, compiled, top);
			}
			const kept = top.sorted();
			for (let k = 0; k < kept.ranks.length; k++) found.set(kept.ranks[k]!, kept.scores[k]!);
			return kept;
		};
		const plain = run(filter, 0);
		// When the plain scan kept every matching row, or there is no context, it has them all.
		// Otherwise a row it left out scores at most its worst kept row's score, and only a row
		// tying with that score can be lifted by the context: the context scans keep nothing below.
		if (plain.ranks.length === capacity) {
			const worst = plain.scores[capacity - 1]!;
			for (const source of sources) run(source.filter, worst);
		}
		const picked: Picked[] = [];
		for (const [rank, score] of found) {
			const reason = sources.length > 0 ? contextReasonAt(context, this.catalog, this.rows, rank) : null;
			picked.push({rank, score, reason, level: levelOf(reason?.reason), forgiven: false});
		}
		if (sources.length > 0 || picked.length > 1) picked.sort((a, b) => b.score - a.score || b.level - a.level || a.rank - b.rank);
		return picked.length > capacity ? picked.slice(0, capacity) : picked;
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
			alignerTexts: this.forgiver?.footprint().texts ?? 0,
			alignerBytes: this.forgiver?.footprint().bytes ?? 0,
		};
	}
}

/** A row picked for the result: its rank, score and why the context ranked it up. */
interface Picked {
	rank: number;
	score: number;
	reason: {reason: ContextReason; province: string} | null;
	level: number;
	forgiven: boolean;
}

/** A latin term the matcher found nowhere as typed: nothing at the contiguous tier or better. */
function isForgivable(scores: TermScores): boolean {
	return scores.term.allLatin && Math.floor(scores.maxScore / 10) < TIER.contiguous;
}

interface BuiltDictionary {
	builder: DictionaryBuilder;
	frozen: Dictionary;
	/** The dictionary text of each region's name, -1 for a region without one. */
	regionNameText: Int32Array;
	/** Texts with ids below this came from items (names, aliases, keywords, codes): added first. */
	itemTexts: number;
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
	const itemTexts = builder.texts.length;
	const regionNameText = new Int32Array(rows.regions.names.length).fill(-1);
	rows.regions.names.forEach((name, index) => {
		if (name) regionNameText[index] = builder.add(name, false, OWNER.region, index, 'region');
	});
	rows.departments.forEach((dept, index) => {
		for (const piece of departmentPieces(dept.name, regionChainNames(rows, rows.departmentRegion[index]!))) {
			builder.add(piece, false, OWNER.department, index, 'department');
		}
	});
	return stableRecord({builder, frozen: builder.freeze(rows.departments.length), regionNameText, itemTexts});
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

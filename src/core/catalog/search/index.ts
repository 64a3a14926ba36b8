/**
 * The service-item search index: build once per catalog, then `search()` per keystroke.
 *
 * How a query runs (see the module comments for each step):
 * 1. the query is split into terms; each term is evaluated against the dictionary of distinct
 *    field texts (dictionary.ts, matcher.ts), giving scores per item, region, department and
 *    code head (terms.ts, cached across keystrokes);
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
import type {RowTables} from './rows.js';
import {GLOBAL_SYNONYMS, expandWithSynonyms} from './synonyms.js';
import {COMPONENT, TermEvaluator, componentsOf, lowerBound} from './terms.js';
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

/** "510000" → "51", "510100" → "5101", 12-digit statistical codes → their 6-digit part. */
export function normalizeRegionPrefix(code: string): string {
	let prefix = code.trim();
	if (/^\d{12}$/.test(prefix)) prefix = prefix.slice(0, 6);
	if (/^\d{6}$/.test(prefix)) {
		while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
	}
	return prefix;
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
	const seen = new Uint32Array(rows.rowCount);
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
		const dept = scores.deptScore[rows.rowDept[row]!]!;
		if (dept > best) best = dept;
		if (scores.headScore) {
			const head = scores.headScore[rows.rowHead[row]!]!;
			if (head > best) best = head;
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

	function scan(terms: TermScores[], filter: CompiledFilter, top: TopK): void {
		let driverAt = 0;
		terms.forEach((scores, at) => {
			if (scores.candidateRows < terms[driverAt]!.candidateRows) driverAt = at;
		});
		const driver = terms[driverAt]!;
		// By position, not identity: a repeated term is the same cached object but counts twice.
		let othersMax = 0;
		terms.forEach((scores, at) => {
			if (at !== driverAt) othersMax += scores.maxScore;
		});
		if (++seenStamp === 0xffffffff) {
			seen.fill(0);
			seenStamp = 1;
		}

		const visit = (row: number, bound: number): boolean => {
			const rank = rows.rowRank[row]!;
			// Lists are in key order: once one row cannot be kept, none after it can.
			if (!top.admits(compositeOf(bound, rank))) return false;
			if (seen[row] === seenStamp) return true;
			seen[row] = seenStamp;
			if (!passes(row, filter)) return true;
			let total = 0;
			for (const scores of terms) {
				const score = termScoreOf(scores, row);
				if (score === 0) return true;
				total += score;
			}
			top.push(compositeOf(total, rank), row);
			return true;
		};
		const visitList = (list: Uint32Array, start: number, end: number, bound: number): void => {
			for (let at = start; at < end; at++) if (!visit(list[at]!, bound)) break;
		};

		// Long implementation-code terms name rows directly; they outrank every owner component.
		if (driver.codeRows) {
			const listed = [...driver.codeRows.keys()].sort((a, b) => rows.rowRank[a]! - rows.rowRank[b]!);
			for (const row of listed) visit(row, driver.codeRows.get(row)! + othersMax);
		}
		const {packed, scores} = componentsOf(driver);
		for (let k = 0; k < packed.length; k++) {
			const bound = scores[k]! + othersMax;
			if (!top.admits(compositeOf(bound, 0))) break;
			const kind = packed[k]! & 3;
			const id = packed[k]! >> 2;
			if (kind === COMPONENT.item) {
				if (filter.itemAllowed && filter.itemAllowed[id] === 0) continue;
				const [start, end] = itemSlice(id, filter);
				visitList(rows.keyOrder, start, end, bound);
			} else if (kind === COMPONENT.region) {
				if (id < filter.regionLo || id >= filter.regionHi) continue;
				visitList(rows.byRegion.rows, rows.byRegion.start[id]!, rows.byRegion.start[id + 1]!, bound);
			} else if (kind === COMPONENT.department) {
				if (filter.deptAllowed && filter.deptAllowed[id] === 0) continue;
				visitList(rows.byDept.rows, rows.byDept.start[id]!, rows.byDept.start[id + 1]!, bound);
			} else {
				visitList(rows.byHead.rows, rows.byHead.start[id]!, rows.byHead.start[id + 1]!, bound);
			}
		}
	}

	/** Explains which field gave a row its score for one term. */
	function explain(scores: TermScores, row: number): TermMatch {
		const item = rows.rowItem[row]!;
		const region = rows.rowRegion[row]!;
		const dept = rows.rowDept[row]!;
		const impl = catalog.implementations[row]!;
		const code = Math.max(scores.headScore?.[rows.rowHead[row]!] ?? 0, scores.codeRows?.get(row) ?? 0);
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
				scores.deptScore[dept]!,
				() => ({...textMatch(scores, scores.deptScore[dept]!, scores.deptText[dept]!), text: impl.department.name}),
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
	return {builder, frozen: builder.freeze()};
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

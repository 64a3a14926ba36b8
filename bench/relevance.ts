/**
 * Search relevance (issue 18.3): the cases of bench/fixtures/search-relevance.tsv (queries as
 * clerks type them, who is at the counter, the right implementation list) scored over the shipped
 * catalog twice in the same run: as the search ranked before issue 18 (forgiveness off, no
 * context) and as it ranks now (forgiveness on, the counter's context passed). Reports top-1 and
 * top-3 accuracy and the keys from the typed query to opening the right list.
 *
 * Keys, after the query is typed: enter opens the first row; a lower row costs tab, j per row
 * and enter; or tab, p until the province filter reaches the list's province (provinces cycle in
 * code order), j per row in the filtered list, enter; the cheaper of the two. A list not among
 * the 200 rows the console shows counts the province route only, and a miss there counts 30.
 */
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Catalog, Implementation, ServiceItem} from '../src/core/catalog/model.js';
import type {Region} from '../src/core/identity/regions.js';
import {buildSearchIndex} from '../src/core/catalog/search/index.js';
import type {SearchIndex} from '../src/core/catalog/search/index.js';
import type {SearchContext, SearchHit, SearchQuery} from '../src/core/catalog/search/types.js';
import {toPinyin} from '../src/text/pinyin.js';
import type {BenchSection} from './report.js';

/** Rows the console asks for (src/ui/views/searchModel.ts SEARCH_LIMIT). */
const CONSOLE_LIMIT = 200;
/** Keys charged when the right list cannot be reached through the list or the province filter. */
const UNREACHABLE_KEYS = 30;

interface RelevanceCase {
	kind: string;
	query: string;
	context: SearchContext;
	item: string;
	province: string;
}

function loadCases(): RelevanceCase[] {
	const file = fileURLToPath(new URL('../../bench/fixtures/search-relevance.tsv', import.meta.url));
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '' && !line.startsWith('#'))
		.map((line) => {
			const [kind, query, card, branch, handling, item, province] = line.split('\t');
			if (!kind || !query || !card || !branch || !handling || !item || !province) throw new Error(`bad relevance case: ${line}`);
			const context: SearchContext = {branch};
			if (card !== '-') context.card = card;
			if (handling !== '-') context.handling = new Map(handling.split(',').map((pair) => pair.split(':') as [string, string]));
			return {kind, query, context, item, province};
		});
}

function loadCatalog(): {catalog: Catalog; regions: Region[]} {
	const dataDir = fileURLToPath(new URL('../../data', import.meta.url));
	const items = (JSON.parse(readFileSync(join(dataDir, 'catalog', 'items.json'), 'utf8')) as {items: ServiceItem[]}).items;
	const implementations = readdirSync(join(dataDir, 'catalog'))
		.filter((name) => name.startsWith('impl-'))
		.sort()
		.flatMap((name) => (JSON.parse(readFileSync(join(dataDir, 'catalog', name), 'utf8')) as {implementations: Implementation[]}).implementations);
	const regions = (JSON.parse(readFileSync(join(dataDir, 'regions.json'), 'utf8')) as {regions: Region[]}).regions;
	return {catalog: {version: 'bench', items, implementations}, regions};
}

interface Outcome {
	top1: boolean;
	top3: boolean;
	keys: number;
}

function score(index: SearchIndex, provinces: readonly string[], one: RelevanceCase, query: Omit<SearchQuery, 'text' | 'limit'>): Outcome {
	const right = (hit: SearchHit) => hit.item.basicCode === one.item && hit.implementation.regionCode.startsWith(one.province);
	const hits = index.search({text: one.query, limit: CONSOLE_LIMIT, ...query}).hits;
	const at = hits.findIndex(right);
	let keys = at === 0 ? 1 : at > 0 ? at + 2 : UNREACHABLE_KEYS;
	const cycle = provinces.indexOf(one.province);
	if (at !== 0 && cycle >= 0) {
		const filtered = index.search({text: one.query, limit: CONSOLE_LIMIT, ...query, filters: {region: one.province}}).hits;
		const within = filtered.findIndex(right);
		if (within >= 0) keys = Math.min(keys, 1 + (cycle + 1) + within + 1);
	}
	return {top1: at === 0, top3: at >= 0 && at < 3, keys};
}

function percent(part: number, whole: number): string {
	return `${((100 * part) / whole).toFixed(1)} %`;
}

export function benchRelevance(): BenchSection {
	const cases = loadCases();
	const {catalog, regions} = loadCatalog();
	const index = buildSearchIndex(catalog, regions, toPinyin);
	const provinces = [...new Set(catalog.implementations.map((impl) => impl.regionCode.slice(0, 2)))].sort();
	const modes = [
		{name: 'before issue 18 (as typed, no context)', query: (_: RelevanceCase): Omit<SearchQuery, 'text' | 'limit'> => ({forgive: false})},
		{name: 'now (forgiveness + counter context)', query: (one: RelevanceCase): Omit<SearchQuery, 'text' | 'limit'> => ({context: one.context})},
	];
	const kinds = ['all', ...new Set(cases.map((one) => one.kind))];
	const rows: BenchSection['rows'] = [];
	const misses: string[] = [];
	// Both modes case by case on the same index (interleaved), tallied per kind.
	const tally = modes.map(() => new Map(kinds.map((kind) => [kind, {cases: 0, top1: 0, top3: 0, keys: 0}])));
	for (const one of cases) {
		modes.forEach((mode, m) => {
			const outcome = score(index, provinces, one, mode.query(one));
			for (const kind of ['all', one.kind]) {
				const entry = tally[m]!.get(kind)!;
				entry.cases++;
				if (outcome.top1) entry.top1++;
				if (outcome.top3) entry.top3++;
				entry.keys += outcome.keys;
			}
			if (m === modes.length - 1 && !outcome.top1) misses.push(`${one.query} (${one.kind}, ${outcome.keys} keys)`);
		});
	}
	for (const kind of kinds) {
		modes.forEach((mode, m) => {
			const entry = tally[m]!.get(kind)!;
			rows.push({
				cases: kind,
				ranking: mode.name,
				n: entry.cases,
				'top-1': percent(entry.top1, entry.cases),
				'top-3': percent(entry.top3, entry.cases),
				'keys to the list (mean)': (entry.keys / entry.cases).toFixed(2),
				'keys (total)': entry.keys,
			});
		});
	}
	const notes = [
		`${cases.length} cases from bench/fixtures/search-relevance.tsv over the shipped catalog (${catalog.items.length} items, ${catalog.implementations.length} implementation lists in ${provinces.length} provinces); goal: the right list first in >= 90 % of cases.`,
		'A case is right when the row is the expected item in the expected province (the handling province from the hub facts the case gives, else the card\'s home province, else the branch\'s). "Before" is the same index with forgiveness off and no context, scored in the same run.',
		'Keys, after the query: enter if the list is the first row; else tab, j per row, enter; or tab, p until the province filter reaches the province (code order), j per row, enter, whichever is fewer; 30 when neither reaches it.',
		misses.length > 0 ? `Not first now: ${misses.join('; ')}.` : 'Every case has the right list first now.',
	];
	return {title: 'Search relevance: top-1, top-3 and keys to the right implementation list', rows, notes};
}

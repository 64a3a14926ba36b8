/**
 * Search benchmark: index build time and memory, and per-keystroke latency of queries typed one
 * character at a time (each prefix is a query, top 50), against two baselines measured in the
 * same run on the same keystrokes:
 *  (a) a naive scan: lowercase `includes` of every term over each row's precomputed text
 *      (names, keywords, codes, region path, department, plus full pinyin and initials);
 *  (b) fuse.js over the same documents (on a sample of keystrokes: it is far slower).
 */
import Fuse from 'fuse.js';
import type {Catalog} from '../src/core/catalog/model.js';
import type {Region} from '../src/core/identity/regions.js';
import {buildSearchIndex} from '../src/core/catalog/search/index.js';
import type {SearchIndex} from '../src/core/catalog/search/index.js';
import {toPinyin} from '../src/text/pinyin.js';
import type {BenchSection} from './report.js';
import {median, percentile} from './stats.js';
import {loadRegions, syntheticCatalog} from './synthetic-catalog.js';

/** Realistic counter queries: Chinese, full pinyin, initials, mixtures, codes, multi-term with a region. */
function benchQueries(catalog: Catalog): string[] {
	const some = catalog.implementations[Math.floor(catalog.implementations.length / 3)]!;
	return [
		'公积金', '养老保险转移', '社保卡补办', '异地就医', '身份证', '户口迁移', '医保', '失业登记', '住房公积金提取', '不动产',
		'yanglaobaoxian', 'gongjijin', 'shebaoka', 'yidijiuyi', 'hukouqianyi', 'shenfenzheng',
		'gjj', 'ylbx', 'sbk', 'ydjy', 'sfz', 'hkqy', 'zfgjj',
		'yanglao bx', 'yanglaobx', '公积金tq', 'ydjyba',
		catalog.items[5]!.basicCode, some.implementationCode, some.department.uscc,
		'公积金 成都', 'gjj wuhou', '社保卡 cq', 'ylbx 四川', '养老 广州', 'sfz 厦门', 'yibao changsha', '医保 xizang', '户口 chongqing', '公积金 武侯区 提取',
	];
}

/**
 * Issue 18's slips, typed one character at a time: one edit or an IME confusion away from
 * catalog pinyin (the synthetic catalog's real items), each prefix found nowhere as typed runs
 * the aligner.
 */
const SLIP_QUERIES = ['yanglaojni', 'gongjijn', 'shebaoak', 'yidijuyi', 'hukuoqianyi', 'shenfenzehng', 'zufanggongjijin', 'yanglaobaoxain', 'gjj wuhuo', 'yibao cengdu'];

/** Who is at the counter in the forgiving pass: a Sichuan card at a Guangdong branch. */
const BENCH_CONTEXT = {card: '51', branch: '44'};

/** Every prefix of every query: what the index sees as the user types. */
function keystrokes(queries: readonly string[]): string[] {
	return queries.flatMap((query) => [...query].map((_, k) => [...query].slice(0, k + 1).join('')));
}

interface NaiveIndex {
	texts: string[];
}

/** Per row: item, region path, department and code text with full pinyin and initials. */
function buildNaive(catalog: Catalog, regions: readonly Region[]): NaiveIndex {
	const byCode = new Map(regions.map((region) => [region.code, region]));
	const withPinyin = (text: string): string => {
		const syllables = toPinyin(text);
		return `${text} ${syllables.join('')} ${syllables.map((s) => s[0]).join('')}`.toLowerCase();
	};
	const itemText = new Map(catalog.items.map((item) => [item.basicCode, [item.name, ...item.keywords, ...item.aliases].map(withPinyin).join(' ') + ` ${item.basicCode}`]));
	const regionText = new Map<string, string>();
	const deptText = new Map<string, string>();
	const texts = catalog.implementations.map((impl) => {
		let region = regionText.get(impl.regionCode);
		if (region === undefined) {
			const names: string[] = [];
			for (let at = byCode.get(impl.regionCode); at; at = at.parent ? byCode.get(at.parent) : undefined) names.push(at.name);
			regionText.set(impl.regionCode, (region = names.map(withPinyin).join(' ')));
		}
		let dept = deptText.get(impl.department.uscc);
		if (dept === undefined) deptText.set(impl.department.uscc, (dept = withPinyin(impl.department.name)));
		// Flattened on purpose: a naive scan over one precomputed string per row.
		return [itemText.get(impl.basicCode), region, dept, impl.implementationCode.toLowerCase()].join(' ').normalize();
	});
	return {texts};
}

function naiveSearch(index: NaiveIndex, query: string, limit: number): number[] {
	const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
	const hits: number[] = [];
	for (let row = 0; row < index.texts.length; row++) {
		const text = index.texts[row]!;
		if (terms.every((term) => text.includes(term)) && hits.length < limit) hits.push(row);
	}
	return hits;
}

function time(fn: () => void): number {
	const start = performance.now();
	fn();
	return performance.now() - start;
}

function gc(): void {
	(globalThis as {gc?: () => void}).gc?.();
}

/** settle(): idle rounds of 25 ms, three quiet ones in a row (under 2.5 ms of CPU each), at most 3 s. */
const SETTLE_ROUND_MS = 25;
const SETTLE_QUIET_ROUNDS = 3;
const SETTLE_MAX_MS = 3000;

/**
 * Forces a collection, then waits until the process's background threads are idle. A forced full
 * collection leaves V8 sweeping the old heap (and freeing the replaced index's arrays) on helper
 * threads afterwards: at a million rows that takes some hundreds of milliseconds of CPU, and on
 * a 2-core machine keystrokes timed meanwhile lose the core to it (single passes then showed
 * 15–40 ms on keystrokes whose best is under 1 ms). The console never types right after a forced
 * collection, so timed passes start once the process has been idle for a moment: while this
 * function sleeps, any CPU the process uses is background work.
 */
async function settle(): Promise<void> {
	gc();
	const deadline = performance.now() + SETTLE_MAX_MS;
	for (let quiet = 0; quiet < SETTLE_QUIET_ROUNDS && performance.now() < deadline; ) {
		const before = process.cpuUsage();
		await new Promise((resolve) => setTimeout(resolve, SETTLE_ROUND_MS));
		const used = process.cpuUsage(before);
		quiet = (used.user + used.system) / 1000 < SETTLE_ROUND_MS / 10 ? quiet + 1 : 0;
	}
}

function mb(bytes: number): string {
	return (bytes / 1024 / 1024).toFixed(0);
}

function ms(value: number): string {
	return value < 1 ? value.toFixed(3) : value.toFixed(2);
}

/** Deterministic sample of n keystrokes spread over the list. */
function sample<T>(list: readonly T[], n: number): T[] {
	if (list.length <= n) return [...list];
	return Array.from({length: n}, (_, k) => list[Math.floor((k * list.length) / n)]!);
}

export async function benchSearch(opts: {sizes?: number[]; indexOnly?: boolean} = {}): Promise<BenchSection> {
	const sizes = opts.sizes ?? [100_000, 1_000_000];
	const regions = loadRegions();
	const rows: BenchSection['rows'] = [];
	const notes: string[] = [
		`${regions.length} regions${regions.length > 3000 ? ' (data/regions.json)' : ' (generated)'}; 300 items (20 real cross-province items + generated names); one department per kind and region.`,
		'Catalog objects: every implementation is a plain object with all its fields; one item\'s implementations share their list/object values (materials, conditions, process, limits, fee, forms) and departments are shared objects, as a loader interning identical sub-objects could; codes are flat strings, as JSON.parse gives. Sizes run largest first (RSS keeps earlier phases\' high-water mark).',
		'Latency: every prefix of 40 queries typed one character at a time (Chinese, full pinyin, initials, mixtures, codes, multi-term with a region), top 50; the index keeps its term cache across keystrokes as in the console. "p99 ms" is one cold pass (the figure the targets apply to); "p99 best-of-3" takes each keystroke\'s best of three cold passes on fresh indexes, to show how much of the tail is machine noise. Each timed pass starts after a forced GC once the process\'s background threads are idle (V8 sweeps the old heap after a forced GC; timing during that measured the sweeper, not the search).',
		'Naive: lowercase includes of each term over one precomputed string per row (names, keywords, codes, region path, department, each with full pinyin and initials); it tests every row.',
		`Memory: process RSS and heap+external after building${(globalThis as {gc?: unknown}).gc ? ' (after a forced gc)' : ' (no --expose-gc: without a forced gc)'}; the index delta excludes the catalog objects.`,
	];
	// Largest first: a process's RSS keeps the high-water mark of earlier phases (the 100k fuse.js
	// index, the naive texts), so measuring 1M after 100k would charge it their memory.
	const bySize: Array<{size: number; rows: BenchSection['rows']}> = [];
	for (const size of [...sizes].sort((a, b) => b - a)) {
		const {rows: sizeRows, note} = await benchSize(size, regions, opts.indexOnly ?? false);
		bySize.push({size, rows: sizeRows});
		notes.push(note);
	}
	for (const {rows: sizeRows} of bySize.sort((a, b) => a.size - b.size)) rows.push(...sizeRows);
	return {title: 'Search: index build, memory and per-keystroke latency', rows, notes};
}

/**
 * One catalog size: build, memory, latency and baselines. A function of its own so that the
 * catalog and the naive texts are released when it returns: in one async function spanning both
 * sizes, the suspended state at an await kept the previous size's variables alive, and the 100k
 * figures were taken beside the million-row catalog.
 */
async function benchSize(size: number, regions: readonly Region[], indexOnly: boolean): Promise<{rows: BenchSection['rows']; note: string}> {
	const sizeRows: BenchSection['rows'] = [];
	gc();
	const catalog = syntheticCatalog(size, regions);
	gc();
	const before = process.memoryUsage();
	let index: SearchIndex | undefined;
	const buildMs = time(() => {
		index = buildSearchIndex(catalog, regions, toPinyin);
	});
	gc();
	const after = process.memoryUsage();
	const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
	const queries = benchQueries(catalog);
	const strokes = keystrokes(queries);
	// One warm-up pass (JIT), then a fresh index so the measured pass starts with a cold cache.
	for (const stroke of strokes) index!.search({text: stroke, limit: 50});
	index = buildSearchIndex(catalog, regions, toPinyin, {});
	await settle();
	const ours = strokes.map((stroke) => time(() => index!.search({text: stroke, limit: 50})));
	// Two more cold passes on fresh indexes: a keystroke's best of three separates its own
	// cost from a scheduler or GC hiccup on a busy 2-core machine (reported beside, not instead).
	const best = [...ours];
	for (let pass = 0; pass < 2; pass++) {
		const fresh = buildSearchIndex(catalog, regions, toPinyin, {});
		await settle();
		strokes.forEach((stroke, k) => {
			best[k] = Math.min(best[k]!, time(() => fresh.search({text: stroke, limit: 50})));
		});
	}
	const stats = index!.stats();
	sizeRows.push({
		rows: label,
		engine: 'tongban index',
		'build ms': Math.round(buildMs),
		'RSS MB': mb(after.rss),
		'index heap+ext MB': mb(after.heapUsed + after.external - before.heapUsed - before.external),
		keystrokes: ours.length,
		'p50 ms': ms(median(ours)),
		'p99 ms': ms(percentile(ours, 99)),
		'max ms': ms(Math.max(...ours)),
		'p99 best-of-3 ms': ms(percentile(best, 99)),
		'p99 ratio': '1',
	});
	// The index alone (the baseline run under node's default flags, see run.ts): no naive or fuse.js.
	if (indexOnly) return {rows: sizeRows, note: ''};

	// Issue 18, before and after in the same run: builds alternating without and with the
	// pinyin-slip aligner (after the first build above, so both have a warm JIT), each measured
	// alone after a collection; then the keystrokes above plus slips typed one character at a
	// time, on fresh index pairs, keystroke by keystroke in turn: as typed with no context (as
	// before), and forgiving with a Sichuan card at a Guangdong branch. Three passes, as above.
	const slipStrokes = [...strokes, ...keystrokes(SLIP_QUERIES)];
	const builds = {off: [] as number[], on: [] as number[], offMb: [] as number[], onMb: [] as number[]};
	for (let round = 0; round < 2; round++) {
		for (const forgiveness of [false, true]) {
			gc();
			const start = process.memoryUsage();
			const held: SearchIndex[] = [];
			const took = time(() => {
				held.push(buildSearchIndex(catalog, regions, toPinyin, {forgiveness}));
			});
			gc();
			const end = process.memoryUsage();
			(forgiveness ? builds.on : builds.off).push(took);
			(forgiveness ? builds.onMb : builds.offMb).push(end.heapUsed + end.external - start.heapUsed - start.external);
			held.length = 0;
		}
	}
	// One warm-up pass of both kinds first (JIT), as the plain index gets above: the forgiving
	// and context code paths are otherwise compiled during the measured pass and set its tail.
	{
		const asTyped = buildSearchIndex(catalog, regions, toPinyin, {forgiveness: false});
		const forgiving = buildSearchIndex(catalog, regions, toPinyin);
		for (const stroke of slipStrokes) {
			asTyped.search({text: stroke, limit: 50});
			forgiving.search({text: stroke, limit: 50, context: BENCH_CONTEXT});
		}
	}
	const asTypedTimes: number[] = [];
	const forgivingTimes: number[] = [];
	const asTypedBest: number[] = [];
	const forgivingBest: number[] = [];
	for (let pass = 0; pass < 3; pass++) {
		const asTyped = buildSearchIndex(catalog, regions, toPinyin, {forgiveness: false});
		const forgiving = buildSearchIndex(catalog, regions, toPinyin);
		await settle();
		slipStrokes.forEach((stroke, k) => {
			const plainMs = time(() => asTyped.search({text: stroke, limit: 50}));
			const forgivingMs = time(() => forgiving.search({text: stroke, limit: 50, context: BENCH_CONTEXT}));
			if (pass === 0) {
				asTypedTimes.push(plainMs);
				forgivingTimes.push(forgivingMs);
			}
			asTypedBest[k] = Math.min(asTypedBest[k] ?? Infinity, plainMs);
			forgivingBest[k] = Math.min(forgivingBest[k] ?? Infinity, forgivingMs);
		});
	}

	const naiveBuildStart = performance.now();
	const naive = buildNaive(catalog, regions);
	const naiveBuildMs = performance.now() - naiveBuildStart;
	const naiveStrokes = size >= 1_000_000 ? sample(strokes, 120) : strokes;
	const oursOnNaiveSample = size >= 1_000_000 ? naiveStrokes.map((stroke) => time(() => index!.search({text: stroke, limit: 50}))) : ours;
	const naiveTimes = naiveStrokes.map((stroke) => time(() => naiveSearch(naive, stroke, 50)));

	// fuse.js scores every document per search (seconds at 100k): a small sample, and none at 1M.
	const fuseSample = size >= 1_000_000 ? [] : sample(strokes, 5);
	let fuseBuildMs = 0;
	const fuseTimes: number[] = [];
	if (fuseSample.length > 0) {
		const docs = catalog.implementations.map((_, row) => ({text: naive.texts[row]!}));
		let fuse: Fuse<{text: string}> | undefined;
		fuseBuildMs = time(() => {
			fuse = new Fuse(docs, {keys: ['text'], threshold: 0.3, ignoreLocation: true});
		});
		for (const stroke of fuseSample) fuseTimes.push(time(() => fuse!.search(stroke, {limit: 50})));
	}
	const oursOnFuseSample = fuseSample.map((stroke) => time(() => index!.search({text: stroke, limit: 50})));

	sizeRows.push({
		rows: label,
		engine: 'issue 18 before: as typed, no aligner, no context',
		'build ms': `${Math.round(Math.min(...builds.off))}–${Math.round(Math.max(...builds.off))}`,
		'index heap+ext MB': builds.offMb.map(mb).join(', '),
		keystrokes: asTypedTimes.length,
		'p50 ms': ms(median(asTypedTimes)),
		'p99 ms': ms(percentile(asTypedTimes, 99)),
		'max ms': ms(Math.max(...asTypedTimes)),
		'p99 best-of-3 ms': ms(percentile(asTypedBest, 99)),
		'p99 ratio': '1 (these keystrokes)',
	});
	sizeRows.push({
		rows: label,
		engine: 'issue 18 after: forgiveness + counter context',
		'build ms': `${Math.round(Math.min(...builds.on))}–${Math.round(Math.max(...builds.on))}`,
		'index heap+ext MB': builds.onMb.map(mb).join(', '),
		keystrokes: forgivingTimes.length,
		'p50 ms': ms(median(forgivingTimes)),
		'p99 ms': ms(percentile(forgivingTimes, 99)),
		'max ms': ms(Math.max(...forgivingTimes)),
		'p99 best-of-3 ms': ms(percentile(forgivingBest, 99)),
		'p99 ratio': `${(percentile(forgivingBest, 99) / percentile(asTypedBest, 99)).toFixed(2)}x (best-of-3)`,
	});
	// A baseline's row: its own latency, and its p99 against ours on the same keystrokes.
	const baselineRow = (engine: string, buildMs: number, times: number[], oursOnSample: number[], digits: number) => ({
		rows: label,
		engine,
		'build ms': Math.round(buildMs),
		keystrokes: times.length,
		'p50 ms': ms(median(times)),
		'p99 ms': ms(percentile(times, 99)),
		'max ms': ms(Math.max(...times)),
		'p99 ratio': `${(percentile(times, 99) / percentile(oursOnSample, 99)).toFixed(digits)}x slower`,
	});
	sizeRows.push(baselineRow('naive includes', naiveBuildMs, naiveTimes, oursOnNaiveSample, 1));
	if (fuseTimes.length > 0) sizeRows.push(baselineRow('fuse.js', fuseBuildMs, fuseTimes, oursOnFuseSample, 0));
	const fuseNote =
		fuseTimes.length > 0
			? `fuse/ours median ${(median(fuseTimes) / median(oursOnFuseSample)).toFixed(0)}x on ${fuseTimes.length} of ${strokes.length} keystrokes`
			: 'fuse.js not run (it scores every document per search: seconds per keystroke already at 100k)';
	const note =
		`${label}: the issue 18 rows: two builds each without and with the aligner, alternating (range; heap+ext per build, unreliable at this size: a collection still freeing the previous build's arrays shrinks the next delta); the aligner itself holds ${stats.alignerTexts} texts, about ${(stats.alignerBytes / 1024).toFixed(0)} KB; ${slipStrokes.length} keystrokes (the ${strokes.length} above plus ${SLIP_QUERIES.length} slipped queries) on fresh index pairs, keystroke by keystroke in turn, ratio of best-of-3 p99s; ` +
		`${stats.texts} distinct texts, ${stats.departments} departments, ${stats.codeHeads} code heads; ` +
			`naive/ours median ${(median(naiveTimes) / median(oursOnNaiveSample)).toFixed(1)}x on ${naiveStrokes.length} of ${strokes.length} keystrokes; ${fuseNote}. Ratios compare against our time on the same keystrokes.`;
	return {rows: sizeRows, note};
}

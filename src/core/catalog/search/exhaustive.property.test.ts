/**
 * Property: the optimised search (typing cache, two-letter table, pruned scans that pick between
 * posting lists, passes over an item's rows and key-order walks) returns exactly what the
 * exhaustive reference returns — every term tested against every text, every row scored — for
 * the same query, filters and limit: same rows, order, scores and "what matched".
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Catalog, Department, Implementation, ServiceItem} from '../model.js';
import type {Region} from '../../identity/regions.js';
import {REGIONS, handCatalog, leanItem} from './hand-catalog.fixture.js';
import {buildSearchIndex} from './index.js';
import type {SearchIndex} from './index.js';
import type {PinyinFn, SearchFilters} from './types.js';
import {toPinyin} from '../../../text/pinyin.js';

/** A fake pinyin table with shared initials and zh/ch/sh, so that initials and pairs collide often. */
const SYLLABLES: Record<string, string> = {
	社: 'she', 保: 'bao', 卡: 'ka', 公: 'gong', 积: 'ji', 金: 'jin', 住: 'zhu', 房: 'fang', 养: 'yang',
	老: 'lao', 转: 'zhuan', 移: 'yi', 基: 'ji', 本: 'ben', 成: 'cheng', 都: 'du', 长: 'chang', 沙: 'sha',
	局: 'ju', 区: 'qu', 市: 'shi', 省: 'sheng', 中: 'zhong', 心: 'xin', 重: 'chong', 庆: 'qing', 西: 'xi',
	藏: 'zang', 武: 'wu', 侯: 'hou', 县: 'xian',
};
const CHARS = Object.keys(SYLLABLES);
const fakePinyin: PinyinFn = (text) => [...text].map((ch) => SYLLABLES[ch] ?? ch);

const FAKE_REGIONS: Region[] = [
	{code: '430000', name: '公积省', level: 'province'},
	{code: '430100', name: '沙市', parent: '430000', level: 'city'},
	{code: '430102', name: '中心区', parent: '430100', level: 'county'},
	{code: '430103', name: '金区', parent: '430100', level: 'county'},
	{code: '500000', name: '重庆市', level: 'province'},
	{code: '500101', name: '武侯区', parent: '500000', level: 'county'},
	{code: '500102', name: '长沙区', parent: '500000', level: 'county'},
	{code: '510000', name: '西藏省', level: 'province'},
	{code: '510100', name: '成都市', parent: '510000', level: 'city'},
	{code: '510104', name: '养老区', parent: '510100', level: 'county'},
	{code: '510107', name: '社保县', parent: '510100', level: 'county'},
	{code: '510108', name: '住房区', parent: '510100', level: 'county'},
];
const ROW_REGIONS = ['430100', '430102', '430103', '500101', '500102', '510100', '510104', '510107', '510108'];
const KINDS: Array<[string, string]> = [
	['a', '社保局'],
	['b', '住房中心'],
	['c', '公积金中心'],
];

const word = fc.array(fc.constantFrom(...CHARS), {minLength: 1, maxLength: 5}).map((chars) => chars.join(''));

function implementation(item: ServiceItem, regionCode: string, department: Department, online: boolean): Implementation {
	return {
		implementationCode: `${department.uscc}4${item.basicCode}`,
		basicCode: item.basicCode,
		regionCode,
		level: 4,
		department,
		coDepartments: [],
		conditions: [],
		process: [],
		materials: [],
		statutoryLimit: {value: 1, unit: 'working_day'},
		promisedLimit: {value: 1, unit: 'working_day'},
		fee: {charged: false},
		modes: online ? ['online', 'proxy'] : ['proxy'],
		forms: [1],
		caseKind: 1,
		scope: '跨省',
		address: '',
		hours: '',
		phone: '',
		faqs: [],
	};
}

const serviceItem = (index: number, name: string, keywords: string[]) => leanItem(`99${String(index).padStart(10, '0')}`, name, index % 2 === 0 ? '20' : '07', keywords);

/** Items over the fake alphabet; rows spread over regions and department kinds, departments shared per (region, kind). */
const catalogArb = fc
	.record({
		items: fc.array(fc.record({name: word, keywords: fc.array(word, {maxLength: 2})}), {minLength: 1, maxLength: 6}),
		rows: fc.array(
			fc.record({item: fc.nat(), region: fc.constantFrom(...ROW_REGIONS), kind: fc.nat({max: KINDS.length - 1}), online: fc.boolean()}),
			{minLength: 1, maxLength: 80},
		),
	})
	.map(({items, rows}): Catalog => {
		const catalogItems = items.map((it, index) => serviceItem(index, it.name, it.keywords));
		const byCode = new Map(FAKE_REGIONS.map((region) => [region.code, region]));
		const departments = new Map<string, Department>();
		const implementations = rows.map((row) => {
			const [kind, kindName] = KINDS[row.kind]!;
			const key = `${row.region}${kind}`;
			let department = departments.get(key);
			if (!department) {
				const region = byCode.get(row.region)!;
				const parent = region.parent ? byCode.get(region.parent)! : undefined;
				department = {name: `${parent?.name ?? ''}${region.name}${kindName}`, uscc: `11${row.region}0000000${row.kind}X`, kind};
				departments.set(key, department);
			}
			return implementation(catalogItems[row.item % catalogItems.length]!, row.region, department, row.online);
		});
		return {version: 'exhaustive', items: catalogItems, implementations};
	});

/** Terms of every kind the scan treats differently: words, full pinyin, initials, letter pairs, regions, codes. */
const termArb = fc.oneof(
	word,
	word.map((w) => fakePinyin(w).join('')),
	word.map((w) => fakePinyin(w).map((s) => s[0]).join('')),
	fc.constantFrom('sh', 'ch', 'zh', 'sb', 'gj', 'x', 'q', 'cq', 'xz', 'wuhou', 'chengdu', '社保局', '中心', '成都'),
	fc.constantFrom('99', '1143', '115101', '11510107', '1151010700000001X49900000000'),
);
const queryArb = fc.array(termArb, {minLength: 1, maxLength: 3}).map((terms) => terms.join(' '));

const filtersArb = fc.option(
	fc.record({
		region: fc.option(fc.constantFrom('51', '5101', '510107', '43'), {nil: undefined}),
		mode: fc.option(fc.constant('online' as const), {nil: undefined}),
		department: fc.option(fc.constantFrom('a', '住房'), {nil: undefined}),
		itemType: fc.option(fc.constant('07' as const), {nil: undefined}),
	}),
	{nil: undefined},
);

/** Types the query one character at a time on the optimised index; each prefix must equal the reference. */
function expectSameWhileTyping(optimised: SearchIndex, reference: SearchIndex, query: string, filters: SearchFilters | undefined, limit: number): void {
	for (let length = 1; length <= query.length; length++) {
		const text = query.slice(0, length);
		expect(optimised.search({text, filters, limit}), text).toEqual(reference.search({text, filters, limit}));
	}
}

describe('optimised search equals the exhaustive reference', () => {
	it('on random catalogs, queries, filters and limits, typed one character at a time', () => {
		fc.assert(
			fc.property(catalogArb, fc.array(queryArb, {minLength: 1, maxLength: 3}), filtersArb, fc.integer({min: 1, max: 12}), (catalog, queries, filters, limit) => {
				const optimised = buildSearchIndex(catalog, FAKE_REGIONS, fakePinyin, {termCacheSize: 6});
				const reference = buildSearchIndex(catalog, FAKE_REGIONS, fakePinyin, {exhaustive: true});
				for (const query of queries) expectSameWhileTyping(optimised, reference, query, filters, limit);
			}),
			{numRuns: 150},
		);
	});

	/**
	 * The hand catalog's items in many counties with real pinyin: items hold hundreds of rows and
	 * department pieces ("公安局", "成都市") name dozens of departments, so the scan's choices
	 * between posting lists, passes over an item and key-order walks all come into play.
	 */
	it('on a wider catalog with real pinyin, for the kinds of queries people type', () => {
		const catalog = wideCatalog();
		const optimised = buildSearchIndex(catalog, wideRegions(), toPinyin);
		const reference = buildSearchIndex(catalog, wideRegions(), toPinyin, {exhaustive: true});
		const some = catalog.implementations[137]!;
		const queries = [
			'公积金', '社保卡补办', 'yanglaobaoxian', 'gjj', 'ylbx', 'sbk', 'zfgjj', 'yanglao bx', '公积金tq',
			'公积金 成都', 'gjj wuhou', '社保卡 cq', 'ylbx 四川', 'yibao chengdu', '医保 xizang', '户口 chongqing',
			'公积金 武侯区 提取', 'gongan', '公安局 cd', 'ga sh', 'yl', 'sh', some.implementationCode, some.department.uscc.slice(0, 9),
			// Every term matching the item: the walk over owners lifted above the item's own score.
			'公积金 提取', '社保 转移', '居民 身份证 补领', 'gjj zy chengdu',
		];
		for (const limit of [1, 7, 50]) {
			for (const query of queries) expectSameWhileTyping(optimised, reference, query, undefined, limit);
			expectSameWhileTyping(optimised, reference, 'gjj', {region: '51'}, limit);
			expectSameWhileTyping(optimised, reference, 'sh zy', {mode: 'online'}, limit);
		}
	});
});

/** Generated counties under the hand catalog's provinces, each with its own name. */
function wideRegions(): Region[] {
	const regions = [...REGIONS];
	const counties = ['东湖', '西城', '南山', '北塘', '长安', '重阳', '行知', '单桥', '会昌', '参合', '调元', '武胜'];
	for (const province of ['110000', '350000', '430000', '500000', '510000', '540000']) {
		counties.forEach((name, k) => regions.push({code: `${province.slice(0, 2)}90${String(k).padStart(2, '0')}`, name: `${name}区`, parent: province, level: 'county'}));
	}
	return regions.sort((a, b) => a.code.localeCompare(b.code));
}

/** Every hand item in every county, one department per kind and county (as handCatalog does). */
function wideCatalog(): Catalog {
	const base = handCatalog();
	// The hand catalog names departments "成都市武侯区" + the kind's name.
	const kindName = new Map<string, string>();
	for (const impl of base.implementations) {
		if (impl.regionCode === '510107') kindName.set(impl.department.kind, impl.department.name.replace('成都市武侯区', ''));
	}
	const regions = wideRegions().filter((region) => region.level === 'county');
	const byCode = new Map(wideRegions().map((region) => [region.code, region]));
	const departments = new Map<string, Department>();
	const implementations: Implementation[] = [];
	regions.forEach((region, r) => {
		base.items.forEach((item, i) => {
			const kind = base.implementations.find((impl) => impl.basicCode === item.basicCode)?.department.kind ?? 'office';
			const key = `${region.code}${kind}`;
			let department = departments.get(key);
			if (!department) {
				const suffix = kindName.get(kind) ?? '';
				const parent = region.parent ? byCode.get(region.parent) : undefined;
				department = {name: `${parent?.name ?? ''}${region.name}${suffix}`, uscc: `11${region.code}${String(departments.size).padStart(8, '0')}X`, kind};
				departments.set(key, department);
			}
			implementations.push(implementation(item, region.code, department, (r + i) % 3 === 0));
		});
	});
	return {version: 'wide', items: base.items, implementations};
}

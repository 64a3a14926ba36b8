import {describe, expect, it} from 'vitest';
import {REGIONS, handCatalog, tinyCatalog} from './hand-catalog.fixture.js';
import {buildSearchIndex, departmentPieces, normalizeRegionPrefix} from './index.js';
import {pinyinFromCache} from './pinyin-cache.js';
import type {PinyinFn, SearchHit} from './types.js';
import {toPinyin} from '../../../text/pinyin.js';

const catalog = handCatalog();
const index = buildSearchIndex(catalog, REGIONS, toPinyin);

function names(hits: SearchHit[]): string[] {
	return [...new Set(hits.map((hit) => hit.item.name))];
}
function search(text: string, extra: Parameters<typeof index.search>[0] extends infer Q ? Omit<Q & object, 'text'> : never = {}) {
	return index.search({text, limit: 200, ...extra});
}

describe('search: what people type', () => {
	it.each([
		['公积金', ['提前还清住房公积金贷款', '住房公积金转移接续', '购房提取住房公积金']],
		['yanglaobaoxian', ['企业职工基本养老保险关系转移接续']],
		['ylbx', ['企业职工基本养老保险关系转移接续']],
		['zfgjj', ['提前还清住房公积金贷款', '住房公积金转移接续', '购房提取住房公积金']],
		['yanglao bx', ['企业职工基本养老保险关系转移接续']],
		['yanglaobx', ['企业职工基本养老保险关系转移接续']],
		['lvju', ['异地就医登记备案']],
		['ＹＬＢＸ', ['企业职工基本养老保险关系转移接续']],
		['迁户口', ['工作调动户口迁移']],
		['医保', ['异地就医登记备案', '基本医疗保险关系转移接续']],
		['社保卡', ['社会保障卡补换']],
		['社保卡补办', ['社会保障卡补换']],
		['sbk', ['社会保障卡补换']],
		['身份证', ['居民身份证补领']],
		['990301000002', ['住房公积金转移接续']],
	])('%s finds %j first', (query, expected) => {
		const found = names(search(query).hits);
		expect(found.slice(0, expected.length).sort()).toEqual([...expected].sort());
	});

	it('补办 reaches items that say 补领 or 补换', () => {
		expect(names(search('补办').hits).sort()).toEqual(['居民身份证补领', '社会保障卡补换']);
	});

	it('a basic-code prefix finds every item under it, as prefix matches', () => {
		const result = search('9903');
		expect(names(result.hits)).toEqual(['提前还清住房公积金贷款', '住房公积金转移接续', '购房提取住房公积金']);
		expect(result.hits[0]!.matches).toEqual([
			{term: '9903', field: 'basicCode', kind: 'prefix', text: '990301000001', via: 'chars'},
		]);
	});

	it('a full implementation code finds exactly its row first, as an exact match', () => {
		const target = catalog.implementations[40]!;
		const result = search(target.implementationCode);
		expect(result.hits[0]!.row).toBe(40);
		expect(result.hits[0]!.matches[0]).toMatchObject({field: 'implementationCode', kind: 'exact'});
		expect(result.hits).toHaveLength(1);
	});

	it('a USCC (an implementation-code prefix) finds that department\'s rows', () => {
		const dept = catalog.implementations[40]!.department;
		const result = search(dept.uscc.toLowerCase());
		expect(result.hits.length).toBeGreaterThan(0);
		for (const hit of result.hits) expect(hit.implementation.department.uscc).toBe(dept.uscc);
		expect(result.hits[0]!.matches[0]).toMatchObject({field: 'implementationCode', kind: 'prefix'});
	});

	it('a query nothing matches gives no hits', () => {
		expect(search('qqqqzzzz').hits).toEqual([]);
		expect(search('公积金 火星').hits).toEqual([]);
	});
});

describe('search: ranking', () => {
	it('gjj ranks 公积金 items above the pension item reached through 工/基/接', () => {
		const hits = search('gjj').hits;
		const firstPension = hits.findIndex((hit) => hit.item.basicCode === '990101000001');
		const lastFund = hits.findLastIndex((hit) => hit.item.name.includes('公积金'));
		expect(firstPension).toBeGreaterThan(lastFund);
		expect(hits[firstPension]!.matches[0]!.kind).toBe('subsequence');
	});

	it('ranks exact > prefix > contiguous pinyin > subsequence for a latin term', () => {
		// Catalog order is the reverse of the expected order, so tie-breaks cannot produce it.
		const rankingCatalog = tinyCatalog(['养殖老区', '企业养老', '养老金', '养老']);
		const hits = buildSearchIndex(rankingCatalog, [], toPinyin).search({text: 'yl'}).hits;
		expect(hits.map((hit) => [hit.item.name, hit.matches[0]!.kind])).toEqual([
			['养老', 'exact'],
			['养老金', 'prefix'],
			['企业养老', 'initials'],
			['养殖老区', 'subsequence'],
		]);
	});

	it('ranks exact > prefix > substring > subsequence > fuzzy for a Chinese term', () => {
		const rankingCatalog = tinyCatalog(['养犬老区', '养殖老区金', '基本养老金', '养老金认证', '养老金']);
		const hits = buildSearchIndex(rankingCatalog, [], toPinyin).search({text: '养老金'}).hits;
		expect(hits.map((hit) => [hit.item.name, hit.matches[0]!.kind])).toEqual([
			['养老金', 'exact'],
			['养老金认证', 'prefix'],
			['基本养老金', 'substring'],
			['养殖老区金', 'subsequence'],
			['养犬老区', 'fuzzy'],
		]);
	});

	it('contiguous pinyin in the middle ranks above a subsequence, full pinyin included', () => {
		const rankingCatalog = tinyCatalog(['公共基础建设', '市民公积金账户']);
		const hits = buildSearchIndex(rankingCatalog, [], toPinyin).search({text: 'gongjij'}).hits;
		expect(hits.map((hit) => [hit.item.name, hit.matches[0]!.kind])).toEqual([
			['市民公积金账户', 'pinyin'],
			['公共基础建设', 'subsequence'],
		]);
	});

	it('the item name outranks a keyword at the same tier, and a region hit is weaker still', () => {
		const hits = search('公积金转移').hits;
		expect(hits[0]!.item.name).toBe('住房公积金转移接续');
		expect(hits[0]!.matches[0]).toMatchObject({field: 'keyword', kind: 'exact', text: '公积金转移'});
	});

	it('breaks ties by item catalog order, then region code', () => {
		const hits = search('公积金').hits;
		const keys = hits.map((hit) => [hit.score, catalog.items.indexOf(hit.item), hit.implementation.regionCode] as const);
		const sorted = [...keys].sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2].localeCompare(b[2]));
		expect(keys).toEqual(sorted);
		expect(new Set(keys.map((k) => k[0])).size).toBeGreaterThan(1);
	});
});

describe('search: multi-term and matches', () => {
	it('every term must match somewhere in the row: item and region', () => {
		const result = search('公积金 成都');
		expect(result.hits.length).toBe(3 * 2);
		for (const hit of result.hits) expect(hit.implementation.regionCode.startsWith('5101')).toBe(true);
	});

	it('reports per term the field, kind and text that matched', () => {
		const hit = search('公积金转移 wuhou').hits[0]!;
		expect(hit.item.name).toBe('住房公积金转移接续');
		expect(hit.implementation.regionCode).toBe('510107');
		expect(hit.matches).toEqual([
			{term: '公积金转移', field: 'keyword', kind: 'exact', text: '公积金转移', via: 'chars'},
			{term: 'wuhou', field: 'region', kind: 'prefix', text: '武侯区', via: 'pinyin'},
		]);
	});

	it('a province name reaches its counties through the parent chain', () => {
		const result = search('sichuan gjj');
		expect(result.hits.length).toBeGreaterThan(0);
		for (const hit of result.hits) expect(hit.implementation.regionCode.startsWith('51')).toBe(true);
		expect(result.hits[0]!.matches[0]).toMatchObject({field: 'region', text: '四川省'});
	});

	it('a region match names the nearest region with the best match: the county on a tie, else the ancestor', () => {
		const regions = [
			{code: '510000', name: '沙河省', level: 'province' as const},
			{code: '510107', name: '沙坪区', parent: '510000', level: 'county' as const},
		];
		const regionIndex = buildSearchIndex(tinyCatalog(['业务办理']), regions, toPinyin);
		// '沙' is a prefix of both names: the county's own name wins the tie.
		expect(regionIndex.search({text: '沙'}).hits[0]!.matches[0]).toMatchObject({field: 'region', kind: 'prefix', text: '沙坪区'});
		// '沙河' only matches the province, which the county inherits.
		expect(regionIndex.search({text: '沙河'}).hits[0]!.matches[0]).toMatchObject({field: 'region', kind: 'prefix', text: '沙河省'});
		expect(regionIndex.search({text: 'shahe'}).hits[0]!.matches[0]).toMatchObject({field: 'region', text: '沙河省', via: 'pinyin'});
	});

	it('department names and implementation codes count as row fields', () => {
		const byDept = search('公安局 wuhou');
		expect(names(byDept.hits).sort()).toEqual(['居民身份证补领', '工作调动户口迁移']);
		expect(byDept.hits[0]!.matches[0]).toMatchObject({field: 'department', text: '成都市武侯区公安局'});
		const code = catalog.implementations.find((impl) => impl.regionCode === '510107')!.department.uscc;
		const byCode = search(`${code.slice(0, 10)} 社保`);
		for (const hit of byCode.hits) expect(hit.implementation.implementationCode.startsWith(code.slice(0, 10))).toBe(true);
	});

	it('an empty query has no matches per hit; limit and more behave', () => {
		const result = index.search({text: '  ', limit: 5});
		expect(result.hits).toHaveLength(5);
		expect(result.more).toBe(true);
		expect(result.hits[0]!.matches).toEqual([]);
		expect(index.search({text: '公积金', limit: 1000}).more).toBe(false);
	});
});

describe('search: filters', () => {
	it.each([
		['51', '51'],
		['510000', '51'],
		['5101', '5101'],
		['510100', '5101'],
		['510107', '510107'],
	])('region %s keeps rows under %s', (region, prefix) => {
		const result = search('公积金', {filters: {region}});
		expect(result.hits.length).toBeGreaterThan(0);
		for (const hit of result.hits) expect(hit.implementation.regionCode.startsWith(prefix)).toBe(true);
	});

	it('normalises region codes', () => {
		expect(normalizeRegionPrefix('510000')).toBe('51');
		expect(normalizeRegionPrefix('510100')).toBe('5101');
		expect(normalizeRegionPrefix('510107')).toBe('510107');
		expect(normalizeRegionPrefix('510107000000')).toBe('510107');
	});

	it('filters by handling mode, department (kind, USCC, name) and item type', () => {
		for (const hit of search('社保', {filters: {mode: 'online'}}).hits) {
			expect(hit.implementation.modes).toContain('online');
		}
		expect(search('社保', {filters: {mode: 'online'}}).hits.length).toBeLessThan(search('社保').hits.length);
		for (const hit of search('zhuanyi', {filters: {department: 'medical'}}).hits) {
			expect(hit.implementation.department.kind).toBe('medical');
		}
		const someUscc = catalog.implementations[3]!.department.uscc;
		for (const hit of search('', {filters: {department: someUscc}}).hits) {
			expect(hit.implementation.department.uscc).toBe(someUscc);
		}
		const byName = search('', {filters: {department: '武侯区公安'}}).hits;
		expect(byName.length).toBe(2);
		const byType = search('', {filters: {itemType: '07'}}).hits;
		expect(new Set(byType.map((hit) => hit.item.type))).toEqual(new Set(['07']));
	});

	it('an empty query with filters browses the filtered rows in catalog order', () => {
		const result = search('', {filters: {region: '5101', mode: 'online'}});
		const expected = catalog.implementations
			.map((impl, row) => ({impl, row}))
			.filter(({impl}) => impl.regionCode.startsWith('5101') && impl.modes.includes('online'))
			.sort(
				(a, b) =>
					catalog.items.findIndex((it) => it.basicCode === a.impl.basicCode) -
						catalog.items.findIndex((it) => it.basicCode === b.impl.basicCode) ||
					a.impl.regionCode.localeCompare(b.impl.regionCode),
			)
			.map(({row}) => row);
		expect(result.hits.map((hit) => hit.row)).toEqual(expected);
	});

	it('a region filter matching no region gives no hits', () => {
		expect(search('', {filters: {region: '99'}}).hits).toEqual([]);
	});
});

describe('search: index plumbing', () => {
	it('splits department names into region pieces and the rest', () => {
		expect(departmentPieces('成都市武侯区人力资源和社会保障局', ['武侯区', '成都市', '四川省'])).toEqual([
			'成都市',
			'武侯区',
			'人力资源和社会保障局',
		]);
		expect(departmentPieces('国家医疗保障局', ['武侯区'])).toEqual(['国家医疗保障局']);
	});

	it('rebuilds from exported pinyin without calling a pinyin function, with the same results', () => {
		const exported = index.exportPinyin();
		expect(exported.catalogVersion).toBe('test-1');
		const refuse: PinyinFn = (text) => {
			throw new Error(`pinyin asked for ${text}`);
		};
		const cached = buildSearchIndex(catalog, REGIONS, pinyinFromCache(JSON.parse(JSON.stringify(exported)), refuse));
		for (const query of ['gjj', 'cq yb', '9903', 'sichuan 公积金']) {
			expect(cached.search({text: query})).toEqual(index.search({text: query}));
		}
	});

	it('leaves out rows whose basic code names no item, and counts them', () => {
		const broken = handCatalog();
		broken.implementations[0] = {...broken.implementations[0]!, basicCode: '999999999999'};
		const brokenIndex = buildSearchIndex(broken, REGIONS, toPinyin);
		expect(brokenIndex.stats().skippedRows).toBe(1);
		expect(brokenIndex.search({text: '', limit: 1000}).hits.map((hit) => hit.row)).not.toContain(0);
	});
});


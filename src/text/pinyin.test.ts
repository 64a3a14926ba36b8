import {describe, expect, it} from 'vitest';
import {buildSearchIndex} from '../core/catalog/search/index.js';
import {REGIONS, handCatalog} from '../core/catalog/search/hand-catalog.fixture.js';
import {toPinyin} from './pinyin.js';

const initials = (text: string): string => toPinyin(text).map((s) => s[0]).join('');

describe('toPinyin (pinyin-pro adapter)', () => {
	it.each([
		['重庆', 'cq'],
		['厦门', 'xm'],
		['长沙', 'cs'],
		['银行', 'yh'],
		['参保', 'cb'],
		['西藏', 'xz'],
		['行政', 'xz'],
		['调动', 'dd'],
		['还清', 'hq'],
		['单位', 'dw'],
		['会计', 'kj'],
		['长期', 'cq'],
	])('%s → %s', (word, expected) => {
		expect(initials(word)).toBe(expected);
	});

	it('fixes readings that sentence context gets wrong (银行长期 is not "hang zhang")', () => {
		expect(toPinyin('银行长期')).toEqual(['yin', 'hang', 'chang', 'qi']);
		expect(toPinyin('重庆市西藏中路')).toEqual(['chong', 'qing', 'shi', 'xi', 'zang', 'zhong', 'lu']);
	});

	it('gives one lowercase toneless entry per code point, v for ü, non-Chinese kept', () => {
		expect(toPinyin('绿卡ABC１')).toEqual(['lv', 'ka', 'a', 'b', 'c', '１']);
		expect(toPinyin('')).toEqual([]);
		expect(toPinyin('𠀀社')).toHaveLength(2);
	});
});

describe('polyphones through the search index', () => {
	const index = buildSearchIndex(handCatalog(), REGIONS, toPinyin);
	const regionsOf = (text: string): Set<string> =>
		new Set(index.search({text, limit: 500}).hits.map((hit) => hit.implementation.regionCode));

	it.each([
		['cq', '500101'],
		['chongqing', '500101'],
		['xm', '350203'],
		['cs', '430102'],
		['changsha', '430102'],
		['xz', '540102'],
		['xizang', '540102'],
	])('%s reaches region %s', (query, county) => {
		expect(regionsOf(query)).toContain(county);
		expect(index.search({text: `${query} 公积金`}).hits.length).toBeGreaterThan(0);
	});

	it.each([
		['dwcb', '单位参保信息变更'],
		['kj', '会计专业技术资格证书核验'],
		['tqhq', '提前还清住房公积金贷款'],
		['gzdd', '工作调动户口迁移'],
		['xingzheng', '行政许可事项咨询'],
	])('%s finds %s first', (query, name) => {
		expect(index.search({text: query}).hits[0]?.item.name).toBe(name);
	});
});

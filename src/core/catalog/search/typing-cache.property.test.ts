/**
 * Property: the incremental typing path (one index, each prefix of a query searched in turn, so
 * terms come from the cache narrowed keystroke by keystroke) gives exactly what a fresh index
 * gives for the same query; and a small limit gives exactly the head of an unlimited search
 * (the early-terminating scan loses nothing).
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {Catalog} from '../model.js';
import type {Region} from '../../identity/regions.js';
import {buildSearchIndex} from './index.js';
import type {PinyinFn} from './types.js';

/** A fake pinyin table over a small alphabet, with shared initials and zh/ch/sh to exercise the matcher. */
const SYLLABLES: Record<string, string> = {
	社: 'she', 保: 'bao', 卡: 'ka', 公: 'gong', 积: 'ji', 金: 'jin', 住: 'zhu', 房: 'fang', 养: 'yang',
	老: 'lao', 转: 'zhuan', 移: 'yi', 基: 'ji', 本: 'ben', 成: 'cheng', 都: 'du', 长: 'chang', 沙: 'sha',
	局: 'ju', 区: 'qu', 市: 'shi',
};
const CHARS = Object.keys(SYLLABLES);
const fakePinyin: PinyinFn = (text) => [...text].map((ch) => SYLLABLES[ch] ?? ch);

const REGIONS: Region[] = [
	{code: '510000', name: '社保区', level: 'province'},
	{code: '510100', name: '成都市', parent: '510000', level: 'city'},
	{code: '510104', name: '长沙区', parent: '510100', level: 'county'},
	{code: '510107', name: '养老区', parent: '510100', level: 'county'},
	{code: '430102', name: '住房局', level: 'county'},
];

const word = fc.array(fc.constantFrom(...CHARS), {minLength: 1, maxLength: 6}).map((chars) => chars.join(''));

const catalogArb = fc
	.record({
		items: fc.array(fc.record({name: word, keywords: fc.array(word, {maxLength: 2})}), {minLength: 1, maxLength: 6}),
		rows: fc.array(
			fc.record({item: fc.nat(), region: fc.constantFrom('510104', '510107', '430102', '510100'), dept: word, online: fc.boolean()}),
			{minLength: 1, maxLength: 25},
		),
	})
	.map(({items, rows}): Catalog => {
		const catalogItems = items.map((it, index) => ({
			basicCode: `99${String(index).padStart(10, '0')}`,
			name: it.name,
			type: '20' as const,
			leadDepartment: '',
			modes: ['proxy' as const],
			serviceObjects: [1 as const],
			scope: '跨省' as const,
			keywords: it.keywords,
			aliases: [],
			legalBasis: [],
			resultName: '',
			summary: '',
		}));
		const implementations = rows.map((row, index) => {
			const item = catalogItems[row.item % catalogItems.length]!;
			const uscc = `11${row.region}${String(index % 3).padStart(9, '0')}X`;
			return {
				implementationCode: `${uscc}4${item.basicCode}`,
				basicCode: item.basicCode,
				regionCode: row.region,
				level: 4 as const,
				department: {name: row.dept, uscc, kind: 'k'},
				coDepartments: [],
				conditions: [],
				process: [],
				materials: [],
				statutoryLimit: {value: 1, unit: 'working_day' as const},
				promisedLimit: {value: 1, unit: 'working_day' as const},
				fee: {charged: false},
				modes: row.online ? (['online', 'proxy'] as const).slice() : (['proxy'] as const).slice(),
				forms: [1 as const],
				caseKind: 1 as const,
				scope: '跨省' as const,
				address: '',
				hours: '',
				phone: '',
				faqs: [],
			};
		});
		return {version: 'prop', items: catalogItems, implementations};
	});

/** Queries mixing Chinese, pinyin, initials and codes, with spaces between terms. */
const queryArb = fc
	.array(
		fc.oneof(
			word,
			word.map((w) => fakePinyin(w).join('')),
			word.map((w) => fakePinyin(w).map((s) => s[0]).join('')),
			fc.constantFrom('99', '9900', '11510', '115101070000000'),
		),
		{minLength: 1, maxLength: 3},
	)
	.map((terms) => terms.join(' '));

const filtersArb = fc.option(
	fc.record({region: fc.option(fc.constantFrom('51', '5101', '510107'), {nil: undefined}), mode: fc.option(fc.constant('online' as const), {nil: undefined})}),
	{nil: undefined},
);

describe('incremental typing cache', () => {
	it('typing a query one character at a time ends with the same result as a fresh index', () => {
		fc.assert(
			fc.property(catalogArb, fc.array(queryArb, {minLength: 1, maxLength: 3}), filtersArb, fc.integer({min: 1, max: 8}), (catalog, queries, filters, limit) => {
				const warm = buildSearchIndex(catalog, REGIONS, fakePinyin, {termCacheSize: 8});
				for (const query of queries) {
					for (let length = 1; length <= query.length; length++) {
						const text = query.slice(0, length);
						const cold = buildSearchIndex(catalog, REGIONS, fakePinyin);
						expect(warm.search({text, filters, limit})).toEqual(cold.search({text, filters, limit}));
					}
				}
			}),
			{numRuns: 150},
		);
	});

	it('a small limit gives the head of the unlimited result', () => {
		fc.assert(
			fc.property(catalogArb, queryArb, filtersArb, fc.integer({min: 1, max: 5}), (catalog, text, filters, limit) => {
				const index = buildSearchIndex(catalog, REGIONS, fakePinyin);
				const all = index.search({text, filters, limit: 10_000});
				const head = index.search({text, filters, limit});
				expect(head.hits).toEqual(all.hits.slice(0, limit));
				expect(head.more).toBe(all.hits.length > limit);
			}),
			{numRuns: 300},
		);
	});
});

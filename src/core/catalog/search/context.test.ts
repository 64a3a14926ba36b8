/**
 * Context ranking (issue 18.1): among rows of equal score, the handling province's lists come
 * first, then the card's home province's, then the branch's; a better text match always wins.
 * The merged scans (context.ts) must give exactly the order a full sort of every matching row gives.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {REGIONS, handCatalog} from './hand-catalog.fixture.js';
import {counterContext} from './context.js';
import {buildSearchIndex} from './index.js';
import {shortProvinceName} from '../../identity/regions.js';
import type {SearchContext, SearchHit, SearchQuery} from './types.js';
import {toPinyin} from '../../../text/pinyin.js';

const catalog = handCatalog();
const index = buildSearchIndex(catalog, REGIONS, toPinyin);
const PENSION = '990101000002'; // 领取养老金人员待遇资格认证

const province = (hit: SearchHit) => hit.implementation.regionCode.slice(0, 2);

/** The reference: every matching row (no context), stably sorted by score, then context level. */
function reference(query: SearchQuery): SearchHit[] {
	const all = index.search({...query, context: undefined, limit: 100_000}).hits;
	const context = query.context ?? {};
	const level = (hit: SearchHit) => {
		const p = province(hit);
		if (context.handling?.get(hit.item.basicCode) === p) return 3;
		if (context.card === p) return 2;
		return context.branch === p ? 1 : 0;
	};
	return all
		.map((hit, at) => ({hit, at}))
		.sort((a, b) => b.hit.score - a.hit.score || level(b.hit) - level(a.hit) || a.at - b.at)
		.slice(0, query.limit ?? 50)
		.map(({hit}) => hit);
}

describe('ranking by who is at the counter', () => {
	it('资格认证 with a Sichuan card puts Sichuan first, then the branch province, and says why', () => {
		const hits = index.search({text: '资格认证', context: {card: '51', branch: '44'}}).hits;
		const pension = hits.filter((hit) => hit.item.basicCode === PENSION);
		expect(province(pension[0]!)).toBe('51');
		expect(pension[0]!.context).toEqual({reason: 'card', province: '51'});
		// Without a card, the branch's province first.
		const branchOnly = index.search({text: '资格认证', context: {branch: '43'}}).hits;
		expect(province(branchOnly[0]!)).toBe('43');
		expect(branchOnly[0]!.context).toEqual({reason: 'branch', province: '43'});
		// Without any context, key order (Beijing first) and no reasons.
		const plain = index.search({text: '资格认证'}).hits;
		expect(province(plain[0]!)).toBe('11');
		expect(plain.every((hit) => hit.context === undefined)).toBe(true);
	});

	it('the hub\'s handling province beats the card\'s home province, for the items it names', () => {
		const context: SearchContext = {handling: new Map([[PENSION, '50']]), card: '51', branch: '44'};
		const hits = index.search({text: '养老', context}).hits;
		const pension = hits.find((hit) => hit.item.basicCode === PENSION)!;
		expect(province(pension)).toBe('50');
		expect(pension.context?.reason).toBe('handling');
		// Another item of equal standing still goes by the card.
		const transfer = hits.find((hit) => hit.item.basicCode === '990101000001')!;
		expect(province(transfer)).toBe('51');
	});

	it('an exact text match outranks the context', () => {
		const hits = index.search({text: '资格认证 武侯', context: {card: '11', branch: '44'}}).hits;
		expect(hits[0]!.implementation.regionCode).toBe('510107');
		expect(hits[0]!.context).toBeUndefined();
	});

	it('an empty query browses the context provinces first', () => {
		// The hand catalog has every item in two Sichuan counties and one Hunan county.
		const hits = index.search({text: '', limit: 40, context: {card: '51', branch: '43'}}).hits;
		expect(hits.slice(0, 26).every((hit) => province(hit) === '51')).toBe(true);
		expect(hits.slice(26, 39).every((hit) => province(hit) === '43')).toBe(true);
		expect(province(hits[39]!)).toBe('11');
	});

	it('a region filter elsewhere keeps the context out of the way', () => {
		const hits = index.search({text: '资格认证', filters: {region: '430000'}, context: {card: '51'}}).hits;
		expect(hits.every((hit) => province(hit) === '43' && hit.context === undefined)).toBe(true);
	});

	it('equals the full sort of every matching row, for any query, filter, context and limit', () => {
		const provinces = ['11', '35', '43', '50', '51', '54', '99'];
		const maybe = fc.option(fc.constantFrom(...provinces), {nil: undefined});
		fc.assert(
			fc.property(
				fc.constantFrom('', '资格认证', '养老', 'gjj', '公积金 四川', 'yibao', '转移', 'sfz', '990101', 'yanglaojni', '补', 'x'),
				maybe,
				maybe,
				fc.array(fc.tuple(fc.constantFrom(...catalog.items.map((item) => item.basicCode)), fc.constantFrom(...provinces)), {maxLength: 4}),
				fc.option(fc.constantFrom('510000', '510100', '430000', '110000'), {nil: undefined}),
				fc.integer({min: 1, max: 40}),
				(text, card, branch, handling, region, limit) => {
					const context: SearchContext = {handling: new Map(handling), ...(card ? {card} : {}), ...(branch ? {branch} : {})};
					const query: SearchQuery = {text, limit, context, ...(region ? {filters: {region}} : {})};
					const got = index.search(query).hits.map((hit) => hit.row);
					expect(got).toEqual(reference(query).map((hit) => hit.row));
				},
			),
			{numRuns: 200},
		);
	});
});

describe('the counter context', () => {
	it('takes the card\'s home province from a resident ID number and the branch\'s from its region code', () => {
		expect(counterContext({applicantId: '51010719560920113X', branchRegion: '440305'})).toEqual({card: '51', branch: '44'});
		expect(counterContext({applicantId: '510107560920113', branchRegion: '440305001'})).toEqual({card: '51', branch: '44'});
		// A foreign permanent residence number names no province; nothing known gives no context.
		expect(counterContext({applicantId: '933156198001011234', branchRegion: '110105'})).toEqual({branch: '11'});
		expect(counterContext({})).toBeUndefined();
		const handling = new Map([[PENSION, '44']]);
		expect(counterContext({handling})).toEqual({handling});
	});

	it('names provinces as people say them', () => {
		expect(['四川省', '北京市', '西藏自治区', '广西壮族自治区', '香港特别行政区'].map(shortProvinceName)).toEqual(['四川', '北京', '西藏', '广西', '香港']);
	});
});

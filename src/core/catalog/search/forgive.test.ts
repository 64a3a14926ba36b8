/**
 * Pinyin slips forgiven (issue 18.2): one real edit (insert, delete, substitute, swap two
 * neighbours) of a text's full pinyin, and the IME confusions (z/zh, c/ch, s/sh, n/l, f/h,
 * an/ang, en/eng, in/ing), find the item; rows found as typed always come before forgiven ones.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {REGIONS, handCatalog} from './hand-catalog.fixture.js';
import {buildSearchIndex} from './index.js';
import {toPinyin} from '../../../text/pinyin.js';

const index = buildSearchIndex(handCatalog(), REGIONS, toPinyin);
const names = (text: string) => [...new Set(index.search({text, limit: 200}).hits.map((hit) => hit.item.name))];

/** Every one-edit variant of a latin word: deletions, neighbour swaps, substitutions and insertions. */
function oneEdits(word: string): string[] {
	const letters = 'abcdefghijklmnopqrstuvwxyz';
	const out = new Set<string>();
	for (let k = 0; k < word.length; k++) {
		out.add(word.slice(0, k) + word.slice(k + 1));
		if (k + 1 < word.length) out.add(word.slice(0, k) + word[k + 1] + word[k] + word.slice(k + 2));
		for (const letter of letters) out.add(word.slice(0, k) + letter + word.slice(k + 1));
	}
	for (let k = 0; k <= word.length; k++) for (const letter of letters) out.add(word.slice(0, k) + letter + word.slice(k));
	out.delete(word);
	return [...out];
}

/** A word of catalog syllables, maybe with one letter left out, two swapped or one put in. */
function slip() {
	const syllables = ['yang', 'lao', 'jin', 'gong', 'ji', 'she', 'bao', 'ka', 'zhu', 'fang', 'yi', 'di', 'jiu', 'hu', 'kou', 'xian', 'wu', 'hou'];
	return fc
		.tuple(fc.array(fc.constantFrom(...syllables), {minLength: 1, maxLength: 4}), fc.nat(), fc.constantFrom('none', 'delete', 'swap', 'insert'), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'))
		.map(([parts, at, edit, letter]) => {
			const word = parts.join('');
			const k = at % word.length;
			if (edit === 'delete') return word.slice(0, k) + word.slice(k + 1);
			if (edit === 'swap' && k + 1 < word.length) return word.slice(0, k) + word[k + 1] + word[k] + word.slice(k + 2);
			if (edit === 'insert') return word.slice(0, k) + letter + word.slice(k);
			return word;
		});
}

describe('pinyin slips', () => {
	it.each([
		['yanglaojni', 'yanglaojin', '领取养老金人员待遇资格认证'],
		['gongjijn', 'gongjijin', '住房公积金转移接续'],
		['shebaoak', 'shebaoka', '社会保障卡补换'],
		['yidijuyi', 'yidijiuyi', '异地就医登记备案'],
		['zufang', 'zhufang', '住房公积金转移接续'],
		['sehbao', 'shebao', '社会保障卡补换'],
		['yanlao', 'yanglao', '企业职工基本养老保险关系转移接续'],
		['yangnao', 'yanglao', '企业职工基本养老保险关系转移接续'],
		['hukuo', 'hukou', '工作调动户口迁移'],
		['shengfenzheng', 'shenfenzheng', '居民身份证补领'],
		['senfenzen', 'shenfenzheng', '居民身份证补领'],
		['zhuhang', 'zhufang', '住房公积金转移接续'],
	])('%s is matched as %s and finds %s', (typed, matchedAs, name) => {
		const result = index.search({text: typed, limit: 200});
		expect(result.matchedAs).toBe(matchedAs);
		expect(result.hits.map((hit) => hit.item.name)).toContain(name);
		expect(result.hits.every((hit) => hit.forgiven)).toBe(true);
	});

	it('every one-edit slip of a whole name\'s full pinyin finds the item', () => {
		for (const name of ['领取养老金人员待遇资格认证', '住房公积金转移接续', '社会保障卡补换', '异地就医登记备案', '工作调动户口迁移', '居民身份证补领']) {
			const pinyin = toPinyin(name).join('');
			const missed = oneEdits(pinyin).filter((slip) => !names(slip).includes(name));
			expect(missed, name).toEqual([]);
		}
	});

	it('a term found as typed is not forgiven, and forgiveness can be turned off', () => {
		expect(index.search({text: 'yanglao'}).matchedAs).toBeUndefined();
		expect(index.search({text: 'ylbx'}).matchedAs).toBeUndefined();
		const off = index.search({text: 'yanglaojni', forgive: false});
		expect(off.matchedAs).toBeUndefined();
		expect(off.hits.some((hit) => hit.forgiven)).toBe(false);
	});

	it('short terms get the confusions only, and initials are never "corrected"', () => {
		// Four letters: one real edit would reach too much.
		expect(index.search({text: 'gonj'}).matchedAs).toBeUndefined();
		expect(index.search({text: 'zhuf'}).matchedAs).toBeUndefined();
		expect(index.search({text: 'xqz'}).hits).toEqual([]);
	});

	it('typing a slip one letter at a time ends where a fresh index starts (the aligner narrows from the last keystroke)', () => {
		fc.assert(
			fc.property(slip(), (text) => {
				const typing = buildSearchIndex(handCatalog(), REGIONS, toPinyin);
				let last = typing.search({text: ''});
				for (let k = 1; k <= text.length; k++) last = typing.search({text: text.slice(0, k), limit: 30});
				const fresh = buildSearchIndex(handCatalog(), REGIONS, toPinyin).search({text, limit: 30});
				expect(last.matchedAs).toBe(fresh.matchedAs);
				expect(last.hits.map((hit) => hit.row)).toEqual(fresh.hits.map((hit) => hit.row));
			}),
			{numRuns: 60},
		);
	});

	it('rows found as typed come first, in the order the search without forgiveness gives them', () => {
		fc.assert(
			fc.property(fc.array(slip(), {minLength: 1, maxLength: 2}), fc.integer({min: 1, max: 60}), (terms, limit) => {
				const text = terms.join(' ');
				const plain = index.search({text, limit, forgive: false});
				const forgiving = index.search({text, limit});
				const typed = forgiving.hits.filter((hit) => !hit.forgiven);
				// No forgiven row before a row found as typed.
				const firstForgiven = forgiving.hits.findIndex((hit) => hit.forgiven);
				if (firstForgiven >= 0) expect(forgiving.hits.slice(firstForgiven).every((hit) => hit.forgiven)).toBe(true);
				expect(typed.map((hit) => hit.row)).toEqual(plain.hits.slice(0, typed.length).map((hit) => hit.row));
				if (!forgiving.matchedAs) expect(forgiving.hits.map((hit) => hit.row)).toEqual(plain.hits.map((hit) => hit.row));
				else expect(typed.length).toBe(plain.hits.length);
			}),
			{numRuns: 300},
		);
	});
});

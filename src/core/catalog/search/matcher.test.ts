import {describe, expect, it} from 'vitest';
import {handDictionaryTexts} from './hand-catalog.fixture.js';
import {TIER, matchTerm, matchTier, prepareTerm} from './matcher.js';
import {toPinyin} from '../../../text/pinyin.js';

/** Texts of the hand catalog plus a few awkward ones (latin, digits, astral characters). */
const dictionaryTexts = () => handDictionaryTexts(toPinyin, ['ICU病房', 'a', 'A1', '𠮷野家', '3号楼', '西藏自治区', '厦门市', '门', '局']);

describe('matchTier', () => {
	const texts = dictionaryTexts();
	const terms = [...'abcdefghijklmnopqrstuvwxyz0123456789公积金社保厦𠮷', 'xi', 'xiz', 'yl', 'sbk', 'gjj', 'yanglao', 'xm', 'icu', 'zz'];

	it.each(terms)('gives the tier matchTerm gives for %s', (text) => {
		const term = prepareTerm(text);
		const mismatches = texts.filter((unit) => matchTier(term, unit) !== matchTerm(term, unit).tier).map((unit) => unit.norm);
		expect(mismatches).toEqual([]);
	});

	it('still finds what a first keystroke should', () => {
		const xiamen = texts.find((unit) => unit.norm === '厦门市')!;
		expect(matchTier(prepareTerm('x'), xiamen)).toBe(TIER.prefix);
		expect(matchTier(prepareTerm('m'), xiamen)).toBe(TIER.contiguous);
		expect(matchTier(prepareTerm('门'), xiamen)).toBe(TIER.substring);
		expect(matchTier(prepareTerm('q'), xiamen)).toBe(TIER.none);
	});
});

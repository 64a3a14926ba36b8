import {describe, expect, it} from 'vitest';
import {handDictionaryTexts} from './hand-catalog.fixture.js';
import {TIER, matchTerm, matchTier, prepareTerm} from './matcher.js';
import {buildPairTable, pairIndexOf} from './pairs.js';
import {toPinyin} from '../../../text/pinyin.js';

/** Texts of the hand catalog, department-name pieces, and a few awkward ones (latin, digits, polyphones). */
const dictionaryTexts = () => handDictionaryTexts(toPinyin, ['人力资源和社会保障局', '住房公积金管理中心', 'ICU病房', 'a', 'A1', 'ab', 'Xa', '𠮷野家', '3号楼', '银行', '长期']);

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const PAIRS = [...LETTERS].flatMap((first) => [...LETTERS].map((second) => first + second));

describe('two-letter table', () => {
	const texts = dictionaryTexts();
	const table = buildPairTable(texts);

	it('holds, for every pair, exactly the texts the matcher matches, with their tiers', () => {
		for (const pair of PAIRS) {
			const term = prepareTerm(pair);
			const expected = texts.flatMap((text, id) => {
				const tier = matchTier(term, text);
				return tier === TIER.none ? [] : [[id, tier]];
			});
			const index = pairIndexOf(pair);
			const from = table.start[index]!;
			const to = table.start[index + 1]!;
			const stored = Array.from(table.texts.subarray(from, to), (id, k) => [id, table.tiers[from + k]!]);
			expect(stored, pair).toEqual(expected);
		}
	});

	it('numbers only two-letter latin terms', () => {
		expect(pairIndexOf('aa')).toBe(0);
		expect(pairIndexOf('cq')).toBe(2 * 26 + 16);
		expect(pairIndexOf('zz')).toBe(26 * 26 - 1);
		for (const other of ['a', 'abc', 'a1', '社保', 'A1', 'é1', '']) expect(pairIndexOf(other), other).toBe(-1);
	});
});

describe('letter precheck', () => {
	const texts = dictionaryTexts();

	it.each(['sbk', 'gjj', 'xiz', 'yanglao', 'icu', 'qz', 'zhq', 'hang', 'changqi', 'ab', 'xa'])(
		'changes no outcome for %s (the same term without its letter mask)',
		(text) => {
			const term = prepareTerm(text);
			// A mask of 0 needs no letter, so the precheck never rejects: the plain matcher's answer.
			const unmasked = {...term, letters: 0};
			for (const unit of texts) expect(matchTerm(term, unit), unit.norm).toEqual(matchTerm(unmasked, unit));
		},
	);
});

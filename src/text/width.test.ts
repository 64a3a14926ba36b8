import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {displayWidth, padEndToWidth, padStartToWidth, tailToWidth, truncateToWidth, wrapToWidth} from './width.js';

describe('displayWidth', () => {
	it.each([
		['abc', 3],
		['养老保险', 8],
		['社保卡ABC', 9],
		['：，（）', 8],
		['', 0],
	])('%s is %i columns', (text, width) => {
		expect(displayWidth(text)).toBe(width);
	});
});

describe('truncateToWidth', () => {
	it('keeps text that fits', () => {
		expect(truncateToWidth('养老保险', 8)).toBe('养老保险');
	});

	it('never splits a wide character past the limit (the Ink 6.8 overflow case)', () => {
		// 10 CJK characters cut to 9 columns: 3 chars (6) + "..." (3) = 9, not 4 chars + "…".
		const cut = truncateToWidth('一二三四五六七八九十', 9);
		expect(cut).toBe('一二三...');
		expect(stringWidth(cut)).toBeLessThanOrEqual(9);
	});

	it('drops a wide character that would straddle the limit', () => {
		expect(truncateToWidth('一二三四五', 8, '.')).toBe('一二三.');
	});

	it('cuts the ellipsis when nothing else fits', () => {
		expect(truncateToWidth('养老保险', 2)).toBe('..');
		expect(truncateToWidth('养老保险', 0)).toBe('');
	});

	it('fits any string into any width', () => {
		fc.assert(
			fc.property(fc.string({unit: 'grapheme'}), fc.integer({min: 0, max: 40}), (text, width) => {
				expect(stringWidth(truncateToWidth(text, width))).toBeLessThanOrEqual(width);
			}),
		);
	});
});

describe('padding', () => {
	it('pads CJK by columns, not by length', () => {
		expect(padEndToWidth('医保', 6)).toBe('医保  ');
		expect(padStartToWidth('医保', 6)).toBe('  医保');
		expect(stringWidth(padEndToWidth('一二三四五六', 7))).toBe(7);
	});
});

describe('wrapToWidth', () => {
	it('breaks again when the word moved down leaves no room (found by the property below)', () => {
		const lines = wrapToWidth(' a养', 2);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(2);
		expect(lines.join('').replace(/ /g, '')).toBe('a养');
	});

	it('breaks CJK between characters', () => {
		expect(wrapToWidth('企业职工基本养老保险', 8)).toEqual(['企业职工', '基本养老', '保险']);
	});

	it('breaks Latin text at spaces', () => {
		expect(wrapToWidth('transfer of pension insurance', 12)).toEqual(['transfer of', 'pension', 'insurance']);
	});

	it('keeps explicit newlines', () => {
		expect(wrapToWidth('甲\n乙', 10)).toEqual(['甲', '乙']);
	});

	it('never produces a line wider than the width and loses no non-space text', () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom('养', '老', 'a', 'b', ' ', '，', '1'), {maxLength: 60}),
				fc.integer({min: 2, max: 30}),
				(chars, width) => {
					const text = chars.join('');
					const lines = wrapToWidth(text, width);
					for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
					expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
				},
			),
		);
	});
});

describe('tailToWidth', () => {
	it('keeps the end of a long CJK text', () => {
		expect(tailToWidth('企业职工基本养老保险', 7)).toBe('养老保险'.slice(1));
		expect(tailToWidth('abc', 10)).toBe('abc');
	});
});

describe('displayWidth fast path', () => {
	it('agrees with string-width on ASCII, CJK, punctuation, emoji and combining marks', () => {
		const pieces = ['a', 'Z', ' ', '~', '养', '老', '㐀', '，', '。', '（', '％', '€', '·', '…', '─', 'é', 'e\u0301', '👍', '\t', '１', 'ｶ', '\u3000'];
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...pieces), {maxLength: 12}), (parts) => {
				const text = parts.join('');
				expect(displayWidth(text)).toBe(stringWidth(text));
			}),
		);
	});
});

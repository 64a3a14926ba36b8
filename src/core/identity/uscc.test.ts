import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {USCC_ALPHABET, makeUscc, usccCheckChar, usccRegionCode, validateUscc} from './uscc.js';

const alphabetChar = fc.constantFrom(...USCC_ALPHABET.split(''));
const usccParts = fc.record({
	registrationDept: alphabetChar,
	orgType: alphabetChar,
	regionCode: fc.stringMatching(/^\d{6}$/),
	body: fc.array(alphabetChar, {minLength: 9, maxLength: 9}).map((chars) => chars.join('')),
});

describe('usccCheckChar', () => {
	it('matches the worked example of GB 32100', () => {
		// The standard's own sample code, an independent check of alphabet and weights.
		expect(usccCheckChar('91350100M000100Y4')).toBe('3');
	});

	it('maps a zero sum to 0, not to 31', () => {
		expect(usccCheckChar('00000000000000000')).toBe('0');
	});

	it('rejects input of the wrong length or alphabet', () => {
		expect(() => usccCheckChar('1234')).toThrow(RangeError);
		expect(() => usccCheckChar('1151010000000000I')).toThrow(/position 17/);
	});
});

describe('validateUscc', () => {
	it.each([
		['91350100M000100Y43'],
		['11510100MB0000001Y'],
		['000000000000000000'],
	])('accepts %s', (code) => {
		expect(validateUscc(code)).toEqual({ok: true});
	});

	it.each([
		['91350100M000100Y4', '应为 18 位，实际为 17 位'],
		['91350100M000100Y431', '应为 18 位，实际为 19 位'],
		['', '实际为 0 位'],
		['91350100M000100Y4I', '第 18 位字符“I”'],
		['9135010OM000100Y43', '第 8 位字符“O”'],
		['91350100m000100Y43', '第 9 位字符“m”'],
		['91350100M000100Y44', '应为“3”，实际为“4”'],
		['11510100MB0000001X', '应为“Y”，实际为“X”'],
	])('rejects %s', (code, reason) => {
		const result = validateUscc(code);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.reason['zh-CN']).toContain(reason);
			expect(result.reason.en).not.toMatch(/[\u4e00-\u9fff]/);
		}
	});
});

describe('makeUscc', () => {
	it('builds a government organ code whose characters 3–8 are the region', () => {
		const code = makeUscc({registrationDept: '1', orgType: '1', regionCode: '510107', body: 'MB0000001'});
		expect(code).toHaveLength(18);
		expect(code.startsWith('11510107MB0000001')).toBe(true);
		expect(usccRegionCode(code)).toBe('510107');
		expect(validateUscc(code)).toEqual({ok: true});
	});

	it('rejects malformed parts', () => {
		expect(() => makeUscc({registrationDept: '1', orgType: '1', regionCode: '5101', body: 'MB0000001'})).toThrow(RangeError);
		expect(() => makeUscc({registrationDept: '1', orgType: '1', regionCode: '510100', body: 'MB01'})).toThrow(RangeError);
		expect(() => makeUscc({registrationDept: '11', orgType: '1', regionCode: '510100', body: 'MB0000001'})).toThrow(RangeError);
	});

	it('always produces a valid code', () => {
		fc.assert(
			fc.property(usccParts, (parts) => {
				expect(validateUscc(makeUscc(parts))).toEqual({ok: true});
			}),
		);
	});

	it('detects every single-character substitution', () => {
		// Each weight is a power of 3 modulo the prime 31, so it is never 0 mod 31: changing one
		// character by d (0 < |d| < 31) changes the sum by weight·d ≢ 0 and the check must differ.
		fc.assert(
			fc.property(usccParts, fc.nat({max: 17}), fc.integer({min: 1, max: 30}), (parts, position, shift) => {
				const code = makeUscc(parts);
				const original = USCC_ALPHABET.indexOf(code.charAt(position));
				const replacement = USCC_ALPHABET.charAt((original + shift) % 31);
				const changed = code.slice(0, position) + replacement + code.slice(position + 1);
				expect(changed).not.toBe(code);
				expect(validateUscc(changed).ok).toBe(false);
			}),
		);
	});
});

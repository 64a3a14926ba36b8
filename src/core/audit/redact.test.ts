import {describe, expect, it} from 'vitest';
import {idCheckChar, looksLikeIdNumber, maskIdNumber, maskName, redactDetails} from './redact.js';

// Synthetic numbers: region 110101 (Beijing Dongcheng), valid check characters computed here.
const withCheck = (first17: string) => `${first17}${idCheckChar(first17)}`;
const ID_A = withCheck('11010119900307457');
const ID_X = (() => {
	for (let i = 100; i < 999; i++) {
		const candidate = withCheck(`44030519851231${i}`);
		if (candidate.endsWith('X')) return candidate;
	}
	throw new Error('no X example');
})();

describe('ID numbers', () => {
	it('checks the GB 11643 check character', () => {
		expect(looksLikeIdNumber(ID_A)).toBe(true);
		const wrong = `${ID_A.slice(0, 17)}${ID_A[17] === '1' ? '2' : '1'}`;
		expect(looksLikeIdNumber(wrong)).toBe(false);
		expect(looksLikeIdNumber(ID_X.toLowerCase())).toBe(true);
	});

	it('keeps the region code and the last four characters', () => {
		expect(maskIdNumber(ID_A)).toBe(`${ID_A.slice(0, 6)}********${ID_A.slice(14)}`);
	});
});

describe('redactDetails', () => {
	it('masks ID numbers inside free text, under any key and at any depth', () => {
		const out = redactDetails({note: `holder ${ID_A} asked`, nested: [{x: ID_X}], other: '123456789012345678'});
		const text = JSON.stringify(out);
		expect(text).not.toContain(ID_A);
		expect(text).not.toContain(ID_X);
		expect(text).toContain('123456789012345678'); // not an ID number: wrong check character, left alone
	});

	it('masks ID-number keys even when the number is malformed, and names and addresses by key', () => {
		const out = redactDetails({idNumber: '110101199003070000', name: '张三丰', 姓名: '李四', address: '北京市东城区某街1号', holderName: '王五'});
		expect(out).toEqual({idNumber: '110101********0000', name: '张**', 姓名: '李*', address: '***', holderName: '王*'});
	});

	it('keeps masked values as they are and replaces payloads by their digest', () => {
		const out = redactDetails({idNumberMasked: '1101**********4578', photo: new Uint8Array([1, 2, 3]), text: 'x'.repeat(2000)});
		expect(out.idNumberMasked).toBe('1101**********4578');
		expect(String(out.photo)).toMatch(/^sha256:[0-9a-f]{64} \(3 bytes omitted\)$/);
		expect(String(out.text)).toMatch(/^sha256:[0-9a-f]{64} \(2000 chars omitted\)$/);
	});

	it('masks names of every length', () => {
		expect(maskName('张三')).toBe('张*');
		expect(maskName('欧阳娜娜')).toBe('欧阳**');
		expect(maskName('')).toBe('');
	});
});

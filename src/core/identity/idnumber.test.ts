import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {Region} from './regions.js';
import {idCheckChar, isRealDate, upgradeFrom15, validateIdNumber, type ValidateIdOptions} from './idnumber.js';
import {NationalityTable, type Nationality} from './nationality.js';
import {RegionTable} from './regions.js';

const regions = new RegionTable((JSON.parse(readFileSync(new URL('../../../data/regions.json', import.meta.url), 'utf8')) as {regions: Region[]}).regions);
const opts: ValidateIdOptions = {today: '2026-06-01', isKnownRegion: (c) => regions.isKnown(c)};
const codes = (n: string, o = opts) => validateIdNumber(n, o).problems.map((p) => p.code);

describe('GB 11643 check character', () => {
	it.each([
		['11010519491231002', 'X'],
		['44052418800101001', '4'],
	])('%s → %s', (first17, check) => {
		expect(idCheckChar(first17)).toBe(check);
	});

	it('throws on anything but 17 digits', () => {
		expect(() => idCheckChar('1101051949123100')).toThrow(RangeError);
	});
});

describe('validateIdNumber', () => {
	it('accepts the valid examples', () => {
		const a = validateIdNumber('11010519491231002X', opts);
		expect(a).toMatchObject({ok: true, kind: 'resident', regionCode: '110105', birthDate: '1949-12-31', sex: 'female', normalized: '11010519491231002X'});
		const b = validateIdNumber('440524188001010014', opts);
		expect(b).toMatchObject({ok: true, birthDate: '1880-01-01', sex: 'male'});
		// 440524 was retired; cards keep their number for life, so it is only a warning.
		expect(b.problems.map((p) => [p.code, p.severity])).toEqual([['region_retired', 'warning']]);
	});

	it('accepts lowercase x and normalises it', () => {
		expect(validateIdNumber('11010519491231002x', opts)).toMatchObject({ok: true, normalized: '11010519491231002X'});
	});

	it('upgrades a 15-digit number', () => {
		expect(upgradeFrom15('110105491231002')).toBe('11010519491231002X');
		expect(validateIdNumber('110105491231002', opts)).toMatchObject({ok: true, upgradedFrom15: true, normalized: '11010519491231002X', sex: 'female'});
	});

	it('names the expected check character', () => {
		const r = validateIdNumber('110105194912310021', opts);
		expect(r.ok).toBe(false);
		expect(r.problems).toEqual([expect.objectContaining({code: 'check_char', severity: 'error'})]);
		expect(r.problems[0]!['zh-CN']).toContain('应为“X”');
		expect(r.problems[0]!.en).toContain('should be "X"');
	});

	it('rejects a future birth date', () => {
		const first17 = '11010520300101001';
		expect(codes(first17 + idCheckChar(first17))).toEqual(['birth_future']);
		// The same number is fine once that day has come.
		expect(codes(first17 + idCheckChar(first17), {...opts, today: '2031-01-01'})).toEqual([]);
	});

	it('rejects Feb 30 and accepts Feb 29 of a leap year only', () => {
		const feb30 = '11010519900230001';
		expect(codes(feb30 + idCheckChar(feb30))).toEqual(['birth_invalid']);
		const feb29 = '11010520000229001';
		expect(codes(feb29 + idCheckChar(feb29))).toEqual([]);
		expect(isRealDate('19000229')).toBe(false);
	});

	it('rejects an unknown region', () => {
		const first17 = '79010519491231002';
		const r = validateIdNumber(first17 + idCheckChar(first17), opts);
		expect(r.problems.map((p) => p.code)).toEqual(['region_unknown']);
		expect(r.problems[0]!['zh-CN']).toContain('790105');
	});

	it('reports several problems at once, in character order', () => {
		expect(codes('79010519900230001A')).toEqual(['characters', 'region_unknown', 'birth_invalid']);
		expect(codes('7901051990023000Z1')).toEqual(['characters', 'region_unknown', 'birth_invalid']);
	});

	it('says what is wrong with the length and characters', () => {
		expect(validateIdNumber('1101051949', opts).problems[0]).toMatchObject({code: 'length', en: expect.stringContaining('got 10')});
		expect(validateIdNumber('', opts).problems[0]!.code).toBe('empty');
		expect(validateIdNumber('11010519491231O02X', opts).problems[0]).toMatchObject({code: 'characters', 'zh-CN': expect.stringContaining('第 15 位')});
		expect(validateIdNumber('11010549123100A', opts).problems[0]!.code).toBe('characters');
	});

	it('validates HK/MO/TW residence permit numbers', () => {
		for (const region of ['810000', '820000', '830000']) {
			const first17 = `${region}19900101001`;
			expect(validateIdNumber(first17 + idCheckChar(first17), opts)).toMatchObject({ok: true, kind: 'hkmotw'});
		}
		const bad = '81010119900101001';
		expect(codes(bad + idCheckChar(bad))).toEqual(['hkmotw_region']);
	});

	it('validates 2023 foreign permanent resident numbers (first digit 9, MOD 11-2)', () => {
		const first17 = '93161619880422012';
		expect(validateIdNumber(first17 + idCheckChar(first17), opts)).toMatchObject({ok: true, kind: 'foreign2023', sex: 'female', birthDate: '1988-04-22'});
		const wrong = idCheckChar(first17) === '0' ? '1' : '0';
		expect(codes(first17 + wrong)).toEqual(['check_char']);
		const noProvince = '97761619880422012';
		expect(codes(noProvince + idCheckChar(noProvince))).toEqual(['region_unknown']);
	});

	it('skips the region check without a region list', () => {
		const first17 = '79010519491231002';
		expect(validateIdNumber(first17 + idCheckChar(first17), {today: '2026-06-01'}).ok).toBe(true);
	});

	it('takes today as a Date (local calendar day)', () => {
		const first17 = '11010520260602001';
		expect(codes(first17 + idCheckChar(first17), {today: new Date(2026, 5, 1, 23, 59)})).toEqual(['birth_future']);
		expect(codes(first17 + idCheckChar(first17), {today: new Date(2026, 5, 2, 0, 1)})).toEqual([]);
	});
});

describe('every card kind by its own rule (issue 12.8)', () => {
	const nationalities = new NationalityTable(
		(JSON.parse(readFileSync(new URL('../../../data/nationalities.json', import.meta.url), 'utf8')) as {nationalities: Nationality[]}).nationalities,
	);
	const full: ValidateIdOptions = {...opts, isKnownNationality: (c) => nationalities.isKnown(c)};
	const fullCodes = (n: string, o: Partial<ValidateIdOptions> = {}) => validateIdNumber(n, {...full, ...o}).problems.map((p) => p.code);
	const parts = (n: string, o: Partial<ValidateIdOptions> = {}) => validateIdNumber(n, {...full, ...o}).unchecked.map((u) => u.part);

	describe('2017 foreign permanent resident card: 3 letters (GB/T 2659) + 12 digits', () => {
		it('the emulator card USA310075061521 is valid, with its nationality and birth date, and says what was not checked', () => {
			const r = validateIdNumber('USA310075061521', full);
			expect(r).toMatchObject({ok: true, kind: 'foreign2017', normalized: 'USA310075061521', nationality: 'USA', birthDate: '1975-06-15', problems: []});
			expect(r.sex).toBeUndefined();
			expect(r.unchecked.map((u) => u.part)).toEqual(['place_code', 'birth_century', 'last_digits']);
			expect(r.unchecked[0]!['zh-CN']).toContain('第 4–7 位');
			expect(r.unchecked[2]!.en).toContain('no published sequence or check rule');
		});

		it('lowercase letters are normalised', () => {
			expect(validateIdNumber(' usa310075061521 ', full)).toMatchObject({ok: true, normalized: 'USA310075061521'});
		});

		it('with the card at hand the birth date must agree, and the card gives the century', () => {
			expect(validateIdNumber('USA310075061521', {...full, cardBirthDate: '1975-06-15'})).toMatchObject({ok: true, birthDate: '1975-06-15'});
			expect(parts('USA310075061521', {cardBirthDate: '19750615'})).toEqual(['place_code', 'last_digits']);
			const mismatch = validateIdNumber('USA310075061521', {...full, cardBirthDate: '1975-06-16'});
			expect(mismatch.ok).toBe(false);
			expect(mismatch.problems).toEqual([expect.objectContaining({code: 'birth_mismatch', 'zh-CN': expect.stringContaining('1975-06-16')})]);
			// A centenarian: only the card can tell 1925 from 2025.
			expect(validateIdNumber('USA310025061521', {...full, cardBirthDate: '1925-06-15'}).birthDate).toBe('1925-06-15');
			expect(validateIdNumber('USA310025061521', {...full, today: '2026-06-01'}).birthDate).toBe('2025-06-15');
			expect(fullCodes('USA310030061521', {cardBirthDate: '2030-06-15'})).toEqual(['birth_future']);
		});

		it.each([
			['USA31007506152', 'length', '实际为 14 位'],
			['USA3100750615211', 'length', '实际为 16 位'],
			['USA3100750615A1', 'characters', '第 14 位'],
			['US1310075061521', 'characters', '第 3 位'],
			['XYZ310075061521', 'nationality_unknown', '“XYZ”'],
			['CHN310075061521', 'nationality_unknown', '“CHN”'],
			['USA310075139921', 'birth_invalid', '75-13-99'],
			['USA310001022921', 'birth_invalid', '01-02-29'],
		])('%s → %s', (number, code, zh) => {
			const r = validateIdNumber(number, full);
			expect(r.ok).toBe(false);
			expect(r.problems.map((p) => p.code)).toEqual([code]);
			expect(r.problems[0]!['zh-CN']).toContain(zh);
			expect(r.problems[0]!['zh-CN']).not.toMatch(/[A-Za-z]{4,}/);
			expect(r.problems[0]!.en).not.toMatch(/[\u4e00-\u9fff]/);
			// Never the whole number in a message: it is personal data.
			expect(`${r.problems[0]!['zh-CN']} ${r.problems[0]!.en}`).not.toContain(number);
		});

		it('a 2-digit year 00 with Feb 29 is 2000 (a leap year), never 1900', () => {
			expect(validateIdNumber('USA310000022921', full)).toMatchObject({ok: true, birthDate: '2000-02-29'});
		});

		it('without a nationality table the letters are not checked, and the result says so', () => {
			const r = validateIdNumber('XYZ310075061521', opts);
			expect(r.ok).toBe(true);
			expect(r.unchecked.map((u) => u.part)).toContain('nationality');
		});

		it('a legacy 15-digit citizen number is still told apart: all digits', () => {
			expect(validateIdNumber('110105491231002', full)).toMatchObject({ok: true, kind: 'resident', upgradedFrom15: true});
			expect(validateIdNumber('11010549123100A', full).problems[0]).toMatchObject({code: 'characters', 'zh-CN': expect.stringContaining('15 位旧号码应全为数字')});
		});
	});

	describe('2023 foreign permanent resident card: 9 + province + numeric nationality, MOD 11-2', () => {
		const first17 = '93161619880422012';
		const valid = first17 + idCheckChar(first17);

		it('keeps validating under its own name, nationality 616 (Poland) included', () => {
			expect(validateIdNumber(valid, full)).toMatchObject({ok: true, kind: 'foreign2023', nationality: '616', regionCode: '310000', birthDate: '1988-04-22', sex: 'female', unchecked: []});
		});

		it('an unknown numeric nationality, a wrong check character, a birth date the card contradicts', () => {
			const noCountry = '93199919880422012';
			expect(fullCodes(noCountry + idCheckChar(noCountry))).toEqual(['nationality_unknown']);
			expect(fullCodes(first17 + (idCheckChar(first17) === '0' ? '1' : '0'))).toEqual(['check_char']);
			expect(fullCodes(valid, {cardBirthDate: '1988-04-23'})).toEqual(['birth_mismatch']);
		});
	});

	describe('HK/MO/TW residence permits keep their own name', () => {
		it.each(['810000', '820000', '830000'])('%s', (region) => {
			const n = `${region}19920214004`;
			expect(validateIdNumber(n + idCheckChar(n), {...full, cardBirthDate: '1992-02-14'})).toMatchObject({ok: true, kind: 'hkmotw', regionCode: region});
		});
	});

	it('a citizen number checked without a region table says the region was not checked', () => {
		expect(parts('11010519491231002X', {isKnownRegion: undefined})).toEqual(['region']);
		expect(parts('11010519491231002X')).toEqual([]);
	});
});

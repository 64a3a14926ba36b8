/**
 * The numbers on every card the reader reads, each checked by its own rule:
 *
 * Citizen ID numbers (GB 11643-1999) and the numbers that share their shape: HK/MO/TW residence
 * permits (region 810000 / 820000 / 830000) and 2023 foreign permanent resident cards (first
 * digit 9, NIA 新版外国人永久居留身份证机读信息规则, 2023: "号码首位设置为9 … 最后一位采用
 * MOD11-2 算法设置为校验码"). 18 characters:
 *   1–6   region code (GB/T 2260) — for 2023 foreign cards: '9', province (2), nationality (3,
 *         the numeric GB/T 2659 code the letters of the 2017 number "转为数字代码")
 *   7–14  birth date YYYYMMDD
 *   15–17 sequence; the 17th digit is odd for men, even for women
 *   18    check character, ISO 7064 MOD 11-2
 * Legacy 15-digit citizen numbers (GB 11643-1989): YYMMDD birth date, no check character.
 *
 * 2017 foreign permanent resident cards: 15 characters, "3 位拉丁字母 + 12 位数字", the letters
 * standing for the country (same NIA text). What the 12 digits are is not in any NIA text we
 * could find; public validators read them as a 4-digit place code (受理地), the birth date
 * YYMMDD (digits 8–13) and 2 more digits (sequence / check). So we check what is published (the
 * shape, a GB/T 2659 alpha-3 nationality) and the birth date, which the card also prints (when
 * the card is at hand the two must agree, and it gives the century); the place code and the last
 * two digits are not checked, and the result says so (`unchecked`). One public implementation
 * computes an ICAO 9303 7-3-1 check digit over the first 14 characters, but without a published
 * rule we do not reject a number for it.
 *
 * Validation reports every specific problem it finds (in zh-CN and en), not just "invalid".
 * Pure: the region and nationality lists and "today" are handed in.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for S mod 11 = 0..10. */
const ID_CHECK_CHARS = '10X98765432';

export const HKMOTW_REGIONS: Readonly<Record<string, {'zh-CN': string; en: string}>> = {
	'810000': {'zh-CN': '香港', en: 'Hong Kong'},
	'820000': {'zh-CN': '澳门', en: 'Macao'},
	'830000': {'zh-CN': '台湾', en: 'Taiwan'},
};

export type IdNumberKind = 'resident' | 'hkmotw' | 'foreign2017' | 'foreign2023';

type IdProblemCode =
	| 'empty'
	| 'length'
	| 'characters'
	| 'check_char'
	| 'region_unknown'
	| 'region_retired'
	| 'hkmotw_region'
	| 'birth_invalid'
	| 'birth_future'
	| 'birth_mismatch'
	| 'nationality_unknown';

interface IdProblem {
	code: IdProblemCode;
	/** Warnings do not make the number invalid (e.g. a region code retired since issue). */
	severity: 'error' | 'warning';
	'zh-CN': string;
	en: string;
}

/** A part of the number that was not checked, and why (shown with the result). */
interface IdUnchecked {
	part: 'nationality' | 'region' | 'place_code' | 'last_digits' | 'birth_century';
	'zh-CN': string;
	en: string;
}

export interface IdNumberResult {
	ok: boolean;
	input: string;
	/** Upper-case; 18 characters for the GB 11643 shapes (a 15-digit number upgraded), 15 for a 2017 foreign card. */
	normalized?: string;
	kind?: IdNumberKind;
	upgradedFrom15?: boolean;
	regionCode?: string;
	/** Foreign cards: the nationality code (alpha-3 letters for 2017, numeric digits for 2023). */
	nationality?: string;
	/** YYYY-MM-DD, when the date is real. */
	birthDate?: string;
	sex?: 'male' | 'female';
	/** Errors and warnings, in the order the characters appear. */
	problems: IdProblem[];
	/** Parts not checked (no published rule, or no table handed in). Empty when all was checked. */
	unchecked: IdUnchecked[];
}

export interface ValidateIdOptions {
	/** "Today" for the not-in-the-future check: a Date (its local calendar day) or YYYY-MM-DD. */
	today: Date | string;
	/** Known GB/T 2260 codes (e.g. `table.isKnown.bind(table)` of a RegionTable). Without it the region is not checked. */
	isKnownRegion?: (code: string) => boolean;
	/** Known GB/T 2659 codes, alpha-3 or numeric (a NationalityTable's isKnown). Without it foreign nationalities are not checked. */
	isKnownNationality?: (code: string) => boolean;
	/** The birth date printed on the card (YYYY-MM-DD or YYYYMMDD), when the card is at hand: the number's must agree. */
	cardBirthDate?: string;
}

/** The check character for the first 17 digits. Throws on anything else: callers pass data they built. */
export function idCheckChar(first17: string): string {
	if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckChar needs 17 digits');
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
	return ID_CHECK_CHARS.charAt(sum % 11);
}

/** 15-digit legacy number → 18: "19" after the region code, then the check character. */
export function upgradeFrom15(number15: string): string {
	if (!/^\d{15}$/.test(number15)) throw new RangeError('upgradeFrom15 needs 15 digits');
	const first17 = `${number15.slice(0, 6)}19${number15.slice(6)}`;
	return first17 + idCheckChar(first17);
}

function problem(code: IdProblemCode, zh: string, en: string, severity: 'error' | 'warning' = 'error'): IdProblem {
	return {code, severity, 'zh-CN': zh, en};
}

function todayString(today: Date | string): string {
	if (typeof today === 'string') return today;
	const p = (n: number) => String(n).padStart(2, '0');
	return `${today.getFullYear()}-${p(today.getMonth() + 1)}-${p(today.getDate())}`;
}

/** True when YYYYMMDD is a day of the Gregorian calendar. */
export function isRealDate(yyyymmdd: string): boolean {
	if (!/^\d{8}$/.test(yyyymmdd)) return false;
	const y = Number(yyyymmdd.slice(0, 4));
	const m = Number(yyyymmdd.slice(4, 6));
	const d = Number(yyyymmdd.slice(6, 8));
	if (m < 1 || m > 12 || d < 1) return false;
	const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
	const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
	return d <= days;
}

export function validateIdNumber(raw: string, options: ValidateIdOptions): IdNumberResult {
	const input = raw;
	const trimmed = raw.trim();
	const problems: IdProblem[] = [];
	if (trimmed === '') {
		return {ok: false, input, problems: [problem('empty', '号码为空', 'the number is empty')], unchecked: []};
	}
	let text = trimmed.toUpperCase();
	// A letter first: the 2017 foreign card (no other number starts with one). Its own rule, its own messages.
	if (/^[A-Z]/.test(text)) return validateForeign2017(input, text, options);
	let upgradedFrom15 = false;
	if (text.length === 15) {
		if (!/^\d{15}$/.test(text)) {
			return {ok: false, input, problems: [charactersProblem(text, 15)], unchecked: []};
		}
		text = upgradeFrom15(text);
		upgradedFrom15 = true;
	} else if (text.length !== 18) {
		return {
			ok: false,
			input,
			problems: [problem('length', `长度应为 18 位（或旧版 15 位），实际为 ${text.length} 位`, `should be 18 characters (or a legacy 15), got ${text.length}`)],
			unchecked: [],
		};
	}

	const unchecked: IdUnchecked[] = [];
	const result: IdNumberResult = {ok: false, input, normalized: text, problems, unchecked};
	if (upgradedFrom15) result.upgradedFrom15 = true;
	const shapeOk = /^\d{17}[\dX]$/.test(text);
	if (!shapeOk) problems.push(charactersProblem(text, 18));

	// Region (first six characters) and kind.
	const region = text.slice(0, 6);
	if (/^\d{6}$/.test(region)) {
		if (region.startsWith('9')) {
			result.kind = 'foreign2023';
			const province = `${region.slice(1, 3)}0000`;
			result.regionCode = province;
			if (options.isKnownRegion && !options.isKnownRegion(province)) {
				problems.push(problem('region_unknown', `第 2–3 位省级代码“${region.slice(1, 3)}”不是已知的省级行政区`, `digits 2–3 "${region.slice(1, 3)}" are not a known province code`));
			}
			const nationality = region.slice(3, 6);
			result.nationality = nationality;
			if (!options.isKnownNationality) unchecked.push(NATIONALITY_UNCHECKED);
			else if (!options.isKnownNationality(nationality)) {
				problems.push(problem('nationality_unknown', `第 4–6 位国籍代码“${nationality}”不是已知的外国国家或地区代码（GB/T 2659）`, `digits 4–6 "${nationality}" are not a known foreign country code (GB/T 2659)`));
			}
		} else if (/^8[123]/.test(region)) {
			result.kind = 'hkmotw';
			result.regionCode = region;
			if (!HKMOTW_REGIONS[region]) {
				const expected = `${region.slice(0, 2)}0000`;
				problems.push(problem('hkmotw_region', `港澳台居民居住证号码的前 6 位应为 ${expected}，实际为 ${region}`, `an HK/MO/TW residence permit number starts with ${expected}, got ${region}`));
			}
		} else {
			result.kind = 'resident';
			result.regionCode = region;
			if (!options.isKnownRegion) unchecked.push(REGION_UNCHECKED);
			else if (!options.isKnownRegion(region)) {
				const province = `${region.slice(0, 2)}0000`;
				if (options.isKnownRegion(province)) {
					// Codes are retired when counties merge; cards issued earlier keep them for life.
					problems.push(problem('region_retired', `地址码 ${region} 不在现行区划代码表中（可能是已撤销的旧代码）`, `region code ${region} is not in the current table (possibly a retired code)`, 'warning'));
				} else {
					problems.push(problem('region_unknown', `前 6 位地址码 ${region} 不是已知的行政区划（省级代码 ${region.slice(0, 2)} 不存在）`, `region code ${region} is unknown (no province ${region.slice(0, 2)})`));
				}
			}
		}
	}

	// Birth date (characters 7–14).
	const birth = text.slice(6, 14);
	if (/^\d{8}$/.test(birth)) {
		const iso = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
		if (!isRealDate(birth)) {
			problems.push(problem('birth_invalid', `出生日期 ${iso} 不是真实的日期`, `birth date ${iso} is not a real date`));
		} else if (iso > todayString(options.today)) {
			problems.push(problem('birth_future', `出生日期 ${iso} 晚于今天`, `birth date ${iso} is in the future`));
		} else {
			result.birthDate = iso;
			const mismatch = birthMismatch(iso, options.cardBirthDate, '7–14');
			if (mismatch) problems.push(mismatch);
		}
	}

	// Sex from the 17th character.
	const sexDigit = text.charAt(16);
	if (/\d/.test(sexDigit)) result.sex = Number(sexDigit) % 2 === 1 ? 'male' : 'female';

	// Check character.
	const first17 = text.slice(0, 17);
	if (/^\d{17}$/.test(first17) && /^[\dX]$/.test(text.charAt(17))) {
		const expected = idCheckChar(first17);
		const actual = text.charAt(17);
		if (expected !== actual && !upgradedFrom15) {
			problems.push(problem('check_char', `校验码错误：第 18 位应为“${expected}”，实际为“${actual}”`, `wrong check character: position 18 should be "${expected}", found "${actual}"`));
		}
	}

	result.ok = problems.every((p) => p.severity !== 'error');
	return result;
}

const REGION_UNCHECKED: IdUnchecked = {part: 'region', 'zh-CN': '地址码是否在区划代码表（GB/T 2260）中', en: 'whether the region code is in the GB/T 2260 table'};
const NATIONALITY_UNCHECKED: IdUnchecked = {part: 'nationality', 'zh-CN': '国籍代码是否在国家和地区代码表（GB/T 2659）中', en: 'whether the nationality code is in the GB/T 2659 table'};

/** YYYY-MM-DD or YYYYMMDD → YYYY-MM-DD; undefined for anything else. */
function isoDay(value: string | undefined): string | undefined {
	const digits = value?.trim().replace(/-/g, '');
	return digits && /^\d{8}$/.test(digits) ? `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}` : undefined;
}

function birthMismatch(fromNumber: string, cardBirthDate: string | undefined, digits: string): IdProblem | undefined {
	const onCard = isoDay(cardBirthDate);
	if (!onCard || onCard === fromNumber) return undefined;
	return problem('birth_mismatch', `号码第 ${digits} 位的出生日期（${fromNumber}）与证件上的出生日期（${onCard}）不一致`, `the birth date in digits ${digits} (${fromNumber}) differs from the one on the card (${onCard})`);
}

/**
 * The 2017 foreign permanent resident card number (see the header): 3 letters (GB/T 2659
 * alpha-3 nationality) + 12 digits; the birth date YYMMDD in digits 8–13.
 */
function validateForeign2017(input: string, text: string, options: ValidateIdOptions): IdNumberResult {
	const problems: IdProblem[] = [];
	const unchecked: IdUnchecked[] = [];
	const result: IdNumberResult = {ok: false, input, kind: 'foreign2017', problems, unchecked};
	if (text.length !== 15) {
		problems.push(problem('length', `外国人永久居留身份证（2017 版）号码应为 15 位（3 位字母加 12 位数字），实际为 ${text.length} 位`, `a 2017 foreign permanent resident card number has 15 characters (3 letters and 12 digits), got ${text.length}`));
		return result;
	}
	result.normalized = text;
	const bad: number[] = [];
	for (let i = 0; i < 15; i++) if (!(i < 3 ? /[A-Z]/ : /\d/).test(text.charAt(i))) bad.push(i + 1);
	if (bad.length > 0) {
		problems.push(
			problem(
				'characters',
				`第 ${bad.join('、')} 位字符不合法：外国人永久居留身份证（2017 版）号码的第 1–3 位为字母，第 4–15 位为数字`,
				`illegal character at position ${bad.join(', ')}: a 2017 foreign permanent resident card number has letters in positions 1–3 and digits in 4–15`,
			),
		);
		return result;
	}
	const nationality = text.slice(0, 3);
	result.nationality = nationality;
	if (!options.isKnownNationality) unchecked.push(NATIONALITY_UNCHECKED);
	else if (!options.isKnownNationality(nationality)) {
		problems.push(problem('nationality_unknown', `第 1–3 位国籍代码“${nationality}”不是已知的外国国家或地区代码（GB/T 2659）`, `letters 1–3 "${nationality}" are not a known foreign country code (GB/T 2659)`));
	}
	unchecked.push({part: 'place_code', 'zh-CN': '第 4–7 位（受理地代码）：未见公开的编码规则', en: 'digits 4–7 (place code): no published coding rule'});

	// Birth date YYMMDD: the card's own date gives the century; without it, the latest century
	// that puts the date in the past (a 2-digit year cannot tell 1925 from 2025).
	const yymmdd = text.slice(7, 13);
	const today = todayString(options.today);
	const onCard = isoDay(options.cardBirthDate);
	const candidates = ['20', '19'].map((c) => c + yymmdd).filter(isRealDate).map((d) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`);
	const shown = `${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
	if (candidates.length === 0) {
		problems.push(problem('birth_invalid', `第 8–13 位的出生日期（${shown}）不是真实的日期`, `the birth date in digits 8–13 (${shown}) is not a real date`));
	} else if (onCard) {
		if (onCard.replace(/-/g, '').slice(2) !== yymmdd) {
			problems.push(problem('birth_mismatch', `号码第 8–13 位的出生日期（${shown}）与证件上的出生日期（${onCard}）不一致`, `the birth date in digits 8–13 (${shown}) differs from the one on the card (${onCard})`));
		} else if (onCard > today) {
			problems.push(problem('birth_future', `出生日期 ${onCard} 晚于今天`, `birth date ${onCard} is in the future`));
		} else result.birthDate = onCard;
	} else {
		const past = candidates.find((d) => d <= today);
		if (past) {
			result.birthDate = past;
			unchecked.push({part: 'birth_century', 'zh-CN': `出生年份的前两位（号码只含两位年份，推断为 ${past.slice(0, 2)}，未与证件核对）`, en: `the century of the birth year (the number has a 2-digit year; inferred as ${past.slice(0, 2)}, not compared with the card)`});
		} else problems.push(problem('birth_future', `出生日期 ${candidates[0]} 晚于今天`, `birth date ${candidates[0]} is in the future`));
	}
	unchecked.push({part: 'last_digits', 'zh-CN': '第 14–15 位：未见公开的顺序码和校验规则', en: 'digits 14–15: no published sequence or check rule'});
	result.ok = problems.every((p) => p.severity !== 'error');
	return result;
}

function charactersProblem(text: string, length: 15 | 18): IdProblem {
	const bad: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const c = text.charAt(i);
		const allowed = /\d/.test(c) || (length === 18 && i === 17 && c === 'X');
		if (!allowed) bad.push(i + 1);
	}
	const rule = length === 18 ? '前 17 位应为数字，第 18 位为数字或 X' : '15 位旧号码应全为数字';
	const ruleEn = length === 18 ? 'the first 17 must be digits and the 18th a digit or X' : 'a legacy 15-character number is all digits';
	return problem('characters', `第 ${bad.join('、')} 位字符不合法：${rule}`, `illegal character at position ${bad.join(', ')}: ${ruleEn}`);
}

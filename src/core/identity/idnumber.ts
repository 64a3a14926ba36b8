/**
 * Citizen ID numbers (GB 11643-1999) and the numbers that share their shape: HK/MO/TW residence
 * permits (region 810000 / 820000 / 830000) and 2023 foreign permanent resident cards (first
 * digit 9). 18 characters:
 *   1–6   region code (GB/T 2260) — for 2023 foreign cards: '9', province (2), nationality (3)
 *   7–14  birth date YYYYMMDD
 *   15–17 sequence; the 17th digit is odd for men, even for women
 *   18    check character, ISO 7064 MOD 11-2
 * Validation reports every specific problem it finds (in zh-CN and en), not just "invalid".
 * Pure: the region list and "today" are handed in.
 */

export const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for S mod 11 = 0..10. */
export const ID_CHECK_CHARS = '10X98765432';

export const HKMOTW_REGIONS: Readonly<Record<string, {'zh-CN': string; en: string}>> = {
	'810000': {'zh-CN': '香港', en: 'Hong Kong'},
	'820000': {'zh-CN': '澳门', en: 'Macao'},
	'830000': {'zh-CN': '台湾', en: 'Taiwan'},
};

export type IdNumberKind = 'resident' | 'hkmotw' | 'foreign2023';

export type IdProblemCode =
	| 'empty'
	| 'length'
	| 'characters'
	| 'check_char'
	| 'region_unknown'
	| 'region_retired'
	| 'hkmotw_region'
	| 'birth_invalid'
	| 'birth_future';

export interface IdProblem {
	code: IdProblemCode;
	/** Warnings do not make the number invalid (e.g. a region code retired since issue). */
	severity: 'error' | 'warning';
	'zh-CN': string;
	en: string;
}

export interface IdNumberResult {
	ok: boolean;
	input: string;
	/** Upper-case, 18 characters (a 15-digit number upgraded), when the shape allows it. */
	normalized?: string;
	kind?: IdNumberKind;
	upgradedFrom15?: boolean;
	regionCode?: string;
	/** YYYY-MM-DD, when the date is real. */
	birthDate?: string;
	sex?: 'male' | 'female';
	/** Errors and warnings, in the order the characters appear. */
	problems: IdProblem[];
}

export interface ValidateIdOptions {
	/** "Today" for the not-in-the-future check: a Date (its local calendar day) or YYYY-MM-DD. */
	today: Date | string;
	/** Known GB/T 2260 codes (e.g. `table.isKnown.bind(table)` of a RegionTable). Without it the region is not checked. */
	isKnownRegion?: (code: string) => boolean;
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
		return {ok: false, input, problems: [problem('empty', '号码为空', 'the number is empty')]};
	}
	let text = trimmed.toUpperCase();
	let upgradedFrom15 = false;
	if (text.length === 15) {
		if (!/^\d{15}$/.test(text)) {
			return {ok: false, input, problems: [charactersProblem(text, 15)]};
		}
		text = upgradeFrom15(text);
		upgradedFrom15 = true;
	} else if (text.length !== 18) {
		return {
			ok: false,
			input,
			problems: [problem('length', `长度应为 18 位（或旧版 15 位），实际为 ${text.length} 位`, `should be 18 characters (or a legacy 15), got ${text.length}`)],
		};
	}

	const result: IdNumberResult = {ok: false, input, normalized: text, problems};
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
			if (options.isKnownRegion && !options.isKnownRegion(region)) {
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

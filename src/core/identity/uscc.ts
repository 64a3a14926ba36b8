/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters.
 *   1     登记管理部门码 (registration department, e.g. '1' 机构编制)
 *   2     机构类别码 (organisation type, e.g. '1' 机关)
 *   3–8   登记管理机关行政区划码 (GB/T 2260 region of the registrar)
 *   9–17  主体标识码 (organisation body code)
 *   18    校验码 (check character, MOD 31 over the first 17)
 * Pure functions only: the catalog data and its consistency check both rely on them.
 */
import type {Bilingual} from '../lang.js';

/** The 31 characters of the code, in value order (I, O, S, V, Z are left out). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Position weights for the first 17 characters (3^i mod 31). */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const USCC_LENGTH = 18;

export type UsccValidation = {ok: true} | {ok: false; reason: Bilingual};

function valueOf(char: string): number {
	return USCC_ALPHABET.indexOf(char);
}

/**
 * The check character for the first 17 characters of a code.
 * Throws when the input is not 17 characters of the alphabet: callers pass data they built.
 */
export function usccCheckChar(first17: string): string {
	if (first17.length !== USCC_LENGTH - 1) {
		throw new RangeError(`usccCheckChar needs 17 characters, got ${first17.length}`);
	}
	let sum = 0;
	for (let i = 0; i < first17.length; i++) {
		const value = valueOf(first17.charAt(i));
		if (value < 0) {
			throw new RangeError(`usccCheckChar: illegal character '${first17.charAt(i)}' at position ${i + 1}`);
		}
		sum += value * (USCC_WEIGHTS[i] ?? 0);
	}
	const check = (31 - (sum % 31)) % 31;
	return USCC_ALPHABET.charAt(check);
}

/** Validates length, alphabet and the check character. Reasons are for counter staff (Chinese). */
export function validateUscc(code: string): UsccValidation {
	if (code.length !== USCC_LENGTH) {
		return {ok: false, reason: {'zh-CN': `统一社会信用代码应为 18 位，实际为 ${code.length} 位`, en: `a USCC has 18 characters, this one ${code.length}`}};
	}
	for (let i = 0; i < code.length; i++) {
		if (valueOf(code.charAt(i)) < 0) {
			return {ok: false, reason: {'zh-CN': `第 ${i + 1} 位字符“${code.charAt(i)}”不是合法字符`, en: `character ${i + 1} ("${code.charAt(i)}") is not allowed`}};
		}
	}
	const expected = usccCheckChar(code.slice(0, USCC_LENGTH - 1));
	const actual = code.charAt(USCC_LENGTH - 1);
	if (expected !== actual) {
		return {ok: false, reason: {'zh-CN': `校验码错误：应为“${expected}”，实际为“${actual}”`, en: `wrong check character: "${expected}" expected, "${actual}" found`}};
	}
	return {ok: true};
}

/** 登记管理机关行政区划码 (characters 3–8). No validation. */
export function usccRegionCode(code: string): string {
	return code.slice(2, 8);
}

export interface UsccParts {
	/** 登记管理部门码, one character, e.g. '1' 机构编制. */
	registrationDept: string;
	/** 机构类别码, one character, e.g. '1' 机关. */
	orgType: string;
	/** 6-digit GB/T 2260 region code of the registrar. */
	regionCode: string;
	/** 主体标识码, 9 characters of the alphabet. */
	body: string;
}

/** Builds a valid code from its parts (for synthetic demo data); throws on malformed parts. */
export function makeUscc(parts: UsccParts): string {
	const {registrationDept, orgType, regionCode, body} = parts;
	if (registrationDept.length !== 1 || orgType.length !== 1) {
		throw new RangeError('makeUscc: registrationDept and orgType are one character each');
	}
	if (!/^\d{6}$/.test(regionCode)) {
		throw new RangeError(`makeUscc: region code must be 6 digits, got '${regionCode}'`);
	}
	if (body.length !== 9) {
		throw new RangeError(`makeUscc: body must be 9 characters, got '${body}'`);
	}
	const first17 = `${registrationDept}${orgType}${regionCode}${body}`;
	return first17 + usccCheckChar(first17);
}

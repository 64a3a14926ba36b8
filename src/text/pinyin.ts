/**
 * The pinyin adapter: converts a SHORT field (a name, alias, keyword, region name or department
 * name piece) to toneless pinyin, one syllable per code point, for the search index.
 *
 * pinyin-pro chooses polyphone readings from context, which is right for most words but can go
 * wrong when words run together ("银行长期" reads as "…hang zhang qi" because it segments 行长).
 * Two defences: callers convert short fields separately (never whole sentences), and a small
 * table of domain words fixes the readings that matter at a government-service counter. The fix
 * is applied after conversion, at each place the word occurs, instead of through pinyin-pro's
 * global `customPinyin`, so it cannot leak into other users of the library in this process.
 */
import {pinyin} from 'pinyin-pro';
import type {PinyinFn} from '../core/catalog/search/types.js';

/** Domain words whose polyphonic characters must read this way (toneless, ü written v). */
const DOMAIN_READINGS: Readonly<Record<string, readonly string[]>> = {
	重庆: ['chong', 'qing'],
	厦门: ['xia', 'men'],
	长沙: ['chang', 'sha'],
	长春: ['chang', 'chun'],
	长治: ['chang', 'zhi'],
	银行: ['yin', 'hang'],
	参保: ['can', 'bao'],
	参加: ['can', 'jia'],
	西藏: ['xi', 'zang'],
	行政: ['xing', 'zheng'],
	调动: ['diao', 'dong'],
	调转: ['diao', 'zhuan'],
	还清: ['huan', 'qing'],
	还款: ['huan', 'kuan'],
	还贷: ['huan', 'dai'],
	单位: ['dan', 'wei'],
	会计: ['kuai', 'ji'],
	长期: ['chang', 'qi'],
	重新: ['chong', 'xin'],
	重置: ['chong', 'zhi'],
	补缴: ['bu', 'jiao'],
	缴费: ['jiao', 'fei'],
	提取: ['ti', 'qu'],
	藏族: ['zang', 'zu'],
	六安: ['lu', 'an'],
	蚌埠: ['beng', 'bu'],
	番禺: ['pan', 'yu'],
	东莞: ['dong', 'guan'],
	乐山: ['le', 'shan'],
	大理: ['da', 'li'],
	行驶证: ['xing', 'shi', 'zheng'],
};

/** Longest words first, so a longer fix wins over a shorter one at the same place. */
const READING_WORDS = Object.keys(DOMAIN_READINGS).sort((a, b) => b.length - a.length);

function applyDomainReadings(text: string, syllables: string[]): string[] {
	const chars = [...text];
	const fixed = [...syllables];
	const done = new Uint8Array(chars.length);
	for (const word of READING_WORDS) {
		const wordChars = [...word];
		const readings = DOMAIN_READINGS[word]!;
		for (let at = 0; at + wordChars.length <= chars.length; at++) {
			if (done[at]) continue;
			let same = true;
			for (let k = 0; k < wordChars.length && same; k++) same = chars[at + k] === wordChars[k] && !done[at + k];
			if (!same) continue;
			for (let k = 0; k < wordChars.length; k++) {
				fixed[at + k] = readings[k]!;
				done[at + k] = 1;
			}
		}
	}
	return fixed;
}

/**
 * Converts one short text. Each code point gets one entry: its lowercase toneless syllable when
 * Chinese, itself (lowercased) otherwise.
 */
export const toPinyin: PinyinFn = (text) => {
	if (text.length === 0) return [];
	const chars = [...text];
	let syllables = pinyin(text, {toneType: 'none', type: 'array', v: true});
	// pinyin-pro returns one entry per code point today; guard the alignment anyway.
	if (syllables.length !== chars.length) {
		syllables = chars.map((ch) => pinyin(ch, {toneType: 'none', type: 'array', v: true})[0] ?? ch);
	}
	return applyDomainReadings(
		text,
		syllables.map((syllable) => syllable.toLowerCase().replaceAll('ü', 'v')),
	);
};

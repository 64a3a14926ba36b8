/**
 * Masking of personal data for screens and logs: ID numbers keep the region code (first 6) and
 * the last 4 — enough for an operator to match a card, not enough to reuse the number; names
 * keep the surname (compound surnames whole) and hide the given name.
 */

/** Two-character surnames, so 欧阳娜娜 masks as 欧阳** and not 欧***. */
const COMPOUND_SURNAMES = new Set([
	'欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐',
	'端木', '独孤', '南宫', '西门', '轩辕', '呼延', '澹台', '公冶', '太史', '申屠', '赫连', '拓跋', '万俟', '闻人',
	'钟离', '宗政', '濮阳', '淳于', '单于', '仲孙', '百里', '东郭', '鲜于', '完颜', '左丘', '第五', '司空', '羊舌',
]);

/** 11010519491231002X → 110105********002X. Short values keep less. */
export function maskIdNumber(value: string): string {
	const chars = [...value.trim()];
	const n = chars.length;
	if (n >= 11) return chars.slice(0, 6).join('') + '*'.repeat(n - 10) + chars.slice(n - 4).join('');
	if (n >= 3) return chars[0]! + '*'.repeat(n - 2) + chars[n - 1]!;
	return '*'.repeat(n);
}

/** 张三 → 张*, 欧阳娜娜 → 欧阳**, 阿依古丽·买买提 → 阿***·***, JOHN SMITH → J*** S****. */
export function maskName(value: string): string {
	const name = value.trim();
	if (name === '') return '';
	if (/^[\x20-\x7e]+$/.test(name)) {
		return name.replace(/[A-Za-z][A-Za-z'-]*/g, (word) => word.charAt(0) + '*'.repeat(word.length - 1));
	}
	const chars = [...name];
	const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
	if (chars.length === 1) return '*';
	return chars.map((c, i) => (i < keep || c === '·' || c === '•' || c === ' ' ? c : '*')).join('');
}

/** Addresses keep their first 6 characters (usually province and city), e.g. 北京市朝阳区****. */
export function maskAddress(value: string): string {
	const chars = [...value.trim()];
	if (chars.length <= 6) return chars.length === 0 ? '' : `${chars.slice(0, Math.max(1, chars.length - 2)).join('')}**`;
	return `${chars.slice(0, 6).join('')}****`;
}

/**
 * The global synonym table: everyday words people type at the counter → the formal words used
 * in item names. Items' own keywords and aliases cover item-specific wording; this table covers
 * words shared by many items.
 *
 * It is applied at index time (see `expandWithSynonyms`): every item text containing a formal
 * word also gets variants with the everyday word, indexed as aliases. Expanding on the index side
 * (instead of rewriting the query) keeps each term's matches a subset of its prefix's matches,
 * which the incremental typing cache relies on, and lets pinyin and initials (`sbk`) reach the
 * everyday word too.
 */
export const GLOBAL_SYNONYMS: ReadonlyArray<{everyday: string; formal: readonly string[]}> = [
	{everyday: '医保', formal: ['医疗保险', '医疗保障']},
	{everyday: '社保卡', formal: ['社会保障卡']},
	{everyday: '社保', formal: ['社会保险']},
	{everyday: '公积金', formal: ['住房公积金']},
	{everyday: '迁户口', formal: ['户口迁移']},
	{everyday: '身份证', formal: ['居民身份证']},
	{everyday: '补办', formal: ['补领', '补换']},
	{everyday: '换证', formal: ['换领']},
	{everyday: '异地看病', formal: ['异地就医']},
	{everyday: '退休证明', formal: ['待遇资格认证']},
	{everyday: '驾照', formal: ['机动车驾驶证']},
	{everyday: '营业执照', formal: ['市场主体登记']},
	{everyday: '结婚登记', formal: ['婚姻登记']},
];

/** Upper bound of generated variants per item, so a long name cannot explode combinatorially. */
const MAX_VARIANTS = 24;

/**
 * Returns the everyday variants of the given texts (not including the texts themselves):
 * each formal word found is replaced by its everyday word, alone and combined with others.
 */
export function expandWithSynonyms(
	texts: readonly string[],
	table: ReadonlyArray<{everyday: string; formal: readonly string[]}> = GLOBAL_SYNONYMS,
): string[] {
	const seen = new Set(texts);
	let frontier = [...texts];
	const variants: string[] = [];
	for (const {everyday, formal} of table) {
		const next: string[] = [];
		for (const text of frontier) {
			for (const word of formal) {
				if (!text.includes(word)) continue;
				const variant = text.split(word).join(everyday);
				if (seen.has(variant) || variants.length >= MAX_VARIANTS) continue;
				seen.add(variant);
				variants.push(variant);
				next.push(variant);
			}
		}
		frontier = [...frontier, ...next];
	}
	return variants;
}

/**
 * The dictionary of distinct short field texts (item names, aliases, keywords, codes, region
 * names, department-name pieces) with their pinyin, a first-character inverted index and
 * back-links to the owners (items, regions, departments) that carry each text.
 *
 * Rows are many (a million implementation lists) but distinct texts are few (thousands), so all
 * string matching happens here, once per distinct text; rows only combine owner scores.
 */
import type {PinyinFn} from './types.js';
import {normalizeText} from './normalize.js';
import type {UnitText} from './matcher.js';
import {bucketKeys, initialsOf, lettersOf} from './matcher.js';
import {stableRecord} from './stable-record.js';

/** Who carries a text, and as which field. Values are stable: they are packed into links. */
export const OWNER = {item: 0, region: 1, department: 2} as const;
export type OwnerKind = (typeof OWNER)[keyof typeof OWNER];

/** Field of a link; the numbers double as the within-tier score bonus (bigger is better). */
export const FIELD_BONUS = {
	name: 7,
	basicCode: 6,
	implementationCode: 6,
	alias: 5,
	keyword: 4,
	region: 3,
	department: 2,
} as const;
export type LinkField = keyof typeof FIELD_BONUS;

export interface DictionaryText extends UnitText {
	/** The text as written in the catalog (shown in `matches`). */
	display: string;
}

/** Accumulates texts and links, then freezes into flat arrays. */
export class DictionaryBuilder {
	readonly texts: DictionaryText[] = [];
	private readonly idByKey = new Map<string, number>();
	private readonly links: number[][] = [];
	/** Distinct text → syllables; exported as the pinyin cache. */
	readonly pinyinCache = new Map<string, string[]>();

	constructor(private readonly pinyin: PinyinFn) {}

	/** Adds (or reuses) a text and links it to an owner; returns the text id. */
	add(display: string, isCode: boolean, owner: OwnerKind, ownerIndex: number, field: LinkField): number {
		const norm = normalizeText(display.trim());
		if (norm.length === 0) return -1;
		const key = (isCode ? 'c' : 't') + norm;
		let id = this.idByKey.get(key);
		if (id === undefined) {
			id = this.texts.length;
			this.idByKey.set(key, id);
			const chars = [...norm];
			const syllables = isCode ? chars : this.syllablesOf(norm, chars);
			const joined = syllables.join('');
			this.texts.push({
				display: display.trim(),
				norm,
				chars,
				syllables,
				initials: initialsOf(syllables),
				joined,
				isCode,
				letters: lettersOf(norm) | lettersOf(joined),
			});
			this.links.push([]);
		}
		this.links[id]?.push(packLink(owner, ownerIndex, field));
		return id;
	}

	private syllablesOf(norm: string, chars: string[]): string[] {
		const cached = this.pinyinCache.get(norm);
		if (cached) return cached;
		let syllables = this.pinyin(norm).map((s) => normalizeText(s));
		// The adapter promises one syllable per code point; if it ever breaks that, convert
		// character by character rather than misalign every unit after the mismatch.
		if (syllables.length !== chars.length) syllables = chars.map((ch) => normalizeText(this.pinyin(ch)[0] ?? ch));
		this.pinyinCache.set(norm, syllables);
		return syllables;
	}

	/**
	 * Flattens the links. Department links are kept apart, in both directions: a department-name
	 * piece ("医疗保障局", "四川省") is carried by thousands of departments, so a term scores the
	 * piece once and a department's score is read from its few pieces when needed, instead of
	 * being written per department on every keystroke.
	 */
	freeze(departmentCount: number): Dictionary {
		const buckets = new Map<string, number[]>();
		this.texts.forEach((text, id) => {
			for (const key of bucketKeys(text)) {
				let list = buckets.get(key);
				if (!list) buckets.set(key, (list = []));
				list.push(id);
			}
		});
		const textCount = this.texts.length;
		const linkStart = new Int32Array(textCount + 1);
		const deptLinkStart = new Int32Array(textCount + 1);
		const pieceStart = new Int32Array(departmentCount + 1);
		let total = 0;
		let deptTotal = 0;
		this.links.forEach((list, id) => {
			linkStart[id] = total;
			deptLinkStart[id] = deptTotal;
			for (const link of list) {
				if (linkOwner(link) !== OWNER.department) total++;
				else {
					deptTotal++;
					const dept = linkIndex(link);
					pieceStart[dept + 1] = pieceStart[dept + 1]! + 1;
				}
			}
		});
		linkStart[textCount] = total;
		deptLinkStart[textCount] = deptTotal;
		for (let dept = 0; dept < departmentCount; dept++) pieceStart[dept + 1] = pieceStart[dept + 1]! + pieceStart[dept]!;
		const links = new Int32Array(total);
		const deptLinks = new Int32Array(deptTotal);
		const pieces = new Int32Array(deptTotal);
		const fill = pieceStart.slice(0, departmentCount);
		let at = 0;
		let deptAt = 0;
		// Texts in id order: each department's pieces come out in ascending text id.
		this.links.forEach((list, id) => {
			for (const link of list) {
				if (linkOwner(link) !== OWNER.department) {
					links[at++] = link;
					continue;
				}
				const dept = linkIndex(link);
				deptLinks[deptAt++] = dept;
				pieces[fill[dept]!++] = id;
			}
		});
		const frozen = new Map<string, Int32Array>();
		for (const [key, list] of buckets) frozen.set(key, Int32Array.from(list));
		return stableRecord({texts: this.texts, buckets: frozen, linkStart, links, deptLinkStart, deptLinks, pieceStart, pieces});
	}
}

export interface Dictionary {
	texts: readonly DictionaryText[];
	/** First-character inverted index: text ids in ascending order. */
	buckets: ReadonlyMap<string, Int32Array>;
	/** Back-links of text `id` to items and regions are links[linkStart[id] .. linkStart[id+1]). */
	linkStart: Int32Array;
	links: Int32Array;
	/** Departments whose name has text `id` as a piece: deptLinks[deptLinkStart[id] .. deptLinkStart[id+1]). */
	deptLinkStart: Int32Array;
	deptLinks: Int32Array;
	/** Name pieces (text ids, ascending) of department d: pieces[pieceStart[d] .. pieceStart[d+1]). */
	pieceStart: Int32Array;
	pieces: Int32Array;
}

const FIELD_CODES: readonly LinkField[] = [
	'name',
	'basicCode',
	'implementationCode',
	'alias',
	'keyword',
	'region',
	'department',
];

/** Packs owner kind (2 bits), field (3 bits) and owner index (the rest) into one int. */
function packLink(owner: OwnerKind, ownerIndex: number, field: LinkField): number {
	return (ownerIndex << 5) | (FIELD_CODES.indexOf(field) << 2) | owner;
}

export function linkOwner(link: number): OwnerKind {
	return (link & 3) as OwnerKind;
}
export function linkIndex(link: number): number {
	return link >>> 5;
}

const BONUS_BY_CODE: readonly number[] = FIELD_CODES.map((field) => FIELD_BONUS[field]);

/** The within-tier bonus of a link's field (FIELD_BONUS), without going through the field name. */
export function linkBonus(link: number): number {
	return BONUS_BY_CODE[(link >> 2) & 7] ?? 0;
}

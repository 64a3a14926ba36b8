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
import {bucketKeys} from './matcher.js';

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
			this.texts.push({display: display.trim(), norm, chars, syllables: isCode ? chars : this.syllablesOf(norm, chars), isCode});
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

	freeze(): Dictionary {
		const buckets = new Map<string, number[]>();
		this.texts.forEach((text, id) => {
			for (const key of bucketKeys(text)) {
				let list = buckets.get(key);
				if (!list) buckets.set(key, (list = []));
				list.push(id);
			}
		});
		const linkStart = new Int32Array(this.texts.length + 1);
		let total = 0;
		this.links.forEach((list, id) => {
			linkStart[id] = total;
			total += list.length;
		});
		linkStart[this.texts.length] = total;
		const links = new Int32Array(total);
		let at = 0;
		for (const list of this.links) for (const link of list) links[at++] = link;
		const frozen = new Map<string, Int32Array>();
		for (const [key, list] of buckets) frozen.set(key, Int32Array.from(list));
		return {texts: this.texts, buckets: frozen, linkStart, links};
	}
}

export interface Dictionary {
	texts: readonly DictionaryText[];
	/** First-character inverted index: text ids in ascending order. */
	buckets: ReadonlyMap<string, Int32Array>;
	/** Back-links of text `id` are links[linkStart[id] .. linkStart[id+1]). */
	linkStart: Int32Array;
	links: Int32Array;
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
export function linkField(link: number): LinkField {
	return FIELD_CODES[(link >> 2) & 7] ?? 'name';
}
export function linkIndex(link: number): number {
	return link >>> 5;
}

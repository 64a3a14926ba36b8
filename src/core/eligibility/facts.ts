/**
 * Where a rule's facts come from, and the facts the counter knows itself: the card (computed from
 * the ID number and the card's printed dates via the identity module), the context (today, the
 * counter's region, the implementing region) and the answers to the item's questions.
 */
import {cardValidity, LONG_TERM} from '../identity/card.js';
import {validateIdNumber} from '../identity/idnumber.js';
import {ageOn} from './dates.js';
import type {FactMap, FactSource, FactValue, Text} from './model.js';

/** The card as the counter has it: at least the number; the dates when the card was read. */
export interface CardInput {
	idNumber: string;
	/** YYYY-MM-DD (or YYYYMMDD), printed on the card: the number's birth date must agree (and gives a 2017 foreign number its century). */
	birthDate?: string;
	/** YYYY-MM-DD (or YYYYMMDD). */
	validFrom?: string;
	/** YYYY-MM-DD (or YYYYMMDD), or "long-term" / "长期". */
	validUntil?: string;
}

/** Facts computed from the card, with their labels (for "missing: …" explanations). */
export const CARD_FACTS: Readonly<Record<string, Text>> = {
	'card.idValid': {'zh-CN': '证件号码是否有效', en: 'whether the ID number is valid'},
	'card.kind': {'zh-CN': '证件种类', en: 'document kind'},
	'card.age': {'zh-CN': '年龄（周岁）', en: 'age (completed years)'},
	'card.sex': {'zh-CN': '性别', en: 'sex'},
	'card.homeProvince': {'zh-CN': '证件号码所属省份', en: 'province of the ID number'},
	'card.homeRegion': {'zh-CN': '证件号码地址码', en: 'region code of the ID number'},
	'card.validUntil': {'zh-CN': '证件有效期截止日（请读卡或输入 --valid-until）', en: 'card expiry date (read the card or give --valid-until)'},
	'card.longTerm': {'zh-CN': '证件是否长期有效（请读卡或输入 --valid-until）', en: 'whether the card has no expiry (read the card or give --valid-until)'},
	'card.expired': {'zh-CN': '证件是否已过期（请读卡或输入 --valid-until）', en: 'whether the card has expired (read the card or give --valid-until)'},
	'card.validity': {'zh-CN': '证件有效状态（请读卡或输入 --valid-until）', en: 'card validity (read the card or give --valid-until)'},
};

export const CONTEXT_FACTS: Readonly<Record<string, Text>> = {
	today: {'zh-CN': '办理日期', en: 'the day of handling'},
	'counter.province': {'zh-CN': '受理网点所在省份（--region）', en: "the counter's province (--region)"},
	'counter.region': {'zh-CN': '受理网点所在地区（--region）', en: "the counter's region (--region)"},
	'item.province': {'zh-CN': '事项实施地省份（请选择办理地的实施清单或 --item-region）', en: 'the implementing province (choose an implementation or give --item-region)'},
	'item.region': {'zh-CN': '事项实施地区（请选择办理地的实施清单或 --item-region）', en: 'the implementing region (choose an implementation or give --item-region)'},
};

export function sourceOf(name: string): FactSource {
	if (name.startsWith('card.')) return 'card';
	if (name.startsWith('answer.')) return 'answer';
	if (name.startsWith('params.')) return 'params';
	if (name in CONTEXT_FACTS) return 'context';
	return 'hub';
}

export interface CardFactsOptions {
	isKnownRegion?: (code: string) => boolean;
	isKnownNationality?: (code: string) => boolean;
}

export function cardFacts(card: CardInput, today: string, options: CardFactsOptions = {}): FactMap {
	const id = validateIdNumber(card.idNumber, {
		today,
		...(options.isKnownRegion ? {isKnownRegion: options.isKnownRegion} : {}),
		...(options.isKnownNationality ? {isKnownNationality: options.isKnownNationality} : {}),
		...(card.birthDate ? {cardBirthDate: card.birthDate} : {}),
	});
	const facts: FactMap = {'card.idValid': id.ok, 'card.kind': id.kind ?? null};
	if (id.ok) {
		facts['card.age'] = id.birthDate ? ageOn(id.birthDate, today) : null;
		facts['card.sex'] = id.sex ?? null;
		// The ID number's region is where the number was first issued: usually, not always, the
		// 户籍 province today (rules that rely on it say so and carry medium confidence).
		facts['card.homeRegion'] = id.kind === 'resident' ? (id.regionCode ?? null) : null;
		facts['card.homeProvince'] = id.kind === 'resident' && id.regionCode ? id.regionCode.slice(0, 2) : null;
	}
	if (card.validUntil !== undefined) {
		const longTerm = card.validUntil === LONG_TERM || card.validUntil === '长期';
		const validity = cardValidity({validFrom: card.validFrom ?? '1900-01-01', validUntil: card.validUntil}, today);
		if (validity.status !== 'unknown') {
			facts['card.longTerm'] = longTerm;
			facts['card.validUntil'] = longTerm ? LONG_TERM : normalizeDay(card.validUntil);
			facts['card.expired'] = validity.status === 'expired';
			facts['card.validity'] = validity.status;
		}
	}
	return facts;
}

function normalizeDay(value: string): string {
	return /^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : value;
}

export interface ContextInput {
	today: string;
	/** The counter's region (6 digits) or province (2 digits). */
	counterRegion?: string;
	/** The implementing body's region (6 digits) or province (2 digits). */
	itemRegion?: string;
}

export function contextFacts(input: ContextInput): FactMap {
	return {
		today: input.today,
		'counter.region': input.counterRegion ?? null,
		'counter.province': input.counterRegion ? input.counterRegion.slice(0, 2) : null,
		'item.region': input.itemRegion ?? null,
		'item.province': input.itemRegion ? input.itemRegion.slice(0, 2) : null,
	};
}

/**
 * Flat names ("pension.recipient") → the nested object json-logic's var walks. Unknown facts are
 * left out (the three-valued walker never hands a leaf that reads them to json-logic).
 */
export function toLogicData(facts: FactMap): Record<string, unknown> {
	const root: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(facts)) {
		if (value === null || value === undefined) continue;
		const parts = name.split('.');
		let node = root;
		for (const part of parts.slice(0, -1)) {
			const next = node[part];
			if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
			node = node[part] as Record<string, unknown>;
		}
		node[parts[parts.length - 1]!] = value;
	}
	return root;
}

export function isKnownValue(value: FactValue | null | undefined): value is FactValue {
	return value !== null && value !== undefined;
}

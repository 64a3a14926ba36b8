/**
 * The standardised service catalog: items (事项) and their implementation lists (实施清单).
 * Field choices follow GB/T 39046-2020 table 4, reduced to what a counter needs
 * (see docs/catalog.md#fields-of-an-implementation-list). Pure types and small pure helpers only.
 */
import type {Region} from '../identity/regions.js';

/** 事项类型 (n2), GB/T 39046 appendix A. */
export const ITEM_TYPES = {
	'01': '行政许可',
	'02': '行政处罚',
	'03': '行政强制',
	'04': '行政征收',
	'05': '行政给付',
	'06': '行政检查',
	'07': '行政确认',
	'08': '行政奖励',
	'09': '行政裁决',
	'10': '其他行政权力',
	'20': '公共服务',
} as const;
export type ItemType = keyof typeof ITEM_TYPES;

export type Level = 1 | 2 | 3 | 4 | 5 | 6;

/** Cross-province handling modes (跨省通办 三种模式). */
export const HANDLING_MODES = ['online', 'proxy', 'joint'] as const;
export type HandlingMode = (typeof HANDLING_MODES)[number];
export const HANDLING_MODE_NAMES: Record<HandlingMode, string> = {
	online: '全程网办',
	proxy: '异地代收代办',
	joint: '多地联办',
};

/** 办理形式: 1 window, 2 web, 3 mobile, 4 post, 9 other. */
type HandlingForm = 1 | 2 | 3 | 4 | 9;
/** 办件类型: 1 即办件, 2 承诺件. */
type CaseKind = 1 | 2;
/** 服务对象: 1 自然人 … 6 其他组织. */
type ServiceObject = 1 | 2 | 3 | 4 | 5 | 6;
/** 通办范围. */
type CrossScope = '全国' | '跨省' | '跨市' | '跨县';

type TimeUnit = 'working_day' | 'natural_day';
export interface TimeLimit {
	value: number;
	unit: TimeUnit;
}

interface Fee {
	charged: boolean;
	/** Legal basis for the fee, when charged. */
	basis?: string;
	/** Amount in yuan (元), when charged. */
	amountYuan?: number;
}

export interface Material {
	/** Stable code within its implementation list, e.g. "M01". */
	code: string;
	name: string;
	/** Issuing body (来源渠道), e.g. "申请人自备", "公安机关". */
	source: string;
	required: boolean;
	originals: number;
	copies: number;
	/** Paper format / pages, e.g. "A4 纸质 1 页". */
	format: string;
	notes?: string;
	/**
	 * The 授权委托书 (power of attorney) of an item an agent may handle: optional when the applicant
	 * comes in person, required when an agent acts (docs/people.md#agents-委托代办). At most one per list,
	 * and only in a list with `agentAllowed`.
	 */
	forAgent?: boolean;
}

interface Faq {
	q: string;
	a: string;
}

/** A national item, identified by its 12-char basic code (基本编码). */
export interface ServiceItem {
	basicCode: string;
	name: string;
	type: ItemType;
	/** Lead department nationally, e.g. "人力资源社会保障部". */
	leadDepartment: string;
	modes: HandlingMode[];
	serviceObjects: ServiceObject[];
	scope: CrossScope;
	/** Everyday words people type: 社保转移, 迁户口 … */
	keywords: string[];
	/** Other names for the same item (short forms, old names). */
	aliases: string[];
	legalBasis: string[];
	resultName: string;
	summary: string;
}

/** The implementing body of one implementation list. */
export interface Department {
	name: string;
	/** Synthetic 统一社会信用代码 (GB 32100) that passes its check character. */
	uscc: string;
	/** Department kind, e.g. "hrss" (人社), "medical" (医保), "hpf" (公积金), "police" (公安). */
	kind: string;
}

/** One implementing body's implementation list (实施清单) of an item. */
export interface Implementation {
	/** 31 chars: USCC (18) + level (1) + basic code (12). */
	implementationCode: string;
	basicCode: string;
	/** GB/T 2260 code of the implementing region (6 digits). */
	regionCode: string;
	level: Level;
	department: Department;
	coDepartments: string[];
	conditions: string[];
	process: string[];
	materials: Material[];
	statutoryLimit: TimeLimit;
	promisedLimit: TimeLimit;
	fee: Fee;
	modes: HandlingMode[];
	forms: HandlingForm[];
	caseKind: CaseKind;
	scope: CrossScope;
	address: string;
	hours: string;
	phone: string;
	faqs: Faq[];
	/** An agent (代办人) may act for the applicant with a 委托书 (the material marked `forAgent`); absent or false: in person only. */
	agentAllowed?: boolean;
}

/** The material an agent brings (the 委托书) of a list that allows agents; undefined when none may act. */
export function agentMaterialOf(impl: Pick<Implementation, 'agentAllowed' | 'materials'>): Material | undefined {
	return impl.agentAllowed === true ? impl.materials.find((m) => m.forAgent === true) : undefined;
}

/** The checklist of a list for a case: with an agent acting, the 委托书 is required (docs/people.md#agents-委托代办). */
export function materialsForCase(impl: Pick<Implementation, 'agentAllowed' | 'materials'>, agentActs: boolean): Material[] {
	const poa = agentActs ? agentMaterialOf(impl) : undefined;
	return impl.materials.map((m) => (m === poa && !m.required ? {...m, required: true} : m));
}

export interface Catalog {
	/** Catalog version: changes whenever any content changes (used as a cache key). */
	version: string;
	items: ServiceItem[];
	implementations: Implementation[];
}

/** Builds the 31-char implementation code as docs/catalog.md#codes describes. */
export function implementationCodeOf(uscc: string, level: Level, basicCode: string): string {
	return `${uscc}${level}${basicCode}`;
}

/** The 行使层级 that an implementing body at a region of this kind has. */
export const LEVEL_OF_REGION_KIND: Readonly<Record<Region['level'], Level>> = {
	province: 2,
	city: 3,
	county: 4,
};

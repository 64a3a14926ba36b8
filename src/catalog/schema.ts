/**
 * Shape validation of catalog files (zod). Every field of model.ts is checked so that a bad file
 * is rejected with the record and field named, before anything reaches the search index or a view.
 * Cross-record consistency (codes, check characters, regions) is core's job: see
 * src/core/catalog/consistency.ts.
 */
import {z} from 'zod';
import type {Implementation, ServiceItem} from '../core/catalog/model.js';

const text = z.string().trim().min(1);
const itemType = z.enum(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20']);
const mode = z.enum(['online', 'proxy', 'joint']);
const scope = z.enum(['全国', '跨省', '跨市', '跨县']);
const timeLimit = z.strictObject({
	value: z.number().int().min(0).max(3650),
	unit: z.enum(['working_day', 'natural_day']),
});

export const serviceItemSchema = z.strictObject({
	basicCode: z.string().regex(/^[0-9A-Z]{12}$/, '基本编码应为 12 位数字或大写字母'),
	name: text,
	type: itemType,
	leadDepartment: text,
	modes: z.array(mode).min(1),
	serviceObjects: z.array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)])).min(1),
	scope,
	keywords: z.array(text),
	aliases: z.array(text),
	legalBasis: z.array(text),
	resultName: text,
	summary: text,
}) satisfies z.ZodType<ServiceItem>;

const material = z.strictObject({
	code: text,
	name: text,
	source: text,
	required: z.boolean(),
	originals: z.number().int().min(0).max(99),
	copies: z.number().int().min(0).max(99),
	format: text,
	notes: z.string().optional(),
	forAgent: z.boolean().optional(),
});

export const implementationSchema = z.strictObject({
	implementationCode: z.string().regex(/^[0-9A-Z]{31}$/, '实施编码应为 31 位数字或大写字母'),
	basicCode: z.string().regex(/^[0-9A-Z]{12}$/, '基本编码应为 12 位数字或大写字母'),
	regionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字'),
	level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]),
	department: z.strictObject({
		name: text,
		uscc: z.string().length(18, '统一社会信用代码应为 18 位'),
		kind: text,
	}),
	coDepartments: z.array(text),
	conditions: z.array(text).min(1),
	process: z.array(text),
	materials: z.array(material),
	statutoryLimit: timeLimit,
	promisedLimit: timeLimit,
	fee: z.strictObject({
		charged: z.boolean(),
		basis: z.string().optional(),
		amountYuan: z.number().min(0).optional(),
	}),
	modes: z.array(mode).min(1),
	forms: z.array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(9)])).min(1),
	caseKind: z.union([z.literal(1), z.literal(2)]),
	scope,
	address: z.string(),
	hours: z.string(),
	phone: z.string(),
	faqs: z.array(z.strictObject({q: text, a: text})),
	agentAllowed: z.boolean().optional(),
}) satisfies z.ZodType<Implementation>;

export const itemsFileSchema = z.strictObject({items: z.array(z.unknown())});
export const implementationsFileSchema = z.strictObject({
	province: z.string().regex(/^\d{2}$/),
	implementations: z.array(z.unknown()),
});

/** Formats a zod issue path as `field.sub[2].x` for messages. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
	let out = '';
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else out += out ? `.${String(part)}` : String(part);
	}
	return out || '(根)';
}

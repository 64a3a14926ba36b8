/**
 * Shapes of the hub's answers (docs/hub-api.yaml), checked on every response: a hub that answers
 * something else is reported with the field that was wrong, never passed on half-understood.
 */
import {APPROVAL_PURPOSES, EXCEPTIONS} from '../core/cases/approval.js';
import {z} from 'zod';
import {CASE_STATUSES} from '../core/cases/model.js';
import {WORK_NEEDS} from '../core/cases/return-trips.js';
import {CARRIERS} from '../core/cases/waybill.js';
import {EVALUATION_LEVELS} from '../core/cases/evaluation.js';

const time = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && /T.*(Z|[+-]\d{2}:\d{2})$/.test(s), 'expected an RFC 3339 time with offset');
const status = z.enum(CASE_STATUSES);
const nodeCode = z.string().regex(/^\d{2}$/);

export const problemSchema = z.looseObject({
	type: z.string(),
	title: z.string(),
	status: z.number().int(),
	detail: z.string().optional(),
	code: z.string(),
	errors: z.array(z.object({field: z.string(), message: z.string()})).optional(),
});

export const nodesSchema = z.object({
	nodes: z.array(z.object({code: nodeCode, name: z.string(), status: z.enum(['up', 'degraded', 'down']), latencyMs: z.number().nonnegative()})),
});

export const sessionSchema = z.object({
	token: z.string().min(1),
	expiresAt: time,
	operator: z.object({
		id: z.string(),
		name: z.string(),
		branchCode: z.string(),
		roles: z.array(z.enum(['clerk', 'technician', 'admin', 'supervisor'])),
	}),
});

/** POST /auth/approvals (maker-checker, docs/hub-api.yaml Approval). */
export const approvalSchema = z.object({
	id: z.string().regex(/^ap-[A-Za-z0-9_-]{8,64}$/),
	supervisor: z.object({id: z.string(), name: z.string()}),
	purpose: z.enum(APPROVAL_PURPOSES),
	makerId: z.string(),
	exceptions: z.array(z.enum(EXCEPTIONS)),
	issuedAt: time,
});

export const factsSchema = z.object({
	facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
	asOf: time,
});

export const blobPutSchema = z.object({sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative()});

export const receiptSchema = z.object({
	caseId: z.string().min(1),
	status,
	receivingNode: nodeCode,
	handlingNode: nodeCode,
	receivedAt: time,
	originalsRequired: z.boolean().optional(),
	evaluationUrl: z.url({protocol: /^https?$/}).max(300).optional(),
});

const namedMaterial = z.object({code: z.string().min(1), name: z.string().min(1)});
const carrier = z.enum(CARRIERS);

export const shipmentSchema = z.object({
	shipmentId: z.string().min(1),
	carrier,
	waybill: z.string().min(1),
	sentAt: time,
	receivedAt: time.nullable(),
	operatorId: z.string(),
});

const handoverSchema = z.object({
	collector: z.object({
		role: z.enum(['applicant', 'agent']),
		name: z.string().min(1),
		cardType: z.string().min(1),
		idNumberMasked: z.string().min(1),
		powerOfAttorney: z.string().regex(/^[0-9a-f]{64}$/).optional(),
	}),
	collectedAt: time,
	operatorId: z.string(),
});

const deliverySchema = z.discriminatedUnion('method', [
	z.object({method: z.literal('licence'), licenceRef: z.string().min(1), issuedAt: time}),
	z.object({method: z.literal('post'), carrier, waybill: z.string().min(1), postedAt: time}),
	z.object({method: z.literal('branch'), arrivedAt: time.nullable(), handover: handoverSchema.nullable()}),
]);

/** 好差评: the citizen's evaluation and a supervisor's follow-up (docs/people.md#好差评-evaluation). */
const evaluationSchema = z.object({
	level: z.enum(EVALUATION_LEVELS),
	reason: z.string(),
	evaluatedAt: time,
	followUp: z.object({note: z.string().min(1), operatorId: z.string().min(1), at: time}).nullable(),
});

export const caseSchema = receiptSchema.extend({
	itemCode: z.string(),
	implementationCode: z.string(),
	terminalId: z.string(),
	updatedAt: time,
	history: z.array(z.object({status, node: nodeCode, at: time, note: z.string().optional()})),
	// Optional here so that records a hub answered before the return trips existed still read.
	returnRequest: z.object({reason: z.string().min(1), materials: z.array(namedMaterial), returnedAt: time, deadline: time}).nullable().optional(),
	shipments: z.array(shipmentSchema).optional(),
	delivery: deliverySchema.nullable().optional(),
	// Optional here so that a hub from before the evaluation still reads.
	evaluation: evaluationSchema.nullable().optional(),
});

/** A person as the work list carries them (names and numbers masked by the hub). */
const maskedPerson = z.object({name: z.string(), cardType: z.string(), idNumberMasked: z.string()});

export const workPageSchema = z.object({
	items: z.array(
		z.object({
			caseId: z.string().min(1),
			need: z.enum(WORK_NEEDS),
			itemCode: z.string(),
			since: time,
			deadline: time.nullable(),
			reason: z.string().optional(),
			materials: z.array(namedMaterial).optional(),
			applicant: maskedPerson,
			agent: maskedPerson.optional(),
			evaluation: evaluationSchema.optional(),
		}),
	),
	nextCursor: z.string().nullable(),
});

export const casePageSchema = z.object({cases: z.array(caseSchema), nextCursor: z.string().nullable()});

export const batchSchema = z.object({
	results: z.array(
		z.union([z.object({caseId: z.string(), status, updatedAt: time}), z.object({caseId: z.string(), error: z.literal('not_found')})]),
	),
});

export const openCasesSchema = z.object({
	cases: z.array(z.object({caseId: z.string().min(1), status, receivedAt: time, receivingNode: nodeCode})),
});

export const catalogSchema = z.looseObject({
	version: z.string().min(1),
	items: z.array(z.looseObject({basicCode: z.string()})),
	implementationLists: z.array(z.looseObject({province: z.string(), implementations: z.array(z.looseObject({implementationCode: z.string()}))})),
});

export const ndjsonHeaderSchema = z.object({type: z.literal('header'), version: z.string().min(1), itemCount: z.number().int(), listCount: z.number().int()});

/** The paths of the first few issues, "history.2.status, receivedAt" (safe to show in any language). */
export function issuePaths(error: z.ZodError, max = 3): string {
	const paths = error.issues.slice(0, max).map((i) => (i.path.length > 0 ? i.path.join('.') : '(root)'));
	return error.issues.length > max ? `${paths.join(', ')} …` : paths.join(', ');
}

/** "history.2.status: Invalid option…; receivedAt: …" — the first few issues, path first. */
export function describeIssues(error: z.ZodError, max = 3): string {
	const parts = error.issues.slice(0, max).map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`);
	if (error.issues.length > max) parts.push(`… +${error.issues.length - max}`);
	return parts.join('; ');
}

export const auditAnchorSchema = z.object({
	terminalId: z.string().min(1),
	seq: z.number().int().positive(),
	hash: z.string().regex(/^[0-9a-f]{64}$/),
	receivedAt: time,
});

/** GET /branches/{branchCode}/cases (日终): one page of a branch's day, no personal data. */
export const branchCasePageSchema = z.object({
	cases: z.array(
		z.object({
			caseId: z.string().min(1),
			itemCode: z.string(),
			implementationCode: z.string(),
			terminalId: z.string(),
			receivingNode: nodeCode,
			handlingNode: nodeCode,
			status,
			receivedAt: time,
			updatedAt: time,
			supplements: z.number().int().nonnegative(),
			handedOver: z.boolean(),
			shipmentPending: z.boolean(),
			evaluation: z.enum(EVALUATION_LEVELS).nullable().optional(),
		}),
	),
	nextCursor: z.string().nullable(),
});

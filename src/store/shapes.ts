/**
 * The shapes of the files the stores keep, checked on every read: a file that parses into
 * something else (`null`, `{"cases":"none"}`, `{"entries":[]}` where a map belongs, a field of the
 * wrong type) is damaged, exactly like a file cut short (durable-json.ts readJsonChecked). The
 * checks cover every field the code relies on; unknown extra fields are allowed, so a file
 * written by a newer version is not refused for what it adds.
 */
import {z} from 'zod';
import {CASE_STATUSES} from '../core/cases/model.js';
import {CARRIERS} from '../core/cases/waybill.js';

const status = z.enum(CASE_STATUSES);
const text = z.string();

const history = z.array(z.looseObject({status, node: text, at: text, note: text.optional()}));

const receipt = z.looseObject({caseId: text, status, receivingNode: text, handlingNode: text, receivedAt: text});

const submission = z.looseObject({
	itemCode: text,
	implementationCode: text,
	receivingNode: text,
	// A purged entry keeps no applicant (store/retention.ts): only key, case id and state.
	applicant: z.looseObject({idNumber: text, name: text, cardType: text}),
	answers: z.record(z.string(), z.unknown()),
	eligibility: z.looseObject({result: text, ruleVersion: text}),
	materials: z.array(z.looseObject({code: text, sha256: text, pages: z.number(), originalVerified: z.boolean()})),
	operatorId: text,
	terminalId: text,
	createdAt: text,
});

export const outboxEntrySchema = z.looseObject({
	id: text,
	idempotencyKey: text,
	submission,
	blobs: z.array(z.looseObject({sha256: text, contentType: text})),
	phase: z.enum(['uploading', 'posting', 'done', 'failed']),
	blobsConfirmed: z.array(text),
	maybeSent: z.boolean(),
	attempts: z.number(),
	nextAttemptAt: text,
	enqueuedAt: text,
	updatedAt: text,
	receipt: receipt.optional(),
	supplementFor: text.optional(),
	deliveredAt: text.optional(),
	lastError: z.looseObject({code: text, message: text}).optional(),
	purgedAt: text.optional(),
});

export const outboxFileSchema = z.looseObject({version: z.literal(1), entries: z.record(z.string(), outboxEntrySchema)});

const collector = z.looseObject({role: z.enum(['applicant', 'agent']), name: text, cardType: text, idNumberMasked: text});

/** The return trips an index row keeps (core/cases/tracking.ts ReturnTrips): every field tracking draws. */
const returnTrips = z.looseObject({
	returnRequest: z.looseObject({reason: text, materials: z.array(z.looseObject({code: text, name: text})), returnedAt: text, deadline: text}).nullable(),
	originalsDue: z.boolean(),
	shipments: z.array(z.looseObject({carrier: z.enum(CARRIERS), waybill: text, sentAt: text, receivedAt: text.nullable()})),
	delivery: z
		.discriminatedUnion('method', [
			z.looseObject({method: z.literal('licence'), licenceRef: text, issuedAt: text}),
			z.looseObject({method: z.literal('post'), carrier: z.enum(CARRIERS), waybill: text, postedAt: text}),
			z.looseObject({method: z.literal('branch'), arrivedAt: text.nullable(), handover: z.looseObject({collector, collectedAt: text}).nullable()}),
		])
		.nullable(),
});

export const indexedCaseSchema = z.looseObject({
	caseId: text,
	idempotencyKey: text,
	itemCode: text,
	implementationCode: text,
	applicantMasked: text,
	agentMasked: text.optional(),
	receivingNode: text,
	handlingNode: text,
	status,
	receivedAt: text,
	updatedAt: text,
	history,
	checkedAt: text,
	// Absent in indexes written before the duplicate guard (store/cases-index.ts).
	applicantFingerprint: text.nullable().optional(),
	supplementedAt: text.optional(),
	returnTrips: returnTrips.optional(),
	evaluation: z.looseObject({level: text, evaluatedAt: text, followUp: z.looseObject({note: text, operatorId: text, at: text}).nullable()}).optional(),
});

export const casesIndexFileSchema = z.looseObject({version: z.literal(1), cases: z.record(z.string(), indexedCaseSchema)});

export const draftSchema = z.looseObject({
	draftId: text,
	itemCode: text,
	implementationCode: text,
	operatorId: text.optional(),
	applicant: z.looseObject({idNumber: text, masked: text, name: text.optional(), cardType: text.optional()}).optional(),
	agent: z.looseObject({idNumber: text, masked: text, name: text, cardType: text}).optional(),
	answers: z.record(z.string(), z.unknown()).optional(),
	eligibility: z.looseObject({result: text, ruleVersion: text}).optional(),
	materials: z.array(z.looseObject({code: text, sha256: text.optional(), pages: z.number(), originalVerified: z.boolean(), capturedAt: text.optional()})),
	step: z.enum(['eligibility', 'materials', 'review']).optional(),
	createdAt: text,
	updatedAt: text,
	submitted: z.looseObject({idempotencyKey: text, submittedAt: text, caseId: text.optional(), receivedAt: text.optional()}).optional(),
});

export const receiptDocSchema = z.looseObject({
	caseId: text,
	itemCode: text,
	itemName: text,
	implementationCode: text,
	department: text,
	receivingNode: text,
	receivingProvince: text,
	handlingNode: text,
	handlingProvince: text,
	promisedLimit: z.looseObject({value: z.number(), unit: text}),
	applicantName: text,
	applicantNumber: text,
	materials: z.array(z.looseObject({code: text, name: text, originalVerified: z.boolean()})),
	receivedAt: text,
	operatorId: text,
	branchName: text,
	terminalId: text,
	evaluationUrl: text.optional(),
});

export const supplementReceiptDocSchema = z.looseObject({
	kind: z.literal('supplement'),
	caseId: text,
	supplementKey: text,
	itemCode: text,
	itemName: text,
	implementationCode: text,
	department: text,
	handlingNode: text,
	handlingProvince: text,
	applicantName: text,
	applicantNumber: text,
	reason: text,
	materials: z.array(z.looseObject({code: text, name: text, originalVerified: z.boolean()})),
	supplementedAt: text,
	operatorId: text,
	branchName: text,
	terminalId: text,
});

/** A check for readJsonChecked: where the first problem is (`entries.x.phase`, or `file`), or undefined. */
export function shapeCheck(schema: z.ZodType): (value: unknown) => string | undefined {
	return (value) => {
		const result = schema.safeParse(value);
		if (result.success) return undefined;
		const path = result.error.issues[0]!.path;
		return path.length > 0 ? path.map(String).join('.') : 'file';
	};
}

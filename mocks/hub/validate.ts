/**
 * Request body checks of the mock hub: each failure names the field, as the contract's
 * `validation_failed` problem requires (`errors: [{field, message}]`).
 */
import {APPROVAL_PURPOSES, EXCEPTIONS, type ApprovalRequest} from '../../src/core/cases/approval.js';
import type {CaseSubmission, MaterialRef} from '../../src/core/cases/model.js';
import {WORK_NEEDS, parseWorkNeeds, type Collector, type WorkNeed} from '../../src/core/cases/return-trips.js';
import {checkWaybill, isCarrier, type Carrier} from '../../src/core/cases/waybill.js';
import {EVALUATION_LEVELS, FOLLOW_UP_NOTE_MAX, type EvaluationLevel} from '../../src/core/cases/evaluation.js';
import {Problem} from './problem.js';

type Errors = Array<{field: string; message: string}>;

const SHA256 = /^[0-9a-f]{64}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(obj: Record<string, unknown>, key: string, errors: Errors, prefix = '', pattern?: RegExp): void {
	const v = obj[key];
	if (typeof v !== 'string' || v === '') errors.push({field: `${prefix}${key}`, message: 'required string'});
	else if (pattern && !pattern.test(v)) errors.push({field: `${prefix}${key}`, message: `does not match ${pattern.source}`});
}

function fail(errors: Errors): never {
	throw new Problem(422, 'validation_failed', `${errors.length} field(s) invalid: ${errors.map((e) => e.field).join(', ')}`, {errors});
}

function checkMaterials(value: unknown, errors: Errors, prefix: string): void {
	if (!Array.isArray(value)) {
		errors.push({field: prefix, message: 'required array'});
		return;
	}
	value.forEach((m: unknown, i) => {
		const p = `${prefix}[${i}].`;
		if (!isObject(m)) return void errors.push({field: `${prefix}[${i}]`, message: 'must be an object'});
		str(m, 'code', errors, p);
		str(m, 'sha256', errors, p, SHA256);
		if (!Number.isInteger(m['pages']) || (m['pages'] as number) < 1) errors.push({field: `${p}pages`, message: 'integer ≥ 1'});
		if (typeof m['originalVerified'] !== 'boolean') errors.push({field: `${p}originalVerified`, message: 'boolean'});
	});
}

export function checkSubmission(body: unknown): CaseSubmission {
	if (!isObject(body)) fail([{field: '(body)', message: 'must be a JSON object'}]);
	const errors: Errors = [];
	str(body, 'itemCode', errors, '', /^[0-9A-Z]{12}$/);
	str(body, 'implementationCode', errors, '', /^[0-9A-Z]{31}$/);
	str(body, 'receivingNode', errors, '', /^\d{2}$/);
	str(body, 'operatorId', errors);
	str(body, 'terminalId', errors);
	str(body, 'createdAt', errors, '', RFC3339);
	const applicant = body['applicant'];
	if (!isObject(applicant)) errors.push({field: 'applicant', message: 'required object'});
	else {
		// GB 11643-style 18 characters, or a 2017 foreign permanent resident card's 15 (docs/hub-api.yaml Applicant).
		str(applicant, 'idNumber', errors, 'applicant.', /^(\d{17}[\dX]|[A-Z]{3}\d{12})$/);
		str(applicant, 'name', errors, 'applicant.');
		str(applicant, 'cardType', errors, 'applicant.');
		if (applicant['source'] !== undefined && applicant['source'] !== 'card' && applicant['source'] !== 'typed') errors.push({field: 'applicant.source', message: 'card or typed'});
	}
	checkCaseApproval(body['approval'], errors);
	if (body['secondCase'] !== undefined && typeof body['secondCase'] !== 'boolean') errors.push({field: 'secondCase', message: 'boolean'});
	if (!isObject(body['answers'])) errors.push({field: 'answers', message: 'required object'});
	const eligibility = body['eligibility'];
	if (!isObject(eligibility)) errors.push({field: 'eligibility', message: 'required object'});
	else {
		if (!['eligible', 'ineligible', 'unknown'].includes(eligibility['result'] as string)) errors.push({field: 'eligibility.result', message: 'eligible, ineligible or unknown'});
		str(eligibility, 'ruleVersion', errors, 'eligibility.');
	}
	checkMaterials(body['materials'], errors, 'materials');
	if (errors.length > 0) fail(errors);
	return body as unknown as CaseSubmission;
}

// ----- approvals (maker-checker) -----

function checkExceptions(value: unknown, field: string, errors: Errors): void {
	if (!Array.isArray(value) || value.some((e) => !(EXCEPTIONS as readonly unknown[]).includes(e))) errors.push({field, message: `an array of ${EXCEPTIONS.join(', ')}`});
}

const APPROVAL_ID = /^ap-[A-Za-z0-9_-]{8,64}$/;

function checkCaseApproval(value: unknown, errors: Errors): void {
	if (value === undefined) return;
	if (!isObject(value)) return void errors.push({field: 'approval', message: 'must be an object'});
	str(value, 'id', errors, 'approval.', APPROVAL_ID);
	str(value, 'supervisorId', errors, 'approval.');
	checkExceptions(value['exceptions'], 'approval.exceptions', errors);
}

export function checkApprovalRequest(body: unknown): ApprovalRequest {
	if (!isObject(body)) fail([{field: '(body)', message: 'must be a JSON object'}]);
	const errors: Errors = [];
	str(body, 'supervisorId', errors);
	str(body, 'pin', errors, '', /^\d{4,8}$/);
	str(body, 'makerId', errors);
	if (!(APPROVAL_PURPOSES as readonly unknown[]).includes(body['purpose'])) errors.push({field: 'purpose', message: APPROVAL_PURPOSES.join(', ')});
	if (body['exceptions'] !== undefined) checkExceptions(body['exceptions'], 'exceptions', errors);
	if (errors.length > 0) fail(errors);
	return body as unknown as ApprovalRequest;
}

export function checkSupplement(body: unknown): MaterialRef[] {
	if (!isObject(body)) fail([{field: '(body)', message: 'must be a JSON object'}]);
	const errors: Errors = [];
	checkMaterials(body['materials'], errors, 'materials');
	if (Array.isArray(body['materials']) && body['materials'].length === 0) errors.push({field: 'materials', message: 'at least one material'});
	if (errors.length > 0) fail(errors);
	return body['materials'] as MaterialRef[];
}

export function checkSignIn(body: unknown): {operatorId: string; pin: string; terminalId: string} {
	if (!isObject(body)) fail([{field: '(body)', message: 'must be a JSON object'}]);
	const errors: Errors = [];
	str(body, 'operatorId', errors);
	str(body, 'pin', errors, '', /^\d{4,8}$/);
	str(body, 'terminalId', errors);
	if (errors.length > 0) fail(errors);
	return body as {operatorId: string; pin: string; terminalId: string};
}

export function checkFacts(body: unknown): {idNumber: string; itemCode: string; facts: string[]} {
	if (!isObject(body)) fail([{field: '(body)', message: 'must be a JSON object'}]);
	const errors: Errors = [];
	str(body, 'idNumber', errors, '', /^(\d{17}[\dXx]|[A-Z]{3}\d{12})$/);
	str(body, 'itemCode', errors, '', /^[0-9A-Z]{12}$/);
	const facts = body['facts'];
	if (!Array.isArray(facts) || facts.length === 0 || facts.length > 50 || !facts.every((f) => typeof f === 'string' && f !== '')) {
		errors.push({field: 'facts', message: '1 to 50 fact names'});
	}
	if (errors.length > 0) fail(errors);
	return body as {idNumber: string; itemCode: string; facts: string[]};
}

/** POST /cases/open:query: the applicant (card kind and number) and the item's basic code. */
export function checkOpenQuery(body: unknown): {applicant: {cardType: string; idNumber: string}; itemCode: string} {
	if (!isObject(body)) fail([{field: '(body)', message: 'must be a JSON object'}]);
	const errors: Errors = [];
	const applicant = body['applicant'];
	if (!isObject(applicant)) errors.push({field: 'applicant', message: 'required object'});
	else {
		str(applicant, 'idNumber', errors, 'applicant.', /^(\d{17}[\dXx]|[A-Z]{3}\d{12})$/);
		str(applicant, 'cardType', errors, 'applicant.');
	}
	str(body, 'itemCode', errors, '', /^[0-9A-Z]{12}$/);
	if (errors.length > 0) fail(errors);
	return body as {applicant: {cardType: string; idNumber: string}; itemCode: string};
}

export function checkBatch(body: unknown, limit: number): string[] {
	if (!isObject(body) || !Array.isArray(body['caseIds'])) fail([{field: 'caseIds', message: 'required array'}]);
	const ids = body['caseIds'] as unknown[];
	if (ids.length === 0 || ids.length > limit) fail([{field: 'caseIds', message: `1 to ${limit} ids`}]);
	const bad = ids.findIndex((id) => typeof id !== 'string' || id === '');
	if (bad >= 0) fail([{field: `caseIds[${bad}]`, message: 'must be a non-empty string'}]);
	return ids as string[];
}

const AUDIT_HEAD = /^([1-9][0-9]{0,15}):([0-9a-f]{64})$/;

/**
 * `X-Audit-Head: <seq>:<sha256 hex>` (docs/hub-api.yaml); undefined when absent. Malformed: 422
 * naming the header, like a body field.
 */
export function checkAuditHead(value: string | string[] | undefined): {seq: number; hash: string} | undefined {
	if (value === undefined) return undefined;
	const m = typeof value === 'string' ? AUDIT_HEAD.exec(value) : null;
	const seq = m ? Number(m[1]) : NaN;
	if (!m || !Number.isSafeInteger(seq)) fail([{field: 'X-Audit-Head', message: 'must be <seq>:<sha256 hex>, seq a whole number from 1'}]);
	return {seq, hash: m[2]!};
}

/** POST /cases/{id}/shipments: carrier, waybill (checked where its format is published), sentAt. */
export function checkShipment(body: unknown): {carrier: Carrier; waybill: string; sentAt: string; operatorId: string} {
	if (!isObject(body)) fail([{field: '(body)', message: 'must be a JSON object'}]);
	const errors: Errors = [];
	const carrier = body['carrier'];
	if (typeof carrier !== 'string' || !isCarrier(carrier)) errors.push({field: 'carrier', message: 'ems, sf, jd or other'});
	str(body, 'waybill', errors);
	str(body, 'sentAt', errors, '', RFC3339);
	str(body, 'operatorId', errors);
	if (errors.length > 0) fail(errors);
	const check = checkWaybill(carrier as Carrier, body['waybill'] as string);
	if (!check.ok) fail([{field: 'waybill', message: check.reason}]);
	return {carrier: carrier as Carrier, waybill: check.waybill, sentAt: body['sentAt'] as string, operatorId: body['operatorId'] as string};
}

/** POST /cases/{id}/handover: who collected (masked), when, by which operator. */
export function checkHandover(body: unknown): {collector: Collector; collectedAt: string; operatorId: string} {
	if (!isObject(body)) fail([{field: '(body)', message: 'must be a JSON object'}]);
	const errors: Errors = [];
	str(body, 'collectedAt', errors, '', RFC3339);
	str(body, 'operatorId', errors);
	const c = body['collector'];
	if (!isObject(c)) errors.push({field: 'collector', message: 'required object'});
	else {
		if (c['role'] !== 'applicant' && c['role'] !== 'agent') errors.push({field: 'collector.role', message: 'applicant or agent'});
		str(c, 'name', errors, 'collector.');
		str(c, 'cardType', errors, 'collector.');
		// Masked as the terminal masks it (src/core/identity/mask.ts: first 6 and last 4 kept): never a full number.
		str(c, 'idNumberMasked', errors, 'collector.', /^[0-9A-Z]{1,6}\*+[0-9A-Z]{1,4}$/);
		if (c['powerOfAttorney'] !== undefined) str(c, 'powerOfAttorney', errors, 'collector.', SHA256);
	}
	if (errors.length > 0) fail(errors);
	return body as unknown as {collector: Collector; collectedAt: string; operatorId: string};
}

/** `needs` of GET /branches/{code}/work: a comma-separated subset of supplement, shipment, pickup (default all). */
export function checkNeeds(value: string | null): Set<WorkNeed> {
	const needs = parseWorkNeeds(value);
	if (needs === null) fail([{field: 'needs', message: `expected a comma-separated subset of ${WORK_NEEDS.join(', ')}`}]);
	return new Set(needs ?? WORK_NEEDS);
}

/** The longest reason a citizen's evaluation carries (docs/hub-api.yaml EvaluationRequest). */
const EVALUATION_REASON_MAX = 200;

/** POST /cases/{id}/evaluation: one of the five levels, and the citizen's reason (optional, may be empty). */
export function checkEvaluation(body: unknown): {level: EvaluationLevel; reason: string} {
	if (!isObject(body)) fail([{field: '(body)', message: 'must be a JSON object'}]);
	const errors: Errors = [];
	const level = body['level'];
	if (typeof level !== 'string' || !(EVALUATION_LEVELS as readonly string[]).includes(level)) errors.push({field: 'level', message: EVALUATION_LEVELS.join(', ')});
	const reason = body['reason'] ?? '';
	if (typeof reason !== 'string' || [...reason].length > EVALUATION_REASON_MAX) errors.push({field: 'reason', message: `a string of at most ${EVALUATION_REASON_MAX} characters`});
	if (errors.length > 0) fail(errors);
	return {level: level as EvaluationLevel, reason: (reason as string).trim()};
}

/** POST /cases/{id}/evaluation/follow-up: the supervisor's note, 1 to FOLLOW_UP_NOTE_MAX characters. */
export function checkFollowUp(body: unknown): {note: string} {
	if (!isObject(body)) fail([{field: '(body)', message: 'must be a JSON object'}]);
	const note = body['note'];
	if (typeof note !== 'string' || note.trim() === '' || [...note].length > FOLLOW_UP_NOTE_MAX) fail([{field: 'note', message: `1 to ${FOLLOW_UP_NOTE_MAX} characters`}]);
	return {note: note.trim()};
}

/** `from` and `to` of GET /branches/{branchCode}/cases: RFC 3339, from < to, at most 31 days apart (docs/hub-api.yaml). */
export function checkRange(from: string | null, to: string | null): {fromMs: number; toMs: number} {
	const errors: Errors = [];
	for (const [field, value] of [['from', from], ['to', to]] as const) {
		if (value === null || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) errors.push({field, message: 'required RFC 3339 time with offset'});
	}
	if (errors.length > 0) fail(errors);
	const fromMs = Date.parse(from!);
	const toMs = Date.parse(to!);
	if (toMs <= fromMs || toMs - fromMs > 31 * 86_400_000) fail([{field: 'to', message: 'must be after from, at most 31 days'}]);
	return {fromMs, toMs};
}

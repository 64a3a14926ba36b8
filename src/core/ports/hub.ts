/**
 * The hub as the core needs it (docs/hub-api.yaml): implemented by src/hub/client.ts (undici) and,
 * in tests, by fakes and the mock hub. Core never imports an implementation.
 */
import type {BatchStatusResult, CaseReceipt, CaseRecord, CaseStatus, CaseSubmission, MaterialRef} from '../cases/model.js';
import type {Handover, Shipment, WorkItem, WorkNeed} from '../cases/return-trips.js';
import type {Carrier} from '../cases/waybill.js';
import type {EVALUATION_LEVELS} from '../cases/evaluation.js';

export interface HubNode {
	/** GB/T 2260 province code, e.g. "44". */
	code: string;
	name: string;
	status: 'up' | 'degraded' | 'down';
	latencyMs: number;
}

export interface OperatorSession {
	token: string;
	expiresAt: string;
	operator: {id: string; name: string; branchCode: string; roles: Array<'clerk' | 'technician' | 'admin' | 'supervisor'>};
}

export interface FactsAnswer {
	facts: Record<string, string | number | boolean | null>;
	asOf: string;
}

export type CatalogFetch =
	| {notModified: true; etag: string}
	| {notModified: false; etag: string; version: string; body: unknown};

export interface CasePage {
	cases: CaseRecord[];
	nextCursor: string | null;
}

/** Options every call accepts: a caller's abort signal (the call also has its own deadline). */
export interface CallOptions {
	signal?: AbortSignal;
}

/** One row of the hub's list (docs/hub-api.yaml BranchCase): no names, no numbers. */
export interface BranchCase {
	caseId: string;
	itemCode: string;
	implementationCode: string;
	terminalId: string;
	receivingNode: string;
	handlingNode: string;
	status: CaseStatus;
	receivedAt: string;
	updatedAt: string;
	supplements: number;
	handedOver: boolean;
	shipmentPending: boolean;
	/** Absent from hubs without evaluations; null when the citizen has not evaluated yet. */
	evaluation?: (typeof EVALUATION_LEVELS)[number] | null;
}

export interface BranchCasePage {
	cases: BranchCase[];
	nextCursor: string | null;
}

export interface HubApi {
	listNodes(options?: CallOptions): Promise<HubNode[]>;
	signIn(request: {operatorId: string; pin: string; terminalId: string}, options?: CallOptions): Promise<OperatorSession>;
	signOut(options?: CallOptions): Promise<void>;
	fetchCatalog(request: {etag?: string; ndjson?: boolean}, options?: CallOptions): Promise<CatalogFetch>;
	queryFacts(request: {idNumber: string; itemCode: string; facts: string[]}, options?: CallOptions): Promise<FactsAnswer>;
	/** HEAD /blobs/{sha256}: true when the hub already holds the bytes. */
	hasBlob(sha256: string, options?: CallOptions): Promise<boolean>;
	/** PUT /blobs/{sha256}: the hub checks the hash. */
	putBlob(sha256: string, bytes: Uint8Array, contentType: string, options?: CallOptions): Promise<'created' | 'present'>;
	/** POST /cases with an Idempotency-Key; `created` is false when the key had been used (200). */
	createCase(idempotencyKey: string, submission: CaseSubmission, options?: CallOptions): Promise<{receipt: CaseReceipt; created: boolean}>;
	getCase(caseId: string, options?: CallOptions): Promise<CaseRecord>;
	/** GET /cases?idempotencyKey=: null when the hub never created a case with that key. */
	findCaseByIdempotencyKey(idempotencyKey: string, options?: CallOptions): Promise<CaseRecord | null>;
	listCases(request: {terminalId: string; since: string; cursor?: string; limit?: number}, options?: CallOptions): Promise<CasePage>;
	/** POST /cases/status:batch, at most BATCH_LIMIT ids, answers in request order. */
	batchStatus(caseIds: readonly string[], options?: CallOptions): Promise<BatchStatusResult[]>;
	/**
	 * POST /cases/open:query: the applicant's open cases for the item on the whole hub (a read with
	 * the ID number in the body, never in a URL), oldest first.
	 */
	findOpenCases(request: OpenCasesQuery, options?: CallOptions): Promise<HubOpenCase[]>;
	addSupplement(caseId: string, idempotencyKey: string, materials: MaterialRef[], options?: CallOptions): Promise<CaseRecord>;
	/** POST /cases/{caseId}/shipments (资料流转); `created` is false for a replay of the key. */
	addShipment(caseId: string, idempotencyKey: string, shipment: ShipmentRequest, options?: CallOptions): Promise<{shipment: Shipment; created: boolean}>;
	/** POST /cases/{caseId}/handover (领取): the case completes. */
	handOver(caseId: string, idempotencyKey: string, handover: Handover, options?: CallOptions): Promise<CaseRecord>;
	/**
	 * POST /cases/{caseId}/evaluation/follow-up: a supervisor's 整改 note on a bad evaluation
	 * (docs/people.md#好差评-evaluation); the hub takes the operator from the session.
	 */
	followUpEvaluation(caseId: string, idempotencyKey: string, note: string, options?: CallOptions): Promise<CaseRecord>;
	/** GET /branches/{branchCode}/work, conditional on the last page's ETag. */
	branchWork(request: {branchCode: string; needs?: readonly WorkNeed[]; cursor?: string; limit?: number; etag?: string}, options?: CallOptions): Promise<WorkFetch>;
	/** GET /branches/{branchCode}/cases: one page of the branch's cases received in [from, to) (日终). */
	branchCases(request: {branchCode: string; from: string; to: string; cursor?: string; limit?: number}, options?: CallOptions): Promise<BranchCasePage>;
}

export interface OpenCasesQuery {
	applicant: {cardType: string; idNumber: string};
	itemCode: string;
}

/** One open case as the hub lists it (no personal data). */
export interface HubOpenCase {
	caseId: string;
	status: CaseStatus;
	receivedAt: string;
	receivingNode: string;
}

export interface ShipmentRequest {
	carrier: Carrier;
	waybill: string;
	sentAt: string;
	operatorId: string;
}

export type WorkFetch = {notModified: true; etag: string} | {notModified: false; etag: string; items: WorkItem[]; nextCursor: string | null};

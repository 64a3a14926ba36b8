/**
 * The hub client (HubApi over undici). Every call has its own deadline (AbortSignal.timeout: the
 * dispatcher's headersTimeout is too coarse, docs/hub.md#deadlines-and-retries), explicit retries
 * with exponential backoff and jitter that honour Retry-After, and a validated answer. Case
 * creation is retried with the same Idempotency-Key, and an answer lost in flight is resolved with
 * GET /cases?idempotencyKey= before anything is resent. Case submissions and supplements carry the
 * terminal's audit head (X-Audit-Head), the hub's anchor for `tongban audit verify --hub`.
 *
 * The bearer token lives in a private field; it is never part of an error, a log line or JSON.
 */
import {randomUUID} from 'node:crypto';
import {setTimeout as sleepFor} from 'node:timers/promises';
import {request, type Dispatcher} from 'undici';
import type {z} from 'zod';
import type {Approval, ApprovalRequest} from '../core/cases/approval.js';
import {backoffDelay, type BackoffPolicy} from '../core/cases/backoff.js';
import {BATCH_LIMIT, type BatchStatusResult, type CaseReceipt, type CaseRecord, type CaseSubmission, type MaterialRef} from '../core/cases/model.js';
import type {CallOptions, CasePage, CatalogFetch, FactsAnswer, HubApi, HubNode, HubOpenCase, OpenCasesQuery, OperatorSession, ShipmentRequest, WorkFetch} from '../core/ports/hub.js';
import type {Handover, Shipment, WorkNeed} from '../core/cases/return-trips.js';
import {HubError, HubRejectedError, InputError} from '../core/errors.js';
import {systemClock, type Clock} from '../core/ports/clock.js';
import {createHubDispatcher, type HubTlsOptions} from './dispatcher.js';
import {invalidResponse, networkError, statusError} from './errors.js';
import {
	approvalSchema,
	auditAnchorSchema,
	batchSchema,
	blobPutSchema,
	caseSchema,
	casePageSchema,
	catalogSchema,
	describeIssues,
	issuePaths,
	factsSchema,
	ndjsonHeaderSchema,
	nodesSchema,
	openCasesSchema,
	receiptSchema,
	sessionSchema,
	shipmentSchema,
	workPageSchema,
} from './schemas.js';
import {branchCasePageSchema} from './schemas.js';
import type {BranchCasePage} from '../core/report/day.js';

/** One request as the operations log sees it: what was called, how it ended, how long it took. */
export interface HubExchange {
	call: string;
	method: string;
	requestId: string;
	attempt: number;
	/** The HTTP status; absent when no answer came (network error, deadline). */
	status?: number;
	/** The network error's code when no answer came (hub_timeout, hub_unreachable, …). */
	error?: string;
	ms: number;
}

export interface HubClientOptions {
	/** Base URL including the version path, e.g. https://hub.example/api/v1. */
	baseUrl: string;
	terminalId: string;
	/** Bearer token (operator session or API token). */
	token?: string;
	/** Deadline of one attempt (default 10 s). */
	timeoutMs?: number;
	/** Retries after the first attempt (default 4). */
	retries?: number;
	backoff?: BackoffPolicy;
	tls?: HubTlsOptions;
	/** Injected pool (tests); default: one EnvHttpProxyAgent for the client's lifetime. */
	dispatcher?: Dispatcher;
	random?: () => number;
	clock?: Clock;
	/** Called before each retry (for progress lines; never gets the token). */
	onRetry?: (info: {call: string; attempt: number; delayMs: number; error: HubError}) => void;
	/**
	 * Called once when an attempt has had no answer for `slowAfterMs` (default 3 s), so a command
	 * can say what it is waiting for instead of going silent until the deadline.
	 */
	onSlow?: (info: {call: string; attempt: number; waitedMs: number; timeoutMs: number}) => void;
	/**
	 * Told of every request when it ends, answered or not: the operations log's line for it
	 * (docs/operations.md#logs), with the request id the hub logs too. No bodies, no headers.
	 */
	onExchange?: (info: HubExchange) => void;
	slowAfterMs?: number;
	/** Waits between retries (tests pass one that records the delay and returns at once). */
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	/**
	 * The terminal's audit head (the open AuditStore's `last`), asked at each attempt of POST /cases
	 * and POST /cases/{id}/supplements and sent as X-Audit-Head: a retry carries the newest head.
	 * Undefined (or seq 0, an empty log): no header.
	 */
	auditHead?: () => {seq: number; hash: string} | undefined;
}

/** The hub's anchor of a terminal's audit log (GET /terminals/{terminalId}/audit-head). */
export interface AuditAnchor {
	terminalId: string;
	seq: number;
	hash: string;
	receivedAt: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

interface CallSpec {
	method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
	path: string;
	/** Human name for messages, e.g. "GET /cases/{caseId}". */
	call: string;
	query?: Record<string, string | undefined>;
	json?: unknown;
	raw?: {bytes: Uint8Array; contentType: string};
	headers?: Record<string, string>;
	accept?: string;
	/** Send X-Audit-Head (taken when each attempt is sent). */
	auditHead?: boolean;
}

interface Answer {
	status: number;
	text: string;
	headers: Record<string, string | string[] | undefined>;
}

export class HubClient implements HubApi {
	readonly baseUrl: string;
	readonly terminalId: string;
	#token: string | undefined;
	readonly #dispatcher: Dispatcher;
	readonly #ownsDispatcher: boolean;
	readonly #timeoutMs: number;
	readonly #retries: number;
	readonly #backoff: BackoffPolicy;
	readonly #random: () => number;
	readonly #clock: Clock;
	readonly #onRetry: HubClientOptions['onRetry'];
	readonly #onSlow: HubClientOptions['onSlow'];
	readonly #onExchange: HubClientOptions['onExchange'];
	readonly #slowAfterMs: number;
	readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	readonly #auditHead: HubClientOptions['auditHead'];

	constructor(options: HubClientOptions) {
		let url: URL;
		try {
			url = new URL(options.baseUrl);
		} catch {
			throw new InputError('hub_url_invalid', {url: options.baseUrl});
		}
		if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError('hub_url_scheme', {url: options.baseUrl});
		// Never echoed: the URL holds a secret.
		if (url.username || url.password) throw new InputError('hub_url_credentials');
		this.baseUrl = url.toString().replace(/\/$/, '');
		this.terminalId = options.terminalId;
		this.#token = options.token;
		this.#ownsDispatcher = !options.dispatcher;
		this.#dispatcher = options.dispatcher ?? createHubDispatcher(options.tls ? {tls: options.tls} : {});
		this.#timeoutMs = options.timeoutMs ?? 10_000;
		this.#retries = options.retries ?? 4;
		this.#backoff = options.backoff ?? {baseMs: 300, maxMs: 10_000};
		this.#random = options.random ?? Math.random;
		this.#clock = options.clock ?? systemClock;
		this.#onRetry = options.onRetry;
		this.#onSlow = options.onSlow;
		this.#onExchange = options.onExchange;
		this.#slowAfterMs = options.slowAfterMs ?? 3_000;
		this.#sleep = options.sleep ?? ((ms, signal) => sleepFor(ms, undefined, signal ? {signal} : {}));
		this.#auditHead = options.auditHead;
	}

	setToken(token: string | undefined): void {
		this.#token = token;
	}

	/** What JSON.stringify / logs may show of a client. */
	toJSON(): {baseUrl: string; terminalId: string; token: string | undefined} {
		return {baseUrl: this.baseUrl, terminalId: this.terminalId, token: this.#token ? '[redacted]' : undefined};
	}

	[Symbol.for('nodejs.util.inspect.custom')](): string {
		return `HubClient(${this.baseUrl}, terminal ${this.terminalId})`;
	}

	async close(): Promise<void> {
		if (this.#ownsDispatcher) await this.#dispatcher.close();
	}

	// ----- transport -----

	async #once(spec: CallSpec, signal: AbortSignal | undefined, attempt = 1): Promise<Answer> {
		const url = new URL(this.baseUrl + spec.path);
		for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
		const requestId = randomUUID();
		const headers: Record<string, string> = {
			'x-request-id': requestId,
			'x-terminal-id': this.terminalId,
			accept: spec.accept ?? 'application/json',
			...spec.headers,
		};
		if (this.#token) headers['authorization'] = `Bearer ${this.#token}`;
		if (spec.auditHead) {
			const head = this.#auditHead?.();
			// Never a malformed header: the hub would refuse the case for it (422).
			if (head && Number.isSafeInteger(head.seq) && head.seq > 0 && SHA256.test(head.hash)) headers['x-audit-head'] = `${head.seq}:${head.hash}`;
		}
		let body: string | Uint8Array | undefined;
		if (spec.json !== undefined) {
			body = JSON.stringify(spec.json);
			headers['content-type'] = 'application/json';
		} else if (spec.raw) {
			body = spec.raw.bytes;
			headers['content-type'] = spec.raw.contentType;
		}
		const deadline = AbortSignal.timeout(this.#timeoutMs);
		const combined = signal ? AbortSignal.any([deadline, signal]) : deadline;
		const onSlow = this.#onSlow;
		const slow =
			onSlow && this.#slowAfterMs < this.#timeoutMs
				? setTimeout(() => onSlow({call: spec.call, attempt, waitedMs: this.#slowAfterMs, timeoutMs: this.#timeoutMs}), this.#slowAfterMs).unref()
				: undefined;
		const started = performance.now();
		const told = (end: {status?: number; error?: string}) => this.#onExchange?.({call: spec.call, method: spec.method, requestId, attempt, ...end, ms: Math.round(performance.now() - started)});
		try {
			const response = await request(url, {method: spec.method, headers, body, dispatcher: this.#dispatcher, signal: combined});
			// Always read the body to the end, even when unused: an unread body holds the socket.
			const text = spec.method === 'HEAD' ? (await response.body.dump(), '') : await response.body.text();
			told({status: response.statusCode});
			return {status: response.statusCode, text, headers: response.headers};
		} catch (error) {
			if (signal?.aborted) {
				told({error: 'aborted'});
				throw signal.reason ?? error;
			}
			const failure = networkError(deadline.aborted ? Object.assign(new Error('timeout'), {name: 'TimeoutError'}) : error, spec.call, this.#timeoutMs);
			told({error: failure.code});
			throw failure;
		} finally {
			clearTimeout(slow);
		}
	}

	/** One call with retries of retryable failures; `ok` lists the statuses that are answers. */
	async #call(spec: CallSpec, ok: readonly number[], options: CallOptions = {}, retries = this.#retries): Promise<Answer> {
		for (let attempt = 0; ; attempt++) {
			let failure: HubError | HubRejectedError;
			try {
				const answer = await this.#once(spec, options.signal, attempt + 1);
				if (ok.includes(answer.status)) return answer;
				const retryAfter = answer.headers['retry-after'];
				failure = statusError(answer.status, answer.text, Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, spec.call, this.#clock.now());
			} catch (error) {
				if (!(error instanceof HubError)) throw error;
				failure = error;
			}
			if (!(failure instanceof HubError) || !failure.retryable || attempt >= retries) throw failure;
			await this.#pause(spec.call, attempt + 1, failure, options.signal);
		}
	}

	async #pause(call: string, attempt: number, error: HubError, signal: AbortSignal | undefined, next = call): Promise<void> {
		const delayMs = backoffDelay(attempt, this.#random, this.#backoff, error.retryAfterMs);
		this.#onRetry?.({call: next, attempt, delayMs, error});
		await this.#sleep(delayMs, signal);
	}

	#parse<S extends z.ZodType>(schema: S, answer: Answer, call: string): z.infer<S> {
		let value: unknown;
		try {
			value = JSON.parse(answer.text);
		} catch {
			throw invalidResponse(call, {code: 'reason_answer_not_json', params: {status: answer.status, bytes: answer.text.length}}, `not JSON (HTTP ${answer.status}, ${answer.text.length} bytes)`);
		}
		const parsed = schema.safeParse(value);
		if (!parsed.success) throw invalidResponse(call, {code: 'reason_answer_fields', params: {fields: issuePaths(parsed.error)}}, describeIssues(parsed.error));
		return parsed.data;
	}

	// ----- HubApi -----

	async listNodes(options?: CallOptions): Promise<HubNode[]> {
		const call = 'GET /nodes';
		return this.#parse(nodesSchema, await this.#call({method: 'GET', path: '/nodes', call}, [200], options), call).nodes;
	}

	async signIn(req: {operatorId: string; pin: string; terminalId: string}, options?: CallOptions): Promise<OperatorSession> {
		const call = 'POST /auth/sessions';
		// Not retried: a retried wrong PIN would count twice towards the lock.
		const answer = await this.#call({method: 'POST', path: '/auth/sessions', call, json: req}, [201], options, 0);
		const session = this.#parse(sessionSchema, answer, call);
		this.#token = session.token;
		return session;
	}

	/** POST /auth/approvals: a supervisor's PIN for one purpose (maker-checker). Not retried: a retried wrong PIN would count twice. */
	async approve(req: ApprovalRequest, options?: CallOptions): Promise<Approval> {
		const call = 'POST /auth/approvals';
		return this.#parse(approvalSchema, await this.#call({method: 'POST', path: '/auth/approvals', call, json: req}, [201], options, 0), call);
	}

	async signOut(options?: CallOptions): Promise<void> {
		await this.#call({method: 'DELETE', path: '/auth/sessions/current', call: 'DELETE /auth/sessions/current'}, [204], options);
		this.#token = undefined;
	}

	async fetchCatalog(req: {etag?: string; ndjson?: boolean}, options?: CallOptions): Promise<CatalogFetch> {
		const call = 'GET /catalog';
		const headers: Record<string, string> = req.etag ? {'if-none-match': req.etag} : {};
		const answer = await this.#call({method: 'GET', path: '/catalog', call, headers, accept: req.ndjson ? 'application/x-ndjson' : 'application/json'}, [200, 304], options);
		const etag = typeof answer.headers['etag'] === 'string' ? answer.headers['etag'] : '';
		if (!etag) throw invalidResponse(call, {code: 'reason_answer_no_etag'}, 'missing ETag header');
		if (answer.status === 304) return {notModified: true, etag};
		if (!req.ndjson) {
			const body = this.#parse(catalogSchema, answer, call);
			return {notModified: false, etag, version: body.version, body};
		}
		const lines = answer.text.split('\n').filter((l) => l !== '');
		const header = this.#parse(ndjsonHeaderSchema, {...answer, text: lines[0] ?? ''}, `${call} (NDJSON line 1)`);
		const records = lines.slice(1).map((line, i) => {
			try {
				return JSON.parse(line) as unknown;
			} catch {
				throw invalidResponse(call, {code: 'reason_answer_line', params: {line: i + 2}}, `NDJSON line ${i + 2} is not JSON`);
			}
		});
		return {notModified: false, etag, version: header.version, body: {header, records}};
	}

	async queryFacts(req: {idNumber: string; itemCode: string; facts: string[]}, options?: CallOptions): Promise<FactsAnswer> {
		const call = 'POST /facts/query';
		return this.#parse(factsSchema, await this.#call({method: 'POST', path: '/facts/query', call, json: req}, [200], options), call);
	}

	async hasBlob(sha256: string, options?: CallOptions): Promise<boolean> {
		const answer = await this.#call({method: 'HEAD', path: `/blobs/${sha256}`, call: 'HEAD /blobs/{sha256}'}, [200, 404], options);
		return answer.status === 200;
	}

	async putBlob(sha256: string, bytes: Uint8Array, contentType: string, options?: CallOptions): Promise<'created' | 'present'> {
		const call = 'PUT /blobs/{sha256}';
		const answer = await this.#call({method: 'PUT', path: `/blobs/${sha256}`, call, raw: {bytes, contentType}}, [200, 201], options);
		this.#parse(blobPutSchema, answer, call);
		return answer.status === 201 ? 'created' : 'present';
	}

	/**
	 * POST /cases under one Idempotency-Key, once. Retrying it and resolving a lost answer belong to
	 * the outbox (core/cases/outbox.ts), which writes "maybe sent" to disk before the request leaves:
	 * a failure comes back as it is, with `outcomeUnknown` set when the hub may have created the case.
	 */
	async createCase(idempotencyKey: string, submission: CaseSubmission, options: CallOptions = {}): Promise<{receipt: CaseReceipt; created: boolean}> {
		const call = 'POST /cases';
		const spec: CallSpec = {method: 'POST', path: '/cases', call, json: submission, headers: {'idempotency-key': idempotencyKey}, auditHead: true};
		const answer = await this.#call(spec, [200, 201], options, 0);
		return {receipt: this.#parse(receiptSchema, answer, call), created: answer.status === 201};
	}

	async getCase(caseId: string, options?: CallOptions): Promise<CaseRecord> {
		const call = 'GET /cases/{caseId}';
		return this.#parse(caseSchema, await this.#call({method: 'GET', path: `/cases/${encodeURIComponent(caseId)}`, call}, [200], options), call);
	}

	async findCaseByIdempotencyKey(idempotencyKey: string, options?: CallOptions): Promise<CaseRecord | null> {
		const call = 'GET /cases?idempotencyKey=';
		const answer = await this.#call({method: 'GET', path: '/cases', call, query: {idempotencyKey}}, [200, 404], options);
		if (answer.status === 404) {
			// Only the hub's own "no such case" means "never created"; any other 404 is a wrong URL.
			const err = statusError(404, answer.text, undefined, call, this.#clock.now());
			if (err instanceof HubRejectedError && err.problemCode === 'case_not_found') return null;
			throw err;
		}
		const page = this.#parse(casePageSchema, answer, call);
		return page.cases[0] ?? null;
	}

	async listCases(req: {terminalId: string; since: string; cursor?: string; limit?: number}, options?: CallOptions): Promise<CasePage> {
		const call = 'GET /cases?terminalId=&since=';
		const query = {terminalId: req.terminalId, since: req.since, cursor: req.cursor, limit: req.limit === undefined ? undefined : String(req.limit)};
		return this.#parse(casePageSchema, await this.#call({method: 'GET', path: '/cases', call, query}, [200], options), call);
	}

	async batchStatus(caseIds: readonly string[], options?: CallOptions): Promise<BatchStatusResult[]> {
		const call = 'POST /cases/status:batch';
		if (caseIds.length === 0) return [];
		if (caseIds.length > BATCH_LIMIT) throw new InputError('batch_too_large', {limit: BATCH_LIMIT});
		// A read: safe to repeat, so retried like a GET.
		const answer = await this.#call({method: 'POST', path: '/cases/status:batch', call, json: {caseIds}}, [200], options);
		const {results} = this.#parse(batchSchema, answer, call);
		if (results.length !== caseIds.length || results.some((r, i) => r.caseId !== caseIds[i])) {
			throw invalidResponse(call, {code: 'reason_answer_order', params: {got: results.length, asked: caseIds.length}}, `results do not match the request order (${results.length} for ${caseIds.length} ids)`);
		}
		return results;
	}

	async findOpenCases(req: OpenCasesQuery, options?: CallOptions): Promise<HubOpenCase[]> {
		const call = 'POST /cases/open:query';
		// A read (the number in the body, out of the URL and its logs): safe to repeat, so retried like a GET.
		const json = {applicant: {cardType: req.applicant.cardType, idNumber: req.applicant.idNumber}, itemCode: req.itemCode};
		const answer = await this.#call({method: 'POST', path: '/cases/open:query', call, json}, [200], options);
		return this.#parse(openCasesSchema, answer, call).cases;
	}

	async addSupplement(caseId: string, idempotencyKey: string, materials: MaterialRef[], options?: CallOptions): Promise<CaseRecord> {
		const call = 'POST /cases/{caseId}/supplements';
		// Idempotent under its key, so retried like a PUT.
		const answer = await this.#call(
			{method: 'POST', path: `/cases/${encodeURIComponent(caseId)}/supplements`, call, json: {materials}, headers: {'idempotency-key': idempotencyKey}, auditHead: true},
			[200],
			options,
		);
		return this.#parse(caseSchema, answer, call);
	}

	/** Records the paper originals sent for a case (资料流转). Idempotent under its key, so retried like a PUT. */
	async addShipment(caseId: string, idempotencyKey: string, shipment: ShipmentRequest, options?: CallOptions): Promise<{shipment: Shipment; created: boolean}> {
		const call = 'POST /cases/{caseId}/shipments';
		const answer = await this.#call(
			{method: 'POST', path: `/cases/${encodeURIComponent(caseId)}/shipments`, call, json: shipment, headers: {'idempotency-key': idempotencyKey}, auditHead: true},
			[200, 201],
			options,
		);
		return {shipment: this.#parse(shipmentSchema, answer, call), created: answer.status === 201};
	}

	/** Records the hand-over of a result at the branch (领取); the case completes. Idempotent under its key. */
	async handOver(caseId: string, idempotencyKey: string, handover: Handover, options?: CallOptions): Promise<CaseRecord> {
		const call = 'POST /cases/{caseId}/handover';
		const answer = await this.#call(
			{method: 'POST', path: `/cases/${encodeURIComponent(caseId)}/handover`, call, json: handover, headers: {'idempotency-key': idempotencyKey}, auditHead: true},
			[200],
			options,
		);
		return this.#parse(caseSchema, answer, call);
	}

	/**
	 * A supervisor's follow-up (整改) of a bad evaluation; the hub takes the operator from the
	 * session. Idempotent under its key, so retried like a PUT.
	 */
	async followUpEvaluation(caseId: string, idempotencyKey: string, note: string, options?: CallOptions): Promise<CaseRecord> {
		const call = 'POST /cases/{caseId}/evaluation/follow-up';
		const answer = await this.#call(
			{method: 'POST', path: `/cases/${encodeURIComponent(caseId)}/evaluation/follow-up`, call, json: {note}, headers: {'idempotency-key': idempotencyKey}, auditHead: true},
			[200],
			options,
		);
		return this.#parse(caseSchema, answer, call);
	}

	/**
	 * One page of a branch's work. With `etag` (the tag of the last page seen) an unchanged page
	 * comes back as `{notModified: true}` and no body is sent.
	 */
	async branchWork(req: {branchCode: string; needs?: readonly WorkNeed[]; cursor?: string; limit?: number; etag?: string}, options?: CallOptions): Promise<WorkFetch> {
		const call = 'GET /branches/{branchCode}/work';
		const query = {needs: req.needs?.join(','), cursor: req.cursor, limit: req.limit === undefined ? undefined : String(req.limit)};
		const headers: Record<string, string> = req.etag ? {'if-none-match': req.etag} : {};
		const answer = await this.#call({method: 'GET', path: `/branches/${encodeURIComponent(req.branchCode)}/work`, call, query, headers}, [200, 304], options);
		const etag = typeof answer.headers['etag'] === 'string' ? answer.headers['etag'] : '';
		if (!etag) throw invalidResponse(call, {code: 'reason_answer_no_etag'}, 'missing ETag header');
		if (answer.status === 304) return {notModified: true, etag};
		const page = this.#parse(workPageSchema, answer, call);
		return {notModified: false, etag, items: page.items, nextCursor: page.nextCursor};
	}

	/** One page of the branch's cases received in [from, to) (日终, docs/people.md#日终-closing-the-day). */
	async branchCases(req: {branchCode: string; from: string; to: string; cursor?: string; limit?: number}, options?: CallOptions): Promise<BranchCasePage> {
		const call = 'GET /branches/{branchCode}/cases';
		const query = {from: req.from, to: req.to, cursor: req.cursor, limit: req.limit === undefined ? undefined : String(req.limit)};
		const answer = await this.#call({method: 'GET', path: `/branches/${encodeURIComponent(req.branchCode)}/cases`, call, query}, [200], options);
		return this.#parse(branchCasePageSchema, answer, call) as BranchCasePage;
	}

	/** The highest audit head the hub received from `terminalId`; null when it has none. */
	async getAuditHead(terminalId: string, options?: CallOptions): Promise<AuditAnchor | null> {
		const call = 'GET /terminals/{terminalId}/audit-head';
		const answer = await this.#call({method: 'GET', path: `/terminals/${encodeURIComponent(terminalId)}/audit-head`, call}, [200, 404], options);
		if (answer.status === 404) {
			// Only the hub's own "no anchor" means none; any other 404 is a wrong URL or an older hub.
			const err = statusError(404, answer.text, undefined, call, this.#clock.now());
			if (err instanceof HubRejectedError && err.problemCode === 'audit_head_not_found') return null;
			throw err;
		}
		return this.#parse(auditAnchorSchema, answer, call);
	}
}


/**
 * The mock hub over real HTTP (node:http): every route of docs/hub-api.yaml, on 127.0.0.1 and a
 * free port by default, with fault injection per route. Used in-process by tests, the demo and
 * the bench, and by `tongban hub serve`.
 */
import {createHash, randomUUID} from 'node:crypto';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import type {AddressInfo, Socket} from 'node:net';
import {join} from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {BATCH_LIMIT} from '../../src/core/cases/model.js';
import type {Clock} from '../../src/core/ports/clock.js';
import {systemClock} from '../../src/core/ports/clock.js';
import {builtinDataDir} from '../../src/paths.js';
import {DurableJSONFile} from '../../src/store/durable-json.js';
import {loadServedCatalog, type ServedCatalog} from './catalog.js';
import {Faults, parseFaultSpec, seededRandom} from './faults.js';
import {caseOfEvaluationPath, evaluationPage} from './evaluation-page.js';
import {Problem} from './problem.js';
import {HubState, type CasePlan, type HubSnapshot} from './state.js';
import type {CaseSubmission} from '../../src/core/cases/model.js';
import {checkApprovalRequest, checkAuditHead, checkBatch, checkFacts, checkOpenQuery, checkHandover, checkNeeds, checkRange, checkShipment, checkSignIn, checkSubmission, checkSupplement} from './validate.js';
import {checkEvaluation, checkFollowUp} from './validate.js';

export interface MockHubOptions {
	port?: number;
	/** Default 127.0.0.1: the mock never listens beyond loopback unless told. */
	host?: string;
	clock?: Clock;
	/** Lifecycle pace multiplier (default 1: one step every 30 s). */
	speed?: number;
	stepMs?: number;
	/** How each new case goes (default: deterministic realistic shares, state.ts planOf). */
	plan?: (caseId: string, submission: CaseSubmission) => CasePlan;
	/** Fault spec, see faults.ts. */
	faults?: string;
	/** Seed for the fault dice (default random). */
	seed?: number;
	/** Persist the state in this file (DurableJSONFile). */
	dataFile?: string;
	catalogDir?: string;
	/** Largest accepted body (default 25 MB). */
	maxBodyBytes?: number;
	/** Sees every exchange as sent on the wire (contract tests validate both sides with it). */
	onExchange?: (exchange: Exchange) => void;
	/** Serve HTTPS with this certificate instead of plain HTTP (TLS tests of the client). */
	tls?: MockHubTls;
	/** The origin citizens' phones reach the evaluation pages at (default: the address it listens on). */
	publicOrigin?: string;
}

interface MockHubTls {
	/** PEM server certificate and its key. */
	cert: string | Buffer;
	key: string | Buffer;
	/** When set, a client certificate signed by this CA is required (mutual TLS). */
	clientCa?: string | Buffer;
}

export interface Exchange {
	method: string;
	/** Route id and its docs/hub-api.yaml path template; undefined for unknown routes. */
	route: string | undefined;
	doc: string | undefined;
	url: string;
	requestHeaders: Record<string, string | string[] | undefined>;
	requestBody: Buffer;
	/** undefined when the socket was reset without an answer. */
	status: number | undefined;
	responseHeaders: Record<string, string | number | string[] | undefined>;
	responseBody: Buffer | undefined;
}

export interface MockHub {
	url: string;
	state: HubState;
	faults: Faults;
	catalog: ServedCatalog;
	/** Requests received, per route id (including faulted ones). */
	readonly counts: Map<string, number>;
	readonly total: number;
	close(): Promise<void>;
}

interface Reply {
	status: number;
	body?: unknown;
	raw?: Buffer;
	contentType?: string;
	headers?: Record<string, string>;
}

interface RouteContext {
	req: IncomingMessage;
	params: string[];
	query: URLSearchParams;
	body: Buffer;
	state: HubState;
	catalog: ServedCatalog;
}

type Handler = (ctx: RouteContext) => Reply;

interface Route {
	id: string;
	/** The path template of this route in docs/hub-api.yaml. */
	doc: string;
	method: string;
	pattern: RegExp;
	auth: boolean;
	handler: Handler;
}

const SHA = '([0-9a-f]{64})';
const ID = '([A-Za-z0-9][A-Za-z0-9-]{0,63})';

function json(body: Buffer): unknown {
	if (body.length === 0) return undefined;
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		throw new Problem(400, 'malformed_json', 'the request body is not valid JSON');
	}
}

/** `limit` of a paged list: 1 to 500, default 100 (docs/hub-api.yaml). */
function limitOf(query: URLSearchParams): number {
	return Math.min(500, Math.max(1, Number(query.get('limit') ?? 100) || 100));
}

/** Cursors are opaque to clients: a position, base64url-encoded. */
function cursorOf(query: URLSearchParams): number {
	const text = query.get('cursor');
	const cursor = text ? Number(Buffer.from(text, 'base64url').toString('utf8')) : 0;
	if (!Number.isInteger(cursor) || cursor < 0) throw new Problem(422, 'validation_failed', 'cursor is not one this hub issued', {errors: [{field: 'cursor', message: 'invalid'}]});
	return cursor;
}

function cursorText(position: number): string {
	return Buffer.from(String(position)).toString('base64url');
}

function bearer(req: IncomingMessage): string | undefined {
	const header = req.headers.authorization;
	return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}

function idempotencyKey(req: IncomingMessage): string {
	const key = req.headers['idempotency-key'];
	if (typeof key !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(key)) {
		throw new Problem(400, 'idempotency_key_required', 'header Idempotency-Key (8 to 64 letters, digits or hyphens) is required');
	}
	return key;
}

/**
 * The terminal's audit head, kept before the request is processed: the head is a fact about the
 * terminal's log whatever becomes of this case (docs/hub-api.yaml, "Audit anchor").
 */
function noteAuditHead(req: IncomingMessage, state: HubState): void {
	const head = checkAuditHead(req.headers['x-audit-head']);
	if (head) state.noteAuditHead(String(req.headers['x-terminal-id']), head);
}

export const ROUTES: Route[] = [
	{id: 'nodes', doc: '/nodes', method: 'GET', pattern: /^\/nodes$/, auth: false, handler: ({state}) => ({status: 200, body: {nodes: state.listNodes()}})},
	{
		id: 'auth.signIn',
		doc: '/auth/sessions',
		method: 'POST',
		pattern: /^\/auth\/sessions$/,
		auth: false,
		handler: ({body, state}) => {
			const request = checkSignIn(json(body));
			return {status: 201, body: state.signIn(request.operatorId, request.pin)};
		},
	},
	{
		id: 'auth.signOut',
		doc: '/auth/sessions/current',
		method: 'DELETE',
		pattern: /^\/auth\/sessions\/current$/,
		auth: true,
		handler: ({req, state}) => {
			state.signOut(bearer(req)!);
			return {status: 204};
		},
	},
	{
		id: 'auth.approve',
		doc: '/auth/approvals',
		method: 'POST',
		pattern: /^\/auth\/approvals$/,
		// An unlock can come from the sign-in screen, where nobody has a session: the supervisor's
		// id and PIN are its credentials (docs/hub-api.yaml). The other purposes need the session.
		auth: false,
		handler: ({req, body, state}) => {
			const request = checkApprovalRequest(json(body));
			if (request.purpose !== 'unlock' && !state.authenticate(bearer(req))) {
				throw new Problem(401, 'unauthorized', 'a valid Bearer token is required', {headers: {'www-authenticate': 'Bearer'}});
			}
			return {status: 201, body: state.approve(request)};
		},
	},
	{
		id: 'catalog',
		doc: '/catalog',
		method: 'GET',
		pattern: /^\/catalog$/,
		auth: false,
		handler: ({req, catalog}) => {
			const headers = {etag: catalog.etag, 'cache-control': 'no-cache'};
			const match = req.headers['if-none-match'];
			if (match && match.split(',').some((t) => t.trim() === catalog.etag || t.trim() === '*')) return {status: 304, headers};
			const ndjson = (req.headers.accept ?? '').includes('application/x-ndjson');
			return ndjson
				? {status: 200, raw: catalog.ndjson, contentType: 'application/x-ndjson', headers}
				: {status: 200, raw: catalog.json, contentType: 'application/json', headers};
		},
	},
	{
		id: 'facts',
		doc: '/facts/query',
		method: 'POST',
		pattern: /^\/facts\/query$/,
		auth: true,
		handler: ({body, state}) => {
			const request = checkFacts(json(body));
			return {status: 200, body: {facts: state.queryFacts(request.idNumber, request.facts), asOf: state.clock.now().toISOString()}};
		},
	},
	{
		id: 'blobs.head',
		doc: '/blobs/{sha256}',
		method: 'HEAD',
		pattern: new RegExp(`^/blobs/${SHA}$`),
		auth: true,
		handler: ({params, state}) => ({status: state.hasBlob(params[0]!) ? 200 : 404}),
	},
	{
		id: 'blobs.put',
		doc: '/blobs/{sha256}',
		method: 'PUT',
		pattern: new RegExp(`^/blobs/${SHA}$`),
		auth: true,
		handler: ({params, body, state}) => {
			const sha256 = params[0]!;
			const result = state.putBlob(sha256, body);
			return {status: result === 'created' ? 201 : 200, body: {sha256, size: body.length}};
		},
	},
	{
		id: 'cases.batch',
		doc: '/cases/status:batch',
		method: 'POST',
		pattern: /^\/cases\/status:batch$/,
		auth: true,
		handler: ({body, state}) => ({status: 200, body: {results: state.batchStatus(checkBatch(json(body), BATCH_LIMIT))}}),
	},
	{
		id: 'cases.openQuery',
		doc: '/cases/open:query',
		method: 'POST',
		pattern: /^\/cases\/open:query$/,
		auth: true,
		handler: ({body, state}) => {
			const query = checkOpenQuery(json(body));
			return {status: 200, body: {cases: state.findOpenCases(query.applicant.idNumber, query.itemCode)}};
		},
	},
	{
		id: 'cases.create',
		doc: '/cases',
		method: 'POST',
		pattern: /^\/cases$/,
		auth: true,
		handler: ({req, body, state}) => {
			const key = idempotencyKey(req);
			noteAuditHead(req, state);
			const submission = checkSubmission(json(body));
			const {created, record} = state.createCase(key, submission, state.branchOfSession(bearer(req)));
			const receipt = {
				caseId: record.caseId,
				status: record.status,
				receivingNode: record.receivingNode,
				handlingNode: record.handlingNode,
				receivedAt: record.receivedAt,
				originalsRequired: record.originalsRequired ?? false,
				...(record.evaluationUrl ? {evaluationUrl: record.evaluationUrl} : {}),
			};
			return {status: created ? 201 : 200, body: receipt, headers: {location: `/api/v1/cases/${record.caseId}`}};
		},
	},
	{
		id: 'cases.query',
		doc: '/cases',
		method: 'GET',
		pattern: /^\/cases$/,
		auth: true,
		handler: ({query, state}) => {
			const key = query.get('idempotencyKey');
			if (key !== null) {
				const found = state.findByKey(key);
				if (!found) throw new Problem(404, 'case_not_found', `no case was created with Idempotency-Key ${key}`);
				return {status: 200, body: {cases: [found], nextCursor: null}};
			}
			const terminalId = query.get('terminalId');
			const since = query.get('since');
			if (!terminalId || !since || Number.isNaN(Date.parse(since))) {
				throw new Problem(422, 'validation_failed', 'give idempotencyKey, or terminalId and since (RFC 3339)', {
					errors: [{field: terminalId ? 'since' : 'terminalId', message: 'required'}],
				});
			}
			const limit = limitOf(query);
			const page = state.listCases(terminalId, since, cursorOf(query), limit);
			return {status: 200, body: {cases: page.cases, nextCursor: page.next === null ? null : cursorText(page.next)}};
		},
	},
	{
		id: 'cases.get',
		doc: '/cases/{caseId}',
		method: 'GET',
		pattern: new RegExp(`^/cases/${ID}$`),
		auth: true,
		handler: ({params, state}) => {
			const record = state.getCase(params[0]!);
			if (!record) throw new Problem(404, 'case_not_found', `no case ${params[0]}`);
			return {status: 200, body: record};
		},
	},
	{
		id: 'cases.supplement',
		doc: '/cases/{caseId}/supplements',
		method: 'POST',
		pattern: new RegExp(`^/cases/${ID}/supplements$`),
		auth: true,
		handler: ({req, params, body, state}) => {
			const key = idempotencyKey(req);
			noteAuditHead(req, state);
			return {status: 200, body: state.addSupplement(params[0]!, key, checkSupplement(json(body)))};
		},
	},
	{
		id: 'cases.shipment',
		doc: '/cases/{caseId}/shipments',
		method: 'POST',
		pattern: new RegExp(`^/cases/${ID}/shipments$`),
		auth: true,
		handler: ({req, params, body, state}) => {
			const key = idempotencyKey(req);
			noteAuditHead(req, state);
			const {created, shipment} = state.addShipment(params[0]!, key, checkShipment(json(body)));
			return {status: created ? 201 : 200, body: shipment};
		},
	},
	{
		id: 'cases.handover',
		doc: '/cases/{caseId}/handover',
		method: 'POST',
		pattern: new RegExp(`^/cases/${ID}/handover$`),
		auth: true,
		handler: ({req, params, body, state}) => {
			const key = idempotencyKey(req);
			noteAuditHead(req, state);
			return {status: 200, body: state.handOver(params[0]!, key, checkHandover(json(body)))};
		},
	},
	// 好差评 (docs/people.md#好差评-evaluation): the citizen's channel, and a supervisor's follow-up.
	{
		id: 'cases.evaluate',
		doc: '/cases/{caseId}/evaluation',
		method: 'POST',
		pattern: new RegExp(`^/cases/${ID}/evaluation$`),
		auth: true,
		handler: ({req, params, body, state}) => {
			// Given by the citizen on the hub's evaluation page (its API token), never by staff.
			if (state.authenticate(bearer(req)) !== 'api') throw new Problem(403, 'evaluation_by_staff', 'an evaluation is the citizen\'s, given on the hub\'s evaluation page, never by an operator');
			const {created, record} = state.evaluate(params[0]!, checkEvaluation(json(body)));
			return {status: created ? 201 : 200, body: record};
		},
	},
	{
		id: 'cases.followUp',
		doc: '/cases/{caseId}/evaluation/follow-up',
		method: 'POST',
		pattern: new RegExp(`^/cases/${ID}/evaluation/follow-up$`),
		auth: true,
		handler: ({req, params, body, state}) => {
			const key = idempotencyKey(req);
			noteAuditHead(req, state);
			const operator = state.operatorOfSession(bearer(req));
			if (!operator?.roles.includes('supervisor')) throw new Problem(403, 'supervisor_required', 'a follow-up is recorded by a signed-in supervisor');
			return {status: 200, body: state.followUpEvaluation(params[0]!, key, checkFollowUp(json(body)), operator.id)};
		},
	},
	{
		id: 'branches.work',
		doc: '/branches/{branchCode}/work',
		method: 'GET',
		pattern: /^\/branches\/(\d{6,12})\/work$/,
		auth: true,
		handler: ({req, params, query, state}) => {
			const needs = checkNeeds(query.get('needs'));
			const limit = limitOf(query);
			const all = state.listWork(params[0]!, needs, {followUps: state.operatorOfSession(bearer(req))?.roles.includes('supervisor') === true});
			const start = cursorOf(query);
			const items = all.slice(start, start + limit);
			const next = start + limit < all.length ? cursorText(start + limit) : null;
			const page = {items, nextCursor: next};
			// A strong tag of this page's content: a poll that finds nothing changed gets 304, no body.
			const etag = `"${createHash('sha256').update(JSON.stringify(page)).digest('base64url').slice(0, 27)}"`;
			const headers = {etag, 'cache-control': 'no-cache'};
			const match = req.headers['if-none-match'];
			if (match && match.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return {status: 304, headers};
			return {status: 200, body: page, headers};
		},
	},
	{
		id: 'branches.cases',
		doc: '/branches/{branchCode}/cases',
		method: 'GET',
		pattern: /^\/branches\/(\d{6,12})\/cases$/,
		auth: true,
		handler: ({params, query, state}) => {
			const {fromMs, toMs} = checkRange(query.get('from'), query.get('to'));
			const limit = limitOf(query);
			const start = cursorOf(query);
			const all = state.listBranchCases(params[0]!, fromMs, toMs);
			return {status: 200, body: {cases: all.slice(start, start + limit), nextCursor: start + limit < all.length ? cursorText(start + limit) : null}};
		},
	},
	{
		id: 'terminals.auditHead',
		doc: '/terminals/{terminalId}/audit-head',
		method: 'GET',
		pattern: /^\/terminals\/([A-Za-z0-9][A-Za-z0-9-]{0,31})\/audit-head$/,
		auth: true,
		handler: ({params, state}) => {
			const anchor = state.getAuditHead(params[0]!);
			if (!anchor) throw new Problem(404, 'audit_head_not_found', `no request from terminal ${params[0]} carried an audit head yet`);
			return {status: 200, body: anchor};
		},
	},
];

const BASE = '/api/v1';

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				reject(new Problem(413, 'body_too_large', `bodies are limited to ${limit} bytes`));
				req.resume();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export async function startMockHub(options: MockHubOptions = {}): Promise<MockHub> {
	const clock = options.clock ?? systemClock;
	const catalog = loadServedCatalog(options.catalogDir ?? join(builtinDataDir(), 'catalog'));
	const state = new HubState({clock, speed: options.speed ?? 1, stepMs: options.stepMs ?? 30_000, implementations: catalog.implementations, materials: catalog.materials, agentAllowed: catalog.agentAllowed, ...(options.plan ? {plan: options.plan} : {})});
	const faults = new Faults(options.seed === undefined ? Math.random : seededRandom(options.seed));
	if (options.faults) {
		const parsed = parseFaultSpec(options.faults);
		faults.load(parsed.rules);
		for (const code of parsed.down) state.setNodeStatus(code, 'down');
	}
	const store = options.dataFile ? new DurableJSONFile<HubSnapshot>(options.dataFile) : undefined;
	if (store) {
		const saved = await store.read();
		if (saved) state.restore(saved);
	}
	const maxBody = options.maxBodyBytes ?? 25 * 1024 * 1024;
	const counts = new Map<string, number>();
	let total = 0;
	const sockets = new Set<Socket>();
	const writes = new Set<Promise<void>>();
	let closing = false;

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		total++;
		const requestId = typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID();
		res.setHeader('x-request-id', requestId);
		const url = new URL(req.url ?? '/', 'http://hub.invalid');
		if (url.pathname.startsWith('/e/')) return serveEvaluationPage(req, res, url.pathname, state, catalog);
		const path = url.pathname.startsWith(BASE) ? url.pathname.slice(BASE.length) : undefined;
		let reply: Reply;
		let reset = false;
		let slowMs = 0;
		let matched: Route | undefined;
		let requestBody: Buffer = Buffer.alloc(0);
		try {
			const candidates = path === undefined ? [] : ROUTES.filter((r) => r.pattern.test(path));
			const route = candidates.find((r) => r.method === req.method);
			if (!route) {
				req.resume();
				throw candidates.length > 0
					? new Problem(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`)
					: new Problem(404, 'route_not_found', `no route ${req.method} ${url.pathname}`);
			}
			matched = route;
			counts.set(route.id, (counts.get(route.id) ?? 0) + 1);
			const body = await readBody(req, maxBody);
			requestBody = body;
			const decision = faults.decide(route.id);
			slowMs = decision.slowMs;
			if (decision.latencyMs > 0) await delay(decision.latencyMs);
			if (decision.kind === '500') throw new Problem(500, 'internal_error', 'injected fault: internal error');
			if (decision.kind === '503' || decision.kind === '429') {
				const status = Number(decision.kind);
				throw new Problem(status, status === 503 ? 'overloaded' : 'rate_limited', `injected fault: ${status}`, {headers: {'retry-after': String(decision.retryAfterS)}});
			}
			reset = decision.kind === 'reset';
			if (typeof req.headers['x-terminal-id'] !== 'string' || req.headers['x-terminal-id'] === '') {
				throw new Problem(400, 'terminal_id_required', 'header X-Terminal-Id is required');
			}
			if (route.auth && !state.authenticate(bearer(req))) {
				throw new Problem(401, 'unauthorized', 'a valid Bearer token is required', {headers: {'www-authenticate': 'Bearer'}});
			}
			const params = route.pattern.exec(path!)!.slice(1);
			reply = route.handler({req, params, query: url.searchParams, body, state, catalog});
		} catch (error) {
			if (error instanceof Problem) {
				reply = {status: error.status, body: error.body, contentType: 'application/problem+json', headers: error.headers};
			} else {
				const problem = new Problem(500, 'internal_error', error instanceof Error ? error.message : String(error));
				reply = {status: 500, body: problem.body, contentType: 'application/problem+json'};
			}
		}
		// An answered change is on disk first, like a real hub's commit. Once the hub is closing,
		// nothing more is written: close() waits for the writes already started, so the data file
		// (and its folder) is left alone after it returns.
		if (store && state.dirty && !closing) {
			state.dirty = false;
			const write = store.write(state.snapshot());
			writes.add(write);
			try {
				await write;
			} finally {
				writes.delete(write);
			}
		}
		const exchange: Exchange = {
			method: req.method ?? '',
			route: matched?.id,
			doc: matched?.doc,
			url: req.url ?? '',
			requestHeaders: req.headers,
			requestBody,
			status: undefined,
			responseHeaders: {},
			responseBody: undefined,
		};
		if (reset) {
			// The request was processed, the answer is lost: the client cannot know the outcome.
			options.onExchange?.(exchange);
			req.socket.destroy();
			return;
		}
		const sent = await send(req, res, reply, slowMs);
		options.onExchange?.({...exchange, status: reply.status, responseHeaders: res.getHeaders() as Exchange['responseHeaders'], responseBody: sent});
	}

	const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
		handle(req, res).catch(() => req.socket.destroy());
	};
	const tls = options.tls;
	const server = tls
		? createHttpsServer(
				{cert: tls.cert, key: tls.key, ...(tls.clientCa ? {ca: tls.clientCa, requestCert: true, rejectUnauthorized: true} : {})},
				onRequest,
			)
		: createServer(onRequest);
	server.keepAliveTimeout = 5_000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	state.evaluationOrigin = options.publicOrigin ?? `${tls ? 'https' : 'http'}://${host}:${address.port}`;
	return {
		url: `${tls ? 'https' : 'http'}://${host}:${address.port}${BASE}`,
		state,
		faults,
		catalog,
		counts,
		get total() {
			return total;
		},
		async close() {
			closing = true;
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await Promise.allSettled([...writes]);
		},
	};
}

/** The evaluation and progress page (好差评, evaluation-page.ts): GET only, 404 unless the signature holds. */
function serveEvaluationPage(req: IncomingMessage, res: ServerResponse, path: string, state: HubState, catalog: ServedCatalog): void {
	req.resume();
	const caseId = req.method === 'GET' || req.method === 'HEAD' ? caseOfEvaluationPath(state.evaluationKey, path) : undefined;
	const record = caseId ? state.getCase(caseId) : undefined;
	const html = record ? evaluationPage(record, catalog.itemNames.get(record.itemCode) ?? record.itemCode, state.cases.get(record.caseId)!.submission.applicant.name) : '<!doctype html><title>404</title><p>未找到该办件</p>\n';
	const body = Buffer.from(html);
	res.writeHead(record ? 200 : req.method === 'GET' || req.method === 'HEAD' ? 404 : 405, {'content-type': 'text/html; charset=utf-8', 'content-length': body.length});
	res.end(req.method === 'HEAD' ? undefined : body);
}

/** Writes the answer; returns the body bytes sent (undefined when none). */
async function send(req: IncomingMessage, res: ServerResponse, reply: Reply, slowMs: number): Promise<Buffer | undefined> {
	const body = reply.raw ?? (reply.body === undefined ? undefined : Buffer.from(JSON.stringify(reply.body)));
	const headers: Record<string, string | number> = {...reply.headers};
	if (body && reply.status !== 304) {
		headers['content-type'] = `${reply.contentType ?? 'application/json'}; charset=utf-8`;
		headers['content-length'] = body.length;
	} else if (reply.status !== 204 && reply.status !== 304) {
		headers['content-length'] = 0;
	}
	res.writeHead(reply.status, headers);
	if (!body || req.method === 'HEAD' || reply.status === 304 || reply.status === 204) {
		res.end();
		return undefined;
	}
	if (slowMs <= 0) {
		res.end(body);
		return body;
	}
	// Slow body: the head arrives at once, the bytes trickle in over slowMs.
	const pieces = 8;
	const size = Math.ceil(body.length / pieces);
	for (let i = 0; i < pieces; i++) {
		if (res.destroyed) return body;
		res.write(body.subarray(i * size, (i + 1) * size));
		await delay(slowMs / pieces);
	}
	res.end();
	return body;
}

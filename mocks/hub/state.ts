/**
 * The mock hub's state and rules, independent of HTTP: cases and their lifecycle, idempotency
 * keys, blobs, sessions, facts, each terminal's audit anchor. Handlers in server.ts call these methods; tests read the state
 * directly to check "every case exists exactly once".
 *
 * The lifecycle moves lazily: a case's status is brought up to date whenever it is read, from the
 * injected clock and the step duration (stepMs / speed). A node that is down holds its cases in
 * `dispatched` until it is back.
 */
import {createHash, randomBytes} from 'node:crypto';
import type {Clock} from '../../src/core/ports/clock.js';
import type {CaseRecord, CaseStatus, CaseSubmission, HistoryEntry, MaterialRef} from '../../src/core/cases/model.js';
import type {Collector, Delivery, ReturnRequest, Shipment, WorkItem, WorkNeed} from '../../src/core/cases/return-trips.js';
import {EXCEPTIONS, exceptionsOf, uncovered, type Approval, type ApprovalRequest} from '../../src/core/cases/approval.js';
import {isOpenStatus} from '../../src/core/cases/lifecycle.js';
import {awaitsFollowUp, needsFollowUp, type Evaluation, type EvaluationLevel} from '../../src/core/cases/evaluation.js';
import type {BranchCase} from '../../src/core/report/day.js';
import {holdsPersonalData, purgedSubmission} from '../../src/core/cases/purge.js';
import {s10CheckDigit, type Carrier} from '../../src/core/cases/waybill.js';
import {maskIdNumber, maskName} from '../../src/core/identity/mask.js';
import type {HubNode} from '../../src/core/ports/hub.js';
import {DEMO_API_TOKENS, DEMO_CITIZENS, DEMO_NODES, DEMO_OPERATORS} from './fixtures.js';
import {evaluationPath} from './evaluation-page.js';
import {Problem} from './problem.js';

export interface StoredCase {
	caseId: string;
	seq: number;
	idempotencyKey: string;
	bodyHash: string;
	submission: CaseSubmission;
	handlingNode: string;
	status: CaseStatus;
	receivedAt: string;
	updatedAt: string;
	history: HistoryEntry[];
	/** Epoch ms when the next lifecycle step is due. */
	nextAt: number;
	supplemented: boolean;
	supplementKeys: Record<string, string>;
	/** The receiving branch (submission branchCode, else the signed-in operator's). */
	branchCode?: string;
	/** How the case will go (fixed at creation; absent in snapshots from before the return trips). */
	plan?: CasePlan;
	returnRequest?: ReturnRequest | null;
	shipments?: Shipment[];
	/** Idempotency-Key → hash of the shipment body and the shipment it created. */
	shipmentKeys?: Record<string, {hash: string; shipmentId: string}>;
	delivery?: Delivery | null;
	handoverKey?: {key: string; hash: string};
	/** 好差评: the citizen's evaluation (null until given; absent in older snapshots) and the key of its follow-up. */
	evaluation?: Evaluation | null;
	followUpKey?: {key: string; hash: string};
}

/**
 * What becomes of a case: the decision, how its result is delivered and whether the handling
 * department needs the paper originals. Fixed when the case is created, from its id (the
 * realistic shares below) unless a test passes its own plan.
 */
export interface CasePlan {
	outcome: 'approved' | 'rejected' | 'returned';
	delivery: Delivery['method'];
	originalsRequired: boolean;
	/** For a returned case, the reason and the materials asked for (default: picked from the case id). */
	returnAsk?: {reason: string; materialCodes: string[]};
	/** The citizen's evaluation, given one step after the case completes; absent or null: none. */
	evaluation?: {level: EvaluationLevel; reason: string} | null;
}

export interface HubStateOptions {
	clock: Clock;
	/** Duration of one lifecycle step at speed 1 (default 30 s). */
	stepMs?: number;
	/** Multiplies the pace of the lifecycle (100 = a hundred times faster). */
	speed?: number;
	/** implementationCode → region code (6 digits) of the catalog the hub serves. */
	implementations: ReadonlyMap<string, string>;
	/** Decides each new case's plan (default: planOf, deterministic shares from the case id); the submission lets the demo pick its own citizens' plans. */
	plan?: (caseId: string, submission: CaseSubmission) => CasePlan;
	/** implementationCode → its materials (code, name, originals asked for), for what a return asks for and which originals must be verified. */
	materials?: ReadonlyMap<string, ReadonlyArray<{code: string; name: string; originals?: number; forAgent?: boolean}>>;
	/** The implementation lists an agent may act in (the catalog's agentAllowed); absent: none. */
	agentAllowed?: ReadonlySet<string>;
}

/** The highest audit head a terminal sent (X-Audit-Head, docs/hub-api.yaml). */
export interface AuditAnchor {
	terminalId: string;
	seq: number;
	hash: string;
	receivedAt: string;
}

export interface HubSnapshot {
	version: 1;
	seq: number;
	nodes: HubNode[];
	cases: StoredCase[];
	blobs: Record<string, string>;
	/** Absent in snapshots written before the audit anchor existed. */
	auditHeads?: AuditAnchor[];
	/** Approvals issued (absent in snapshots from before maker-checker). */
	approvals?: Array<Approval & {usedBy?: string}>;
	/** The key of the evaluation pages' signatures (evaluation-page.ts); absent before the QR code. */
	evaluationKey?: string;
}

const LOCK_AFTER = 5;
const SESSION_HOURS = 8;

export class HubState {
	readonly clock: Clock;
	nodes: HubNode[] = DEMO_NODES.map((n) => ({...n}));
	readonly cases = new Map<string, StoredCase>();
	readonly byKey = new Map<string, string>();
	readonly blobs = new Map<string, Buffer>();
	readonly sessions = new Map<string, {operatorId: string; expiresAt: number}>();
	readonly failures = new Map<string, number>();
	readonly auditHeads = new Map<string, AuditAnchor>();
	/** Approvals issued (POST /auth/approvals), by id; `usedBy` is the idempotency key of the case that carried it. */
	readonly approvals = new Map<string, Approval & {usedBy?: string}>();
	readonly #implementations: ReadonlyMap<string, string>;
	readonly #plan: (caseId: string, submission: CaseSubmission) => CasePlan;
	readonly #materials: ReadonlyMap<string, ReadonlyArray<{code: string; name: string; originals?: number; forAgent?: boolean}>>;
	readonly #agentAllowed: ReadonlySet<string>;
	#stepMs: number;
	#seq = 0;
	/** Set on every change that --data must persist. */
	dirty = false;
	// ----- the evaluation page (好差评 QR code, evaluation-page.ts) -----
	/** Signs the page addresses; kept in the snapshot so printed QR codes open after a restart. */
	evaluationKey = randomBytes(16).toString('hex');
	/** The origin citizens reach the hub's pages at (set by the server once it listens). */
	evaluationOrigin = '';

	constructor(options: HubStateOptions) {
		this.clock = options.clock;
		this.#implementations = options.implementations;
		this.#plan = options.plan ?? planOf;
		this.#materials = options.materials ?? new Map();
		this.#agentAllowed = options.agentAllowed ?? new Set();
		this.#stepMs = (options.stepMs ?? 30_000) / (options.speed ?? 1);
	}

	setSpeed(speed: number, stepMs = 30_000): void {
		this.#stepMs = stepMs / speed;
	}

	// ----- nodes -----

	listNodes(): HubNode[] {
		return this.nodes.map((n) => ({...n}));
	}

	setNodeStatus(code: string, status: HubNode['status']): void {
		const node = this.nodes.find((n) => n.code === code);
		if (!node) throw new Error(`no node ${code}`);
		// Bring every case up to now under the old status first: the lifecycle is evaluated lazily.
		for (const stored of this.cases.values()) this.#advance(stored);
		const wasDown = node.status === 'down';
		node.status = status;
		if (wasDown && status !== 'down') {
			// Held cases are taken in one step after the node is back.
			const now = this.clock.now().getTime();
			for (const stored of this.cases.values()) {
				if (stored.status === 'dispatched' && stored.handlingNode === code) stored.nextAt = now + this.#stepMs;
			}
		}
		this.dirty = true;
	}

	#nodeUp(code: string): boolean {
		return this.nodes.find((n) => n.code === code)?.status !== 'down';
	}

	// ----- auth -----

	signIn(operatorId: string, pin: string): {token: string; expiresAt: string; operator: Omit<(typeof DEMO_OPERATORS)[number], 'pin'>} {
		const failures = this.failures.get(operatorId) ?? 0;
		if (failures >= LOCK_AFTER) throw new Problem(423, 'operator_locked', `operator ${operatorId} is locked after ${LOCK_AFTER} failed sign-ins`);
		const operator = DEMO_OPERATORS.find((o) => o.id === operatorId);
		if (!operator || operator.pin !== pin) {
			// Unknown operators count too, so probing ids learns nothing.
			this.failures.set(operatorId, failures + 1);
			if (failures + 1 >= LOCK_AFTER) throw new Problem(423, 'operator_locked', `operator ${operatorId} is locked after ${LOCK_AFTER} failed sign-ins`);
			throw new Problem(401, 'invalid_credentials', 'operator id or PIN is wrong', {remainingAttempts: LOCK_AFTER - failures - 1});
		}
		this.failures.delete(operatorId);
		const token = randomBytes(24).toString('base64url');
		const expiresAt = this.clock.now().getTime() + SESSION_HOURS * 3_600_000;
		this.sessions.set(token, {operatorId, expiresAt});
		const {pin: _pin, ...visible} = operator;
		return {token, expiresAt: new Date(expiresAt).toISOString(), operator: visible};
	}

	/** 'session' | 'api' when the bearer token is valid, else undefined. */
	authenticate(token: string | undefined): 'session' | 'api' | undefined {
		if (!token) return undefined;
		if (DEMO_API_TOKENS.includes(token)) return 'api';
		const session = this.sessions.get(token);
		if (session && session.expiresAt > this.clock.now().getTime()) return 'session';
		return undefined;
	}

	/** The operator a session token belongs to (undefined for an API token or none). */
	operatorOfSession(token: string | undefined): (typeof DEMO_OPERATORS)[number] | undefined {
		const session = token ? this.sessions.get(token) : undefined;
		return session && session.expiresAt > this.clock.now().getTime() ? DEMO_OPERATORS.find((o) => o.id === session.operatorId) : undefined;
	}

	/** The branch of the operator a session token belongs to (cases a session submits join its work). */
	branchOfSession(token: string | undefined): string | undefined {
		const session = token ? this.sessions.get(token) : undefined;
		return session ? DEMO_OPERATORS.find((o) => o.id === session.operatorId)?.branchCode : undefined;
	}

	signOut(token: string): boolean {
		return this.sessions.delete(token);
	}

	// ----- approvals (maker-checker, docs/people.md#supervisors-maker-checker) -----

	/** A supervisor's PIN for a purpose; wrong PINs count toward the supervisor's own lock, as sign-in's do. */
	approve(request: ApprovalRequest): Approval {
		const failures = this.failures.get(request.supervisorId) ?? 0;
		if (failures >= LOCK_AFTER) throw new Problem(423, 'operator_locked', `operator ${request.supervisorId} is locked after ${LOCK_AFTER} failed sign-ins`);
		const supervisor = DEMO_OPERATORS.find((o) => o.id === request.supervisorId);
		if (!supervisor || supervisor.pin !== request.pin) {
			this.failures.set(request.supervisorId, failures + 1);
			if (failures + 1 >= LOCK_AFTER) throw new Problem(423, 'operator_locked', `operator ${request.supervisorId} is locked after ${LOCK_AFTER} failed sign-ins`);
			throw new Problem(401, 'invalid_credentials', 'operator id or PIN is wrong', {remainingAttempts: LOCK_AFTER - failures - 1});
		}
		this.failures.delete(request.supervisorId);
		if (!supervisor.roles.includes('supervisor')) throw new Problem(403, 'not_supervisor', `operator ${supervisor.id} is not a supervisor`);
		if (supervisor.id === request.makerId) throw new Problem(403, 'self_approval', 'a supervisor never approves for themselves');
		if (request.purpose === 'unlock') this.failures.delete(request.makerId);
		const approval: Approval = {
			id: `ap-${randomBytes(12).toString('base64url')}`,
			supervisor: {id: supervisor.id, name: supervisor.name},
			purpose: request.purpose,
			makerId: request.makerId,
			exceptions: request.purpose === 'submit' ? EXCEPTIONS.filter((e) => request.exceptions?.includes(e)) : [],
			issuedAt: this.clock.now().toISOString(),
		};
		this.approvals.set(approval.id, approval);
		this.dirty = true;
		return approval;
	}

	/** Refuses a case whose exceptions (derived here, from the case itself) no unused approval for its maker covers. */
	#checkApproval(idempotencyKey: string, submission: CaseSubmission): void {
		const originals = new Map((this.#materials.get(submission.implementationCode) ?? []).map((m) => [m.code, m.originals ?? 0]));
		const needed = exceptionsOf(submission, {originalsOf: (code) => originals.get(code) ?? 0});
		if (needed.length === 0) return;
		const ref = submission.approval;
		const issued = ref ? this.approvals.get(ref.id) : undefined;
		const valid =
			issued !== undefined && ref !== undefined && issued.purpose === 'submit' && issued.supervisor.id === ref.supervisorId && issued.makerId === submission.operatorId && issued.supervisor.id !== submission.operatorId && (issued.usedBy === undefined || issued.usedBy === idempotencyKey);
		const missing = valid ? uncovered(needed, issued.exceptions) : needed;
		if (missing.length > 0 || !issued) throw new Problem(403, 'approval_required', `the case needs a supervisor's approval of: ${missing.join(', ')}`, {exceptions: missing});
		issued.usedBy = idempotencyKey;
	}

	/**
	 * 委托代办 (docs/people.md#agents-委托代办): an agent only where the list allows one, never the
	 * applicant themselves, and always with the list's 委托书 among the materials.
	 */
	#checkAgent(submission: CaseSubmission): void {
		const agent = submission.agent;
		if (!agent) return;
		if (!this.#agentAllowed.has(submission.implementationCode)) {
			throw new Problem(422, 'agent_not_allowed', `implementation ${submission.implementationCode} is handled in person only: no agent may act for the applicant`);
		}
		if (agent.idNumber.toUpperCase() === submission.applicant.idNumber.toUpperCase()) {
			throw new Problem(422, 'validation_failed', 'the agent is the applicant', {errors: [{field: 'agent.idNumber', message: 'the agent must be another person than the applicant'}]});
		}
		const poa = (this.#materials.get(submission.implementationCode) ?? []).find((m) => m.forAgent === true);
		if (poa && !submission.materials.some((m) => m.code === poa.code)) {
			throw new Problem(422, 'power_of_attorney_missing', `an agent acts: the case needs the power of attorney (material ${poa.code})`, {material: poa.code});
		}
	}

	// ----- facts -----

	queryFacts(idNumber: string, names: string[]): Record<string, string | number | boolean | null> {
		const record = DEMO_CITIZENS[idNumber.toUpperCase()];
		const out: Record<string, string | number | boolean | null> = {};
		// Unknown citizens and unknown facts are null: the hub never guesses.
		// Hub facts are scalars (the contract); list-valued facts exist only as clerk answers.
		for (const name of names) {
			const value = record && Object.hasOwn(record, name) ? record[name] : null;
			out[name] = Array.isArray(value) ? null : (value ?? null);
		}
		return out;
	}

	// ----- blobs -----

	hasBlob(sha256: string): boolean {
		return this.blobs.has(sha256);
	}

	putBlob(sha256: string, bytes: Buffer): 'created' | 'present' {
		const actual = createHash('sha256').update(bytes).digest('hex');
		if (actual !== sha256) {
			throw new Problem(422, 'hash_mismatch', `the body hashes to ${actual}, not ${sha256}`, {expected: sha256, actual});
		}
		if (this.blobs.has(sha256)) return 'present';
		this.blobs.set(sha256, bytes);
		this.dirty = true;
		return 'created';
	}

	// ----- cases -----

	/** POST /cases. Returns created=false for a replay of the same key and body. */
	createCase(idempotencyKey: string, submission: CaseSubmission, sessionBranch?: string): {created: boolean; record: CaseRecord} {
		const bodyHash = canonicalHash(submission);
		const existingId = this.byKey.get(idempotencyKey);
		if (existingId) {
			const existing = this.cases.get(existingId)!;
			if (existing.bodyHash !== bodyHash) {
				throw new Problem(409, 'idempotency_conflict', `Idempotency-Key ${idempotencyKey} was used for a different case (${existing.caseId})`, {caseId: existing.caseId});
			}
			return {created: false, record: this.#record(existing)};
		}
		const region = this.#implementations.get(submission.implementationCode);
		if (!region || !submission.implementationCode.endsWith(submission.itemCode)) {
			throw new Problem(404, 'item_not_found', `no implementation ${submission.implementationCode} of item ${submission.itemCode}`);
		}
		this.#checkAgent(submission);
		for (const m of submission.materials) {
			if (!this.blobs.has(m.sha256)) {
				throw new Problem(422, 'blob_missing', `material ${m.code} references blob ${m.sha256}, which was not uploaded`, {sha256: m.sha256});
			}
		}
		if (!this.#nodeUp(submission.receivingNode)) {
			throw new Problem(503, 'node_unavailable', `receiving node ${submission.receivingNode} is down`, {headers: {'retry-after': '1'}});
		}
		this.#checkApproval(idempotencyKey, submission);
		const now = this.clock.now();
		const stored = this.#insert(idempotencyKey, bodyHash, submission, region.slice(0, 2), now);
		const branch = submission.branchCode ?? sessionBranch;
		if (branch !== undefined) stored.branchCode = branch;
		return {created: true, record: this.#record(stored)};
	}

	#insert(idempotencyKey: string, bodyHash: string, submission: CaseSubmission, handlingNode: string, now: Date): StoredCase {
		const seq = ++this.#seq;
		const day = now.toISOString().slice(0, 10).replace(/-/g, '');
		const caseId = `TB${submission.receivingNode}-${day}-${String(seq).padStart(7, '0')}`;
		const at = now.toISOString();
		const stored: StoredCase = {
			caseId,
			seq,
			idempotencyKey,
			bodyHash,
			submission,
			handlingNode,
			status: 'received',
			receivedAt: at,
			updatedAt: at,
			history: [{status: 'received', node: submission.receivingNode, at, note: '网点受理'}],
			nextAt: now.getTime() + this.#stepMs,
			supplemented: false,
			supplementKeys: {},
			plan: this.#plan(caseId, submission),
			returnRequest: null,
			shipments: [],
			shipmentKeys: {},
			delivery: null,
		};
		this.cases.set(caseId, stored);
		this.byKey.set(idempotencyKey, caseId);
		this.dirty = true;
		return stored;
	}

	/** Creates `count` cases directly (for benches and demos), all at `terminalId`. */
	seedCases(count: number, terminalId: string, implementationCode?: string): string[] {
		const [firstCode, firstRegion] = implementationCode
			? [implementationCode, this.#implementations.get(implementationCode)!]
			: [...this.#implementations.entries()][0]!;
		const ids: string[] = [];
		const now = this.clock.now();
		for (let i = 0; i < count; i++) {
			const submission = {
				itemCode: firstCode.slice(-12),
				implementationCode: firstCode,
				receivingNode: '44',
				applicant: {idNumber: '44030519900101123X', name: '演示', cardType: 'resident'},
				answers: {seed: i},
				eligibility: {result: 'eligible' as const, ruleVersion: 'seed'},
				materials: [],
				operatorId: 'op-1001',
				terminalId,
				createdAt: now.toISOString(),
			};
			ids.push(this.#insert(`seed-${this.#seq + 1}`, 'seed', submission, firstRegion.slice(0, 2), now).caseId);
		}
		return ids;
	}

	getCase(caseId: string): CaseRecord | undefined {
		const stored = this.cases.get(caseId);
		return stored ? this.#record(stored) : undefined;
	}

	findByKey(idempotencyKey: string): CaseRecord | undefined {
		const id = this.byKey.get(idempotencyKey);
		return id ? this.getCase(id) : undefined;
	}

	/** Cases received at a terminal since a time, in creation order, after the cursor. */
	listCases(terminalId: string, since: string, cursor: number, limit: number): {cases: CaseRecord[]; next: number | null} {
		const sinceMs = Date.parse(since);
		const out: CaseRecord[] = [];
		let last = cursor;
		for (const stored of this.cases.values()) {
			if (stored.seq <= cursor) continue;
			if (stored.submission.terminalId !== terminalId || Date.parse(stored.receivedAt) < sinceMs) continue;
			if (out.length === limit) return {cases: out, next: last};
			out.push(this.#record(stored));
			last = stored.seq;
		}
		return {cases: out, next: null};
	}

	batchStatus(caseIds: readonly string[]): Array<{caseId: string; status: CaseStatus; updatedAt: string} | {caseId: string; error: 'not_found'}> {
		return caseIds.map((caseId) => {
			const stored = this.cases.get(caseId);
			if (!stored) return {caseId, error: 'not_found' as const};
			this.#advance(stored);
			return {caseId, status: stored.status, updatedAt: stored.updatedAt};
		});
	}

	/**
	 * POST /cases/open:query: the applicant's cases for the item that are still open (lifecycle.ts
	 * isOpenStatus), oldest first, brought up to date first. Matched by the number, upper case
	 * (its shape names the card kind); purged cases (no number left) never match.
	 */
	findOpenCases(idNumber: string, itemCode: string): Array<{caseId: string; status: CaseStatus; receivedAt: string; receivingNode: string}> {
		const number = idNumber.toUpperCase();
		const out: Array<{caseId: string; status: CaseStatus; receivedAt: string; receivingNode: string}> = [];
		for (const stored of this.cases.values()) {
			if (stored.submission.itemCode !== itemCode || stored.submission.applicant.idNumber.toUpperCase() !== number || number === '') continue;
			this.#advance(stored);
			if (isOpenStatus(stored.status)) out.push({caseId: stored.caseId, status: stored.status, receivedAt: stored.receivedAt, receivingNode: stored.submission.receivingNode});
		}
		return out.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
	}

	addSupplement(caseId: string, idempotencyKey: string, materials: MaterialRef[]): CaseRecord {
		const stored = this.cases.get(caseId);
		if (!stored) throw new Problem(404, 'case_not_found', `no case ${caseId}`);
		const bodyHash = canonicalHash(materials);
		const seen = stored.supplementKeys[idempotencyKey];
		if (seen !== undefined) {
			if (seen !== bodyHash) throw new Problem(409, 'idempotency_conflict', `Idempotency-Key ${idempotencyKey} was used for different materials`);
			return this.#record(stored);
		}
		this.#advance(stored);
		if (stored.status !== 'returned') {
			throw new Problem(409, 'invalid_state', `case ${caseId} is ${stored.status}; supplements are accepted only when it was returned`);
		}
		for (const m of materials) {
			if (!this.blobs.has(m.sha256)) throw new Problem(422, 'blob_missing', `material ${m.code} references blob ${m.sha256}, which was not uploaded`, {sha256: m.sha256});
		}
		const now = this.clock.now();
		stored.supplementKeys[idempotencyKey] = bodyHash;
		stored.supplemented = true;
		stored.returnRequest = null;
		stored.submission = {...stored.submission, materials: [...stored.submission.materials, ...materials]};
		this.#move(stored, 'in_review', now.getTime(), '补正材料已收到');
		stored.nextAt = now.getTime() + this.#stepMs;
		return this.#record(stored);
	}

	// ----- return trips (docs/return-trips.md) -----

	/** POST /cases/{id}/shipments: the paper originals sent to the handling department. */
	addShipment(caseId: string, idempotencyKey: string, body: {carrier: Carrier; waybill: string; sentAt: string; operatorId: string}): {created: boolean; shipment: Shipment} {
		const stored = this.#stored(caseId);
		const hash = canonicalHash(body);
		const seen = stored.shipmentKeys?.[idempotencyKey];
		if (seen) {
			if (seen.hash !== hash) throw new Problem(409, 'idempotency_conflict', `Idempotency-Key ${idempotencyKey} was used for a different shipment`);
			return {created: false, shipment: {...stored.shipments!.find((x) => x.shipmentId === seen.shipmentId)!}};
		}
		this.#advance(stored);
		if (!this.#planOf(stored).originalsRequired) {
			throw new Problem(409, 'invalid_state', `case ${caseId} needs no paper originals`);
		}
		const shipments = (stored.shipments ??= []);
		const shipment: Shipment = {shipmentId: `${caseId}-S${shipments.length + 1}`, carrier: body.carrier, waybill: body.waybill, sentAt: body.sentAt, receivedAt: null, operatorId: body.operatorId};
		shipments.push(shipment);
		(stored.shipmentKeys ??= {})[idempotencyKey] = {hash, shipmentId: shipment.shipmentId};
		// updatedAt stays: it is when the case reached its status (retention and tracking read it so).
		this.dirty = true;
		return {created: true, shipment: {...shipment}};
	}

	/**
	 * POST /cases/{id}/handover: the result collected at the branch. The collector must be the
	 * applicant, or the agent named on the case with a captured 委托书 (its blob uploaded); the
	 * hub checks the masked number and the card kind against the case (it never receives the
	 * collector's full number).
	 */
	handOver(caseId: string, idempotencyKey: string, body: {collector: Collector; collectedAt: string; operatorId: string}): CaseRecord {
		const stored = this.#stored(caseId);
		const hash = canonicalHash(body);
		if (stored.handoverKey) {
			if (stored.handoverKey.key === idempotencyKey && stored.handoverKey.hash === hash) return this.#record(stored);
			if (stored.handoverKey.key === idempotencyKey) throw new Problem(409, 'idempotency_conflict', `Idempotency-Key ${idempotencyKey} was used for a different hand-over`);
		}
		this.#advance(stored);
		if (stored.status !== 'ready_for_pickup') {
			throw new Problem(409, 'invalid_state', `case ${caseId} is ${stored.status}; a result is handed over only when it is ready for pickup`);
		}
		const {collector} = body;
		const person = collector.role === 'agent' ? stored.submission.agent : stored.submission.applicant;
		if (!person || maskIdNumber(person.idNumber) !== collector.idNumberMasked || person.cardType !== collector.cardType) {
			throw new Problem(409, 'collector_mismatch', `the collector is not the ${collector.role === 'agent' ? 'agent named on' : 'applicant of'} case ${caseId}`);
		}
		if (collector.role === 'agent') {
			if (!collector.powerOfAttorney) throw new Problem(422, 'validation_failed', 'an agent needs the power of attorney', {errors: [{field: 'collector.powerOfAttorney', message: 'required for an agent'}]});
			if (!this.blobs.has(collector.powerOfAttorney)) throw new Problem(422, 'blob_missing', `the power of attorney ${collector.powerOfAttorney} was not uploaded`, {sha256: collector.powerOfAttorney});
		}
		const delivery = stored.delivery?.method === 'branch' ? stored.delivery : {method: 'branch' as const, arrivedAt: stored.updatedAt, handover: null};
		stored.delivery = {...delivery, handover: {collector: {...collector}, collectedAt: body.collectedAt, operatorId: body.operatorId}};
		stored.handoverKey = {key: idempotencyKey, hash};
		this.#move(stored, 'completed', this.clock.now().getTime(), collector.role === 'agent' ? '结果已由代办人领取' : '结果已由申请人领取');
		return this.#record(stored);
	}

	/**
	 * GET /branches/{branchCode}/work: what the branch must act on, in the order the cases were
	 * received; `needs` filters. One entry per case and need.
	 */
	listWork(branchCode: string, needs: ReadonlySet<WorkNeed>, options: {followUps?: boolean} = {}): WorkItem[] {
		const out: WorkItem[] = [];
		for (const stored of this.cases.values()) {
			if (stored.branchCode !== branchCode) continue;
			this.#advance(stored);
			const {applicant, agent} = stored.submission;
			const masked = (p: {name: string; cardType: string; idNumber: string}) => ({name: maskName(p.name), cardType: p.cardType, idNumberMasked: maskIdNumber(p.idNumber)});
			const base = {caseId: stored.caseId, itemCode: stored.submission.itemCode, applicant: masked(applicant), ...(agent ? {agent: masked(agent)} : {})};
			if (stored.status === 'returned' && stored.returnRequest && needs.has('supplement')) {
				const r = stored.returnRequest;
				out.push({...base, need: 'supplement', since: r.returnedAt, deadline: r.deadline, reason: r.reason, materials: r.materials.map((m) => ({...m}))});
			}
			if (stored.status === 'ready_for_pickup' && stored.delivery?.method === 'branch' && needs.has('pickup')) {
				out.push({...base, need: 'pickup', since: stored.delivery.arrivedAt ?? stored.updatedAt, deadline: null});
			}
			const decided = stored.status === 'completed' || stored.status === 'rejected';
			if (this.#planOf(stored).originalsRequired && (stored.shipments ?? []).length === 0 && !decided && needs.has('shipment')) {
				out.push({...base, need: 'shipment', since: stored.receivedAt, deadline: null});
			}
			// 整改: the supervisor's queue only (options.followUps), never a clerk's.
			if (options.followUps && awaitsFollowUp(stored.evaluation) && needs.has('follow_up')) {
				out.push({...base, need: 'follow_up', since: stored.evaluation!.evaluatedAt, deadline: null, evaluation: structuredClone(stored.evaluation!)});
			}
		}
		return out;
	}

	// ----- 好差评 (docs/people.md#好差评-evaluation) -----

	/**
	 * POST /cases/{id}/evaluation, the citizen's channel (the hub's evaluation page): one per case
	 * (一事一评), once the case is decided. The same evaluation again is a replay; another one conflicts.
	 */
	evaluate(caseId: string, body: {level: EvaluationLevel; reason: string}): {created: boolean; record: CaseRecord} {
		const stored = this.#stored(caseId);
		this.#advance(stored);
		const given = stored.evaluation;
		if (given) {
			if (given.level === body.level && given.reason === body.reason) return {created: false, record: this.#record(stored)};
			throw new Problem(409, 'evaluation_exists', `case ${caseId} was evaluated already (one evaluation per case)`);
		}
		if (!EVALUABLE.has(stored.status)) throw new Problem(409, 'invalid_state', `case ${caseId} is ${stored.status}; a case is evaluated once it is decided`);
		stored.evaluation = {level: body.level, reason: body.reason, evaluatedAt: this.clock.now().toISOString(), followUp: null};
		this.dirty = true;
		return {created: true, record: this.#record(stored)};
	}

	/** POST /cases/{id}/evaluation/follow-up: a supervisor's 整改 note on a bad evaluation, once. */
	followUpEvaluation(caseId: string, idempotencyKey: string, body: {note: string}, operatorId: string): CaseRecord {
		const stored = this.#stored(caseId);
		const hash = canonicalHash({...body, operatorId});
		if (stored.followUpKey?.key === idempotencyKey) {
			if (stored.followUpKey.hash !== hash) throw new Problem(409, 'idempotency_conflict', `Idempotency-Key ${idempotencyKey} was used for a different follow-up`);
			return this.#record(stored);
		}
		this.#advance(stored);
		const evaluation = stored.evaluation;
		if (!evaluation || !needsFollowUp(evaluation)) throw new Problem(409, 'follow_up_not_needed', `case ${caseId} has no bad evaluation to follow up`);
		if (evaluation.followUp) throw new Problem(409, 'follow_up_recorded', `the evaluation of case ${caseId} was followed up already`);
		evaluation.followUp = {note: body.note, operatorId, at: this.clock.now().toISOString()};
		stored.followUpKey = {key: idempotencyKey, hash};
		this.dirty = true;
		return this.#record(stored);
	}

	/**
	 * GET /branches/{branchCode}/cases: the branch's cases received in [fromMs, toMs), oldest first
	 * (docs/people.md#日终-closing-the-day). No names or numbers: counts and flags only.
	 */
	listBranchCases(branchCode: string, fromMs: number, toMs: number): BranchCase[] {
		const out: BranchCase[] = [];
		for (const stored of this.cases.values()) {
			if (stored.branchCode !== branchCode) continue;
			const at = Date.parse(stored.receivedAt);
			if (at < fromMs || at >= toMs) continue;
			this.#advance(stored);
			const decided = stored.status === 'completed' || stored.status === 'rejected';
			out.push({
				caseId: stored.caseId,
				itemCode: stored.submission.itemCode,
				implementationCode: stored.submission.implementationCode,
				terminalId: stored.submission.terminalId,
				receivingNode: stored.submission.receivingNode,
				handlingNode: stored.handlingNode,
				status: stored.status,
				receivedAt: stored.receivedAt,
				updatedAt: stored.updatedAt,
				supplements: Object.keys(stored.supplementKeys).length,
				handedOver: stored.delivery?.method === 'branch' && stored.delivery.handover !== null,
				shipmentPending: this.#planOf(stored).originalsRequired && (stored.shipments ?? []).length === 0 && !decided,
				evaluation: stored.evaluation?.level ?? null,
			});
		}
		return out.sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || a.caseId.localeCompare(b.caseId));
	}

	#stored(caseId: string): StoredCase {
		const stored = this.cases.get(caseId);
		if (!stored) throw new Problem(404, 'case_not_found', `no case ${caseId}`);
		return stored;
	}

	#planOf(stored: StoredCase): CasePlan {
		return stored.plan ?? {outcome: outcomeOf(stored.caseId), delivery: 'licence', originalsRequired: false};
	}

	// ----- audit anchors -----

	/**
	 * Keeps the head if it is the highest this terminal sent; a lower or equal seq (a retry that
	 * arrives late) is kept out. Returns whether it was kept.
	 */
	noteAuditHead(terminalId: string, head: {seq: number; hash: string}): boolean {
		const kept = this.auditHeads.get(terminalId);
		if (kept && kept.seq >= head.seq) return false;
		this.auditHeads.set(terminalId, {terminalId, seq: head.seq, hash: head.hash, receivedAt: this.clock.now().toISOString()});
		this.dirty = true;
		return true;
	}

	getAuditHead(terminalId: string): AuditAnchor | undefined {
		const kept = this.auditHeads.get(terminalId);
		return kept ? {...kept} : undefined;
	}

	// ----- lifecycle -----

	#advance(stored: StoredCase): void {
		const now = this.clock.now().getTime();
		// A parcel reaches the handling department two steps after it was sent.
		for (const shipment of stored.shipments ?? []) {
			const arrives = Date.parse(shipment.sentAt) + 2 * this.#stepMs;
			if (shipment.receivedAt === null && arrives <= now) {
				shipment.receivedAt = new Date(arrives).toISOString();
				this.dirty = true;
			}
		}
		while (stored.nextAt <= now) {
			const next = this.#nextStatus(stored);
			if (!next) break;
			if (stored.status === 'dispatched' && !this.#nodeUp(stored.handlingNode)) {
				// Held until the node is back (setNodeStatus schedules the next step then).
				break;
			}
			this.#move(stored, next, stored.nextAt);
			stored.nextAt += this.#stepMs;
		}
		// The citizen evaluates one step after the case completed, if the plan says they do.
		const planned = this.#planOf(stored).evaluation;
		const evaluatesAt = Date.parse(stored.updatedAt) + this.#stepMs;
		if (planned && stored.status === 'completed' && !stored.evaluation && evaluatesAt <= now) {
			stored.evaluation = {level: planned.level, reason: planned.reason, evaluatedAt: new Date(evaluatesAt).toISOString(), followUp: null};
			this.dirty = true;
		}
	}

	#nextStatus(stored: StoredCase): CaseStatus | undefined {
		switch (stored.status) {
			case 'received':
				return 'dispatched';
			case 'dispatched':
				return 'accepted';
			case 'accepted':
				return 'in_review';
			case 'in_review':
				return stored.supplemented ? 'approved' : this.#planOf(stored).outcome;
			case 'approved':
				return this.#planOf(stored).delivery === 'branch' ? 'ready_for_pickup' : 'completed';
			case 'rejected':
				return 'completed';
			case 'returned':
			case 'ready_for_pickup':
			case 'completed':
				return undefined;
		}
	}

	#move(stored: StoredCase, status: CaseStatus, atMs: number, note?: string): void {
		const at = new Date(atMs).toISOString();
		const receiving = stored.submission.receivingNode;
		const node = status === 'received' || status === 'dispatched' || status === 'ready_for_pickup' || status === 'completed' ? receiving : stored.handlingNode;
		const from = stored.status;
		if (status === 'returned') stored.returnRequest = this.#returnRequest(stored, atMs);
		if (from === 'approved') stored.delivery = this.#delivery(stored, atMs);
		stored.status = status;
		stored.updatedAt = at;
		const text = note ?? NOTES[status];
		stored.history.push(text === undefined ? {status, node, at} : {status, node, at, note: text});
		this.dirty = true;
	}

	#returnRequest(stored: StoredCase, atMs: number): ReturnRequest {
		const byte = createHash('sha256').update(`return:${stored.caseId}`).digest()[0]!;
		const planned = this.#planOf(stored).returnAsk;
		const reason = planned?.reason ?? RETURN_REASONS[byte % RETURN_REASONS.length]!;
		const known = this.#materials.get(stored.submission.implementationCode) ?? [];
		const plannedMaterials = planned ? known.filter((m) => planned.materialCodes.includes(m.code)) : [];
		const asked = plannedMaterials.length > 0 ? plannedMaterials : known.length > 0 ? [known[byte % known.length]!] : [{code: 'S01', name: '补充说明材料'}];
		return {reason, materials: asked.map((m) => ({code: m.code, name: m.name})), returnedAt: new Date(atMs).toISOString(), deadline: new Date(atMs + RETURN_DAYS * 86_400_000).toISOString()};
	}

	#delivery(stored: StoredCase, atMs: number): Delivery {
		const at = new Date(atMs).toISOString();
		switch (this.#planOf(stored).delivery) {
			case 'licence':
				return {method: 'licence', licenceRef: `DZZZ-${stored.caseId}`, issuedAt: at};
			case 'post': {
				const serial = String(stored.seq % 100_000_000).padStart(8, '0');
				return {method: 'post', carrier: 'ems', waybill: `EA${serial}${s10CheckDigit(serial)}CN`, postedAt: at};
			}
			case 'branch':
				return {method: 'branch', arrivedAt: at, handover: null};
		}
	}

	#record(stored: StoredCase): CaseRecord {
		this.#advance(stored);
		const plan = this.#planOf(stored);
		return {
			caseId: stored.caseId,
			status: stored.status,
			receivingNode: stored.submission.receivingNode,
			handlingNode: stored.handlingNode,
			receivedAt: stored.receivedAt,
			itemCode: stored.submission.itemCode,
			implementationCode: stored.submission.implementationCode,
			terminalId: stored.submission.terminalId,
			updatedAt: stored.updatedAt,
			history: stored.history.map((h) => ({...h})),
			originalsRequired: plan.originalsRequired,
			returnRequest: stored.returnRequest ? {...stored.returnRequest, materials: stored.returnRequest.materials.map((m) => ({...m}))} : null,
			shipments: (stored.shipments ?? []).map((x) => ({...x})),
			delivery: stored.delivery ? structuredClone(stored.delivery) : null,
			evaluation: stored.evaluation ? structuredClone(stored.evaluation) : null,
			...(this.evaluationOrigin ? {evaluationUrl: this.evaluationOrigin + evaluationPath(this.evaluationKey, stored.caseId)} : {}),
		};
	}

	// ----- persistence -----

	snapshot(): HubSnapshot {
		const blobs: Record<string, string> = {};
		for (const [sha, bytes] of this.blobs) blobs[sha] = bytes.toString('base64');
		return {version: 1, seq: this.#seq, nodes: this.nodes, cases: [...this.cases.values()], blobs, auditHeads: [...this.auditHeads.values()], approvals: [...this.approvals.values()], evaluationKey: this.evaluationKey};
	}

	restore(snapshot: HubSnapshot): void {
		this.#seq = snapshot.seq;
		this.nodes = snapshot.nodes;
		this.cases.clear();
		this.byKey.clear();
		for (const c of snapshot.cases) {
			this.cases.set(c.caseId, c);
			this.byKey.set(c.idempotencyKey, c.caseId);
		}
		this.blobs.clear();
		for (const [sha, b64] of Object.entries(snapshot.blobs)) this.blobs.set(sha, Buffer.from(b64, 'base64'));
		this.auditHeads.clear();
		for (const anchor of snapshot.auditHeads ?? []) this.auditHeads.set(anchor.terminalId, anchor);
		this.approvals.clear();
		for (const approval of snapshot.approvals ?? []) this.approvals.set(approval.id, approval);
		if (snapshot.evaluationKey) this.evaluationKey = snapshot.evaluationKey;
	}
}

const NOTES: Partial<Record<CaseStatus, string>> = {
	dispatched: '已分送办理地',
	accepted: '办理地已接收',
	in_review: '审核中',
	approved: '审核通过',
	rejected: '不予受理',
	returned: '需补正材料',
	completed: '结果已汇总至受理地',
};

const RETURN_DAYS = 15;
const RETURN_REASONS = ['材料复印件不清晰，请提交清晰件', '缺少申请人签字页', '证明材料已过有效期，请重新开具', '材料信息与申请表不一致，请核对后补正'];

/**
 * The default plan, deterministic per case id: of the decisions ~10% rejected, ~10% returned,
 * the rest approved; results ~45% as an electronic licence, ~25% posted, ~30% back to the
 * branch; ~30% of cases need the paper originals forwarded.
 */
export function planOf(caseId: string): CasePlan {
	const digest = createHash('sha256').update(caseId).digest();
	const d = digest[1]!;
	return {outcome: outcomeOf(caseId), delivery: d < 115 ? 'licence' : d < 179 ? 'post' : 'branch', originalsRequired: digest[2]! < 77, evaluation: evaluationOf(caseId)};
}

/** A case is evaluated once it is decided (docs/hub-api.yaml, POST /cases/{caseId}/evaluation). */
const EVALUABLE: ReadonlySet<CaseStatus> = new Set(['approved', 'rejected', 'ready_for_pickup', 'completed']);

const BAD_REASONS = ['等候时间太长，取号后等了一个多小时', '窗口对材料要求解释不清，跑了两趟', '办理时间比承诺的长，也没人告知进度', '补正要求前后说法不一致', '工作人员态度不耐烦'];
const FAIR_REASONS = ['', '流程还可以再简化'];
const GOOD_REASONS = ['', '', '办事效率高', '工作人员很耐心'];

/**
 * The citizen's evaluation, deterministic per case id: ~65% of completed cases are evaluated; of
 * those ~70% 非常满意, ~20% 满意, ~6% 基本满意, ~3% 不满意 and ~1% 非常不满意, the bad ones with
 * a short reason in the citizen's words.
 */
function evaluationOf(caseId: string): CasePlan['evaluation'] {
	const digest = createHash('sha256').update(`evaluation:${caseId}`).digest();
	if (digest[0]! >= 166) return null;
	const d = digest[1]!;
	const level: EvaluationLevel = d < 179 ? 'very_satisfied' : d < 230 ? 'satisfied' : d < 245 ? 'basic' : d < 253 ? 'dissatisfied' : 'very_dissatisfied';
	const reasons = level === 'dissatisfied' || level === 'very_dissatisfied' ? BAD_REASONS : level === 'basic' ? FAIR_REASONS : GOOD_REASONS;
	return {level, reason: reasons[digest[2]! % reasons.length]!};
}

/** Deterministic outcome per case: mostly approved, some rejected or returned for more material. */
function outcomeOf(caseId: string): CasePlan['outcome'] {
	const byte = createHash('sha256').update(caseId).digest()[0]!;
	if (byte < 26) return 'rejected';
	if (byte < 52) return 'returned';
	return 'approved';
}

/** sha256 of JSON with sorted keys: the same body in any key order or spacing hashes the same. */
function canonicalHash(value: unknown): string {
	return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
		entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/**
 * Retention for a persisted hub state (the demo hub keeps `demo-hub.json` in the terminal's data
 * folder): cases whose retention clock started before `cutoff` (`startedAt` says when, or
 * undefined while they must be kept) lose the applicant's name and number and the answers, and
 * material bytes no kept case references are dropped. Pure: returns the new snapshot and counts.
 */
export function purgeSnapshot(snapshot: HubSnapshot, startedAt: (c: StoredCase) => Date | undefined, cutoff: Date): {snapshot: HubSnapshot; cases: number; blobs: number} {
	let cases = 0;
	// The citizen's own words in an evaluation are theirs too: they go with the name and number.
	// (the plan holds the words of an evaluation still to come: they go too)
	const saidSomething = (c: StoredCase) => (c.evaluation?.reason ?? '') !== '' || (c.plan?.evaluation?.reason ?? '') !== '';
	const purged = snapshot.cases.map((c) => {
		const started = startedAt(c);
		if (!started || started.getTime() > cutoff.getTime() || (!holdsPersonalData(c.submission) && !saidSomething(c))) return c;
		cases++;
		const plan = c.plan?.evaluation ? {plan: {...c.plan, evaluation: {...c.plan.evaluation, reason: ''}}} : {};
		return {...c, submission: purgedSubmission(c.submission), ...(c.evaluation ? {evaluation: {...c.evaluation, reason: ''}} : {}), ...plan};
	});
	const holdsData = (c: StoredCase) => holdsPersonalData(c.submission);
	// A case's bytes: its materials and the 委托书 photographed when an agent collected its result.
	const bytesOf = (c: StoredCase) => [...c.submission.materials.map((m) => m.sha256), ...(c.delivery?.method === 'branch' && c.delivery.handover?.collector.powerOfAttorney ? [c.delivery.handover.collector.powerOfAttorney] : [])];
	const kept = new Set(purged.filter(holdsData).flatMap(bytesOf));
	// Bytes of purged cases only; bytes no case references yet (uploaded before their case) stay.
	const expired = new Set(purged.filter((c) => !holdsData(c)).flatMap(bytesOf));
	const blobs: Record<string, string> = {};
	let dropped = 0;
	for (const [sha, b64] of Object.entries(snapshot.blobs)) {
		if (expired.has(sha) && !kept.has(sha)) dropped++;
		else blobs[sha] = b64;
	}
	return {snapshot: {...snapshot, cases: purged, blobs}, cases, blobs: dropped};
}

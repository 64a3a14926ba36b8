/**
 * The durable outbox: cases, and supplements to returned cases (补正), wait here until the hub has them. Every state change is written to
 * the store before the next request leaves, so a power cut at any moment leaves an entry that
 * says what may have happened (see outbox-machine.ts). `drain()` works through due entries;
 * `start()` drains in the background and wakes up when the next retry is due.
 */
import {randomUUID} from 'node:crypto';
import {EventEmitter} from 'node:events';
import {AppError, HubError, HubRejectedError, InputError} from '../errors.js';
import type {Clock} from '../ports/clock.js';
import type {BackoffPolicy} from './backoff.js';
import type {CaseReceipt, CaseSubmission, MaterialRef} from './model.js';
import {applyEvent, isFinished, newEntry, nextAction, type OutboxEntry, type OutboxEvent, type RecordedError} from './outbox-machine.js';
import type {BlobStore, OutboxStore} from '../ports/outbox.js';
import type {HubApi} from '../ports/hub.js';

export interface MaterialInput {
	code: string;
	bytes: Uint8Array;
	contentType: string;
	pages: number;
	originalVerified: boolean;
}

export type CaseDraft = Omit<CaseSubmission, 'materials'>;

export interface OutboxEvents {
	enqueued: [OutboxEntry];
	uploaded: [OutboxEntry, string];
	/** A case is on the hub. Never emitted for a supplement: listeners that file cases see only cases. */
	submitted: [OutboxEntry, CaseReceipt];
	/** The hub holds a supplement (`entry.supplementFor` is the case); the receipt is the case as the hub answered. */
	supplemented: [OutboxEntry, CaseReceipt];
	retry: [OutboxEntry];
	failed: [OutboxEntry];
	/**
	 * A request failed and the hub may or may not have created the case (the POST's answer was
	 * lost, or the lookup that would tell failed): the entry keeps `maybeSent` and the next run
	 * asks the hub by idempotency key instead of resending blindly. Emitted before `retry`.
	 */
	outcome_unknown: [OutboxEntry, OutcomeUnknownStage];
	/**
	 * The idempotency-key lookup answered: `created` (the hub has the case; `submitted` follows)
	 * or `not_created` (the POST goes again, safely under the same key). For a supplement the
	 * lookup is the POST again under its key, so it is always `created` (`supplemented` follows).
	 */
	outcome_resolved: [OutboxEntry, OutcomeResolution];
	drained: [DrainSummary];
}

/** Which request left the outcome unknown: the case POST itself, or a lookup after one. */
type OutcomeUnknownStage = 'post' | 'lookup';
type OutcomeResolution = 'created' | 'not_created';

interface DrainSummary {
	submitted: number;
	failed: number;
	/** Entries still waiting for a retry. */
	waiting: number;
}

export interface Outbox {
	/**
	 * Queues a case. With an `idempotencyKey` (the console passes the draft id) enqueueing the same
	 * key again returns the entry already queued: a draft submitted twice, or resubmitted after a
	 * crash between "queued" and "draft marked", is one case, never two.
	 */
	enqueue(draft: CaseDraft, materials: MaterialInput[], options?: {idempotencyKey?: string}): Promise<OutboxEntry>;
	/**
	 * Queues a supplement (补正) to the returned case `caseId`: `materials` (at least one) are sent
	 * to POST /cases/{caseId}/supplements under `idempotencyKey`, after their bytes (HEAD/PUT).
	 * `context` is the case's own context (item, implementation, applicant, operator, terminal…):
	 * it names the entry in lists and the audit, and is never sent. Like `enqueue`, a key already
	 * queued returns the entry under it (whatever it holds: the caller compares), so a supplement
	 * queued again after a crash is one supplement.
	 */
	enqueueSupplement(caseId: string, context: CaseDraft, materials: MaterialInput[], options: {idempotencyKey: string}): Promise<OutboxEntry>;
	/**
	 * Works through the entries that are due; concurrent calls share one run. With `{now: true}`
	 * (an operator asked to send now) entries waiting out a backoff are tried at once as well.
	 * `retries` (default 0): how many times one entry is tried again in this run after a failure
	 * that may pass (the hub away or busy), each after its backoff delay; the background drain
	 * leaves that to the next run, a command that waits for its answer asks for a few. The outbox
	 * is the one place that retries a submission and resolves a lost answer (the hub client posts
	 * once): its "maybe sent" mark is on disk before every POST.
	 */
	drain(options?: {now?: boolean; retries?: number}): Promise<DrainSummary>;
	/** Entries not yet on the hub (including failed ones that need attention). */
	pending(): Promise<OutboxEntry[]>;
	/** Entries not yet archived: the pending ones and those delivered since the last compaction (a bounded set). */
	recent(): Promise<OutboxEntry[]>;
	/** The entry under an idempotency key, delivered ones included. */
	get(idempotencyKey: string): Promise<OutboxEntry | undefined>;
	/** The case's own entry (not a supplement's) for a case id the hub gave, delivered ones included. */
	caseEntry(caseId: string): Promise<OutboxEntry | undefined>;
	/** Every entry, delivered ones included: reads the whole history, for the few callers that need it. */
	all(): Promise<OutboxEntry[]>;
	/** Background draining: now, then whenever the next retry is due (at most `maxIdleMs` apart). */
	start(options?: {maxIdleMs?: number}): void;
	stop(): Promise<void>;
	on<K extends keyof OutboxEvents>(event: K, listener: (...args: OutboxEvents[K]) => void): void;
	off<K extends keyof OutboxEvents>(event: K, listener: (...args: OutboxEvents[K]) => void): void;
}

export interface OutboxDeps {
	store: OutboxStore;
	blobs: BlobStore;
	hub: HubApi;
	clock: Clock;
	random?: () => number;
	backoff?: BackoffPolicy;
	/** Timer seam for background draining (tests pass fakes). */
	setTimer?: (fn: () => void, ms: number) => {cancel(): void};
	/** Waits out a backoff between retries within one drain (tests pass one that returns at once). */
	sleep?: (ms: number) => Promise<void>;
}

const defaultTimer = (fn: () => void, ms: number) => {
	const handle = setTimeout(fn, ms);
	handle.unref?.();
	return {cancel: () => clearTimeout(handle)};
};

export function createOutbox(deps: OutboxDeps): Outbox {
	const {store, blobs, hub, clock} = deps;
	const random = deps.random ?? Math.random;
	const setTimer = deps.setTimer ?? defaultTimer;
	// Unlike the background timer, a retry's wait keeps the process alive: a command is waiting for it.
	const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const emitter = new EventEmitter();
	let running: Promise<DrainSummary> | undefined;
	let timer: {cancel(): void} | undefined;
	let background: {maxIdleMs: number} | undefined;
	/** Set by stop(): a drain waiting out a retry's backoff sends nothing more. */
	let stopped = false;
	/**
	 * Receiving nodes the hub said are down (503 node_unavailable), until the retry of the case it
	 * refused: the other cases for that node wait with it instead of each spending its own retries
	 * (a second per Retry-After), and cases for other nodes go on at once. In memory: a restarted
	 * process asks again. Issue 17.2; docs/hub-api.yaml (503 node_unavailable).
	 */
	const nodeDownUntil = new Map<string, number>();
	const nodeOf = (entry: OutboxEntry) => entry.submission.receivingNode;
	const nodeDown = (entry: OutboxEntry) => (nodeDownUntil.get(nodeOf(entry)) ?? 0) > clock.now().getTime();

	const emit = <K extends keyof OutboxEvents>(event: K, ...args: OutboxEvents[K]) => emitter.emit(event, ...args);

	function postSupplement(entry: OutboxEntry) {
		return hub.addSupplement(entry.supplementFor!, entry.idempotencyKey, entry.submission.materials);
	}

	function emitDelivered(entry: OutboxEntry): void {
		if (entry.supplementFor !== undefined) emit('supplemented', entry, entry.receipt!);
		else emit('submitted', entry, entry.receipt!);
	}

	/** Saves the bytes (content-addressed) and writes the new entry, or returns the one under its key. */
	async function queue(key: string | undefined, draft: CaseDraft, materials: MaterialInput[], supplementFor?: string): Promise<OutboxEntry> {
		if (key !== undefined) {
			// Entries are stored under their key (newEntry): the lookup costs the same whatever the history.
			const known = await store.get(key);
			if (known) return known;
		}
		const refs: MaterialRef[] = [];
		const blobList: Array<{sha256: string; contentType: string}> = [];
		for (const m of materials) {
			const sha256 = await blobs.save(m.bytes);
			refs.push({code: m.code, sha256, pages: m.pages, originalVerified: m.originalVerified});
			if (!blobList.some((b) => b.sha256 === sha256)) blobList.push({sha256, contentType: m.contentType});
		}
		const entry = newEntry(key ?? randomUUID(), {...draft, materials: refs}, blobList, clock.now(), supplementFor !== undefined ? {supplementFor} : {});
		await store.put(entry);
		emit('enqueued', entry);
		if (background) tick();
		return entry;
	}

	async function transition(entry: OutboxEntry, event: OutboxEvent): Promise<OutboxEntry> {
		const next = applyEvent(entry, event, clock.now(), random, deps.backoff);
		// Two changes need not wait for the disk, because losing them in a power cut leaves a state
		// the machine recovers from by asking the hub: a blob confirmation (the HEAD is asked again)
		// and a case created (the entry still says "maybe sent", so the next run looks its key up,
		// or replays a supplement's key, and finds the same case). The next durable write, usually
		// the next case's "maybe sent", syncs them. Every other change is write-ahead.
		await store.put(next, {durable: event.type !== 'blob_confirmed' && event.type !== 'created'});
		return next;
	}

	/** Runs one entry until it is finished or has to wait (after `retries` retries in this run). */
	async function work(start: OutboxEntry, now = false, retries = 0): Promise<OutboxEntry> {
		let entry = start;
		let reuploads = 0;
		let retriesLeft = retries;
		// Sending now skips the backoff left by earlier attempts; a failure in this run returns
		// below once its retries are spent (its new backoff applies to the next run): no endless loop.
		for (;;) {
			if (stopped) return entry;
			const action = nextAction(entry, now ? new Date(8.64e15) : clock.now());
			if (action.kind === 'none' || action.kind === 'wait') return entry;
			try {
				if (action.kind === 'upload') {
					const {sha256, contentType} = action.blob;
					if (!(await hub.hasBlob(sha256))) await hub.putBlob(sha256, await blobs.read(sha256), contentType);
					entry = await transition(entry, {type: 'blob_confirmed', sha256});
					emit('uploaded', entry, sha256);
				} else if (action.kind === 'resolve') {
					// A supplement resolves by posting again under its key: the hub answers a replayed
					// key with the case (outbox-machine.ts). A case resolves by looking its key up.
					const found = entry.supplementFor !== undefined ? await postSupplement(entry) : await hub.findCaseByIdempotencyKey(entry.idempotencyKey);
					entry = await transition(entry, {type: 'resolved', receipt: found ? receiptOf(found) : null});
					emit('outcome_resolved', entry, entry.phase === 'done' ? 'created' : 'not_created');
					if (entry.phase === 'done') emitDelivered(entry);
				} else {
					// Write-ahead: the entry says "maybe sent" on disk before the request leaves.
					entry = await transition(entry, {type: 'post_started'});
					const receipt = entry.supplementFor !== undefined ? receiptOf(await postSupplement(entry)) : (await hub.createCase(entry.idempotencyKey, entry.submission)).receipt;
					entry = await transition(entry, {type: 'created', receipt});
					emitDelivered(entry);
				}
			} catch (error) {
				let event = classify(error, action.kind === 'post');
				// A hub that keeps losing a blob it just confirmed: stop looping, retry later.
				if (event.type === 'blob_missing' && ++reuploads > 2) {
					event = {type: 'transient_failure', error: errorRecord(error, 'blob_missing'), postNotProcessed: true};
				}
				entry = await transition(entry, event);
				if (entry.phase === 'failed') {
					emit('failed', entry);
					return entry;
				}
				if (isNodeUnavailable(error)) {
					// Not retried in this run: the node's other cases wait for the same retry time.
					nodeDownUntil.set(nodeOf(entry), Date.parse(entry.nextAttemptAt));
					emit('retry', entry);
					return entry;
				}
				if (event.type === 'transient_failure') {
					if (entry.maybeSent && (action.kind === 'post' || action.kind === 'resolve')) emit('outcome_unknown', entry, action.kind === 'post' ? 'post' : 'lookup');
					emit('retry', entry);
					if (retriesLeft <= 0) return entry;
					retriesLeft--;
					// The entry's own backoff (never shorter than a Retry-After), then round again.
					await sleep(Math.max(0, Date.parse(entry.nextAttemptAt) - clock.now().getTime()));
					now = true;
				}
			}
		}
	}

	async function runDrain(now: boolean, retries: number): Promise<DrainSummary> {
		const summary: DrainSummary = {submitted: 0, failed: 0, waiting: 0};
		const entries = (await store.pending()).filter((e) => !isFinished(e));
		entries.sort((a, b) => a.enqueuedAt.localeCompare(b.enqueuedAt));
		const downThisRun = new Set<string>();
		for (const entry of entries) {
			// A node found down in this run, or (in the background) still within its retry time.
			if (downThisRun.has(nodeOf(entry)) || (!now && nodeDown(entry))) {
				summary.waiting++;
				continue;
			}
			const after = await work(entry, now, retries);
			if (after.phase === 'done') nodeDownUntil.delete(nodeOf(entry));
			else if (nodeDown(after)) downThisRun.add(nodeOf(after));
			if (after.phase === 'done') summary.submitted++;
			else if (after.phase === 'failed') summary.failed++;
			else summary.waiting++;
		}
		emit('drained', summary);
		return summary;
	}

	function drain(options: {now?: boolean; retries?: number} = {}): Promise<DrainSummary> {
		running ??= runDrain(options.now === true, Math.max(0, options.retries ?? 0)).finally(() => {
			running = undefined;
		});
		return running;
	}

	async function scheduleNext(): Promise<void> {
		if (!background) return;
		const waiting = (await store.pending()).filter((e) => !isFinished(e));
		const now = clock.now().getTime();
		const due = (e: OutboxEntry) => Math.max(Date.parse(e.nextAttemptAt), nodeDownUntil.get(nodeOf(e)) ?? 0);
		const soonest = Math.min(...waiting.map(due), now + background.maxIdleMs);
		timer?.cancel();
		timer = setTimer(tick, Math.max(0, soonest - now));
	}

	function tick(): void {
		void drain()
			.catch(() => undefined)
			.then(scheduleNext);
	}

	return {
		enqueue: (draft, materials, options = {}) => queue(options.idempotencyKey, draft, materials),
		async enqueueSupplement(caseId, context, materials, options) {
			// A supplement adds material: one with none is a caller's mistake the hub would refuse (400).
			if (materials.length === 0) throw new InputError('supplement_no_materials', {caseId});
			return queue(options.idempotencyKey, context, materials, caseId);
		},
		drain,
		pending: () => store.pending(),
		recent: () => store.recent(),
		get: (key) => store.get(key),
		caseEntry: (caseId) => store.caseEntry(caseId),
		all: () => store.list(),
		start(options = {}) {
			background = {maxIdleMs: options.maxIdleMs ?? 30_000};
			tick();
		},
		async stop() {
			stopped = true;
			background = undefined;
			timer?.cancel();
			timer = undefined;
			await running?.catch(() => undefined);
			await store.close?.();
		},
		on(event, listener) {
			emitter.on(event, listener as (...args: unknown[]) => void);
		},
		off(event, listener) {
			emitter.off(event, listener as (...args: unknown[]) => void);
		},
	};
}

function receiptOf(record: CaseReceipt): CaseReceipt {
	return {
		caseId: record.caseId,
		status: record.status,
		receivingNode: record.receivingNode,
		handlingNode: record.handlingNode,
		receivedAt: record.receivedAt,
	};
}

/**
 * A failure as the entry keeps it: the error's code and values (worded where it is shown, in the
 * reader's language) and its technical message (for logs). Anything not ours is kept by `code`.
 */
function errorRecord(error: unknown, code: string): RecordedError {
	if (error instanceof AppError) return {code: error.code, params: error.params, message: error.message};
	return {code, message: error instanceof Error ? error.message : String(error)};
}

/** Maps a failed call to an outbox event: what can be retried, what needs a person. */
/** The hub refused because the case's receiving node is down (503 node_unavailable). */
function isNodeUnavailable(error: unknown): boolean {
	return error instanceof HubError && error.details?.['problemCode'] === 'node_unavailable';
}

export function classify(error: unknown, duringPost: boolean): OutboxEvent {
	if (error instanceof HubRejectedError) {
		if (error.problemCode === 'blob_missing') {
			const sha = error.details?.['sha256'];
			return typeof sha === 'string' ? {type: 'blob_missing', sha256: sha} : {type: 'blob_missing'};
		}
		// Sign-in problems are fixed by signing in again, not by dropping the case.
		if (error.status === 401 || error.status === 403 || error.status === 423 || error.status === 429) {
			return {type: 'transient_failure', error: errorRecord(error, error.code), postNotProcessed: duringPost};
		}
		return {type: 'rejected', error: errorRecord(error, error.code)};
	}
	if (error instanceof HubError) {
		const event: OutboxEvent = {
			type: 'transient_failure',
			error: errorRecord(error, error.code),
			postNotProcessed: duringPost && !error.outcomeUnknown,
		};
		if (error.retryAfterMs !== undefined) event.retryAfterMs = error.retryAfterMs;
		return event;
	}
	// Anything else (a local file error, a bug): keep the case and try again later.
	return {type: 'transient_failure', error: errorRecord(error, 'unexpected')};
}

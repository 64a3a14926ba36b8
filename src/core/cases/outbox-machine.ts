/**
 * The submission of one case as a pure state machine: materials first (HEAD, PUT if missing),
 * then the case POST with its idempotency key. The driver (outbox.ts) persists every state before
 * acting on it, so after a crash the entry says exactly what may have happened:
 *
 *   uploading ──all blobs confirmed──▶ posting ──answer──▶ done
 *                                        │  ▲
 *                         maybeSent=true │  │ resolve: hub has no case with the key
 *                                        ▼  │
 *                             resolve (GET /cases?idempotencyKey=) ──found──▶ done
 *
 * `maybeSent` is written to disk BEFORE the POST leaves, and cleared only when the outcome is
 * known. So a crash or a lost answer always leads to a lookup, never to a blind resend.
 *
 * A supplement (补正, docs/return-trips.md#supplements-补正) goes through the same states; only
 * its `resolve` differs, and that is the driver's business: it is the same POST again under the
 * same key, because the hub answers a replayed supplement key with the case (even after the case
 * moved on), so the re-POST is the lookup. Cases cannot resolve that way: a case POST replayed
 * after the hub lost its key record would create a second case, hence GET /cases?idempotencyKey=.
 */
import type {TemplateParams} from '../template.js';
import {backoffDelay, type BackoffPolicy, DEFAULT_BACKOFF} from './backoff.js';
import type {CaseReceipt, CaseSubmission} from './model.js';

type OutboxPhase = 'uploading' | 'posting' | 'done' | 'failed';

export interface OutboxBlob {
	sha256: string;
	contentType: string;
}

export interface OutboxEntry {
	/** Local id; equal to the idempotency key. */
	id: string;
	idempotencyKey: string;
	submission: CaseSubmission;
	blobs: OutboxBlob[];
	phase: OutboxPhase;
	/** Blobs the hub is known to hold. */
	blobsConfirmed: string[];
	/** A POST may have reached the hub and its answer is unknown: resolve before resending. */
	maybeSent: boolean;
	attempts: number;
	nextAttemptAt: string;
	enqueuedAt: string;
	updatedAt: string;
	receipt?: CaseReceipt;
	/**
	 * A supplement to this case (POST /cases/{caseId}/supplements), not a case: `submission` is
	 * the case's context with the supplement's materials. Absent for a case (and in every entry
	 * written before supplements existed).
	 */
	supplementFor?: string;
	/** When the hub's answer said it holds the entry (absent in entries delivered before it was kept). */
	deliveredAt?: string;
	lastError?: RecordedError;
	/**
	 * Set by the retention purge: the applicant's name and number, the answers and the material
	 * bytes are gone; the key, the case id and the state stay (what was sent, and what became of it).
	 */
	purgedAt?: string;
}

/** A failure as an entry keeps it: code and values to word it by, and the technical message. */
export interface RecordedError {
	code: string;
	params?: TemplateParams;
	message: string;
}

export type OutboxAction =
	| {kind: 'upload'; blob: OutboxBlob}
	| {kind: 'resolve'}
	| {kind: 'post'}
	| {kind: 'wait'; until: string}
	| {kind: 'none'};

export type OutboxEvent =
	| {type: 'blob_confirmed'; sha256: string}
	| {type: 'post_started'}
	| {type: 'created'; receipt: CaseReceipt}
	| {type: 'resolved'; receipt: CaseReceipt | null}
	/** The hub says a referenced blob is missing (422): upload it again. */
	| {type: 'blob_missing'; sha256?: string}
	/**
	 * Try again later. `postNotProcessed` only for a failed POST the hub certainly did not process
	 * (refused connection, 503/429 answered); a failed lookup says nothing about an earlier POST.
	 */
	| {type: 'transient_failure'; error: RecordedError; postNotProcessed?: boolean; retryAfterMs?: number}
	| {type: 'rejected'; error: RecordedError};

export function newEntry(idempotencyKey: string, submission: CaseSubmission, blobs: OutboxBlob[], now: Date, options: {supplementFor?: string} = {}): OutboxEntry {
	const at = now.toISOString();
	return {
		...(options.supplementFor !== undefined ? {supplementFor: options.supplementFor} : {}),
		id: idempotencyKey,
		idempotencyKey,
		submission,
		blobs,
		phase: blobs.length > 0 ? 'uploading' : 'posting',
		blobsConfirmed: [],
		maybeSent: false,
		attempts: 0,
		nextAttemptAt: at,
		enqueuedAt: at,
		updatedAt: at,
	};
}

export function isFinished(entry: OutboxEntry): boolean {
	return entry.phase === 'done' || entry.phase === 'failed';
}

/** What to do next with an entry at time `now`. */
export function nextAction(entry: OutboxEntry, now: Date): OutboxAction {
	if (isFinished(entry)) return {kind: 'none'};
	if (Date.parse(entry.nextAttemptAt) > now.getTime()) return {kind: 'wait', until: entry.nextAttemptAt};
	if (entry.phase === 'uploading') {
		const blob = entry.blobs.find((b) => !entry.blobsConfirmed.includes(b.sha256));
		if (blob) return {kind: 'upload', blob};
		// All confirmed but the phase was not moved (should not happen): treat as posting.
	}
	return entry.maybeSent ? {kind: 'resolve'} : {kind: 'post'};
}

/** Applies an event; returns a new entry (the input is not modified). */
export function applyEvent(
	entry: OutboxEntry,
	event: OutboxEvent,
	now: Date,
	random: () => number,
	policy: BackoffPolicy = DEFAULT_BACKOFF,
): OutboxEntry {
	const at = now.toISOString();
	const next: OutboxEntry = {...entry, updatedAt: at};
	switch (event.type) {
		case 'blob_confirmed': {
			const confirmed = next.blobsConfirmed.includes(event.sha256) ? next.blobsConfirmed : [...next.blobsConfirmed, event.sha256];
			next.blobsConfirmed = confirmed;
			if (next.blobs.every((b) => confirmed.includes(b.sha256))) next.phase = 'posting';
			return next;
		}
		case 'post_started':
			next.maybeSent = true;
			return next;
		case 'created':
		case 'resolved':
			if (event.receipt === null) {
				// The hub never created it: the POST may go (again), safely under the same key.
				next.maybeSent = false;
				return next;
			}
			next.phase = 'done';
			next.maybeSent = false;
			next.receipt = event.receipt;
			next.deliveredAt = at;
			delete next.lastError;
			return next;
		case 'blob_missing':
			next.phase = 'uploading';
			next.maybeSent = false;
			next.blobsConfirmed = event.sha256 ? next.blobsConfirmed.filter((s) => s !== event.sha256) : [];
			return next;
		case 'transient_failure':
			next.attempts = entry.attempts + 1;
			next.lastError = event.error;
			if (event.postNotProcessed === true) next.maybeSent = false;
			next.nextAttemptAt = new Date(now.getTime() + backoffDelay(next.attempts, random, policy, event.retryAfterMs)).toISOString();
			return next;
		case 'rejected':
			next.phase = 'failed';
			next.lastError = event.error;
			return next;
	}
}

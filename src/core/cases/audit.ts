/**
 * Puts an outbox's life on the audit trail: one recorder subscribed to the outbox events, so the
 * command line (`cases submit`, `cases outbox --drain`) and the console record submissions the
 * same way. Pure (core only): the caller passes any AuditRecorder (the AuditStore in practice).
 *
 *   enqueued          → case.submit           unknown  stage "queued"   (the counter pressed submit)
 *   submitted         → case.submit           ok       stage "accepted" (target caseId)
 *   failed            → case.submit           denied   stage "rejected" (the hub refused it)
 *   retry             → case.submit           failed   stage "retry"    (hub away; not sent, or upload failed)
 *   outcome_unknown   → case.outcome_unknown  unknown  stage post|lookup (maybe created: look up by key next)
 *   outcome_resolved  → case.outcome_resolved ok       resolution created|not_created
 *
 * A supplement (补正) entry is recorded the same way under `case.supplement` (queued, accepted
 * on `supplemented`, rejected, retry), naming its case (`caseId`); its lost answers go under the
 * same outcome actions with `supplementFor`.
 *
 * Details name the case by idempotency key, item and implementation code, and the applicant only
 * masked (陈**, 440305********123X): never the full ID number or name. Recording is asynchronous
 * (outbox listeners are synchronous), so callers `flush()` before closing the store.
 */
import type {AuditInput, AuditOutcome} from '../audit/model.js';
import type {AuditRecorder} from '../ports/audit.js';
import type {AuditActionCode} from '../audit/actions.js';
import {maskIdNumber, maskName} from '../identity/mask.js';
import type {OutboxEntry} from './outbox-machine.js';
import type {Outbox, OutboxEvents} from './outbox.js';

export interface OutboxAudit {
	/** Waits for every entry recorded so far; rejects with the first recording error, if any. */
	flush(): Promise<void>;
	/** Unsubscribes (entries already started still land; `flush` waits for them). */
	stop(): void;
}

export interface OutboxAuditOptions {
	/** Called when an entry cannot be written (the outbox must go on; the caller decides what to show). */
	onError?: (error: unknown, input: AuditInput) => void;
}

/** What every case entry carries: enough to find the case, nothing that names the citizen. */
function caseAuditDetails(entry: OutboxEntry): Record<string, string | number | boolean> {
	const s = entry.submission;
	return {
		idempotencyKey: entry.idempotencyKey,
		implementationCode: s.implementationCode,
		receivingNode: s.receivingNode,
		applicantMasked: maskName(s.applicant.name),
		idNumberMasked: maskIdNumber(s.applicant.idNumber),
		// 委托代办: the agent too, masked the same way (docs/people.md#agents-委托代办).
		...(s.agent ? {agentMasked: maskName(s.agent.name), agentIdNumberMasked: maskIdNumber(s.agent.idNumber)} : {}),
		operatorId: s.operatorId,
		materials: s.materials.length,
		attempts: entry.attempts,
		...(entry.supplementFor !== undefined ? {supplementFor: entry.supplementFor, caseId: entry.supplementFor, materialCodes: s.materials.map((m) => m.code).join(',')} : {}),
	};
}

function target(entry: OutboxEntry): AuditInput['target'] {
	const caseId = entry.supplementFor ?? entry.receipt?.caseId;
	return {itemCode: entry.submission.itemCode, ...(caseId !== undefined ? {caseId} : {})};
}

/** The action an entry's own life is recorded under: a case submission or a supplement. */
const sending = (entry: OutboxEntry): AuditActionCode => (entry.supplementFor !== undefined ? 'case.supplement' : 'case.submit');

function input(action: AuditActionCode, outcome: AuditOutcome, entry: OutboxEntry, extra: Record<string, string | number | boolean | null>): AuditInput {
	return {action, outcome, target: target(entry), details: {...caseAuditDetails(entry), ...extra}};
}

const lastError = (entry: OutboxEntry) => ({errorCode: entry.lastError?.code ?? null});

/**
 * Subscribes `recorder` to `outbox`. Console backend: `const outboxAudit = auditOutbox(outbox, audit)`
 * right after opening both, and `await outboxAudit.flush()` before `audit.close()`.
 */
export function auditOutbox(outbox: Pick<Outbox, 'on' | 'off'>, recorder: AuditRecorder, options: OutboxAuditOptions = {}): OutboxAudit {
	const pending = new Set<Promise<unknown>>();
	let firstError: {error: unknown} | undefined;

	const record = (audit: AuditInput) => {
		const write = recorder.record(audit).then(
			() => undefined,
			(error: unknown) => {
				firstError ??= {error};
				options.onError?.(error, audit);
			},
		);
		pending.add(write);
		void write.finally(() => pending.delete(write));
	};

	const listeners: {[K in keyof OutboxEvents]?: (...args: OutboxEvents[K]) => void} = {
		enqueued: (entry) => record(input(sending(entry), 'unknown', entry, {stage: 'queued'})),
		submitted: (entry, receipt) => record(input('case.submit', 'ok', entry, {stage: 'accepted', status: receipt.status, handlingNode: receipt.handlingNode})),
		supplemented: (entry, receipt) => record(input('case.supplement', 'ok', entry, {stage: 'accepted', status: receipt.status, handlingNode: receipt.handlingNode})),
		failed: (entry) => record(input(sending(entry), 'denied', entry, {stage: 'rejected', ...lastError(entry)})),
		retry: (entry) => {
			// A retry that leaves "maybe sent" was recorded as outcome_unknown just before.
			if (!entry.maybeSent) record(input(sending(entry), 'failed', entry, {stage: 'retry', phase: entry.phase, nextAttemptAt: entry.nextAttemptAt, ...lastError(entry)}));
		},
		outcome_unknown: (entry, stage) => record(input('case.outcome_unknown', 'unknown', entry, {stage, nextAttemptAt: entry.nextAttemptAt, ...lastError(entry)})),
		outcome_resolved: (entry, resolution) => record(input('case.outcome_resolved', 'ok', entry, {resolution})),
	};
	for (const [event, listener] of Object.entries(listeners)) outbox.on(event as keyof OutboxEvents, listener as never);

	return {
		async flush() {
			while (pending.size > 0) await Promise.all([...pending]);
			if (firstError) throw firstError.error;
		},
		stop() {
			for (const [event, listener] of Object.entries(listeners)) outbox.off(event as keyof OutboxEvents, listener as never);
		},
	};
}

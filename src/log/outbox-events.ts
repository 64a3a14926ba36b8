/**
 * The outbox's life in the operations log (docs/operations.md#logs): each entry queued, taken by
 * the hub, retried or failed, by its key and case number, never its contents (the submission holds
 * the applicant). The audit records the same deliveries for accountability; these lines are for
 * the people who keep the terminal running (a queue that does not drain, a hub that refuses).
 */
import type {Outbox} from '../core/cases/outbox.js';
import type {OutboxEntry} from '../core/cases/outbox-machine.js';
import type {LogFields, OpsLog} from '../core/ports/ops-log.js';

function fields(entry: OutboxEntry): LogFields {
	return {
		key: entry.idempotencyKey,
		kind: entry.supplementFor ? 'supplement' : 'case',
		caseId: entry.receipt?.caseId ?? entry.supplementFor ?? null,
		attempts: entry.attempts,
		code: entry.lastError?.code,
	};
}

export function logOutbox(outbox: Pick<Outbox, 'on'>, log: OpsLog): void {
	outbox.on('enqueued', (entry) => log.log('info', 'outbox.enqueued', fields(entry)));
	outbox.on('submitted', (entry) => log.log('info', 'outbox.delivered', fields(entry)));
	outbox.on('supplemented', (entry) => log.log('info', 'outbox.delivered', fields(entry)));
	outbox.on('retry', (entry) => log.log('warn', 'outbox.retry', {...fields(entry), next: entry.nextAttemptAt}));
	outbox.on('failed', (entry) => log.log('error', 'outbox.failed', fields(entry)));
	outbox.on('outcome_unknown', (entry, stage) => log.log('warn', 'outbox.outcome_unknown', {...fields(entry), stage}));
}

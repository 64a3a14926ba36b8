/**
 * The audit action codes: what a counter does that must be provable afterwards. Each code lists
 * the detail keys its entry must carry (checked by `record`, so a caller that forgets the rule-set
 * version or a hash fails in its own tests). Labels for people live in src/i18n/audit.ts.
 *
 * Details never hold personal data in clear: card numbers arrive masked, images and card text as
 * SHA-256 digests, batches as counts. The redactor (redact.ts) still masks whatever slips through.
 */
export interface AuditActionSpec {
	category: 'session' | 'identity' | 'case' | 'admin' | 'device';
	/** Detail keys the entry must carry. */
	requires: readonly string[];
}

const AUDIT_ACTIONS = {
	/** Operator signed in (outcome ok) or was refused (denied). */
	'session.sign_in': {category: 'session', requires: []},
	'session.sign_out': {category: 'session', requires: []},
	/** Screen locked (idle timeout or by hand): details.reason. */
	'session.lock': {category: 'session', requires: ['reason']},
	'session.unlock': {category: 'session', requires: []},
	/**
	 * A supervisor's PIN at a clerk's terminal (maker-checker, docs/people.md#supervisors-maker-checker):
	 * for what (unlock, switch, submit), who approved, for whom, the exceptions and the hub's approval
	 * id; denied with the reason (wrong PIN, self-approval, not a supervisor, locked, hub unreachable).
	 */
	'session.approval': {category: 'session', requires: ['purpose', 'supervisorId', 'makerId']},
	/** A locked screen released to another operator by a supervisor's approval: whose screen, who approved. */
	'session.switch': {category: 'session', requires: ['makerId', 'supervisorId']},
	/** ID card read: masked number, SHA-256 of the card text block and of the photo. */
	'card.read': {category: 'identity', requires: ['idNumberMasked', 'textSha256', 'photoSha256']},
	/** A citizen whose card will not read, typed in: masked number, the card kind, the original ID sighted. */
	'card.typed': {category: 'identity', requires: ['idNumberMasked', 'cardType', 'originalSighted']},
	/** The card read is an agent's (委托代办): the agent's masked number and card kind; the applicant follows as card.typed. */
	'card.agent': {category: 'identity', requires: ['idNumberMasked', 'cardType']},
	/** The operator revealed a full ID number on screen: who, which (masked) and why. */
	'card.reveal': {category: 'identity', requires: ['idNumberMasked', 'reason']},
	/** Eligibility answered: the rule set version it was decided by, and the answer. */
	'eligibility.decide': {category: 'case', requires: ['ruleSetVersion', 'eligible']},
	/** A material captured: which one and the SHA-256 of the stored image. */
	'material.capture': {category: 'case', requires: ['materialCode', 'sha256']},
	/** A draft resumed after a restart or by another clerk: which one and the step it reopened. */
	'draft.resume': {category: 'case', requires: ['draftId', 'step']},
	/** A draft abandoned (confirmed by the clerk): its captures are deleted; codes and counts only. */
	'draft.abandon': {category: 'case', requires: ['draftId', 'captures']},
	'case.submit': {category: 'case', requires: ['idempotencyKey']},
	/**
	 * The clerk confirmed a second case although the applicant has open ones for the item
	 * (docs/return-trips.md#no-accidental-second-case): those case ids (none when only queued
	 * ones were found), the item, and how many were found. Never the applicant.
	 */
	'case.duplicate_confirmed': {category: 'case', requires: ['caseIds', 'itemCode', 'found']},
	/** Materials added to a returned case (补正): queued, on the hub, refused or retried; by key and case. */
	'case.supplement': {category: 'case', requires: ['idempotencyKey', 'caseId']},
	/** Paper originals sent to the handling department (资料流转): case, carrier, waybill, outcome. */
	'case.ship': {category: 'case', requires: ['caseId', 'carrier', 'waybill']},
	/**
	 * The card read before a supplement or a hand-over was checked against the case's people
	 * (counter-match.ts): the need, the outcome (ok, or denied for a card that matches no one),
	 * the role matched and the masked number read. Never the full number.
	 */
	'case.collector_check': {category: 'case', requires: ['caseId', 'need', 'idNumberMasked']},
	/** A result handed over at the counter (领取): to whom (role, masked number), with the 委托书's SHA-256 for an agent. */
	'case.handover': {category: 'case', requires: ['caseId', 'role', 'idNumberMasked']},
	/**
	 * A supervisor's follow-up (整改) of a bad evaluation (docs/people.md#好差评-evaluation): the
	 * case, the level, the note's SHA-256 and length (never its words); denied when the hub
	 * refused a session that is not a supervisor's.
	 */
	'case.follow_up': {category: 'case', requires: ['caseId', 'level', 'noteSha256']},
	/** A receipt sent to the configured print command (outcome ok or error). */
	'receipt.print': {category: 'case', requires: []},
	/** The hub did not answer a submission: the case may or may not exist. */
	'case.outcome_unknown': {category: 'case', requires: ['idempotencyKey']},
	/** An unknown outcome resolved (found created, or not created and resubmitted). */
	'case.outcome_resolved': {category: 'case', requires: ['idempotencyKey', 'resolution']},
	/** A case status change noticed by tracking (收 → 分 → 转 → 汇). */
	'case.status_seen': {category: 'case', requires: ['status']},
	'config.change': {category: 'admin', requires: ['key']},
	/** config.json brought back from its last good copy: the keys that changed, old and new values as config.change records them. */
	'config.restore': {category: 'admin', requires: ['keys', 'changes']},
	'device.diagnose': {category: 'device', requires: ['device']},
	/** A batch run: counts only, never the citizens it touched. */
	'batch.run': {category: 'admin', requires: ['total', 'ok', 'failed']},
	/** Local personal-data files purged after retention: counts only. */
	'retention.purge': {category: 'admin', requires: ['files', 'cases', 'retentionDays']},
	/** Damaged data files set aside were looked at and acknowledged: which notices (ids, paths). */
	'data.quarantine_ack': {category: 'admin', requires: ['notices']},
} as const satisfies Record<string, AuditActionSpec>;

export type AuditActionCode = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_CODES = Object.keys(AUDIT_ACTIONS) as AuditActionCode[];

export function isAuditAction(code: string): code is AuditActionCode {
	return Object.hasOwn(AUDIT_ACTIONS, code);
}

/** Required detail keys that are missing (empty when the details are complete). */
export function missingDetails(action: AuditActionCode, details: Record<string, unknown>): string[] {
	return AUDIT_ACTIONS[action].requires.filter((key) => details[key] === undefined || details[key] === null);
}

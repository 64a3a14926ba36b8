/**
 * Retention planning (pure): which local personal-data files may go. A file under
 * `drafts/<id>[...]` or `captures/<id>[...]` (a folder named after the case, or a file
 * `<id>.<ext>`; the console names them by draft id, which is also the case's idempotency key) is
 * purged once the hub accepted its case at least `retentionDays` ago (`retentionStartsAt` below
 * says when that is). Files of cases not accepted, not known, or accepted too recently are kept:
 * when in doubt, keep (a purge cannot be undone; a late purge only costs disk).
 */
import type {CaseStatus} from '../cases/model.js';

export type PersonalDataKind = 'draft' | 'capture';

export interface PersonalDataFile {
	kind: PersonalDataKind;
	/** Path relative to its root folder, with `/` separators, e.g. `C2026112600012/id-front.jpg`. */
	relativePath: string;
}

type KeepReason = 'not_accepted' | 'too_recent' | 'no_case';

export interface PurgePlan {
	cutoff: Date;
	purge: Array<PersonalDataFile & {caseId: string}>;
	keep: Array<PersonalDataFile & {caseId?: string; reason: KeepReason}>;
	/** Distinct cases whose files are purged. */
	cases: string[];
}

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;
const DAY_MS = 86_400_000;

/** The case a file belongs to: the first path component, without an extension for a plain file. */
export function caseIdOf(relativePath: string): string | undefined {
	const first = relativePath.split('/').filter(Boolean)[0];
	if (!first || first.startsWith('.')) return undefined;
	const isFile = !relativePath.includes('/');
	const id = isFile ? first.replace(/\.[^.]*$/, '') : first;
	return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : undefined;
}

export function planPurge(input: {
	files: readonly PersonalDataFile[];
	/** When the hub accepted each case (undefined: not accepted or not known). */
	acceptedAt: ReadonlyMap<string, Date>;
	now: Date;
	retentionDays: number;
}): PurgePlan {
	if (!Number.isInteger(input.retentionDays) || input.retentionDays < MIN_RETENTION_DAYS || input.retentionDays > MAX_RETENTION_DAYS) {
		throw new RangeError(`retentionDays must be a whole number from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}`);
	}
	const cutoff = new Date(input.now.getTime() - input.retentionDays * DAY_MS);
	const plan: PurgePlan = {cutoff, purge: [], keep: [], cases: []};
	const cases = new Set<string>();
	for (const file of input.files) {
		const caseId = caseIdOf(file.relativePath);
		if (!caseId) {
			plan.keep.push({...file, reason: 'no_case'});
			continue;
		}
		const accepted = input.acceptedAt.get(caseId);
		if (!accepted) plan.keep.push({...file, caseId, reason: 'not_accepted'});
		else if (accepted.getTime() > cutoff.getTime()) plan.keep.push({...file, caseId, reason: 'too_recent'});
		else {
			plan.purge.push({...file, caseId});
			cases.add(caseId);
		}
	}
	plan.cases = [...cases].sort();
	return plan;
}

/**
 * Statuses at or past `accepted` in the hub's lifecycle (docs/hub.md#status-lifecycle): received
 * (收) → dispatched (分) → accepted (转: the handling node took the case in) → in_review → approved
 * | rejected | returned → completed (汇). Before `accepted` the case may still be re-routed (a node
 * that is down holds it in `dispatched`), so nothing counts yet. `rejected` always comes after
 * `accepted` in this contract: a submission refused at intake is an HTTP error and no case exists,
 * so its draft never reaches the index and is kept.
 */
const ACCEPTED_OR_LATER: ReadonlySet<CaseStatus> = new Set<CaseStatus>(['accepted', 'in_review', 'approved', 'rejected', 'returned', 'ready_for_pickup', 'completed']);
/** The counter still needs the draft: to prepare a supplement, or to match the collector's card. */
const AWAITING_COUNTER: ReadonlySet<CaseStatus> = new Set<CaseStatus>(['returned', 'ready_for_pickup']);

/** What the rule needs of a case, as the terminal's case index records it. */
export interface CaseProgress {
	status: CaseStatus;
	/** When the case reached `status` (ISO 8601). */
	updatedAt: string;
	/** The hub's timeline, oldest first. */
	history: ReadonlyArray<{status: CaseStatus; at: string}>;
}

/**
 * When the retention clock of a case started ("the hub accepted the case"), or undefined while its
 * files must be kept whatever the age:
 *  - not yet `accepted` (received, dispatched): undefined;
 *  - currently `returned`: undefined, the counter needs the draft and captures to prepare the
 *    supplement the handling node asked for (the clock resumes, from the first acceptance, once
 *    the case moves on); likewise `ready_for_pickup`, where the collector's card is matched
 *    against the applicant when the result is handed over;
 *  - otherwise the time of the first history entry whose status is `accepted` or later; if the
 *    index has no such entry (a status seen without its timeline), `updatedAt`, which is never
 *    earlier than the acceptance, so the guess can only keep files longer.
 */
export function retentionStartsAt(progress: CaseProgress): Date | undefined {
	if (!ACCEPTED_OR_LATER.has(progress.status) || AWAITING_COUNTER.has(progress.status)) return undefined;
	const first = Array.isArray(progress.history) ? progress.history.find((h) => ACCEPTED_OR_LATER.has(h?.status)) : undefined;
	return validDate(first?.at) ?? validDate(progress.updatedAt);
}

function validDate(iso: string | undefined): Date | undefined {
	if (typeof iso !== 'string') return undefined;
	const t = Date.parse(iso);
	return Number.isNaN(t) ? undefined : new Date(t);
}

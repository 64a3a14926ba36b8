/**
 * The status lifecycle of the hub (docs/hub.md#status-lifecycle): received (收) → dispatched (分) →
 * accepted (转) → in_review → approved | rejected | returned → completed (汇). A returned case goes
 * back to in_review after a supplement; an approved result sent back to the branch is
 * ready_for_pickup until it is handed over. Both the mock hub and the tracking code use this table, so
 * they cannot disagree.
 */
import type {CaseStatus} from './model.js';

const NEXT: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
	received: ['dispatched'],
	dispatched: ['accepted'],
	accepted: ['in_review'],
	in_review: ['approved', 'rejected', 'returned'],
	// A result delivered at the branch waits there for its hand-over (docs/return-trips.md).
	approved: ['completed', 'ready_for_pickup'],
	rejected: ['completed'],
	returned: ['in_review'],
	ready_for_pickup: ['completed'],
	completed: [],
};

function isAllowedTransition(from: CaseStatus, to: CaseStatus): boolean {
	return NEXT[from].includes(to);
}

/** True when a history is a walk the lifecycle allows, starting at received. */
export function isValidHistory(statuses: readonly CaseStatus[]): boolean {
	if (statuses[0] !== 'received') return false;
	for (let i = 1; i < statuses.length; i++) {
		if (!isAllowedTransition(statuses[i - 1]!, statuses[i]!)) return false;
	}
	return true;
}

/**
 * Statuses after which a case needs nothing more for its applicant: `completed` (the outcome is
 * back at the receiving node) and `rejected` (decided against; NEXT.rejected is only the
 * aggregation to completed). After either, applying again for the same item is a new case.
 */
const FINAL: ReadonlySet<CaseStatus> = new Set(['completed', 'rejected']);

/**
 * True while a case is still under way for its applicant, so a second case for the same item would
 * duplicate it (docs/return-trips.md#no-accidental-second-case). Open: received to in_review,
 * returned (the way on is a supplement to this case, not a new one), approved and
 * ready_for_pickup (the result is on its way or waiting at the branch). The local guard and the
 * mock hub's open-cases query both ask this, so they cannot disagree.
 */
export function isOpenStatus(status: CaseStatus): boolean {
	return !FINAL.has(status);
}

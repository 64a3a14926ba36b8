/**
 * The status lifecycle of the hub (docs/hub.md#status-lifecycle): received (收) → dispatched (分) →
 * accepted (转) → in_review → approved | rejected | returned → completed (汇). A returned case goes
 * back to in_review after a supplement. Both the mock hub and the tracking code use this table, so
 * they cannot disagree.
 */
import type {CaseStatus} from './model.js';

const NEXT: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
	received: ['dispatched'],
	dispatched: ['accepted'],
	accepted: ['in_review'],
	in_review: ['approved', 'rejected', 'returned'],
	approved: ['completed'],
	rejected: ['completed'],
	returned: ['in_review'],
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

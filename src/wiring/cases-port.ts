/**
 * Today's cases for the console's cases view: the terminal's case index, refreshed from the hub
 * (GET /cases/{id}) for the unfinished ones, the hub's reachability recorded on the way.
 */
import {HubError} from '../core/errors.js';
import {awaitsFollowUp} from '../core/cases/evaluation.js';
import type {Clock} from '../core/ports/clock.js';
import type {HubClient} from '../hub/client.js';
import type {CasesIndex, IndexedCase} from '../store/cases-index.js';
import type {CaseRow, CasesPort} from '../ui/services.js';
import type {HubStatus} from './hub-status.js';

function sameLocalDay(iso: string, today: Date): boolean {
	const d = new Date(iso);
	return d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
}

function toRow(c: IndexedCase, reasons: ReadonlyMap<string, string>): CaseRow {
	const reason = reasons.get(c.caseId);
	const evaluation = c.evaluation ? {evaluation: {...c.evaluation, ...(reason !== undefined ? {reason} : {})}} : {};
	return {caseId: c.caseId, itemCode: c.itemCode, applicantMasked: c.applicantMasked, ...(c.agentMasked ? {agentMasked: c.agentMasked} : {}), status: c.status, receivedAt: c.receivedAt, updatedAt: c.updatedAt, history: c.history, ...(c.returnTrips ? {returnTrips: c.returnTrips} : {}), ...evaluation};
}

/**
 * Asked again: an unfinished case, and a completed one until the citizen's evaluation is in and,
 * when it is a bad one, followed up (the evaluation comes after the case completes).
 */
function worthAsking(c: IndexedCase): boolean {
	if (c.status !== 'completed') return true;
	return !c.evaluation || awaitsFollowUp({...c.evaluation, reason: ''});
}

export function casesPort(options: {index: CasesIndex; client: HubClient; clock: Clock; hubStatus: HubStatus}): CasesPort {
	const {index, client, clock, hubStatus} = options;
	const todays = () => index.list().filter((c) => sameLocalDay(c.receivedAt, clock.now()));
	// The citizens' own words, in memory only while the console runs (IndexedCase.evaluation).
	const reasons = new Map<string, string>();
	const rows = () => todays().map((c) => toRow(c, reasons));
	return {
		list: rows,
		async refresh() {
			try {
				for (const c of todays().filter(worthAsking)) {
					const record = await client.getCase(c.caseId);
					if (record.evaluation) reasons.set(record.caseId, record.evaluation.reason);
					await index.recordFromHub(record, clock.now());
				}
			} catch (error) {
				if (error instanceof HubError) hubStatus.reachable(false);
				throw error;
			}
			hubStatus.reachable(true);
			return rows();
		},
	};
}

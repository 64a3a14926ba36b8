/**
 * Today's cases for the console's cases view: the terminal's case index, refreshed from the hub
 * (GET /cases/{id}) for the unfinished ones, the hub's reachability recorded on the way.
 */
import {HubError} from '../core/errors.js';
import type {Clock} from '../core/ports/clock.js';
import type {HubClient} from '../hub/client.js';
import type {CasesIndex, IndexedCase} from '../store/cases-index.js';
import type {CaseRow, CasesPort} from '../ui/services.js';
import type {HubStatus} from './hub-status.js';

function sameLocalDay(iso: string, today: Date): boolean {
	const d = new Date(iso);
	return d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
}

function toRow(c: IndexedCase): CaseRow {
	return {caseId: c.caseId, itemCode: c.itemCode, applicantMasked: c.applicantMasked, status: c.status, receivedAt: c.receivedAt, updatedAt: c.updatedAt, history: c.history, ...(c.returnTrips ? {returnTrips: c.returnTrips} : {})};
}

export function casesPort(options: {index: CasesIndex; client: HubClient; clock: Clock; hubStatus: HubStatus}): CasesPort {
	const {index, client, clock, hubStatus} = options;
	const todays = () => index.list().filter((c) => sameLocalDay(c.receivedAt, clock.now()));
	return {
		list: () => todays().map(toRow),
		async refresh() {
			try {
				for (const c of todays().filter((x) => x.status !== 'completed')) {
					await index.recordFromHub(await client.getCase(c.caseId), clock.now());
				}
			} catch (error) {
				if (error instanceof HubError) hubStatus.reachable(false);
				throw error;
			}
			hubStatus.reachable(true);
			return todays().map(toRow);
		},
	};
}

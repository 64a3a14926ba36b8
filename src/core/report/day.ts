/**
 * 日终, closing the day (docs/people.md#日终-closing-the-day): what this terminal did in one local
 * day, folded from its own records (the case index, the outbox), and reconciled with the hub's
 * list of the branch's cases received that day (GET /branches/{branchCode}/cases).
 *
 * Pure and streaming: the caller feeds records one at a time (a year's index is never held whole)
 * and the hub's rows page by page; only the day's own cases are kept, to match them.
 */
import type {CaseStatus} from '../cases/model.js';
import type {OutboxEntry} from '../cases/outbox-machine.js';
import type {ReturnTrips} from '../cases/tracking.js';
import {EVALUATION_LEVELS} from '../cases/evaluation.js';
import type {BranchCase, BranchCasePage} from '../ports/hub.js';

/**
 * The branch's zone: China Standard Time (Asia/Shanghai), UTC+8 all year (no daylight saving since
 * 1991). A day D runs from (D-1)T16:00Z to DT16:00Z.
 */
const BRANCH_OFFSET_MINUTES = 8 * 60;
const OFFSET_TEXT = '+08:00';

/** A local day and its bounds as RFC 3339 instants with the branch's offset ([from, to)). */
export interface LocalDay {
	date: string;
	from: string;
	to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local day of an instant, "YYYY-MM-DD". */
export function localDateOf(instant: Date): string {
	const shifted = new Date(instant.getTime() + BRANCH_OFFSET_MINUTES * 60_000);
	return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** "YYYY-MM-DD" as a local day; null when it is not a real calendar date. */
export function parseLocalDay(text: string): LocalDay | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const start = Date.UTC(y, mo - 1, d);
	const check = new Date(start);
	if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
	const next = new Date(start + 86_400_000);
	return {date: text, from: `${text}T00:00:00${OFFSET_TEXT}`, to: `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}T00:00:00${OFFSET_TEXT}`};
}

/** Whether an RFC 3339 instant falls in the day. */
function inDay(at: string | undefined | null, day: LocalDay): boolean {
	if (!at) return false;
	const ms = Date.parse(at);
	return ms >= Date.parse(day.from) && ms < Date.parse(day.to);
}

type EvaluationLevel = (typeof EVALUATION_LEVELS)[number];

export type {BranchCase, BranchCasePage};

/** What the report reads of a case in the terminal's index (src/store/cases-index.ts IndexedCase). */
export interface LocalCaseView {
	caseId: string;
	itemCode: string;
	handlingNode: string;
	status: CaseStatus;
	receivedAt: string;
	checkedAt: string;
	supplementedAt?: string;
	returnTrips?: ReturnTrips;
}

type OutboxView = Pick<OutboxEntry, 'phase' | 'enqueuedAt'> & {supplementFor?: string};

type DifferenceKind = 'only_local' | 'only_hub' | 'status';

interface DayDifference {
	kind: DifferenceKind;
	caseId: string;
	itemCode: string;
	/** The status each side holds (absent on the side that lacks the case). */
	local?: CaseStatus;
	hub?: CaseStatus;
}

export interface Count<K extends string> {
	key: K;
	count: number;
}

export interface DayReport {
	date: string;
	from: string;
	to: string;
	branchCode: string;
	terminalId: string;
	/** This terminal's cases received in the day. */
	received: {total: number; byItem: Array<Count<string>>; byHandlingNode: Array<Count<string>>};
	/** Supplements (补正) the hub took from this terminal in the day, to cases of any day. */
	supplements: number;
	/** Results collected at the counter (领取) in the day. */
	handovers: number;
	/** Parcels of originals sent in the day. */
	shipmentsSent: number;
	/** Cases of this terminal whose originals are still to be sent (any day). */
	shipmentsPending: number;
	outbox: {pending: number; failed: number; oldestEnqueuedAt: string | null; oldestAgeMinutes: number | null};
	/** The evaluations of the branch's cases received in the day, by level, best first; `none` not yet evaluated. */
	evaluations: {levels: Array<Count<EvaluationLevel>>; none: number};
	/** The hub's list: every case of the branch that day, those of this terminal, of others. */
	hub: {total: number; thisTerminal: number; otherTerminals: number};
	/** Cases whose local status is older than the hub's last change (not a difference; `cases reindex` refreshes). */
	stale: number;
	differences: DayDifference[];
}

function sortedCounts<K extends string>(map: Map<K, number>): Array<Count<K>> {
	return [...map].map(([key, count]) => ({key, count})).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function bump<K>(map: Map<K, number>, key: K): void {
	map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * The fold: `addLocal` for every case of the index (any day: supplements, hand-overs and
 * shipments of the day may belong to older cases), `addOutbox` for every outbox entry, `addHub`
 * for every row of the hub's list of the day, then `finish`.
 */
export function dayReportFold(day: LocalDay, who: {branchCode: string; terminalId: string}) {
	const local = new Map<string, {itemCode: string; status: CaseStatus; checkedAt: string}>();
	const byItem = new Map<string, number>();
	const byNode = new Map<string, number>();
	const levels = new Map<EvaluationLevel, number>();
	const differences: DayDifference[] = [];
	let supplements = 0;
	let handovers = 0;
	let shipmentsSent = 0;
	let shipmentsPending = 0;
	let pending = 0;
	let failed = 0;
	let oldest: string | null = null;
	let hubTotal = 0;
	let hubThis = 0;
	let notEvaluated = 0;
	let stale = 0;
	return {
		addLocal(c: LocalCaseView): void {
			if (inDay(c.receivedAt, day)) {
				local.set(c.caseId, {itemCode: c.itemCode, status: c.status, checkedAt: c.checkedAt});
				bump(byItem, c.itemCode);
				bump(byNode, c.handlingNode);
			}
			if (inDay(c.supplementedAt, day)) supplements++;
			const trips = c.returnTrips;
			if (trips?.originalsDue) shipmentsPending++;
			shipmentsSent += (trips?.shipments ?? []).filter((s) => inDay(s.sentAt, day)).length;
			if (trips?.delivery?.method === 'branch' && inDay(trips.delivery.handover?.collectedAt, day)) handovers++;
		},
		addOutbox(e: OutboxView): void {
			if (e.phase === 'failed') failed++;
			if (e.phase === 'done' || e.phase === 'failed') return;
			pending++;
			if (oldest === null || Date.parse(e.enqueuedAt) < Date.parse(oldest)) oldest = e.enqueuedAt;
		},
		addHub(row: BranchCase): void {
			hubTotal++;
			const level = row.evaluation ?? null;
			if (level === null) notEvaluated++;
			else bump(levels, level);
			if (row.terminalId !== who.terminalId) return;
			hubThis++;
			const mine = local.get(row.caseId);
			if (!mine) {
				differences.push({kind: 'only_hub', caseId: row.caseId, itemCode: row.itemCode, hub: row.status});
				return;
			}
			local.delete(row.caseId);
			if (mine.status === row.status) return;
			// The terminal saw its status after the hub's last change, and it differs: a real disagreement.
			if (Date.parse(mine.checkedAt) >= Date.parse(row.updatedAt)) differences.push({kind: 'status', caseId: row.caseId, itemCode: row.itemCode, local: mine.status, hub: row.status});
			else stale++;
		},
		finish(now: Date): DayReport {
			const receivedTotal = [...byItem.values()].reduce((a, b) => a + b, 0);
			for (const [caseId, mine] of local) differences.push({kind: 'only_local', caseId, itemCode: mine.itemCode, local: mine.status});
			const order: Record<DifferenceKind, number> = {only_local: 0, only_hub: 1, status: 2};
			differences.sort((a, b) => order[a.kind] - order[b.kind] || a.caseId.localeCompare(b.caseId));
			const oldestAt: string | null = oldest;
			return {
				date: day.date,
				from: day.from,
				to: day.to,
				...who,
				received: {total: receivedTotal, byItem: sortedCounts(byItem), byHandlingNode: sortedCounts(byNode)},
				supplements,
				handovers,
				shipmentsSent,
				shipmentsPending,
				outbox: {pending, failed, oldestEnqueuedAt: oldestAt, oldestAgeMinutes: oldestAt === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(oldestAt)) / 60_000))},
				evaluations: {levels: EVALUATION_LEVELS.filter((l) => levels.has(l)).map((l) => ({key: l, count: levels.get(l)!})), none: notEvaluated},
				hub: {total: hubTotal, thisTerminal: hubThis, otherTerminals: hubTotal - hubThis},
				stale,
				differences,
			};
		},
	};
}

/** The hub's list call (HubApi.branchCases in core/ports/hub.ts; named here, not imported, so the two modules stay apart). */
interface DayRowsSource {
	branchCases(request: {branchCode: string; from: string; to: string; cursor?: string; limit?: number}, options?: {signal?: AbortSignal}): Promise<BranchCasePage>;
}

/** Rows per page asked of the hub (the contract's maximum). */
const PAGE = 500;
/** A guard against a hub whose cursor never ends: 31 days of a busy branch fit many times over. */
const MAX_PAGES = 10_000;

/** The hub's list of the branch's day, page by page (each page is fetched once the last is used). */
export async function* hubDayRows(hub: DayRowsSource, branchCode: string, day: LocalDay, options: {signal?: AbortSignal} = {}): AsyncGenerator<BranchCase> {
	let cursor: string | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const fetched = await hub.branchCases({branchCode, from: day.from, to: day.to, limit: PAGE, ...(cursor ? {cursor} : {})}, options.signal ? {signal: options.signal} : undefined);
		yield* fetched.cases;
		if (fetched.nextCursor === null) return;
		cursor = fetched.nextCursor;
	}
}

/** Exit status of a report: reconciled (0) or not (the differences are listed). */
export function isReconciled(report: Pick<DayReport, 'differences'>): boolean {
	return report.differences.length === 0;
}

/**
 * The steps of a case after acceptance (docs/return-trips.md, docs/hub-api.yaml): a return for
 * more material (补正), the paper originals sent to the handling department (资料流转), how the
 * result comes back (异地送达: an electronic licence, a letter to the citizen, or the receiving
 * branch), and its hand-over at the counter (领取). Also the branch's work list: what the counter
 * must act on, ranked by urgency.
 */
import type {Carrier} from './waybill.js';
import type {Evaluation} from './evaluation.js';

/** What the handling department asked for when it returned the case. */
export interface ReturnRequest {
	reason: string;
	materials: Array<{code: string; name: string}>;
	returnedAt: string;
	/** The supplement must reach the hub by then, or the case is decided without it. */
	deadline: string;
}

export interface Shipment {
	shipmentId: string;
	carrier: Carrier;
	waybill: string;
	sentAt: string;
	/** When the handling department recorded the parcel's arrival; null while on the way. */
	receivedAt: string | null;
	operatorId: string;
}

/** Who collected a result at the counter. Never a full ID number: masked, with the card's kind. */
export interface Collector {
	role: 'applicant' | 'agent';
	name: string;
	cardType: string;
	idNumberMasked: string;
	/** sha256 of the captured 委托书 (power of attorney); required when an agent collects. */
	powerOfAttorney?: string;
}

export interface Handover {
	collector: Collector;
	collectedAt: string;
	operatorId: string;
}

export type Delivery =
	| {method: 'licence'; licenceRef: string; issuedAt: string}
	| {method: 'post'; carrier: Carrier; waybill: string; postedAt: string}
	| {method: 'branch'; arrivedAt: string | null; handover: Handover | null};

/**
 * The needs, in the order ties are broken: a supplement's deadline, a result waiting, a parcel not
 * sent, a bad evaluation to follow up (整改; listed by the hub to supervisors only, docs/people.md).
 */
export const WORK_NEEDS = ['supplement', 'pickup', 'shipment', 'follow_up'] as const;
export type WorkNeed = (typeof WORK_NEEDS)[number];

/** `supplement,pickup` → the needs; '' or undefined → undefined (all); null when one is unknown. */
export function parseWorkNeeds(text: string | null | undefined): WorkNeed[] | undefined | null {
	if (text === undefined || text === null || text === '') return undefined;
	const parts = text.split(',').map((p) => p.trim());
	return parts.every((p) => (WORK_NEEDS as readonly string[]).includes(p)) ? (parts as WorkNeed[]) : null;
}

/** One thing the branch must act on (GET /branches/{branchCode}/work). */
export interface WorkItem {
	caseId: string;
	need: WorkNeed;
	itemCode: string;
	/** Since when it has waited: returned, result arrived, or case received (for originals). */
	since: string;
	/** The supplement deadline; null for the other needs. */
	deadline: string | null;
	reason?: string;
	materials?: Array<{code: string; name: string}>;
	/** Who the case is for, masked: the counter checks the card it reads against it (counter-match.ts). */
	applicant: MaskedPerson;
	/** The agent named on the case (代办), masked. */
	agent?: MaskedPerson;
	/** follow_up: the citizen's evaluation to follow up (its level and own words). */
	evaluation?: Evaluation;
}

/** A person as lists and the work queue carry them: masked name and number, the card's kind. */
export interface MaskedPerson {
	name: string;
	cardType: string;
	idNumberMasked: string;
}

export interface UrgencyPolicy {
	/** Originals not shipped this long after the case was received are due (default 1 day). */
	shipWithinMs: number;
	/** A result waiting this long at the branch is due for a reminder call (default 7 days). */
	pickupWithinMs: number;
	/** A bad evaluation is due for its follow-up this long after the citizen gave it (default FOLLOW_UP_WITHIN_MS, 1 day). */
	followUpWithinMs?: number;
}

const FOLLOW_UP_WITHIN_MS = 24 * 3_600_000;

export const DEFAULT_URGENCY: UrgencyPolicy = {shipWithinMs: 24 * 3_600_000, pickupWithinMs: 7 * 24 * 3_600_000, followUpWithinMs: FOLLOW_UP_WITHIN_MS};

/** The policy a terminal runs with: the shipping wait from its settings (shipWithinHours). */
export function urgencyFromSettings(settings: {shipWithinHours: number}): UrgencyPolicy {
	return {...DEFAULT_URGENCY, shipWithinMs: settings.shipWithinHours * 3_600_000};
}

/** When an item becomes due: the supplement deadline, or the wait its kind allows. */
export function dueAt(item: WorkItem, policy: UrgencyPolicy = DEFAULT_URGENCY): number {
	if (item.need === 'supplement' && item.deadline) return Date.parse(item.deadline);
	const since = Date.parse(item.since);
	return since + (item.need === 'shipment' ? policy.shipWithinMs : item.need === 'pickup' ? policy.pickupWithinMs : item.need === 'follow_up' ? (policy.followUpWithinMs ?? FOLLOW_UP_WITHIN_MS) : 0);
}

/**
 * The work queue's order: soonest due first (overdue ones at the top), then the kinds in the order
 * a citizen is hurt by their delay (WORK_NEEDS), then by case id so the order is stable from one poll to the next.
 */
export function rankWork(items: readonly WorkItem[], policy: UrgencyPolicy = DEFAULT_URGENCY): WorkItem[] {
	const kind = (n: WorkNeed) => WORK_NEEDS.indexOf(n);
	return [...items].sort((a, b) => dueAt(a, policy) - dueAt(b, policy) || kind(a.need) - kind(b.need) || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
}

/** Originals unshipped for less than the policy allows are not yet the branch's work. */
export function isActionable(item: WorkItem, now: Date, policy: UrgencyPolicy = DEFAULT_URGENCY): boolean {
	if (item.need !== 'shipment') return true;
	return Date.parse(item.since) + policy.shipWithinMs <= now.getTime();
}

export interface WorkCounts {
	supplement: number;
	shipment: number;
	pickup: number;
	follow_up: number;
	overdue: number;
}

export function countWork(items: readonly WorkItem[], now: Date, policy: UrgencyPolicy = DEFAULT_URGENCY): WorkCounts {
	const counts: WorkCounts = {supplement: 0, shipment: 0, pickup: 0, follow_up: 0, overdue: 0};
	for (const item of items) {
		counts[item.need]++;
		if (dueAt(item, policy) <= now.getTime()) counts.overdue++;
	}
	return counts;
}

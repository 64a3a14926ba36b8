/**
 * The case as the hub contract (docs/hub-api.yaml) describes it: what the counter submits, what
 * the hub answers, and the status lifecycle 收 → 分 → 转 → 汇.
 */

import type {CaseApproval} from './approval.js';
import type {Delivery, ReturnRequest, Shipment} from './return-trips.js';
import type {Evaluation} from './evaluation.js';

export const CASE_STATUSES = ['received', 'dispatched', 'accepted', 'in_review', 'approved', 'rejected', 'returned', 'ready_for_pickup', 'completed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface MaterialRef {
	/** Material code from the implementation list, e.g. "M01". */
	code: string;
	/** Lower-case hex sha256 of the uploaded bytes. */
	sha256: string;
	pages: number;
	originalVerified: boolean;
}

interface Applicant {
	idNumber: string;
	name: string;
	/** e.g. "resident" (居民身份证) */
	cardType: string;
	phone?: string;
	/** 'typed': number and name typed in (the card would not read; an approval is needed). Absent: read from the card. */
	source?: 'card' | 'typed';
}

export interface CaseSubmission {
	itemCode: string;
	implementationCode: string;
	receivingNode: string;
	applicant: Applicant;
	answers: Record<string, unknown>;
	eligibility: {result: 'eligible' | 'ineligible' | 'unknown'; ruleVersion: string};
	materials: MaterialRef[];
	operatorId: string;
	terminalId: string;
	createdAt: string;
	/** The receiving branch (settings branchCode): whose work list the case's return trips join. */
	branchCode?: string;
	/** Someone acting for the applicant (代办), named on the case; may collect the result with a 委托书. */
	agent?: {name: string; idNumber: string; cardType: string};
	/** The clerk confirmed a second case while the applicant has an open one for the item (an exception needing approval). */
	secondCase?: boolean;
	/** A supervisor's approval of the case's exceptions (src/core/cases/approval.ts, POST /auth/approvals). */
	approval?: CaseApproval;
}

/** The hub's answer to a case creation. */
export interface CaseReceipt {
	caseId: string;
	status: CaseStatus;
	receivingNode: string;
	handlingNode: string;
	receivedAt: string;
	/** The handling department needs the paper originals (资料流转, docs/return-trips.md). */
	originalsRequired?: boolean;
	/** The hub's evaluation and progress page of the case (好差评), drawn as a QR code on the papers; absent from older hubs. */
	evaluationUrl?: string;
}

export interface HistoryEntry {
	status: CaseStatus;
	node: string;
	at: string;
	note?: string;
}

/** A case as GET /cases/{caseId} returns it (no personal data beyond what the hub needs). */
export interface CaseRecord extends CaseReceipt {
	itemCode: string;
	implementationCode: string;
	terminalId: string;
	updatedAt: string;
	history: HistoryEntry[];
	/** The return trips (docs/return-trips.md); absent in records from before they existed. */
	returnRequest?: ReturnRequest | null;
	shipments?: Shipment[];
	delivery?: Delivery | null;
	/** The citizen's 好差评 (docs/people.md#好差评-evaluation); null until given, absent from older hubs. */
	evaluation?: Evaluation | null;
}

export type BatchStatusResult =
	| {caseId: string; status: CaseStatus; updatedAt: string}
	| {caseId: string; error: 'not_found'};

export const BATCH_LIMIT = 1000;

/** One stage of the 收、分、转、汇 flow a status belongs to (for timelines). */
export type Stage = '收' | '分' | '转' | '审' | '汇';

export function stageOf(status: CaseStatus): Stage {
	switch (status) {
		case 'received':
			return '收';
		case 'dispatched':
			return '分';
		case 'accepted':
			return '转';
		case 'in_review':
		case 'approved':
		case 'rejected':
		case 'returned':
			return '审';
		case 'ready_for_pickup':
		case 'completed':
			return '汇';
	}
}

/** Case ids the hub issues: letters, digits and hyphens (checked before a batch is sent). */
export const CASE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{3,63}$/;

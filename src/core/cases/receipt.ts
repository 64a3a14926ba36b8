/**
 * The receipt (回执) the citizen takes home: which case, which item, where it was received and
 * where it is decided, by when, and how to follow it. Pure data built from the hub's answer,
 * the draft and the catalog; src/receipts renders it as text. It carries masked personal data
 * only, so the receipt file and a printed copy never hold a full ID number.
 */
import type {Implementation, ServiceItem, TimeLimit} from '../catalog/model.js';
import {maskIdNumber, maskName} from '../identity/mask.js';
import type {CounterDraft} from './counter-draft.js';
import type {CaseReceipt} from './model.js';
import type {OutboxEntry} from './outbox-machine.js';
import type {ReturnRequest} from './return-trips.js';

export interface ReceiptDoc {
	caseId: string;
	itemCode: string;
	itemName: string;
	implementationCode: string;
	department: string;
	receivingNode: string;
	receivingProvince: string;
	handlingNode: string;
	handlingProvince: string;
	promisedLimit: TimeLimit;
	applicantName: string;
	applicantNumber: string;
	/** The agent who acted for the applicant (委托代办), masked; absent when none. */
	agent?: {name: string; number: string};
	materials: Array<{code: string; name: string; originalVerified: boolean}>;
	/** The handling department needs the paper originals (资料流转); absent in receipts saved before. */
	originalsRequired?: boolean;
	receivedAt: string;
	operatorId: string;
	branchName: string;
	terminalId: string;
	/** The hub's evaluation and progress page of the case (好差评), drawn as a QR code; absent from older hubs and older receipts. */
	evaluationUrl?: string;
}

export interface ReceiptContext {
	item: ServiceItem | undefined;
	implementation: Implementation | undefined;
	provinceName(node: string): string;
	operatorId: string;
	branchName: string;
	terminalId: string;
}

export function buildReceipt(receipt: CaseReceipt, draft: CounterDraft, context: ReceiptContext): ReceiptDoc {
	const implementation = context.implementation;
	const materialNames = new Map((implementation?.materials ?? []).map((m) => [m.code, m.name]));
	return {
		caseId: receipt.caseId,
		itemCode: draft.itemCode,
		itemName: context.item?.name ?? draft.itemCode,
		implementationCode: draft.implementationCode,
		department: implementation?.department.name ?? '',
		receivingNode: receipt.receivingNode,
		receivingProvince: context.provinceName(receipt.receivingNode),
		handlingNode: receipt.handlingNode,
		handlingProvince: context.provinceName(receipt.handlingNode),
		promisedLimit: implementation?.promisedLimit ?? {value: 0, unit: 'working_day'},
		applicantName: draft.applicant?.name ? maskName(draft.applicant.name) : '',
		applicantNumber: draft.applicant ? maskIdNumber(draft.applicant.idNumber) : '',
		...(draft.agent ? {agent: {name: maskName(draft.agent.name), number: maskIdNumber(draft.agent.idNumber)}} : {}),
		materials: draft.materials
			.filter((m) => m.sha256)
			.sort((a, b) => a.code.localeCompare(b.code))
			.map((m) => ({code: m.code, name: materialNames.get(m.code) ?? m.code, originalVerified: m.originalVerified})),
		...(receipt.originalsRequired ? {originalsRequired: true} : {}),
		receivedAt: receipt.receivedAt,
		operatorId: context.operatorId,
		branchName: context.branchName,
		terminalId: context.terminalId,
		...(receipt.evaluationUrl ? {evaluationUrl: receipt.evaluationUrl} : {}),
	};
}

/**
 * The receipt of a supplement (补正回执): which case, what was added and when, how to follow it.
 * Like the first receipt it holds masked personal data only. `kind` tells it from a first receipt
 * (which has none) wherever both are rendered or stored.
 */
export interface SupplementReceiptDoc {
	kind: 'supplement';
	caseId: string;
	/** The supplement's idempotency key: its outbox entry, and its file beside the case's receipt. */
	supplementKey: string;
	itemCode: string;
	itemName: string;
	implementationCode: string;
	department: string;
	handlingNode: string;
	handlingProvince: string;
	/** Masked; empty when this terminal no longer knows the applicant (not its case, or purged). */
	applicantName: string;
	applicantNumber: string;
	/** Why the case was returned, as the home province said; empty when unknown. */
	reason: string;
	materials: Array<{code: string; name: string; originalVerified: boolean}>;
	/** When the hub took the supplement. */
	supplementedAt: string;
	operatorId: string;
	branchName: string;
	terminalId: string;
}

/**
 * The supplement receipt of a delivered supplement entry (`outbox.enqueueSupplement`, then the
 * `supplemented` event). `returnRequest` (from the case as returned) gives the reason and the
 * materials' names; the catalog names materials it did not ask for.
 */
export function buildSupplementReceipt(entry: OutboxEntry, returnRequest: ReturnRequest | null | undefined, context: ReceiptContext): SupplementReceiptDoc {
	if (entry.supplementFor === undefined || !entry.receipt) throw new RangeError(`outbox entry ${entry.id} is not a delivered supplement`);
	const implementation = context.implementation;
	const names = new Map([...(implementation?.materials ?? []).map((m) => [m.code, m.name] as const), ...(returnRequest?.materials ?? []).map((m) => [m.code, m.name] as const)]);
	const s = entry.submission;
	return {
		kind: 'supplement',
		caseId: entry.supplementFor,
		supplementKey: entry.idempotencyKey,
		itemCode: s.itemCode,
		itemName: context.item?.name ?? s.itemCode,
		implementationCode: s.implementationCode,
		department: implementation?.department.name ?? '',
		handlingNode: entry.receipt.handlingNode,
		handlingProvince: context.provinceName(entry.receipt.handlingNode),
		applicantName: s.applicant.name ? maskName(s.applicant.name) : '',
		applicantNumber: s.applicant.idNumber ? maskIdNumber(s.applicant.idNumber) : '',
		reason: returnRequest?.reason ?? '',
		materials: s.materials.map((m) => ({code: m.code, name: names.get(m.code) ?? m.code, originalVerified: m.originalVerified})),
		supplementedAt: entry.deliveredAt ?? entry.updatedAt,
		operatorId: context.operatorId,
		branchName: context.branchName,
		terminalId: context.terminalId,
	};
}

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
	materials: Array<{code: string; name: string; originalVerified: boolean}>;
	/** The handling department needs the paper originals (资料流转); absent in receipts saved before. */
	originalsRequired?: boolean;
	receivedAt: string;
	operatorId: string;
	branchName: string;
	terminalId: string;
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
		materials: draft.materials
			.filter((m) => m.sha256)
			.sort((a, b) => a.code.localeCompare(b.code))
			.map((m) => ({code: m.code, name: materialNames.get(m.code) ?? m.code, originalVerified: m.originalVerified})),
		...(receipt.originalsRequired ? {originalsRequired: true} : {}),
		receivedAt: receipt.receivedAt,
		operatorId: context.operatorId,
		branchName: context.branchName,
		terminalId: context.terminalId,
	};
}

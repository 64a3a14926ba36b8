/**
 * The receipt as lines of text at a given width (columns, not characters): the same lines are
 * saved to the receipt file, sent to the print command and drawn by the console's receipt view.
 * Laid out by layout.ts (labels in one column, long values wrapped under theirs). A supplement
 * receipt (补正回执) is laid out the same way with its own rows.
 */
import type {ReceiptDoc, SupplementReceiptDoc} from '../core/cases/receipt.js';
import type {Lang} from '../core/lang.js';
import {receiptText, type ReceiptKey} from '../i18n/receipt.js';
import {formatStamp} from '../text/time.js';
import {labelledPaper, PAPER_WIDTH, paperLines, type Paper} from './layout.js';

const RECEIPT_FILE_WIDTH = PAPER_WIDTH;

/** The counter's clock, to the minute, with its offset: the citizen reads it far from the terminal. */
const formatTime = (iso: string) => formatStamp(iso);

/** A first receipt (受理回执) or a supplement receipt (补正回执): both are saved, printed and drawn alike. */
export type AnyReceiptDoc = ReceiptDoc | SupplementReceiptDoc;

type T = (key: ReceiptKey, params?: Readonly<Record<string, string | number>>) => string;
type Row = [ReceiptKey, string];

const materialList = (t: T, materials: ReceiptDoc['materials']) => materials.map((m) => `${m.code} ${m.name}${m.originalVerified ? t('receipt.original') : ''}`).join('\n');

function firstReceiptRows(doc: ReceiptDoc, t: T): Row[] {
	const limit = doc.promisedLimit.value > 0 ? t(`receipt.unit.${doc.promisedLimit.unit}`, {n: doc.promisedLimit.value}) : t('receipt.limit.none');
	return [
		['receipt.caseId', doc.caseId],
		['receipt.item', doc.itemName],
		['receipt.itemCode', `${doc.itemCode} / ${doc.implementationCode}`],
		['receipt.department', doc.department],
		['receipt.receiving', t('receipt.node', {province: doc.receivingProvince, node: doc.receivingNode})],
		['receipt.handling', t('receipt.node', {province: doc.handlingProvince, node: doc.handlingNode})],
		['receipt.limit', limit],
		['receipt.applicant', `${doc.applicantName} ${doc.applicantNumber}`.trim()],
		// 委托代办 (docs/people.md#agents-委托代办): the agent who acted, masked like the applicant.
		...(doc.agent ? [['receipt.agent', t('receipt.agentText', {name: doc.agent.name, number: doc.agent.number})] as Row] : []),
		['receipt.materials', materialList(t, doc.materials)],
		...(doc.originalsRequired ? [['receipt.originals', t('receipt.originalsText')] as Row] : []),
		['receipt.receivedAt', formatTime(doc.receivedAt)],
		['receipt.counter', `${doc.branchName} (${doc.terminalId})`],
		['receipt.operator', doc.operatorId],
		['receipt.track', t('receipt.trackText', {caseId: doc.caseId})],
	];
}

function supplementRows(doc: SupplementReceiptDoc, t: T): Row[] {
	const applicant = `${doc.applicantName} ${doc.applicantNumber}`.trim();
	return [
		['receipt.caseId', doc.caseId],
		['receipt.item', doc.itemName],
		['receipt.itemCode', `${doc.itemCode} / ${doc.implementationCode}`],
		...(doc.department ? [['receipt.department', doc.department] as Row] : []),
		['receipt.handling', t('receipt.node', {province: doc.handlingProvince, node: doc.handlingNode})],
		...(applicant ? [['receipt.applicant', applicant] as Row] : []),
		...(doc.reason ? [['supplement.reason', doc.reason] as Row] : []),
		['supplement.materials', materialList(t, doc.materials)],
		['supplement.at', formatTime(doc.supplementedAt)],
		['receipt.counter', `${doc.branchName} (${doc.terminalId})`],
		['receipt.operator', doc.operatorId],
		['receipt.track', t('supplement.trackText', {caseId: doc.caseId})],
	];
}

/** The receipt as a paper (its lines at `width`, and the QR code of the case's evaluation page when it has one). */
export function receiptPaper(doc: AnyReceiptDoc, lang: Lang, width: number = RECEIPT_FILE_WIDTH): Paper {
	const t: T = (key, params) => receiptText(lang, key, params);
	const supplement = 'kind' in doc && doc.kind === 'supplement';
	const rows = supplement ? supplementRows(doc, t) : firstReceiptRows(doc as ReceiptDoc, t);
	const lines = labelledPaper(t(supplement ? 'supplement.title' : 'receipt.title'), rows.map(([key, value]) => [t(key), value] as const), [t('receipt.keep')], width);
	const url = supplement ? undefined : (doc as ReceiptDoc).evaluationUrl;
	return {lines, ...(url ? {qr: {url, caption: t('receipt.qr')}} : {})};
}

export function receiptLines(doc: AnyReceiptDoc, lang: Lang, width: number = RECEIPT_FILE_WIDTH, options: {blocks?: boolean} = {}): string[] {
	return paperLines(receiptPaper(doc, lang, width), width, options);
}

export function receiptFileText(doc: AnyReceiptDoc, lang: Lang): string {
	return `${receiptLines(doc, lang, RECEIPT_FILE_WIDTH).join('\n')}\n`;
}

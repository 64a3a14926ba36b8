/**
 * The hand-over slip (领取单) as lines at a width in columns: saved beside the receipts, sent to the
 * print command and drawn by the console when a result is handed over. Only masked personal data:
 * the collector's masked name and number, and the 委托书 by its SHA-256.
 */
import type {Collector} from '../core/cases/return-trips.js';
import type {Lang} from '../core/lang.js';
import {cardKindName} from '../i18n/card-kind.js';
import {slipText, type SlipKey} from '../i18n/slip.js';
import {formatStamp} from '../text/time.js';
import {labelledPaper, PAPER_WIDTH, paperLines, type Paper} from './layout.js';

export interface HandoverSlip {
	caseId: string;
	itemName: string;
	collector: Collector;
	collectedAt: string;
	branchName: string;
	terminalId: string;
	operatorId: string;
	/** The hub's evaluation and progress page of the case (好差评), drawn as a QR code; absent from older hubs. */
	evaluationUrl?: string;
}

/** The slip as a paper (its lines at `width`, and the QR code of the case's evaluation page when it has one). */
export function slipPaper(slip: HandoverSlip, lang: Lang, width: number = PAPER_WIDTH): Paper {
	const t = (key: SlipKey) => slipText(lang, key);
	const {collector} = slip;
	const rows: Array<[SlipKey, string]> = [
		['slip.caseId', slip.caseId],
		['slip.item', slip.itemName],
		['slip.collector', `${collector.name} ${t(`slip.role.${collector.role}`)}`],
		['slip.card', `${cardKindName(collector.cardType, lang)} ${collector.idNumberMasked}`],
		...(collector.powerOfAttorney ? [['slip.poa', `sha256 ${collector.powerOfAttorney.slice(0, 16)}`] as [SlipKey, string]] : []),
		['slip.collectedAt', formatStamp(slip.collectedAt)],
		['slip.counter', `${slip.branchName} (${slip.terminalId})`],
		['slip.operator', slip.operatorId],
	];
	const lines = labelledPaper(t('slip.title'), rows.map(([key, value]) => [t(key), value] as const), ['', t('slip.sign'), t('slip.keep')], width);
	return {lines, ...(slip.evaluationUrl ? {qr: {url: slip.evaluationUrl, caption: t('slip.qr')}} : {})};
}

export function slipLines(slip: HandoverSlip, lang: Lang, width: number = PAPER_WIDTH): string[] {
	return paperLines(slipPaper(slip, lang, width), width);
}

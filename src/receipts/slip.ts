/**
 * The hand-over slip (领取单) as lines at a width in columns: saved beside the receipts, sent to the
 * print command and drawn by the console when a result is handed over. Only masked personal data:
 * the collector's masked name and number, and the 委托书 by its SHA-256.
 */
import type {Collector} from '../core/cases/return-trips.js';
import type {Lang} from '../core/lang.js';
import {devicesText} from '../i18n/devices.js';
import {slipText, type SlipKey} from '../i18n/slip.js';
import {formatMinute} from '../text/time.js';
import {displayWidth, padEndToWidth, wrapToWidth} from '../text/width.js';

export interface HandoverSlip {
	caseId: string;
	itemName: string;
	collector: Collector;
	collectedAt: string;
	branchName: string;
	terminalId: string;
	operatorId: string;
}

/** Printed slips: 80 columns, as the receipts. */
const SLIP_WIDTH = 80;

const CARD_KINDS = new Set(['resident', 'hkmotw', 'foreign2017', 'foreign2023']);

/** The card's kind as the reader's own table names it; an unknown code as it came. */
function cardKindName(kind: string, lang: Lang): string {
	return CARD_KINDS.has(kind) ? devicesText(lang, `read.kind.${kind}` as 'read.kind.resident') : kind;
}

export function slipLines(slip: HandoverSlip, lang: Lang, width: number = SLIP_WIDTH): string[] {
	const t = (key: SlipKey) => slipText(lang, key);
	const {collector} = slip;
	const rows: Array<[SlipKey, string]> = [
		['slip.caseId', slip.caseId],
		['slip.item', slip.itemName],
		['slip.collector', `${collector.name} ${t(`slip.role.${collector.role}`)}`],
		['slip.card', `${cardKindName(collector.cardType, lang)} ${collector.idNumberMasked}`],
		...(collector.powerOfAttorney ? [['slip.poa', `sha256 ${collector.powerOfAttorney.slice(0, 16)}`] as [SlipKey, string]] : []),
		['slip.collectedAt', formatMinute(new Date(slip.collectedAt))],
		['slip.counter', `${slip.branchName} (${slip.terminalId})`],
		['slip.operator', slip.operatorId],
	];
	const labelWidth = Math.max(...rows.map(([key]) => displayWidth(t(key)))) + 2;
	const valueWidth = Math.max(10, width - labelWidth);
	const title = t('slip.title');
	const rule = Math.min(width, 60);
	const lines = [' '.repeat(Math.max(0, Math.floor((rule - displayWidth(title)) / 2))) + title, '='.repeat(rule)];
	for (const [key, value] of rows) {
		wrapToWidth(value, valueWidth).forEach((part, i) => lines.push((i === 0 ? padEndToWidth(t(key), labelWidth) : ' '.repeat(labelWidth)) + part));
	}
	lines.push('', t('slip.sign'), '-'.repeat(rule), ...wrapToWidth(t('slip.keep'), width));
	return lines.map((line) => line.trimEnd());
}

export function slipFileText(slip: HandoverSlip, lang: Lang): string {
	return `${slipLines(slip, lang).join('\n')}\n`;
}

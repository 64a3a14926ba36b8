/**
 * The layout every paper the counter hands out shares (受理回执, 补正回执, 领取单): a centred title
 * over a rule, labels in one column, long values wrapped under their value column (widths in
 * columns, src/text/width.ts), a closing rule and the footer lines. Pure.
 */
import {displayWidth, padEndToWidth, wrapToWidth} from '../text/width.js';
import {qrBlockRows} from './qr.js';

/** Printed papers: 80 columns fit every counter printer's plain-text mode. */
export const PAPER_WIDTH = 80;

/** A label and its value; a value's own line breaks start new lines under the value column. */
export type LabelledRow = readonly [label: string, value: string];

export function labelledPaper(title: string, rows: readonly LabelledRow[], footer: readonly string[], width: number): string[] {
	const labelWidth = Math.max(...rows.map(([label]) => displayWidth(label))) + 2;
	const valueWidth = Math.max(10, width - labelWidth);
	const rule = Math.min(width, 60);
	const lines = [' '.repeat(Math.max(0, Math.floor((rule - displayWidth(title)) / 2))) + title, '='.repeat(rule)];
	for (const [label, value] of rows) {
		const wrapped = value.split('\n').flatMap((part) => (part ? wrapToWidth(part, valueWidth) : ['']));
		wrapped.forEach((part, i) => lines.push((i === 0 ? padEndToWidth(label, labelWidth) : ' '.repeat(labelWidth)) + part));
	}
	lines.push('-'.repeat(rule), ...footer.flatMap((line) => (line ? wrapToWidth(line, width) : [''])));
	return lines.map((line) => line.trimEnd());
}

/**
 * A paper as structured lines: its text and, when the hub gave the case an evaluation page, the
 * QR code of that page with the caption above it. Drawn as text by paperLines (the QR in half
 * blocks, the address under it) and as printer bytes by escpos.ts (the printer's own QR command).
 */
export interface Paper {
	lines: string[];
	qr?: {url: string; caption: string};
}

/**
 * The paper as text lines at `width`: the QR code only where it fits the width, its address
 * always. `blocks: false` leaves the code out too: the half blocks are East Asian ambiguous-width
 * characters, which the terminals asciiOnly is for draw two columns wide (docs/people.md#qr-code-for-好差评).
 */
export function paperLines(paper: Paper, width: number, options: {blocks?: boolean} = {}): string[] {
	if (!paper.qr) return paper.lines;
	const rows = qrBlockRows(paper.qr.url);
	const fits = options.blocks !== false && displayWidth(rows[0]!) <= width;
	return [...paper.lines, '', ...wrapToWidth(paper.qr.caption, width), ...(fits ? rows.map((row) => row.trimEnd()) : []), ...wrapToWidth(paper.qr.url, width)];
}

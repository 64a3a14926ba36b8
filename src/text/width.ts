/**
 * Terminal-column text helpers. Every measurement is in display columns (string-width:
 * CJK and fullwidth punctuation count 2), never in UTF-16 code units (`.length`).
 * Used by the Ink UI and by commands' table output, so nothing here imports ink/react.
 *
 * Why we truncate ourselves: Ink 6.8's `wrap="truncate"` can overflow a box by one column
 * on CJK text (docs/architecture.md#cjk-text), so dynamic strings are cut to
 * width before rendering.
 */
import stringWidth from 'string-width';
import {fastWidth} from './fast-width.js';

const graphemeSegmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Splits text into user-perceived characters, so a cut never lands inside one. */
function graphemes(text: string): string[] {
	return Array.from(graphemeSegmenter.segment(text), (part) => part.segment);
}

/** Width of `text` in terminal columns (a fast path for ASCII and common CJK, see fast-width.ts). */
export function displayWidth(text: string): number {
	return fastWidth(text) ?? stringWidth(text);
}

/**
 * Cuts `text` so that it fits in `width` columns, appending `ellipsis` when something was cut.
 * A wide character that would straddle the limit is dropped rather than split. If even the
 * ellipsis does not fit, the ellipsis itself is cut.
 */
export function truncateToWidth(text: string, width: number, ellipsis = '...'): string {
	if (width <= 0) return '';
	if (displayWidth(text) <= width) return text;
	const ellipsisWidth = displayWidth(ellipsis);
	if (ellipsisWidth >= width) return takeColumns(ellipsis, width);
	return takeColumns(text, width - ellipsisWidth) + ellipsis;
}

/** The longest prefix of `text` that fits in `width` columns. */
function takeColumns(text: string, width: number): string {
	let used = 0;
	let out = '';
	for (const char of graphemes(text)) {
		const charWidth = displayWidth(char);
		if (used + charWidth > width) break;
		out += char;
		used += charWidth;
	}
	return out;
}

/** Pads with spaces on the right up to `width` columns (truncates first when too wide). */
export function padEndToWidth(text: string, width: number, ellipsis = '...'): string {
	const fitted = truncateToWidth(text, width, ellipsis);
	return fitted + ' '.repeat(Math.max(0, width - displayWidth(fitted)));
}

/** Pads with spaces on the left up to `width` columns (truncates first when too wide). */
export function padStartToWidth(text: string, width: number, ellipsis = '...'): string {
	const fitted = truncateToWidth(text, width, ellipsis);
	return ' '.repeat(Math.max(0, width - displayWidth(fitted))) + fitted;
}

/**
 * Wraps text into lines of at most `width` columns. Breaks at spaces between Latin words when
 * possible, and between any two CJK characters (CJK has no spaces). Explicit newlines are kept.
 * Returns at least one line (possibly empty).
 */
export function wrapToWidth(text: string, width: number): string[] {
	if (width <= 0) return [''];
	const lines: string[] = [];
	for (const paragraph of text.split(/\r?\n/)) {
		wrapParagraph(paragraph, width, lines);
	}
	return lines;
}

function wrapParagraph(paragraph: string, width: number, lines: string[]): void {
	let current = '';
	let currentWidth = 0;
	// Index in `current` just after the last space: where a Latin word may be moved down.
	let breakAt = -1;
	for (const char of graphemes(paragraph)) {
		const charWidth = displayWidth(char);
		if (currentWidth + charWidth > width) {
			if (char === ' ') {
				lines.push(current.trimEnd());
				current = '';
				currentWidth = 0;
				breakAt = -1;
				continue;
			}
			if (breakAt > 0) {
				lines.push(current.slice(0, breakAt).trimEnd());
				current = current.slice(breakAt);
			} else {
				lines.push(current);
				current = '';
			}
			currentWidth = displayWidth(current);
			breakAt = -1;
			// The word moved down may itself leave no room for this character (' a' + '养' at 2).
			if (current !== '' && currentWidth + charWidth > width) {
				lines.push(current);
				current = '';
				currentWidth = 0;
			}
			// A single grapheme wider than the line (width 1, CJK char) cannot fit anywhere.
			if (charWidth > width) continue;
		}
		current += char;
		currentWidth += charWidth;
		if (char === ' ') breakAt = current.length;
		else if (charWidth > 1) breakAt = current.length;
	}
	lines.push(current.trimEnd());
}

/** The longest suffix of `text` that fits in `width` columns (a text field shows its end). */
export function tailToWidth(text: string, width: number): string {
	const chars = graphemes(text);
	let used = 0;
	let start = chars.length;
	while (start > 0) {
		const charWidth = displayWidth(chars[start - 1] ?? '');
		if (used + charWidth > width) break;
		used += charWidth;
		start--;
	}
	return chars.slice(start).join('');
}

/**
 * A titled view of lines: a fixed header (what the clerk acts on) over a scrolling body, with
 * "from-to/total" in the title line when the body does not fit. The eligibility step, the review,
 * the receipt and the drafts list are all drawn by it; their models (pure) make the lines.
 */
import {Box} from 'ink';
import {displayWidth, truncateToWidth} from '../../text/width.js';
import {Line} from '../components/Line.js';
import {TextInputLine} from '../components/TextInputLine.js';
import {useConsole} from '../context.js';
import type {Theme} from '../theme.js';

export type ViewTone = 'heading' | 'body' | 'muted' | 'ok' | 'warn' | 'error' | 'selected';

export interface ViewLine {
	text: string;
	tone: ViewTone;
	/** This line is the text field (drawn by TextInputLine with `text` as its value). */
	input?: {prompt: string; placeholder: string};
}

export interface PagedViewProps {
	title: string;
	header: readonly ViewLine[];
	body: readonly ViewLine[];
	scroll: number;
	width: number;
	height: number;
	/** Screen row of the view's first line (for the text field's cursor). */
	top: number;
}

function toneColor(tone: ViewTone, theme: Theme): string | undefined {
	return {heading: theme.color.accent, body: undefined, muted: theme.color.muted, ok: theme.color.info, warn: theme.color.warn, error: theme.color.error, selected: theme.color.selected}[tone];
}

/** Body lines that fit under the title and the header. */
export function pagedPageSize(height: number, headerLines: number): number {
	return Math.max(1, height - 1 - headerLines);
}

export function PagedView({title, header, body, scroll, width, height, top}: PagedViewProps) {
	const {t, theme} = useConsole();
	// The header never pushes the result off screen entirely: at least one result line stays.
	const shownHeader = header.slice(0, Math.max(0, height - 2));
	const page = pagedPageSize(height, shownHeader.length);
	const from = Math.min(scroll, Math.max(0, body.length - page));
	const visible = body.slice(from, from + page);
	const position = body.length > page ? t('detail.position', {from: from + 1, to: Math.min(body.length, from + page), total: body.length}) : '';
	const head = truncateToWidth(title, Math.max(0, width - displayWidth(position) - 1));
	const gap = Math.max(1, width - displayWidth(head) - displayWidth(position));
	return (
		<Box flexDirection="column" height={height}>
			<Line text={position ? head + ' '.repeat(gap) + position : head} width={width} color={theme.color.title} bold />
			{shownHeader.map((line, index) =>
				line.input ? (
					<TextInputLine key={`h${index}`} prompt={line.input.prompt} value={line.text} focused width={width} row={top + 1 + index} />
				) : (
					<Line key={`h${index}`} text={line.text} width={width} color={toneColor(line.tone, theme)} bold={line.tone === 'heading'} />
				),
			)}
			{visible.map((line, index) => (
				<Line key={`b${from + index}`} text={line.text} width={width} color={toneColor(line.tone, theme)} bold={line.tone === 'heading' || line.tone === 'ok' || line.tone === 'error'} />
			))}
		</Box>
	);
}

/**
 * The `?` overlay: a page of the keys the current view offers now (views/helpModel.ts), with
 * the position under it when they do not all fit; j/k, PgDn/PgUp and g/G scroll it. Drawn in
 * normal flow in place of the view (no positioned box over CJK).
 */
import {Box} from 'ink';
import {useConsole} from '../context.js';
import type {MessageKey} from '../i18n/index.js';
import {helpMaxScroll, helpPageSize, type HelpRow} from '../views/helpModel.js';
import {Line} from './Line.js';

export interface HelpOverlayProps {
	rows: readonly HelpRow[];
	scroll: number;
	viewTitle: MessageKey;
	width: number;
	height: number;
}

export function HelpOverlay({rows, scroll, viewTitle, width, height}: HelpOverlayProps) {
	const {t, theme} = useConsole();
	const page = helpPageSize(height);
	const max = helpMaxScroll(rows.length, height);
	const fits = max === 0;
	const from = Math.max(0, Math.min(scroll, max));
	const shown = fits ? rows : rows.slice(from, from + page);
	return (
		<Box flexDirection="column" height={height}>
			<Line text={t('help.title', {view: t(viewTitle)})} width={width} color={theme.color.title} bold />
			<Line text={theme.symbols.rule.repeat(width)} width={width} color={theme.color.muted} />
			{shown.map((row, index) => (
				<Line key={index} text={row.text} width={width} color={row.heading ? theme.color.accent : undefined} bold={row.heading} />
			))}
			{fits ? null : (
				<Line text={t('help.position', {from: from + 1, to: from + shown.length, total: rows.length})} width={width} color={theme.color.muted} />
			)}
		</Box>
	);
}

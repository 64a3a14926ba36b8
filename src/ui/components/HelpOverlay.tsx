/**
 * The `?` overlay: every binding of the current view's scope and the global scope, generated
 * from the keymap. Drawn in normal flow in place of the view (no positioned box over CJK).
 */
import {Box} from 'ink';
import {padEndToWidth} from '../../text/width.js';
import {useConsole} from '../context.js';
import type {MessageKey} from '../i18n/index.js';
import {bindingsFor, keysLabel, KEYMAP, type Focus, type Keymap, type KeyScope} from '../keys/keymap.js';
import {Line} from './Line.js';

export interface HelpOverlayProps {
	/** Focus of the view under the overlay. */
	focus: Focus;
	viewTitle: MessageKey;
	width: number;
	height: number;
	/** The operator's gated keymap. */
	keymap?: Keymap;
}

const KEYS_WIDTH = 16;

interface HelpRow {
	text: string;
	heading: boolean;
}

function helpRows(focus: Focus, t: (key: MessageKey) => string, keymap: Keymap = KEYMAP): HelpRow[] {
	const rows: HelpRow[] = [];
	let scope: KeyScope | undefined;
	for (const binding of bindingsFor(focus, keymap)) {
		if (binding.scope !== scope) {
			scope = binding.scope;
			rows.push({text: t(`help.scope.${scope}`), heading: true});
		}
		rows.push({text: `  ${padEndToWidth(keysLabel(binding, focus), KEYS_WIDTH)}  ${t(binding.label)}`, heading: false});
	}
	return rows;
}

export function HelpOverlay({focus, viewTitle, width, height, keymap = KEYMAP}: HelpOverlayProps) {
	const {t, theme} = useConsole();
	const rows = helpRows(focus, t, keymap);
	const room = Math.max(0, height - 2);
	const fits = rows.length <= room;
	const shown = fits ? rows : rows.slice(0, Math.max(0, room - 1));
	return (
		<Box flexDirection="column" height={height}>
			<Line text={t('help.title', {view: t(viewTitle)})} width={width} color={theme.color.title} bold />
			<Line text={theme.symbols.rule.repeat(width)} width={width} color={theme.color.muted} />
			{shown.map((row, index) => (
				<Line key={index} text={row.text} width={width} color={row.heading ? theme.color.accent : undefined} bold={row.heading} />
			))}
			{fits ? null : (
				<Line text={t('help.more', {count: rows.length - shown.length})} width={width} color={theme.color.muted} />
			)}
		</Box>
	);
}

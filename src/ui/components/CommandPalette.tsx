/** The `:` palette: its input line and the matching commands from the command table. */
import {Box} from 'ink';
import {padEndToWidth} from '../../text/width.js';
import {useConsole} from '../context.js';
import {COMMANDS, matchCommands, type PaletteCommand} from '../palette/commands.js';
import {Line} from './Line.js';
import {TextInputLine} from './TextInputLine.js';

export interface CommandPaletteProps {
	text: string;
	selected: number;
	width: number;
	/** Screen row of the palette's first line. */
	top: number;
	/** The commands this operator may run. */
	commands?: readonly PaletteCommand[];
}

/** Suggestions listed at most, so the view underneath keeps most of its room. */
const PALETTE_ROWS = 6;
const NAME_WIDTH = 28;

/** Lines the palette takes for `text`: input, suggestions (or "no match"), a rule. */
export function paletteHeight(text: string, commands: readonly PaletteCommand[] = COMMANDS): number {
	return 2 + Math.max(1, Math.min(PALETTE_ROWS, matchCommands(text, commands).length));
}

export function CommandPalette({text, selected, width, top, commands = COMMANDS}: CommandPaletteProps) {
	const {t, theme} = useConsole();
	const all = matchCommands(text, commands);
	// Keep the highlighted entry in sight when the list is longer than the palette.
	const first = Math.max(0, Math.min(selected - PALETTE_ROWS + 1, all.length - PALETTE_ROWS));
	const matches = all.slice(first, first + PALETTE_ROWS);
	return (
		<Box flexDirection="column">
			<TextInputLine prompt=":" value={text} focused width={width} row={top} />
			{matches.length === 0 ? <Line text={t('palette.noMatch')} width={width} color={theme.color.warn} /> : null}
			{matches.map((command, index) => {
				const [name, ...aliases] = command.names;
				const usage = `${index + first === selected ? theme.symbols.pointer : ' '} :${name}${command.args ? ` ${command.args}` : ''}`;
				const aliasText = aliases.length > 0 ? `  (${t('palette.aliases', {aliases: aliases.join(', ')})})` : '';
				return (
					<Line
						key={command.id}
						text={`${padEndToWidth(usage, NAME_WIDTH)} ${t(command.label)}${aliasText}`}
						width={width}
						color={index + first === selected ? theme.color.selected : undefined}
					/>
				);
			})}
			<Line text={theme.symbols.rule.repeat(width)} width={width} color={theme.color.muted} />
		</Box>
	);
}

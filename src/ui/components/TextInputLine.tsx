/**
 * A one-line text field: "prompt text_". When the text is wider than the line, its end stays
 * visible. While focused, the real terminal cursor is placed after the text so an IME's
 * candidate window appears there (docs/architecture.md#cjk-text).
 */
import {Text, useCursor} from 'ink';
import {displayWidth, tailToWidth, truncateToWidth} from '../../text/width.js';
import {useConsole} from '../context.js';

export interface TextInputLineProps {
	/** Shown before the text, e.g. "检索>" or ":". */
	prompt: string;
	value: string;
	placeholder?: string;
	focused: boolean;
	width: number;
	/** Line of this field within the whole screen (for the cursor). */
	row: number;
}

export function TextInputLine({prompt, value, placeholder, focused, width, row}: TextInputLineProps) {
	const {theme} = useConsole();
	const {setCursorPosition} = useCursor();
	const prefix = `${prompt} `;
	const room = Math.max(0, width - displayWidth(prefix) - 1);
	const shown = tailToWidth(value, room);
	// Set during render: Ink applies the position when this render commits.
	setCursorPosition(focused ? {x: displayWidth(prefix) + displayWidth(shown), y: row} : undefined);
	if (!value && !focused && placeholder) {
		return (
			<Text>
				<Text color={theme.color.accent}>{truncateToWidth(prefix, width)}</Text>
				<Text color={theme.color.muted}>{truncateToWidth(placeholder, room)}</Text>
			</Text>
		);
	}
	return (
		<Text>
			<Text color={theme.color.accent} bold={focused}>
				{truncateToWidth(prefix, width)}
			</Text>
			<Text>{shown}</Text>
			{focused ? <Text inverse> </Text> : null}
		</Text>
	);
}

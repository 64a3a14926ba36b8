/** The bottom hint line, generated from the keymap for the current focus. */
import {useConsole} from '../context.js';
import {buildHintLine} from '../keys/hints.js';
import type {Available, Focus, Keymap} from '../keys/keymap.js';
import {Line} from './Line.js';

export function HintLine({focus, width, keymap, available}: {focus: Focus; width: number; keymap: Keymap; available: Available}) {
	const {t, theme} = useConsole();
	return <Line text={buildHintLine(focus, t, width, keymap, available)} width={width} color={theme.color.muted} />;
}

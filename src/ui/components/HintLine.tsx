/** The bottom hint line, generated from the keymap for the current focus. */
import {useConsole} from '../context.js';
import {buildHintLine} from '../keys/hints.js';
import type {Focus} from '../keys/keymap.js';
import {Line} from './Line.js';

export function HintLine({focus, width}: {focus: Focus; width: number}) {
	const {t, theme} = useConsole();
	return <Line text={buildHintLine(focus, t, width)} width={width} color={theme.color.muted} />;
}

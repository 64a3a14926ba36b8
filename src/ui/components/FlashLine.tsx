/** The flash line: the latest info/warn/error message, or an empty line. */
import {useConsole} from '../context.js';
import type {Flash, FlashLevel} from '../hooks/useFlash.js';
import {Line} from './Line.js';

const PREFIX: Record<FlashLevel, string> = {info: '', warn: '! ', error: 'x '};

export function FlashLine({flash, width}: {flash: Flash | undefined; width: number}) {
	const {t, theme} = useConsole();
	if (!flash) return <Line text="" width={width} />;
	return <Line text={PREFIX[flash.level] + t(flash.key, flash.params)} width={width} color={theme.color[flash.level]} />;
}

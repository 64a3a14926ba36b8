/** Item detail: a fixed title line, then the pre-built detail lines from `scroll`. */
import {Box} from 'ink';
import {displayWidth, truncateToWidth} from '../../text/width.js';
import {Line} from '../components/Line.js';
import {useConsole} from '../context.js';
import type {Theme} from '../theme.js';
import type {DetailLine, LineTone} from './detailModel.js';

export interface DetailViewProps {
	title: string;
	lines: readonly DetailLine[];
	scroll: number;
	width: number;
	height: number;
}

function toneColor(tone: LineTone, theme: Theme): string | undefined {
	if (tone === 'heading') return theme.color.accent;
	if (tone === 'label') return theme.color.selected;
	if (tone === 'muted') return theme.color.muted;
	return undefined;
}

/** Lines of content visible below the title line. */
export function detailPageSize(height: number): number {
	return Math.max(1, height - 1);
}

export function DetailView({title, lines, scroll, width, height}: DetailViewProps) {
	const {t, theme} = useConsole();
	const page = detailPageSize(height);
	const visible = lines.slice(scroll, scroll + page);
	const position = t('detail.position', {
		from: lines.length === 0 ? 0 : scroll + 1,
		to: Math.min(lines.length, scroll + page),
		total: lines.length,
	});
	const titleWidth = Math.max(0, width - displayWidth(position) - 1);
	const header = `${truncateToWidth(title, titleWidth)}`;
	const gap = Math.max(1, width - displayWidth(header) - displayWidth(position));
	return (
		<Box flexDirection="column" height={height}>
			<Line text={header + ' '.repeat(gap) + position} width={width} color={theme.color.title} bold />
			{visible.map((line, index) => (
				<Line key={scroll + index} text={line.text} width={width} color={toneColor(line.tone, theme)} bold={line.tone === 'heading'} />
			))}
		</Box>
	);
}

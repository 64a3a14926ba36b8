/** The search results: a header and one line per hit, a page at a time, selection marked. */
import {Box} from 'ink';
import type {SearchHit} from '../../core/catalog/search/types.js';
import {useConsole} from '../context.js';
import {displayWidth} from '../../text/width.js';
import {cellText, formatRow, modesLabel, pageStart, resultColumns} from '../views/searchModel.js';
import {Line} from './Line.js';

export interface ResultsTableProps {
	hits: readonly SearchHit[];
	selected: number;
	/** Lines available, header included. */
	height: number;
	width: number;
	/** Whether the list (not the input) has the keyboard: the selection is drawn stronger. */
	active: boolean;
}

export function ResultsTable({hits, selected, height, width, active}: ResultsTableProps) {
	const {services, t, theme} = useConsole();
	const columns = resultColumns(width, displayWidth(modesLabel(['proxy', 'online'], t)));
	const rows = Math.max(0, height - 1);
	if (height <= 0) return null;
	if (hits.length === 0) return <Line text={t('search.empty')} width={width} color={theme.color.muted} />;
	const start = pageStart(selected, rows);
	const visible = hits.slice(start, start + rows);
	return (
		<Box flexDirection="column">
			<Line
				text={formatRow(columns.map((column) => t(column.header)), columns, '')}
				width={width}
				color={theme.color.muted}
				bold
			/>
			{visible.map((hit, offset) => {
				const isSelected = start + offset === selected;
				const cells = columns.map((column) => cellText(column.id, hit, services.catalog, t, column.width));
				return (
					<Line
						key={hit.implementation.implementationCode}
						text={formatRow(cells, columns, isSelected ? theme.symbols.pointer : '')}
						width={width}
						color={isSelected ? theme.color.selected : undefined}
						inverse={isSelected && active}
					/>
				);
			})}
		</Box>
	);
}

/** The search view: query field, active filters, live results. State lives in App. */
import {Box} from 'ink';
import type {SearchResult} from '../../core/catalog/search/types.js';
import {FilterLine} from '../components/FilterLine.js';
import {ResultsTable} from '../components/ResultsTable.js';
import {TextInputLine} from '../components/TextInputLine.js';
import {useConsole} from '../context.js';
import type {SearchState} from '../state/search.js';

export interface SearchViewProps {
	search: SearchState;
	result: SearchResult;
	/** Whether the view (rather than an overlay) has the keyboard. */
	active: boolean;
	width: number;
	height: number;
	/** Screen row of the view's first line. */
	top: number;
}

/** Lines above the result table: the query field and the filter line. */
const SEARCH_HEADER_LINES = 2;

export function SearchView({search, result, active, width, height, top}: SearchViewProps) {
	const {t} = useConsole();
	return (
		<Box flexDirection="column" height={height}>
			<TextInputLine
				prompt={`${t('search.prompt')}>`}
				value={search.query}
				placeholder={t('search.placeholder')}
				focused={active && search.focused}
				width={width}
				row={top}
			/>
			{height > 1 ? <FilterLine filters={search.filters} result={result} width={width} /> : null}
			<ResultsTable
				hits={result.hits}
				selected={search.selected}
				height={height - SEARCH_HEADER_LINES}
				width={width}
				active={active && !search.focused}
			/>
		</Box>
	);
}

/** Result rows visible at once (a "page" for PgUp/PgDn). */
export function searchPageSize(height: number): number {
	return Math.max(1, height - SEARCH_HEADER_LINES - 1);
}

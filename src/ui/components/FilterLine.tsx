/** "筛选: 地区 四川省 | 模式 全部 | 类型 全部   共 3 条": the active filters and the hit count (and what a slipped query matched as). */
import type {SearchFilters, SearchResult} from '../../core/catalog/search/types.js';
import {displayWidth, padEndToWidth} from '../../text/width.js';
import {useConsole} from '../context.js';
import {regionFilterName} from '../state/filters.js';
import {Line} from './Line.js';

export interface FilterLineProps {
	filters: SearchFilters;
	result: SearchResult;
	width: number;
}

export function FilterLine({filters, result, width}: FilterLineProps) {
	const {services, t, theme} = useConsole();
	const all = t('search.filter.all');
	const region = filters.region ? regionFilterName(filters.region, services.catalog) : all;
	const mode = filters.mode ? t(`mode.${filters.mode}.short`) : all;
	const type = filters.itemType ? t(`itemType.${filters.itemType}`) : all;
	const found = t(result.more ? 'search.countMore' : 'search.count', {count: result.hits.length});
	// A query with a slip says what it ran as ("按 yanglaojin 匹配", issue 18.2), beside the count.
	const count = result.matchedAs ? `${t('search.matchedAs', {query: result.matchedAs})} ${found}` : found;
	const left = `${t('search.filters')}: ${t('search.filter.region')} ${region} ${theme.symbols.separator} ${t('search.filter.mode')} ${mode} ${theme.symbols.separator} ${t('search.filter.type')} ${type}`;
	// The count keeps its place at the right edge; the filters give way when space is short.
	const leftWidth = Math.max(0, width - displayWidth(count) - 1);
	return <Line text={`${padEndToWidth(left, leftWidth)} ${count}`} width={width} color={theme.color.muted} />;
}

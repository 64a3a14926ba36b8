/**
 * The search for a state, computed synchronously (the engine is fast) and cached for the last
 * query + filters, so render and the input router share one call per keystroke.
 */
import {useCallback, useRef} from 'react';
import type {SearchFilters, SearchResult} from '../../core/catalog/search/types.js';
import type {CatalogService} from '../../core/ports/catalog.js';
import {SEARCH_LIMIT} from '../views/searchModel.js';

export function useCachedSearch(catalog: CatalogService): (query: string, filters: SearchFilters) => SearchResult {
	const cache = useRef<{key: string; result: SearchResult} | undefined>(undefined);
	return useCallback(
		(query: string, filters: SearchFilters) => {
			const key = JSON.stringify([query, filters]);
			if (cache.current?.key !== key) {
				cache.current = {key, result: catalog.search({text: query, filters, limit: SEARCH_LIMIT})};
			}
			return cache.current.result;
		},
		[catalog],
	);
}

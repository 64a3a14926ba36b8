/**
 * The search for a state, computed synchronously (the engine is fast) and cached for the last
 * query + filters + counter context, so render and the input router share one call per keystroke.
 * The context (issue 18.1: the applicant's card or typed number, the branch's province) is read
 * when the search runs, so a key pressed right after a card read already ranks by it.
 */
import {useCallback, useRef} from 'react';
import type {SearchContext, SearchFilters, SearchResult} from '../../core/catalog/search/types.js';
import type {CatalogService} from '../../core/ports/catalog.js';
import {SEARCH_LIMIT} from '../views/searchModel.js';

export function useCachedSearch(catalog: CatalogService, contextNow: () => SearchContext | undefined = () => undefined): (query: string, filters: SearchFilters) => SearchResult {
	const cache = useRef<{key: string; result: SearchResult} | undefined>(undefined);
	return useCallback(
		(query: string, filters: SearchFilters) => {
			const context = contextNow();
			const key = JSON.stringify([query, filters, context?.card, context?.branch, context?.handling ? [...context.handling] : null]);
			if (cache.current?.key !== key) {
				cache.current = {key, result: catalog.search({text: query, filters, limit: SEARCH_LIMIT, ...(context ? {context} : {})})};
			}
			return cache.current.result;
		},
		[catalog, contextNow],
	);
}

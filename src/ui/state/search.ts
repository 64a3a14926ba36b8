/**
 * The search (pure): the query, whether its field has the keyboard, the filters, the selected
 * hit, and the item details stacked on top of the result list (the last one is shown).
 */
import type {SearchFilters} from '../../core/catalog/search/types.js';
import type {AppEvent} from './events.js';

interface DetailEntry {
	implementationCode: string;
	scroll: number;
}

export interface SearchState {
	query: string;
	focused: boolean;
	filters: SearchFilters;
	selected: number;
	/** Views above the search root; the last one is shown. */
	details: DetailEntry[];
}

export type SearchAction =
	| {type: 'search/focused'; focused: boolean}
	| {type: 'search/query'; query: string}
	| {type: 'search/select'; index: number}
	| {type: 'search/filters'; filters: SearchFilters}
	/** Closes the detail on top. */
	| {type: 'search/back'}
	/** Scrolls the detail on top. */
	| {type: 'search/scroll'; scroll: number};

export function initialSearch(): SearchState {
	return {query: '', focused: false, filters: {}, selected: 0, details: []};
}

export function searchReducer(state: SearchState, action: SearchAction | AppEvent): SearchState {
	switch (action.type) {
		case 'focusSearch': {
			const query = action.query ?? state.query;
			const selected = query === state.query ? state.selected : 0;
			return {...state, query, selected, focused: true, details: []};
		}
		case 'search/focused':
			return {...state, focused: action.focused};
		case 'search/query':
			return {...state, query: action.query, selected: 0};
		case 'search/select':
			return {...state, selected: action.index};
		case 'search/filters':
			return {...state, filters: action.filters, selected: 0};
		case 'openDetail':
			return {...state, focused: false, details: [...state.details, {implementationCode: action.implementationCode, scroll: 0}]};
		case 'search/back':
			return {...state, details: state.details.slice(0, -1)};
		case 'search/scroll': {
			const top = state.details.at(-1);
			if (!top) return state;
			return {...state, details: [...state.details.slice(0, -1), {...top, scroll: action.scroll}]};
		}
		case 'signedIn':
			return {...state, details: []};
		case 'nextCitizen':
			return {...state, query: '', selected: 0, focused: false, details: []};
		case 'resumeDraft':
			return {...state, focused: false, details: [{implementationCode: action.draft.implementationCode, scroll: 0}]};
		default:
			return state;
	}
}

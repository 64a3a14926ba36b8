/**
 * Console state and its reducer (pure). Views are a stack: the search view is the root and
 * item details are pushed on top of it. Overlays (help, palette) are modal and drawn in
 * normal flow, never positioned over CJK text (style.md §3.5).
 */
import type {SearchFilters} from '../../core/catalog/search/types.js';
import type {Lang} from '../i18n/index.js';
import type {Focus} from '../keys/keymap.js';

export interface DetailEntry {
	implementationCode: string;
	scroll: number;
}

export interface AppState {
	lang: Lang;
	overlay: 'none' | 'help' | 'palette';
	palette: {text: string; selected: number};
	search: {query: string; focused: boolean; filters: SearchFilters; selected: number};
	/** Views above the search root; the last one is shown. */
	details: DetailEntry[];
}

export type AppAction =
	| {type: 'setLang'; lang: Lang}
	| {type: 'openOverlay'; overlay: 'help' | 'palette'}
	| {type: 'closeOverlay'}
	| {type: 'paletteText'; text: string}
	| {type: 'paletteSelect'; index: number}
	| {type: 'focusSearch'; query?: string}
	| {type: 'setFocused'; focused: boolean}
	| {type: 'setQuery'; query: string}
	| {type: 'select'; index: number}
	| {type: 'setFilters'; filters: SearchFilters}
	| {type: 'openDetail'; implementationCode: string}
	| {type: 'back'}
	| {type: 'scroll'; scroll: number};

export function initialState(lang: Lang): AppState {
	return {
		lang,
		overlay: 'none',
		palette: {text: '', selected: 0},
		search: {query: '', focused: false, filters: {}, selected: 0},
		details: [],
	};
}

export function focusOf(state: AppState): Focus {
	if (state.overlay !== 'none') return state.overlay;
	if (state.details.length > 0) return 'detail';
	return state.search.focused ? 'input' : 'search';
}

/** The focus of the view under any overlay (the help overlay documents that one). */
export function viewFocusOf(state: AppState): Focus {
	return focusOf({...state, overlay: 'none'});
}

export function appReducer(state: AppState, action: AppAction): AppState {
	switch (action.type) {
		case 'setLang':
			return {...state, lang: action.lang};
		case 'openOverlay':
			return {...state, overlay: action.overlay, palette: {text: '', selected: 0}};
		case 'closeOverlay':
			return {...state, overlay: 'none'};
		case 'paletteText':
			return {...state, palette: {text: action.text, selected: 0}};
		case 'paletteSelect':
			return {...state, palette: {...state.palette, selected: action.index}};
		case 'focusSearch': {
			const query = action.query ?? state.search.query;
			const selected = query === state.search.query ? state.search.selected : 0;
			return {...state, overlay: 'none', details: [], search: {...state.search, query, selected, focused: true}};
		}
		case 'setFocused':
			return {...state, search: {...state.search, focused: action.focused}};
		case 'setQuery':
			return {...state, search: {...state.search, query: action.query, selected: 0}};
		case 'select':
			return {...state, search: {...state.search, selected: action.index}};
		case 'setFilters':
			return {...state, search: {...state.search, filters: action.filters, selected: 0}};
		case 'openDetail':
			return {
				...state,
				overlay: 'none',
				search: {...state.search, focused: false},
				details: [...state.details, {implementationCode: action.implementationCode, scroll: 0}],
			};
		case 'back':
			return {...state, details: state.details.slice(0, -1)};
		case 'scroll': {
			const top = state.details.at(-1);
			if (!top) return state;
			return {...state, details: [...state.details.slice(0, -1), {...top, scroll: action.scroll}]};
		}
	}
}

/** Clamps a list index into [0, count - 1] (0 for an empty list). */
export function clampIndex(index: number, count: number): number {
	return Math.max(0, Math.min(index, count - 1));
}

/**
 * Navigation and overlays (pure): the language, the root view, the help and palette overlays
 * (modal, drawn in normal flow, never positioned over CJK text: docs/architecture.md#cjk-text), and the cursors of
 * the cases and audit views.
 */
import type {Lang} from '../i18n/index.js';
import {STEP_VIEWS, type AppEvent, type RootView} from './events.js';

type Overlay = 'none' | 'help' | 'palette';

export interface NavState {
	lang: Lang;
	root: RootView;
	overlay: Overlay;
	palette: {text: string; selected: number};
	cases: {selected: number};
	audit: {scroll: number};
	/** The `?` overlay's scroll (back to the top each time it opens). */
	help: {scroll: number};
	/** 日终: the scroll, and a count the view reads the report again on (R). */
	day: {scroll: number; reload: number};
}

export type NavAction =
	| {type: 'nav/lang'; lang: Lang}
	/** Opens help or the palette (the palette with an empty line). */
	| {type: 'nav/openOverlay'; overlay: 'help' | 'palette'}
	| {type: 'nav/closeOverlay'}
	| {type: 'nav/paletteText'; text: string}
	| {type: 'nav/paletteSelect'; index: number}
	| {type: 'nav/selectCase'; index: number}
	| {type: 'nav/auditScroll'; scroll: number}
	| {type: 'nav/helpScroll'; scroll: number}
	| {type: 'nav/dayScroll'; scroll: number}
	| {type: 'nav/dayReload'};

export function initialNav(lang: Lang): NavState {
	return {lang, root: 'search', overlay: 'none', palette: {text: '', selected: 0}, cases: {selected: 0}, audit: {scroll: 0}, help: {scroll: 0}, day: {scroll: 0, reload: 0}};
}

export function navReducer(state: NavState, action: NavAction | AppEvent): NavState {
	const opens = STEP_VIEWS[action.type];
	if (opens) return {...state, overlay: 'none', root: opens};
	switch (action.type) {
		case 'nav/lang':
			return {...state, lang: action.lang};
		case 'nav/openOverlay':
			return {...state, overlay: action.overlay, palette: {text: '', selected: 0}, help: {scroll: 0}};
		case 'nav/closeOverlay':
			return {...state, overlay: 'none'};
		case 'nav/paletteText':
			return {...state, palette: {text: action.text, selected: 0}};
		case 'nav/paletteSelect':
			return {...state, palette: {...state.palette, selected: action.index}};
		case 'nav/selectCase':
			return {...state, cases: {selected: action.index}};
		case 'nav/helpScroll':
			return {...state, help: {scroll: action.scroll}};
		case 'nav/auditScroll':
			return {...state, audit: {scroll: action.scroll}};
		case 'nav/dayScroll':
			return {...state, day: {...state.day, scroll: action.scroll}};
		case 'nav/dayReload':
			return {...state, day: {scroll: 0, reload: state.day.reload + 1}};
		case 'show':
			return {...state, overlay: 'none', root: action.root};
		case 'focusSearch':
		case 'openDetail':
		case 'signedIn':
		case 'nextCitizen':
			return {...state, overlay: 'none', root: 'search'};
		case 'locked':
		case 'resumeDraft':
			return {...state, overlay: 'none'};
		default:
			return state;
	}
}

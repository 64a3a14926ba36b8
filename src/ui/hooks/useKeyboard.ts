/**
 * The console's keys: the action context the key actions get (the latest state, the effects, the
 * facts of the frame on screen) and the one input router that feeds it.
 */
import {useMemo, type RefObject} from 'react';
import type {SearchFilters, SearchResult} from '../../core/catalog/search/types.js';
import {performAction, performText, type ActionContext} from '../actions/index.js';
import type {Effects} from '../effects/index.js';
import {createTranslator} from '../i18n/index.js';
import type {ActionId, Available, KeyGate, Keymap} from '../keys/keymap.js';
import type {ConsoleServices} from '../services.js';
import {focusOf} from '../state/derived.js';
import type {AppAction, AppState} from '../state/index.js';
import type {FrameFacts} from '../views/screen.js';
import type {Flash} from './useFlash.js';
import {useInputRouter} from './useInputRouter.js';

export interface KeyboardOptions {
	services: ConsoleServices;
	getState(): AppState;
	dispatch(action: AppAction): void;
	show(flash: Flash): void;
	quit(): void;
	effects: Effects;
	search(query: string, filters: SearchFilters): SearchResult;
	/** Filled by every render with the facts of the frame it drew. */
	frame: RefObject<FrameFacts>;
	/** The gate and keymap of the session as it is now (not as the last render saw it). */
	keys(): {gate: KeyGate; keymap: Keymap};
	/** What of it can act in the state as it is now (keys/when.ts). */
	available(): Available;
	refreshCases(): void;
	onActivity(): void;
}

export function useKeyboard({services, getState, dispatch, show, quit, effects, search, frame, keys, available, refreshCases, onActivity}: KeyboardOptions): void {
	const context = useMemo<ActionContext>(
		() => ({
			getState,
			dispatch,
			flash: show,
			quit,
			services,
			effects,
			result: () => search(getState().search.query, getState().search.filters),
			frame: () => frame.current,
			t: () => createTranslator(getState().nav.lang),
			gate: () => keys().gate,
			refreshCases,
		}),
		[getState, dispatch, show, quit, services, effects, search, frame, keys, refreshCases],
	);
	const handlers = useMemo(
		() => ({
			focus: () => focusOf(getState()),
			keymap: () => keys().keymap,
			available,
			onActivity,
			onAction: (action: ActionId) => performAction(action, context),
			onText: (text: string) => performText(text, context),
		}),
		[getState, context, keys, available, onActivity],
	);
	useInputRouter(handlers);
}

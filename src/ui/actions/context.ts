/**
 * What a key action is given. The state is read synchronously, so several actions from one input
 * chunk ('jj') compose; page sizes, line counts and scroll bounds are read from the frame on
 * screen (what its view model measured when it was drawn), never by building a model again.
 */
import type {SearchResult} from '../../core/catalog/search/types.js';
import type {Effects} from '../effects/index.js';
import type {Flash} from '../hooks/useFlash.js';
import type {Translate} from '../i18n/index.js';
import type {ActionId, KeyGate} from '../keys/keymap.js';
import type {ConsoleServices} from '../services.js';
import type {AppAction, AppState} from '../state/index.js';
import type {FrameFacts} from '../views/screen.js';

export interface ActionContext {
	getState(): AppState;
	dispatch(action: AppAction): void;
	flash(flash: Flash): void;
	quit(): void;
	services: ConsoleServices;
	effects: Effects;
	/** Search result for the current state (cached by the caller). */
	result(): SearchResult;
	/** The facts of the frame on screen. */
	frame(): FrameFacts;
	t(): Translate;
	/** Roles and services of the console right now (palette and keys are gated by it). */
	gate(): KeyGate;
	/** Polls the hub for the cases' status now. */
	refreshCases(): void;
}

/** What some key actions do, by action id (actions/index.ts merges the tables). */
export type ActionTable = Partial<Record<ActionId, (ctx: ActionContext) => void>>;

export function dropLast(text: string): string {
	return [...text].slice(0, -1).join('');
}

/** `to` kept in [0, max]. */
export function within(to: number, max: number): number {
	return Math.max(0, Math.min(max, to));
}

/** Where a scroll key goes, from the current position, the furthest one and a page. */
export type ScrollTo = (current: number, max: number, page: number) => number;

/** The six scroll keys of a view (a line, a page, the top, the bottom) over the view's own scroll. */
export function scrollKeys(view: 'detail' | 'audit' | 'day' | 'help', scroll: (to: ScrollTo) => (ctx: ActionContext) => void): ActionTable {
	return {
		[`${view}.down`]: scroll((current) => current + 1),
		[`${view}.up`]: scroll((current) => current - 1),
		[`${view}.pageDown`]: scroll((current, _max, page) => current + page),
		[`${view}.pageUp`]: scroll((current, _max, page) => current - page),
		[`${view}.top`]: scroll(() => 0),
		[`${view}.bottom`]: scroll((_current, max) => max),
	};
}

/**
 * What each keymap action does. Called by the input router with a context that reads the
 * latest state synchronously, so several actions from one input chunk ('jj') compose.
 */
import {HANDLING_MODES} from '../core/catalog/model.js';
import type {SearchResult} from '../core/catalog/search/types.js';
import type {Translate} from './i18n/index.js';
import type {Flash} from './hooks/useFlash.js';
import type {ActionId} from './keys/keymap.js';
import {completeCommand, matchCommands} from './palette/commands.js';
import {runPaletteLine} from './palette/execute.js';
import type {ConsoleServices} from './services.js';
import {clampIndex, type AppAction, type AppState} from './state/appState.js';
import {cycle, itemTypesInCatalog, provincesInCatalog, withFilter} from './state/filters.js';

export interface ActionContext {
	getState(): AppState;
	dispatch(action: AppAction): void;
	flash(flash: Flash): void;
	quit(): void;
	services: ConsoleServices;
	/** Search result for the current state (cached by the caller). */
	result(): SearchResult;
	/** Number of detail lines of the top detail view at the current width. */
	detailLineCount(): number;
	/** Rows per page of the result list and of the detail view. */
	listPage(): number;
	detailPage(): number;
	t(): Translate;
}

function moveSelection(ctx: ActionContext, to: (current: number, count: number) => number): void {
	const count = ctx.result().hits.length;
	const current = ctx.getState().search.selected;
	ctx.dispatch({type: 'select', index: clampIndex(to(current, count), count)});
}

function scrollTo(ctx: ActionContext, to: (current: number, max: number) => number): void {
	const top = ctx.getState().details.at(-1);
	if (!top) return;
	const max = Math.max(0, ctx.detailLineCount() - ctx.detailPage());
	ctx.dispatch({type: 'scroll', scroll: Math.max(0, Math.min(max, to(top.scroll, max)))});
}

function openSelected(ctx: ActionContext): void {
	const state = ctx.getState();
	const hit = ctx.result().hits[state.search.selected];
	if (!hit) {
		ctx.flash({level: 'warn', key: 'flash.noSelection'});
		return;
	}
	ctx.dispatch({type: 'openDetail', implementationCode: hit.implementation.implementationCode});
}

/** esc: close overlay → clear input → back one view. */
function back(ctx: ActionContext): void {
	const state = ctx.getState();
	if (state.overlay !== 'none') return ctx.dispatch({type: 'closeOverlay'});
	if (state.details.length > 0) return ctx.dispatch({type: 'back'});
	if (state.search.query) return ctx.dispatch({type: 'setQuery', query: ''});
	ctx.flash({level: 'info', key: 'flash.atRoot'});
}

function setFilters(ctx: ActionContext, update: (filters: AppState['search']['filters']) => AppState['search']['filters']): void {
	ctx.dispatch({type: 'setFilters', filters: update(ctx.getState().search.filters)});
}

export function performAction(action: ActionId, ctx: ActionContext): void {
	const state = ctx.getState();
	const catalog = ctx.services.catalog;
	switch (action) {
		case 'app.help':
			return ctx.dispatch({type: 'openOverlay', overlay: 'help'});
		case 'app.palette':
			return ctx.dispatch({type: 'openOverlay', overlay: 'palette'});
		case 'app.search':
			return ctx.dispatch({type: 'focusSearch'});
		case 'app.back':
			return back(ctx);
		case 'app.quit':
			return ctx.quit();
		case 'help.close':
		case 'palette.close':
			return ctx.dispatch({type: 'closeOverlay'});
		case 'list.down':
		case 'input.down':
			return moveSelection(ctx, (current) => current + 1);
		case 'list.up':
		case 'input.up':
			return moveSelection(ctx, (current) => current - 1);
		case 'list.pageDown':
			return moveSelection(ctx, (current) => current + ctx.listPage());
		case 'list.pageUp':
			return moveSelection(ctx, (current) => current - ctx.listPage());
		case 'list.top':
			return moveSelection(ctx, () => 0);
		case 'list.bottom':
			return moveSelection(ctx, (_current, count) => count - 1);
		case 'list.open':
		case 'input.submit':
			return openSelected(ctx);
		case 'input.toResults':
			return ctx.dispatch({type: 'setFocused', focused: false});
		case 'input.cancel':
			return ctx.dispatch(state.search.query ? {type: 'setQuery', query: ''} : {type: 'setFocused', focused: false});
		case 'input.clearLine':
			return ctx.dispatch({type: 'setQuery', query: ''});
		case 'input.backspace':
			return ctx.dispatch({type: 'setQuery', query: [...state.search.query].slice(0, -1).join('')});
		case 'filter.mode':
			return setFilters(ctx, (filters) => withFilter(filters, 'mode', cycle(HANDLING_MODES, filters.mode)));
		case 'filter.type':
			return setFilters(ctx, (filters) => withFilter(filters, 'itemType', cycle(itemTypesInCatalog(catalog), filters.itemType)));
		case 'filter.province':
			return setFilters(ctx, (filters) => withFilter(filters, 'region', cycle(provincesInCatalog(catalog), filters.region)));
		case 'filter.clear':
			setFilters(ctx, () => ({}));
			return ctx.flash({level: 'info', key: 'flash.filtersCleared'});
		case 'detail.down':
			return scrollTo(ctx, (current) => current + 1);
		case 'detail.up':
			return scrollTo(ctx, (current) => current - 1);
		case 'detail.pageDown':
			return scrollTo(ctx, (current) => current + ctx.detailPage());
		case 'detail.pageUp':
			return scrollTo(ctx, (current) => current - ctx.detailPage());
		case 'detail.top':
			return scrollTo(ctx, () => 0);
		case 'detail.bottom':
			return scrollTo(ctx, (_current, max) => max);
		case 'palette.run':
			ctx.dispatch({type: 'closeOverlay'});
			return runPaletteLine(state.palette.text, state.palette.selected, ctx);
		case 'palette.complete':
			return ctx.dispatch({type: 'paletteText', text: completeCommand(state.palette.text, state.palette.selected)});
		case 'palette.next':
		case 'palette.prev': {
			const count = matchCommands(state.palette.text).length;
			const next = state.palette.selected + (action === 'palette.next' ? 1 : -1);
			return ctx.dispatch({type: 'paletteSelect', index: clampIndex(next, count)});
		}
		case 'palette.backspace':
			return ctx.dispatch({type: 'paletteText', text: [...state.palette.text].slice(0, -1).join('')});
	}
}

/** Printable text for the focused field (IME commits arrive as one multi-character chunk). */
export function performText(text: string, ctx: ActionContext): void {
	const state = ctx.getState();
	if (state.overlay === 'palette') return ctx.dispatch({type: 'paletteText', text: state.palette.text + text});
	ctx.dispatch({type: 'setQuery', query: state.search.query + text});
}

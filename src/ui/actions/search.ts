/** The search view's keys: the result list, the query field, the filters and the detail on top. */
import {HANDLING_MODES} from '../../core/catalog/model.js';
import type {SearchFilters} from '../../core/catalog/search/types.js';
import {clampIndex} from '../state/index.js';
import {cycle, itemTypesInCatalog, provincesInCatalog, withFilter} from '../state/filters.js';
import {dropLast, scrollKeys, within, type ActionContext, type ActionTable, type ScrollTo} from './context.js';

/** Moves the result list's selection (`to` gets the current index and the number of hits). */
const select = (to: (current: number, count: number, ctx: ActionContext) => number) => (ctx: ActionContext) => {
	const count = ctx.result().hits.length;
	ctx.dispatch({type: 'search/select', index: clampIndex(to(ctx.getState().search.selected, count, ctx), count)});
};

/** Scrolls the detail on top (`to` gets its scroll, the furthest one and the page size). */
const scroll = (to: ScrollTo) => (ctx: ActionContext) => {
	const top = ctx.getState().search.details.at(-1);
	if (!top) return;
	const {lines, page} = ctx.frame().detail;
	const max = Math.max(0, lines - page);
	ctx.dispatch({type: 'search/scroll', scroll: within(to(top.scroll, max, page), max)});
};

const filter = (update: (filters: SearchFilters, ctx: ActionContext) => SearchFilters) => (ctx: ActionContext) =>
	ctx.dispatch({type: 'search/filters', filters: update(ctx.getState().search.filters, ctx)});

function openSelected(ctx: ActionContext): void {
	const hit = ctx.result().hits[ctx.getState().search.selected];
	if (!hit) return ctx.flash({level: 'warn', key: 'flash.noSelection'});
	ctx.dispatch({type: 'openDetail', implementationCode: hit.implementation.implementationCode});
}

const down = select((current) => current + 1);
const up = select((current) => current - 1);
const query = (ctx: ActionContext, text: string) => ctx.dispatch({type: 'search/query', query: text});

export const searchActions: ActionTable = {
	'list.down': down,
	'input.down': down,
	'list.up': up,
	'input.up': up,
	'list.pageDown': select((current, _count, ctx) => current + ctx.frame().listPage),
	'list.pageUp': select((current, _count, ctx) => current - ctx.frame().listPage),
	'list.top': select(() => 0),
	'list.bottom': select((_current, count) => count - 1),
	'list.open': openSelected,
	'input.submit': openSelected,
	'input.toResults': (ctx) => ctx.dispatch({type: 'search/focused', focused: false}),
	'input.cancel': (ctx) => (ctx.getState().search.query ? query(ctx, '') : ctx.dispatch({type: 'search/focused', focused: false})),
	'input.clearLine': (ctx) => query(ctx, ''),
	'input.backspace': (ctx) => query(ctx, dropLast(ctx.getState().search.query)),
	'filter.mode': filter((filters) => withFilter(filters, 'mode', cycle(HANDLING_MODES, filters.mode))),
	'filter.type': filter((filters, ctx) => withFilter(filters, 'itemType', cycle(itemTypesInCatalog(ctx.services.catalog), filters.itemType))),
	'filter.province': filter((filters, ctx) => withFilter(filters, 'region', cycle(provincesInCatalog(ctx.services.catalog), filters.region))),
	'filter.clear': (ctx) => {
		filter(() => ({}))(ctx);
		ctx.flash({level: 'info', key: 'flash.filtersCleared'});
	},
	...scrollKeys('detail', scroll),
};

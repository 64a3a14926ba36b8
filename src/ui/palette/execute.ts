/**
 * Runs one palette line (":region 51", ":lang en" …) against the console. Invalid arguments
 * produce an error flash naming the value; nothing throws into the render loop.
 */
import {openEligibility, openMaterials, openReview, type ActionContext} from '../actions.js';
import {parseLang} from '../i18n/index.js';
import {parseModeArg, parseRegionArg, parseTypeArg, regionFilterName, withFilter} from '../state/filters.js';
import {commandsFor, COMMANDS, resolveCommand, splitCommandLine} from './commands.js';

export function runPaletteLine(text: string, selected: number, ctx: ActionContext): void {
	const allowed = commandsFor(ctx.gate());
	const resolved = resolveCommand(text, selected, allowed);
	if (!resolved) {
		// A command that exists but is not for this operator says so, rather than "unknown".
		const hidden = resolveCommand(text, 0, COMMANDS.filter((c) => c.names.includes(splitCommandLine(text).word)));
		if (hidden) {
			ctx.flash({level: 'error', key: 'flash.notAllowed', params: {name: hidden.command.names[0] ?? ''}});
			return;
		}
		ctx.flash({level: 'error', key: 'flash.unknownCommand', params: {name: splitCommandLine(text).word}});
		return;
	}
	const {command, args} = resolved;
	const filters = ctx.getState().search.filters;
	const catalog = ctx.services.catalog;
	switch (command.id) {
		case 'search':
			return ctx.dispatch({type: 'focusSearch', ...(args ? {query: args} : {})});
		case 'help':
			return ctx.dispatch({type: 'openOverlay', overlay: 'help'});
		case 'quit':
			return ctx.quit();
		case 'back':
			return ctx.dispatch({type: 'back'});
		case 'clear':
			ctx.dispatch({type: 'setFilters', filters: {}});
			return ctx.flash({level: 'info', key: 'flash.filtersCleared'});
		case 'lang': {
			const lang = parseLang(args);
			if (!lang) return ctx.flash({level: 'error', key: 'flash.langUnknown', params: {lang: args}});
			ctx.dispatch({type: 'setLang', lang});
			return ctx.flash({level: 'info', key: 'flash.langChanged'});
		}
		case 'region': {
			if (!args) return ctx.dispatch({type: 'setFilters', filters: withFilter(filters, 'region', undefined)});
			const region = parseRegionArg(args, catalog);
			if (!region) return ctx.flash({level: 'error', key: 'flash.regionUnknown', params: {code: args}});
			ctx.dispatch({type: 'setFilters', filters: withFilter(filters, 'region', region)});
			return ctx.flash({level: 'info', key: 'flash.regionSet', params: {region: regionFilterName(region, catalog)}});
		}
		case 'mode': {
			if (!args) return ctx.dispatch({type: 'setFilters', filters: withFilter(filters, 'mode', undefined)});
			const mode = parseModeArg(args);
			if (!mode) return ctx.flash({level: 'error', key: 'flash.modeUnknown', params: {mode: args}});
			ctx.dispatch({type: 'setFilters', filters: withFilter(filters, 'mode', mode)});
			return ctx.flash({level: 'info', key: 'flash.modeSet', params: {mode: ctx.t()(`mode.${mode}`)}});
		}
		case 'card': {
			const [verb = 'read', arg] = args.split(/\s+/).filter(Boolean);
			if (verb === 'manual') {
				ctx.dispatch({type: 'setRoot', root: 'applicant'});
				return ctx.dispatch({type: 'applicant', patch: {manual: ''}});
			}
			if (verb === 'place' || verb === 'next') return ctx.effects.placeDemoCard(arg);
			if (verb === 'lift') return ctx.effects.liftDemoCard();
			return ctx.effects.readCard();
		}
		case 'cases':
			return ctx.dispatch({type: 'setRoot', root: 'cases'});
		case 'check':
			return openEligibility(ctx);
		case 'materials':
			return openMaterials(ctx);
		case 'page':
			return ctx.effects.materials.setPage(args.trim() || undefined);
		case 'submit':
			return openReview(ctx);
		case 'drafts':
			return void ctx.effects.drafts.openDrafts();
		case 'audit':
			ctx.dispatch({type: 'auditScroll', scroll: Number.MAX_SAFE_INTEGER});
			return ctx.dispatch({type: 'setRoot', root: 'audit'});
		case 'lock':
			return ctx.effects.lock('manual');
		case 'signout':
			return void ctx.effects.signOut();
		case 'type': {
			if (!args) return ctx.dispatch({type: 'setFilters', filters: withFilter(filters, 'itemType', undefined)});
			const type = parseTypeArg(args);
			if (!type) return ctx.flash({level: 'error', key: 'flash.typeUnknown', params: {type: args}});
			ctx.dispatch({type: 'setFilters', filters: withFilter(filters, 'itemType', type)});
			return ctx.flash({level: 'info', key: 'flash.typeSet', params: {type: ctx.t()(`itemType.${type}`)}});
		}
	}
}

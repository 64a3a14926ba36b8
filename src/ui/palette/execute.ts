/**
 * What one palette line (":region 51", ":lang en" …) asks for, as a description the key actions
 * carry out (actions/index.ts): state changes to dispatch (with a flash), a key action to run as
 * if its key was pressed, an effect with an argument, or a flash alone. Invalid arguments give an
 * error flash naming the value; nothing here changes anything, so nothing throws into the render
 * loop and the palette needs nothing of the actions it describes.
 */
import type {CatalogService} from '../../core/ports/catalog.js';
import type {Flash} from '../hooks/useFlash.js';
import {parseLang, type Translate} from '../i18n/index.js';
import type {ActionId, KeyGate} from '../keys/keymap.js';
import type {AppAction, AppState} from '../state/index.js';
import {parseModeArg, parseRegionArg, parseTypeArg, regionFilterName, withFilter} from '../state/filters.js';
import type {SearchFilters} from '../../core/catalog/search/types.js';
import {commandsFor, COMMANDS, resolveCommand, splitCommandLine, type CommandId} from './commands.js';

type PaletteEffect = {name: 'placeDemoCard'; card?: string} | {name: 'setPage'; page?: string} | {name: 'signOut'};

export type PaletteOutcome =
	| {kind: 'dispatch'; actions: AppAction[]; flash?: Flash}
	/** The same as pressing the key bound to `action`. */
	| {kind: 'action'; action: ActionId}
	| {kind: 'effect'; effect: PaletteEffect}
	| {kind: 'flash'; flash: Flash}
	/** Leaves the console, like the quit key (a signed-in session ends in the audit). */
	| {kind: 'quit'};

export interface PaletteInput {
	state: AppState;
	gate: KeyGate;
	catalog: CatalogService;
	t: Translate;
}

const dispatch = (actions: AppAction[], flash?: Flash): PaletteOutcome => ({kind: 'dispatch', actions, ...(flash ? {flash} : {})});
const failed = (key: Flash['key'], params: Flash['params']): PaletteOutcome => ({kind: 'flash', flash: {level: 'error', key, ...(params ? {params} : {})}});
const info = (key: Flash['key'], params?: Flash['params']): Flash => ({level: 'info', key, ...(params ? {params} : {})});

/**
 * A filter command (":region", ":mode", ":type"): no argument clears the filter; a valid one sets
 * it and says so; an invalid one is named in the error.
 */
function filterOutcome<K extends keyof SearchFilters>(filters: SearchFilters, key: K, args: string, value: SearchFilters[K] | undefined, set: () => Flash, unknown: () => PaletteOutcome): PaletteOutcome {
	if (!args) return dispatch([{type: 'search/filters', filters: withFilter(filters, key, undefined)}]);
	if (!value) return unknown();
	return dispatch([{type: 'search/filters', filters: withFilter(filters, key, value)}], set());
}

/** Esc's "back" without the overlay and the query steps: the root view, else the detail on top. */
export function backAction(state: AppState): AppAction {
	return state.nav.root !== 'search' ? {type: 'show', root: 'search'} : {type: 'search/back'};
}

type KeyCommand = 'help' | 'cases' | 'check' | 'materials' | 'submit' | 'drafts' | 'audit' | 'lock' | 'day';

/** Commands that do what a key does. */
const AS_KEY: Record<KeyCommand, ActionId> = {
	help: 'app.help',
	cases: 'app.cases',
	check: 'eligibility.open',
	materials: 'materials.open',
	submit: 'review.open',
	drafts: 'app.drafts',
	audit: 'app.audit',
	lock: 'app.lock',
	day: 'app.day',
};

const isKeyCommand = (id: CommandId): id is KeyCommand => id in AS_KEY;

export function paletteOutcome(text: string, selected: number, {state, gate, catalog, t}: PaletteInput): PaletteOutcome {
	const resolved = resolveCommand(text, selected, commandsFor(gate));
	if (!resolved) {
		// A command that exists but is not for this operator says so, rather than "unknown".
		const word = splitCommandLine(text).word;
		const hidden = resolveCommand(text, 0, COMMANDS.filter((c) => c.names.includes(word)));
		return hidden ? failed('flash.notAllowed', {name: hidden.command.names[0] ?? ''}) : failed('flash.unknownCommand', {name: word});
	}
	const {command, args} = resolved;
	if (isKeyCommand(command.id)) return {kind: 'action', action: AS_KEY[command.id]};
	const filters = state.search.filters;
	switch (command.id) {
		case 'search':
			return dispatch([{type: 'focusSearch', ...(args ? {query: args} : {})}]);
		case 'quit':
			return {kind: 'quit'};
		case 'back':
			return dispatch([backAction(state)]);
		case 'clear':
			return dispatch([{type: 'search/filters', filters: {}}], info('flash.filtersCleared'));
		case 'lang': {
			const lang = parseLang(args);
			return lang ? dispatch([{type: 'nav/lang', lang}], info('flash.langChanged')) : failed('flash.langUnknown', {lang: args});
		}
		case 'region': {
			const region = args ? parseRegionArg(args, catalog) : undefined;
			return filterOutcome(filters, 'region', args, region, () => info('flash.regionSet', {region: regionFilterName(region!, catalog)}), () => failed('flash.regionUnknown', {code: args}));
		}
		case 'mode': {
			const mode = args ? parseModeArg(args) : undefined;
			return filterOutcome(filters, 'mode', args, mode, () => info('flash.modeSet', {mode: t(`mode.${mode!}`)}), () => failed('flash.modeUnknown', {mode: args}));
		}
		case 'type': {
			const type = args ? parseTypeArg(args) : undefined;
			return filterOutcome(filters, 'itemType', args, type, () => info('flash.typeSet', {type: t(`itemType.${type!}`)}), () => failed('flash.typeUnknown', {type: args}));
		}
		case 'card': {
			const [verb = 'read', arg] = args.split(/\s+/).filter(Boolean);
			if (verb === 'manual') return dispatch([{type: 'show', root: 'applicant'}, {type: 'case/applicant', patch: {manual: ''}}]);
			if (verb === 'place' || verb === 'next') return {kind: 'effect', effect: {name: 'placeDemoCard', ...(arg ? {card: arg} : {})}};
			return {kind: 'action', action: verb === 'lift' ? 'demo.liftCard' : 'card.read'};
		}
		case 'page':
			return {kind: 'effect', effect: {name: 'setPage', ...(args.trim() ? {page: args.trim()} : {})}};
		case 'signout':
			return {kind: 'effect', effect: {name: 'signOut'}};
	}
}

/**
 * The command palette's table (`:` commands and their aliases). The palette list, completion
 * and execution all read this table; descriptions are i18n keys.
 */
import type {MessageKey} from '../i18n/index.js';
import {allowedBy, type Capability, type KeyGate} from '../keys/keymap.js';
import type {Role} from '../services.js';

export type CommandId =
	| 'search'
	| 'help'
	| 'quit'
	| 'lang'
	| 'region'
	| 'mode'
	| 'type'
	| 'clear'
	| 'back'
	| 'card'
	| 'cases'
	| 'audit'
	| 'lock'
	| 'signout'
	| 'check'
	| 'materials'
	| 'page'
	| 'submit'
	| 'drafts'
	| 'day';

export interface PaletteCommand {
	id: CommandId;
	/** Canonical name first, then aliases. */
	names: readonly string[];
	/** Argument synopsis (ASCII), shown after the name. */
	args?: string;
	label: MessageKey;
	/** Only operators with one of these roles see and run it. */
	roles?: readonly Role[];
	needs?: Capability;
}

export const COMMANDS: readonly PaletteCommand[] = [
	{id: 'search', names: ['search', 's', 'find'], args: '[text]', label: 'cmd.search'},
	{id: 'region', names: ['region', 'r'], args: '[code]', label: 'cmd.region'},
	{id: 'mode', names: ['mode', 'm'], args: '[online|proxy|joint]', label: 'cmd.mode'},
	{id: 'type', names: ['type', 't'], args: '[code]', label: 'cmd.type'},
	{id: 'clear', names: ['clear', 'c'], label: 'cmd.clear'},
	{id: 'lang', names: ['lang', 'language'], args: 'zh|en', label: 'cmd.lang'},
	{id: 'help', names: ['help', 'h'], label: 'cmd.help'},
	{id: 'back', names: ['back', 'b'], label: 'cmd.back'},
	{id: 'card', names: ['card', 'id'], args: '[read|manual|place <card>|lift]', label: 'cmd.card', roles: ['clerk'], needs: 'reader'},
	{id: 'check', names: ['check', 'eligibility', 'elig'], label: 'cmd.check', roles: ['clerk'], needs: 'eligibility'},
	{id: 'materials', names: ['materials', 'mat', 'capture'], label: 'cmd.materials', roles: ['clerk'], needs: 'camera'},
	{id: 'submit', names: ['submit', 'review'], label: 'cmd.submit', roles: ['clerk'], needs: 'submission'},
	{id: 'drafts', names: ['drafts', 'draft'], label: 'cmd.drafts', roles: ['clerk'], needs: 'submission'},
	{id: 'page', names: ['page'], args: '<application|hukou|certificate|blurred|dark>', label: 'cmd.page', needs: 'cameraPages'},
	{id: 'cases', names: ['cases', 'case'], label: 'cmd.cases', roles: ['clerk', 'admin'], needs: 'cases'},
	{id: 'audit', names: ['audit', 'log'], label: 'cmd.audit', roles: ['admin'], needs: 'audit'},
	{id: 'day', names: ['day', 'eod'], label: 'cmd.day', roles: ['supervisor'], needs: 'dayReport'},
	{id: 'lock', names: ['lock'], label: 'cmd.lock', needs: 'session'},
	{id: 'signout', names: ['signout', 'logout'], label: 'cmd.signout', needs: 'session'},
	{id: 'quit', names: ['quit', 'q', 'exit'], label: 'cmd.quit'},
];

/** The commands one operator at one console may run (the palette lists only these). */
export function commandsFor(gate: KeyGate, commands: readonly PaletteCommand[] = COMMANDS): PaletteCommand[] {
	return commands.filter((command) => allowedBy(gate, command));
}

/** Splits "region 51" (a leading ':' is tolerated) into the command word and its arguments. */
export function splitCommandLine(text: string): {word: string; args: string} {
	const trimmed = text.trim().replace(/^:/, '').trimStart();
	const space = trimmed.search(/\s/);
	if (space < 0) return {word: trimmed.toLowerCase(), args: ''};
	return {word: trimmed.slice(0, space).toLowerCase(), args: trimmed.slice(space).trim()};
}

/** Commands whose name or alias starts with the typed command word (all when nothing typed). */
export function matchCommands(text: string, commands: readonly PaletteCommand[] = COMMANDS): PaletteCommand[] {
	const {word} = splitCommandLine(text);
	return commands.filter((command) => command.names.some((name) => name.startsWith(word)));
}

/**
 * The command a palette line runs: an exact name or alias wins; otherwise the highlighted
 * entry among the prefix matches.
 */
export function resolveCommand(
	text: string,
	selected: number,
	commands: readonly PaletteCommand[] = COMMANDS,
): {command: PaletteCommand; args: string} | undefined {
	const {word, args} = splitCommandLine(text);
	const exact = commands.find((command) => command.names.includes(word));
	if (exact) return {command: exact, args};
	const candidates = matchCommands(text, commands);
	const command = candidates[Math.min(selected, candidates.length - 1)];
	return command ? {command, args} : undefined;
}

/** "region 51" after tab: the highlighted command's name replaces the typed word. */
export function completeCommand(text: string, selected: number, commands: readonly PaletteCommand[] = COMMANDS): string {
	const candidates = matchCommands(text, commands);
	const command = candidates[Math.min(selected, candidates.length - 1)];
	if (!command) return text;
	const {args} = splitCommandLine(text);
	return `${command.names[0]} ${args}`;
}

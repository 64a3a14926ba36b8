/**
 * The README's key tables, generated from the keymap and the palette table so the docs cannot
 * drift from the code (a test compares them; `npm run docs:keys` rewrites the README section).
 */
import {createTranslator} from '../i18n/index.js';
import {COMMANDS} from '../palette/commands.js';
import {KEYMAP, type KeyScope} from './keymap.js';

/** Every scope, in the order of the counter flow (a scope left out fails to compile). */
const SCOPE_ORDER: Record<KeyScope, number> = {
	global: 0, search: 1, input: 2, detail: 3, palette: 4, help: 5, signin: 6, lock: 7, applicant: 8, manual: 9, confirm: 10,
	cases: 11, audit: 12, eligibility: 13, answer: 14, materials: 15, capture: 16, review: 17, receipt: 18, drafts: 19,
	work: 20, taskCard: 21, taskPictures: 22, taskReview: 23, taskDone: 24, waybill: 25, followUp: 26, day: 27, approval: 7.5,
};
const SCOPES = (Object.keys(SCOPE_ORDER) as KeyScope[]).sort((a, b) => SCOPE_ORDER[a] - SCOPE_ORDER[b]);

function keyName(key: string): string {
	return key === ' ' ? 'space' : key;
}

export function keysMarkdown(): string {
	const t = createTranslator('en');
	const lines = ['| Where | Keys | Action |', '| --- | --- | --- |'];
	for (const scope of SCOPES) {
		for (const binding of KEYMAP.filter((b) => b.scope === scope)) {
			const keys = binding.keys.map((k) => `\`${keyName(k)}\``).join(' ');
			const only = binding.roles ? ` (${binding.roles.join('/')})` : '';
			lines.push(`| ${t(`help.scope.${scope}` as never)} | ${keys} | ${t(binding.label)}${only} |`);
		}
	}
	lines.push('', 'Command palette (`:`):', '', '| Command | Aliases | Action |', '| --- | --- | --- |');
	for (const command of COMMANDS) {
		const [name, ...aliases] = command.names;
		// A bare | would end the markdown table cell.
		const args = command.args ? ` ${command.args.replaceAll('|', '\\|')}` : '';
		const only = command.roles ? ` (${command.roles.join('/')})` : '';
		lines.push(`| \`:${name}${args}\` | ${aliases.map((a) => `\`:${a}\``).join(' ')} | ${t(command.label)}${only} |`);
	}
	return lines.join('\n');
}

const KEYS_START = '<!-- keys:start -->';
const KEYS_END = '<!-- keys:end -->';

/** Replaces the generated section of a README text. */
export function withKeysSection(readme: string): string {
	const start = readme.indexOf(KEYS_START);
	const end = readme.indexOf(KEYS_END);
	if (start < 0 || end < start) throw new Error('README has no keys section markers');
	return `${readme.slice(0, start + KEYS_START.length)}\n${keysMarkdown()}\n${readme.slice(end)}`;
}

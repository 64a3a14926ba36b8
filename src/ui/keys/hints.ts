/**
 * The hint line, generated from the keymap: bindings marked `hint`, `?` (help) first so it is
 * always visible, then the focused scope's (what the clerk does next: on an 80-column terminal
 * the step's own keys must not be pushed off by the global ones), then the other global ones,
 * as many as fit the width (whole entries only).
 */
import {displayWidth} from '../../text/width.js';
import type {Translate} from '../i18n/index.js';
import {bindingsFor, keysLabel, KEYMAP, type Available, type Focus, type Keymap} from './keymap.js';

export function hintEntries(focus: Focus, t: Translate, keymap: Keymap = KEYMAP, available?: Available): string[] {
	const shown = bindingsFor(focus, keymap, available).filter((binding) => binding.hint);
	const help = shown.filter((binding) => binding.scope === 'global' && binding.action === 'app.help');
	const global = shown.filter((binding) => binding.scope === 'global' && binding.action !== 'app.help');
	return [...help, ...shown.filter((binding) => binding.scope !== 'global'), ...global]
		.map((binding) => `${keysLabel(binding, focus)} ${t(binding.label)}`);
}

export function buildHintLine(focus: Focus, t: Translate, width: number, keymap: Keymap = KEYMAP, available?: Available): string {
	const separator = '  ';
	let line = '';
	for (const entry of hintEntries(focus, t, keymap, available)) {
		const next = line ? `${line}${separator}${entry}` : entry;
		if (displayWidth(next) > width) break;
		line = next;
	}
	return line;
}

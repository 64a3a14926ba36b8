/**
 * The hint line, generated from the keymap: bindings marked `hint`, global ones first (so
 * ? and q are always visible, k9s-style), then the focused scope's, as many as fit the width
 * (whole entries only).
 */
import {displayWidth} from '../../text/width.js';
import type {Translate} from '../i18n/index.js';
import {bindingsFor, keysLabel, KEYMAP, type Focus, type Keymap} from './keymap.js';

export function hintEntries(focus: Focus, t: Translate, keymap: Keymap = KEYMAP): string[] {
	const shown = bindingsFor(focus, keymap).filter((binding) => binding.hint);
	const global = shown.filter((binding) => binding.scope === 'global');
	return [...global, ...shown.filter((binding) => binding.scope !== 'global')]
		.map((binding) => `${keysLabel(binding, focus)} ${t(binding.label)}`);
}

export function buildHintLine(focus: Focus, t: Translate, width: number, keymap: Keymap = KEYMAP): string {
	const separator = '  ';
	let line = '';
	for (const entry of hintEntries(focus, t, keymap)) {
		const next = line ? `${line}${separator}${entry}` : entry;
		if (displayWidth(next) > width) break;
		line = next;
	}
	return line;
}

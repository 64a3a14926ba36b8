/**
 * The `?` overlay's rows: every key the view under it can act on now, by scope, generated from
 * the keymap (so the help, the hint line and the router agree: keys/when.ts). The overlay shows
 * a page of them and scrolls (j/k, PgDn/PgUp, g/G), so a short terminal hides none.
 */
import {padEndToWidth} from '../../text/width.js';
import type {Translate} from '../i18n/index.js';
import {bindingsFor, keysLabel, type Available, type Focus, type Keymap, type KeyScope} from '../keys/keymap.js';

export interface HelpRow {
	text: string;
	heading: boolean;
}

const KEYS_WIDTH = 16;

export function helpRows(focus: Focus, t: Translate, keymap: Keymap, available: Available): HelpRow[] {
	const rows: HelpRow[] = [];
	let scope: KeyScope | undefined;
	for (const binding of bindingsFor(focus, keymap, available)) {
		if (binding.scope !== scope) {
			scope = binding.scope;
			rows.push({text: t(`help.scope.${scope}`), heading: true});
		}
		rows.push({text: `  ${padEndToWidth(keysLabel(binding, focus), KEYS_WIDTH)}  ${t(binding.label)}`, heading: false});
	}
	return rows;
}

/** Rows of one page: the body less the title, its rule and the position line. */
export function helpPageSize(height: number): number {
	return Math.max(1, height - 3);
}

/** The furthest the overlay scrolls: 0 when every row fits (the position line is not needed then). */
export function helpMaxScroll(rows: number, height: number): number {
	const page = helpPageSize(height);
	return rows <= page + 1 ? 0 : rows - page;
}

// Bundle-only stand-in for `string-width` (scripts/bundle.mjs aliases the package to this file
// for every bundled importer: Ink, wrap-ansi, cli-truncate, widest-line …).
// - Text of printable ASCII and common CJK, with or without colour codes, is measured by code
//   point ranges (src/text/fast-width.ts; src/text/width.test.ts checks it against string-width).
// - Everything else goes to the real package. Its module compiles large Unicode-property
//   regexes when it loads (~50 ms on a thin terminal, measured), so it is loaded in the
//   background rather than before the console's first frame; until it is there, such text is
//   measured per code point with East Asian Width (right for everything but emoji clusters and
//   combining marks, which the console's own text avoids).
import {eastAsianWidth} from 'get-east-asian-width';
import {fastWidth} from '../src/text/fast-width.ts';

// Ink measures styled text: colour codes (SGR, ESC [ … m) take no columns, like string-width says.
const SGR = /\u001B\[[0-9;]*m/g;
const ANSI = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\))/g;

let real;
let loading;
/**
 * Loads the real package once: on the first text the fast path cannot measure, or a second after
 * start-up, whichever comes first. Importing it at module load let its ~40 ms of regex
 * compilation run before the console's first frame (cpu profile, 2026-11-27).
 */
function loadReal() {
	loading ??= import('../node_modules/string-width/index.js').then(
		(module) => {
			real = module.default;
		},
		() => {},
	);
}
setTimeout(loadReal, 1000).unref?.();

function roughWidth(text) {
	let width = 0;
	for (const char of text.replace(ANSI, '')) {
		const code = char.codePointAt(0);
		if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x300 && code <= 0x36f) || code === 0x200b || code === 0x200d || code === 0xfe0f) continue;
		width += eastAsianWidth(code);
	}
	return width;
}

export default function stringWidth(text, options) {
	if (options === undefined && typeof text === 'string') {
		const width = fastWidth(text.includes('\u001B') ? text.replace(SGR, '') : text);
		if (width !== undefined) return width;
	}
	if (real) return real(text, options);
	loadReal();
	return roughWidth(String(text ?? ''));
}

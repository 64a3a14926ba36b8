/**
 * Turns one Ink input event into key tokens. Ink delivers several printable characters typed
 * in one chunk (key repeat, paste, an IME commit such as '养老') as ONE event, so printable
 * input becomes one token per character; the router merges them back into text when a text
 * field has focus. Named keys ('escape', 'up', 'ctrl+c' …) are one token each.
 */
import type {Key} from 'ink';

export type KeyToken = {kind: 'named'; name: string} | {kind: 'char'; char: string};

const graphemeSegmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

// Control characters never reach a text field (a pasted newline must not end up in a query).
const CONTROL = /[\u0000-\u001f\u007f]/g;

export function tokenize(input: string, key: Key): KeyToken[] {
	const named = namedKey(input, key);
	if (named) return [{kind: 'named', name: named}];
	const text = input.replace(CONTROL, '');
	return Array.from(graphemeSegmenter.segment(text), (part) => ({kind: 'char', char: part.segment}));
}

function namedKey(input: string, key: Key): string | undefined {
	if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'return';
	if (key.escape) return 'escape';
	if (key.tab) return 'tab';
	if (key.backspace) return 'backspace';
	if (key.delete) return 'delete';
	// Alt+letter and unknown escape sequences: ignored rather than typed into a field.
	if (key.meta) return 'meta';
	return undefined;
}

/**
 * Turns one Ink input event into key tokens. Ink delivers several printable characters typed
 * in one chunk (key repeat, paste, an IME commit such as '养老') as ONE event, so printable
 * input becomes one token per character; the router merges them back into text when a text
 * field has focus. Named keys ('escape', 'up', 'ctrl+c' …) are one token each.
 */
import type {Key} from 'ink';

export type KeyToken = {kind: 'named'; name: string} | {kind: 'char'; char: string};

const graphemeSegmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

// Control characters never reach a text field as text.
const CONTROL = /[\u0000-\u001f\u007f]/g;
// Inside a multi-character chunk, a line end is the Enter key and a tab the Tab key: keys typed
// ahead before the console switched the terminal to raw mode arrive as one chunk ('/ylbx\r'),
// and so does a pasted line ending in a newline. Dropping them would lose the keystroke.
const CHUNK_KEYS = /(\r\n|\r|\n|\t)/;

export function tokenize(input: string, key: Key): KeyToken[] {
	const named = namedKey(input, key);
	if (named) return [{kind: 'named', name: named}];
	const tokens: KeyToken[] = [];
	for (const piece of input.split(CHUNK_KEYS)) {
		if (piece === '') continue;
		if (/^(\r\n|\r|\n|\t)$/.test(piece)) {
			tokens.push({kind: 'named', name: piece === '\t' ? 'tab' : 'return'});
			continue;
		}
		const text = piece.replace(CONTROL, '');
		for (const part of graphemeSegmenter.segment(text)) tokens.push({kind: 'char', char: part.segment});
	}
	return tokens;
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

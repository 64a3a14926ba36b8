/**
 * The one input router's decision logic (pure, so it is tested without rendering).
 * Given the focus at the time of each token, it yields either text for the focused field or
 * an action from the keymap. The caller (`useInputRouter`) re-reads the focus after each
 * event, so a chunk like '/ylbx' first focuses the search field, then types 'ylbx'.
 */
import {findBinding, isTextFocus, scopesFor, type ActionId, type Available, type Focus, type Keymap, KEYMAP} from './keymap.js';
import type {KeyToken} from './tokens.js';

export type RoutedEvent = {kind: 'action'; action: ActionId} | {kind: 'text'; text: string} | {kind: 'ignored'};

/**
 * Routes the tokens starting at `index` that belong together under `focus`: a run of
 * characters when a text field has focus, otherwise one token. Returns the event and how many
 * tokens it consumed.
 */
export function routeNext(
	tokens: readonly KeyToken[],
	index: number,
	focus: Focus,
	keymap: Keymap = KEYMAP,
	available?: Available,
): {event: RoutedEvent; consumed: number} {
	const token = tokens[index];
	if (!token) return {event: {kind: 'ignored'}, consumed: 1};
	if (token.kind === 'char' && isTextFocus(focus)) {
		let text = '';
		let end = index;
		for (let next = tokens[end]; next?.kind === 'char'; next = tokens[++end]) text += next.char;
		return {event: {kind: 'text', text}, consumed: end - index};
	}
	const name = token.kind === 'char' ? token.char : token.name;
	const binding = findBinding(name, scopesFor(focus), keymap, available);
	return {event: binding ? {kind: 'action', action: binding.action} : {kind: 'ignored'}, consumed: 1};
}

/** Routes a whole event under a fixed focus (for tests and for callers without state changes). */
export function routeAll(tokens: readonly KeyToken[], focus: Focus, keymap: Keymap = KEYMAP, available?: Available): RoutedEvent[] {
	const events: RoutedEvent[] = [];
	for (let index = 0; index < tokens.length; ) {
		const {event, consumed} = routeNext(tokens, index, focus, keymap, available);
		events.push(event);
		index += consumed;
	}
	return events;
}

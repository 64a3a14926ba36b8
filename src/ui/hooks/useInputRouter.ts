/**
 * THE input hook: the only `useInput` in the console. Every key goes through the keymap
 * (`keys/router.ts`); views never listen to stdin themselves
 * (docs/architecture.md#one-input-router).
 */
import {useInput, useStdin} from 'ink';
import {useCallback} from 'react';
import type {ActionId, Available, Focus, Keymap} from '../keys/keymap.js';
import {routeNext} from '../keys/router.js';
import {tokenize} from '../keys/tokens.js';

export interface InputHandlers {
	/** The focus right now (re-read after every event of a chunk). */
	focus(): Focus;
	/** The keymap of the signed-in operator (gated by role and services). */
	keymap(): Keymap;
	/** What of the keymap can act right now (absent: all of it). */
	available?(): Available;
	/** Every event, before routing (the idle lock counts it as activity). */
	onActivity?(): void;
	onAction(action: ActionId): void;
	onText(text: string): void;
}

export function useInputRouter(handlers: InputHandlers): void {
	const {isRawModeSupported} = useStdin();
	const handle = useCallback(
		(input: string, key: Parameters<Parameters<typeof useInput>[0]>[1]) => {
			handlers.onActivity?.();
			const tokens = tokenize(input, key);
			for (let index = 0; index < tokens.length; ) {
				const {event, consumed} = routeNext(tokens, index, handlers.focus(), handlers.keymap(), handlers.available?.());
				index += consumed;
				if (event.kind === 'action') handlers.onAction(event.action);
				else if (event.kind === 'text') handlers.onText(event.text);
			}
		},
		[handlers],
	);
	// Without raw mode (piped stdin) Ink throws when input is enabled
	// (docs/architecture.md#raw-mode-on-a-pipe).
	useInput(handle, {isActive: isRawModeSupported});
}

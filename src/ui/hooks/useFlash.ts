/**
 * One flash message at a time (info / warn / error) that clears itself after a few seconds,
 * like k9s. The message is stored as an i18n key so a language switch re-renders it.
 */
import {useCallback, useEffect, useRef, useState} from 'react';
import type {MessageKey, Params} from '../i18n/index.js';

export type FlashLevel = 'info' | 'warn' | 'error';

export interface Flash {
	level: FlashLevel;
	key: MessageKey;
	params?: Params;
}

const FLASH_MS = 4000;

export function useFlash(durationMs = FLASH_MS): {flash: Flash | undefined; show: (flash: Flash) => void} {
	const [flash, setFlash] = useState<Flash | undefined>();
	const timer = useRef<NodeJS.Timeout | undefined>(undefined);
	const show = useCallback(
		(next: Flash) => {
			clearTimeout(timer.current);
			setFlash(next);
			timer.current = setTimeout(() => setFlash(undefined), durationMs);
			timer.current.unref?.();
		},
		[durationMs],
	);
	useEffect(() => () => clearTimeout(timer.current), []);
	return {flash, show};
}

/**
 * An error as the console shows it, in both languages (`:lang` may switch while it is on screen):
 * worded by the one error catalogue (src/i18n/errors.ts). One place, so every step words a
 * failure the same way.
 */
import type {Bilingual} from '../core/lang.js';
import {errorTexts} from '../i18n/errors.js';

export type {Bilingual};

export function problemOf(error: unknown): Bilingual {
	return errorTexts(error);
}

export function messageOf(error: unknown, lang: keyof Bilingual): string {
	return problemOf(error)[lang];
}

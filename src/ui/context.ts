/** React context carrying the injected services, the translator and the theme. */
import {createContext, useContext} from 'react';
import {createTranslator, type Lang, type Translate} from './i18n/index.js';
import type {ConsoleServices} from './services.js';
import {defaultTheme, type Theme} from './theme.js';

export interface ConsoleContextValue {
	services: ConsoleServices;
	lang: Lang;
	t: Translate;
	theme: Theme;
}

export const ConsoleContext = createContext<ConsoleContextValue | undefined>(undefined);

export function useConsole(): ConsoleContextValue {
	const value = useContext(ConsoleContext);
	if (!value) throw new Error('useConsole() outside <ConsoleContext.Provider>');
	return value;
}

export function makeContextValue(services: ConsoleServices, lang: Lang, theme: Theme = defaultTheme): ConsoleContextValue {
	return {services, lang, t: createTranslator(lang), theme};
}

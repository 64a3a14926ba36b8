/**
 * Typed translation. `createTranslator(lang)` is what the UI uses (the language can change at
 * run time with `:lang`); `t()` uses a process-wide default for command modules.
 * No ink/react imports here.
 */
import {en} from './en.js';
import {zhCN, type MessageKey, type Messages} from './zh-CN.js';

export type {MessageKey, Messages};
export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

const TABLES: Record<Lang, Messages> = {'zh-CN': zhCN, en};

/** Replaces `{name}` placeholders; unknown placeholders are left visible so they get noticed. */
export function format(template: string, params?: Params): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
		const value = params[name];
		return value === undefined ? whole : String(value);
	});
}

const translators = new Map<Lang, Translate>();

/** The translator of a language; the same function each time (usable as a cache key). */
export function createTranslator(lang: Lang): Translate {
	let translate = translators.get(lang);
	if (!translate) {
		const table = TABLES[lang];
		translate = (key, params) => format(table[key], params);
		translators.set(lang, translate);
	}
	return translate;
}

let defaultLang: Lang = 'zh-CN';

/** Sets the language `t()` uses (commands call this once after parsing `--lang`). */
export function setDefaultLang(lang: Lang): void {
	defaultLang = lang;
}

/** Translates with the process-wide default language. */
export function t(key: MessageKey, params?: Params): string {
	return format(TABLES[defaultLang][key], params);
}

/** Accepts the spellings staff and scripts use: zh, zh-CN, zh_CN, cn, en, en-US … */
export function parseLang(value: string): Lang | undefined {
	const normal = value.trim().toLowerCase().replace('_', '-');
	if (normal === 'zh' || normal === 'cn' || normal.startsWith('zh-')) return 'zh-CN';
	if (normal === 'en' || normal.startsWith('en-')) return 'en';
	return undefined;
}

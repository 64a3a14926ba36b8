/**
 * Typed translation. `createTranslator(lang)` is what the UI uses (the language can change at
 * run time with `:lang`); `t()` uses a process-wide default for command modules.
 * No ink/react imports here.
 */
import {en} from './en.js';
import {zhCN, type MessageKey, type Messages} from './zh-CN.js';
import {LANGS, type Bilingual, type Lang} from '../../core/lang.js';
import {fillTemplate} from '../../core/template.js';

export type {MessageKey};
export type {Lang, Bilingual};
export {LANGS};
/** A value, or a text in both languages (a reason worded by src/i18n/errors.ts): the screen's language is picked. */
export type Params = Readonly<Record<string, string | number | Bilingual>>;
export type Translate = (key: MessageKey, params?: Params) => string;

const TABLES: Record<Lang, Messages> = {'zh-CN': zhCN, en};

/** Replaces `{name}` placeholders (core/template.ts); unknown placeholders are left visible so they get noticed. */
export function format(template: string, params?: Params, lang: Lang = 'zh-CN'): string {
	return params ? fillTemplate(template, params, lang) : template;
}

const translators = new Map<Lang, Translate>();

/** The translator of a language; the same function each time (usable as a cache key). */
export function createTranslator(lang: Lang): Translate {
	let translate = translators.get(lang);
	if (!translate) {
		const table = TABLES[lang];
		translate = (key, params) => format(table[key], params, lang);
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
	return format(TABLES[defaultLang][key], params, defaultLang);
}

/** Accepts the spellings staff and scripts use: zh, zh-CN, zh_CN, cn, en, en-US … */
export function parseLang(value: string): Lang | undefined {
	const normal = value.trim().toLowerCase().replace('_', '-');
	if (normal === 'zh' || normal === 'cn' || normal.startsWith('zh-')) return 'zh-CN';
	if (normal === 'en' || normal.startsWith('en-')) return 'en';
	return undefined;
}

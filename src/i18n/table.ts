/**
 * The one shape of every message table of the commands (src/i18n/*.ts): a zh-CN table and an en
 * table with exactly the same keys (the type enforces it), and a function that fills a message
 * (core/template.ts) in the language asked for. The console's tables (src/ui/i18n) and the error
 * catalogue (errors.ts) fill their texts the same way.
 */
import type {Lang} from '../core/lang.js';
import {fillTemplate, type TemplateParams} from '../core/template.js';

export type MessageFn<K extends string> = (lang: Lang, key: K, params?: TemplateParams) => string;

export function messageTable<K extends string>(tables: Readonly<Record<Lang, Readonly<Record<K, string>>>>): MessageFn<K> {
	return (lang, key, params = {}) => fillTemplate(tables[lang][key], params, lang);
}

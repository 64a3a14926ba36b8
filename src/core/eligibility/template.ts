/**
 * Fills {name} placeholders of a rule's messages. Names are looked up in the rule's computed
 * values, then the parameters, then the facts; an unknown value shows as "?" so a message never
 * states something the counter does not know.
 */
import type {Lang, Text} from './model.js';

export type Lookup = (name: string) => unknown;

function show(value: unknown, lang: Lang): string {
	if (value === null || value === undefined) return '?';
	if (typeof value === 'boolean') return lang === 'zh-CN' ? (value ? '是' : '否') : value ? 'yes' : 'no';
	if (Array.isArray(value)) return value.map((v) => show(v, lang)).join(lang === 'zh-CN' ? '、' : ', ');
	return String(value);
}

export function fillText(text: Text, lookup: Lookup): Text {
	const fill = (lang: Lang) => text[lang].replace(/\{([\w.]+)\}/g, (_whole, name: string) => show(lookup(name), lang));
	return {'zh-CN': fill('zh-CN'), en: fill('en')};
}

/** Placeholder names used by a message (the schema checks each one resolves). */
export function placeholdersOf(text: Text): string[] {
	const names = new Set<string>();
	for (const lang of ['zh-CN', 'en'] as const) for (const m of text[lang].matchAll(/\{([\w.]+)\}/g)) names.add(m[1]!);
	return [...names];
}

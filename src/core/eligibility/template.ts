/**
 * Fills {name} placeholders of a rule's messages. Names are looked up in the rule's computed
 * values, then the parameters, then the facts; an unknown value shows as "?" so a message never
 * states something the counter does not know.
 */
import type {Text} from './model.js';
import type {Lang} from '../lang.js';
import {fillTemplate, placeholdersIn} from '../template.js';

export type Lookup = (name: string) => unknown;

function show(value: unknown, lang: Lang): string {
	if (value === null || value === undefined) return '?';
	if (typeof value === 'boolean') return lang === 'zh-CN' ? (value ? '是' : '否') : value ? 'yes' : 'no';
	if (Array.isArray(value)) return value.map((v) => show(v, lang)).join(lang === 'zh-CN' ? '、' : ', ');
	return String(value);
}

export function fillText(text: Text, lookup: Lookup): Text {
	// The one placeholder filler (core/template.ts), with every value worded for the counter.
	const fill = (lang: Lang) => fillTemplate(text[lang], (name) => show(lookup(name), lang), lang);
	return {'zh-CN': fill('zh-CN'), en: fill('en')};
}

/** Placeholder names used by a message (the schema checks each one resolves). */
export function placeholdersOf(text: Text): string[] {
	return [...new Set([...placeholdersIn(text['zh-CN']), ...placeholdersIn(text.en)])];
}

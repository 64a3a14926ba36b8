/**
 * The one placeholder filler of every message: `{name}` (or `{a.b}`) is replaced by its value; a
 * value in both languages gives the one asked for; a name with no value is left as it is, so a
 * missing parameter is visible rather than silently blank.
 */
import type {Bilingual, Lang} from './lang.js';

/** A nested message: a code and its parameters, rendered by the one error catalogue (src/i18n/errors.ts). */
export interface NestedMessage {
	code: string;
	params?: TemplateParams;
}

export type TemplateValue = string | number | Bilingual | NestedMessage;
export type TemplateParams = Readonly<Record<string, TemplateValue | undefined>>;

/** `{name}`, or `{name:lower}` to begin the value with a small letter (an English clause inside a sentence). */
const PLACEHOLDER = /\{([\w.]+)(?::(lower))?\}/g;

export function isBilingual(value: unknown): value is Bilingual {
	return typeof value === 'object' && value !== null && typeof (value as Bilingual)['zh-CN'] === 'string' && typeof (value as Bilingual).en === 'string';
}

/**
 * Fills `template`. `value` is a parameter table or a lookup; `lang` chooses between the two
 * texts of a bilingual value (default zh-CN). Nested messages must be rendered by the caller first.
 */
export function fillTemplate(template: string, value: TemplateParams | ((name: string) => string | undefined) = {}, lang: Lang = 'zh-CN'): string {
	return template.replace(PLACEHOLDER, (whole, name: string, modifier: string | undefined) => {
		const found = typeof value === 'function' ? value(name) : value[name];
		if (found === undefined) return whole;
		const text = typeof found === 'string' || typeof found === 'number' ? String(found) : isBilingual(found) ? found[lang] : undefined;
		if (text === undefined) return whole;
		return modifier === 'lower' ? text.charAt(0).toLowerCase() + text.slice(1) : text;
	});
}

/** Placeholder names a template uses. */
export function placeholdersIn(template: string): string[] {
	return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

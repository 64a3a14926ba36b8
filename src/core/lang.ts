/** The two languages of every screen, message and document: Simplified Chinese (default) and English. */
export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

export function isLang(value: unknown): value is Lang {
	return value === 'zh-CN' || value === 'en';
}

/** A text in both languages (rule texts, a card's validity, a nested reason). */
export type Bilingual = Readonly<Record<Lang, string>>;

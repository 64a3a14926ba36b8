/**
 * An error as the console shows it, in both languages: the bilingual `messages` of device and hub
 * errors, else an AppError's message with its English text from `details.en`, else the message
 * itself in both. One place, so every step words a failure the same way.
 */
export type Bilingual = {'zh-CN': string; en: string};

export function problemOf(error: unknown): Bilingual {
	const e = error as {messages?: Partial<Bilingual>; message?: string; details?: {en?: unknown}} | undefined;
	if (e?.messages?.['zh-CN'] && e.messages.en) return {'zh-CN': e.messages['zh-CN'], en: e.messages.en};
	const zh = e?.message ?? String(error);
	return {'zh-CN': zh, en: typeof e?.details?.en === 'string' ? e.details.en : zh};
}

export function messageOf(error: unknown, lang: keyof Bilingual): string {
	return problemOf(error)[lang];
}

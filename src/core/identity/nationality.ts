/**
 * Country codes for the nationality part of foreign permanent resident ID numbers (GB/T 2659,
 * which takes ISO 3166-1's alpha-3 and numeric codes). Pure: the caller loads the list
 * (data/nationalities.json) and hands it in.
 */

export interface Nationality {
	alpha3: string;
	/** Three digits, zero-padded. */
	numeric: string;
	zh: string;
	en: string;
}

export class NationalityTable {
	readonly #byCode = new Map<string, Nationality>();

	constructor(list: readonly Nationality[]) {
		for (const n of list) {
			this.#byCode.set(n.alpha3, n);
			this.#byCode.set(n.numeric, n);
		}
	}

	/** By alpha-3 letters (USA) or numeric code (840). */
	get(code: string): Nationality | undefined {
		return this.#byCode.get(code.toUpperCase());
	}

	isKnown(code: string): boolean {
		return this.#byCode.has(code.toUpperCase());
	}

	name(code: string, lang: 'zh-CN' | 'en'): string | undefined {
		const n = this.get(code);
		return n ? (lang === 'en' ? n.en : n.zh) : undefined;
	}
}

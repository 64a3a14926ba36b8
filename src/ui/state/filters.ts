/**
 * Search filter helpers: cycling with single keys and parsing palette arguments.
 * Pure functions over the catalog service, so the router and the palette share them.
 */
import {HANDLING_MODES, ITEM_TYPES, type HandlingMode, type ItemType} from '../../core/catalog/model.js';
import type {SearchFilters} from '../../core/catalog/search/types.js';
import type {CatalogService} from '../../core/ports/catalog.js';
import {createTranslator, LANGS} from '../i18n/index.js';

/** Next value in `values` after `current`, passing through "no filter" (undefined). */
export function cycle<T>(values: readonly T[], current: T | undefined): T | undefined {
	if (current === undefined) return values[0];
	const index = values.indexOf(current);
	return index < 0 || index === values.length - 1 ? undefined : values[index + 1];
}

/** Provinces (2-digit codes) that have at least one implementation list, sorted. */
export function provincesInCatalog(catalog: CatalogService): string[] {
	return [...new Set(catalog.catalog().implementations.map((impl) => impl.regionCode.slice(0, 2)))].sort();
}

/** Item types used by the catalog, sorted by code. */
export function itemTypesInCatalog(catalog: CatalogService): ItemType[] {
	return [...new Set(catalog.catalog().items.map((item) => item.type))].sort();
}

/**
 * Normalises a region code argument: "51", "5101", "510104"; "510000" → "51" and
 * "510100" → "5101". Undefined when malformed or not a known region.
 */
export function parseRegionArg(arg: string, catalog: CatalogService): string | undefined {
	const code = arg.trim();
	if (!/^\d{2}(\d{2}){0,2}$/.test(code)) return undefined;
	const short = code.length === 6 ? code.replace(/0000$/, '').replace(/^(\d{4})00$/, '$1') : code;
	return catalog.regions().has(short.padEnd(6, '0')) ? short : undefined;
}

/** Accepts mode ids and their names in any UI language ("proxy", "代办", "异地代收代办"). */
export function parseModeArg(arg: string): HandlingMode | undefined {
	const word = arg.trim().toLowerCase();
	for (const mode of HANDLING_MODES) {
		if (mode === word) return mode;
		for (const lang of LANGS) {
			const t = createTranslator(lang);
			if (t(`mode.${mode}`).toLowerCase() === word || t(`mode.${mode}.short`).toLowerCase() === word) return mode;
		}
	}
	return undefined;
}

export function parseTypeArg(arg: string): ItemType | undefined {
	const code = arg.trim().padStart(2, '0');
	return code in ITEM_TYPES ? (code as ItemType) : undefined;
}

/** Full region name for a filter code of 2, 4 or 6 digits. */
export function regionFilterName(code: string, catalog: CatalogService): string {
	return catalog.regionPath(code.padEnd(6, '0'));
}

export function withFilter<K extends keyof SearchFilters>(filters: SearchFilters, key: K, value: SearchFilters[K] | undefined): SearchFilters {
	const next = {...filters};
	if (value === undefined) delete next[key];
	else next[key] = value;
	return next;
}

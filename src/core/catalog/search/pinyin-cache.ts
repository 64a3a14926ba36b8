/**
 * Precomputed pinyin, saved next to a catalog version so that start-up can rebuild the index
 * without loading a pinyin library. Core only produces and consumes this plain data; the app
 * decides where to store it.
 */
import type {PinyinFn} from './types.js';

export interface PinyinCacheData {
	/** Catalog version the texts were taken from (a cache key, not checked here). */
	catalogVersion: string;
	/** [normalised text, one syllable per code point]. */
	entries: Array<[string, string[]]>;
}

/**
 * A PinyinFn answering from the cache; texts it lacks go to `fallback`, or, without one, map each
 * character to itself (literal matching still works, pinyin matching does not).
 */
export function pinyinFromCache(data: PinyinCacheData, fallback?: PinyinFn): PinyinFn {
	const known = new Map(data.entries);
	return (text) => known.get(text) ?? (fallback ? fallback(text) : [...text]);
}

/** Checks the shape of parsed JSON before trusting it as a cache. */
export function isPinyinCacheData(value: unknown): value is PinyinCacheData {
	if (typeof value !== 'object' || value === null) return false;
	const data = value as {catalogVersion?: unknown; entries?: unknown};
	return (
		typeof data.catalogVersion === 'string' &&
		Array.isArray(data.entries) &&
		data.entries.every(
			(entry) =>
				Array.isArray(entry) &&
				typeof entry[0] === 'string' &&
				Array.isArray(entry[1]) &&
				(entry[1] as unknown[]).every((s) => typeof s === 'string') &&
				[...(entry[0] as string)].length === (entry[1] as unknown[]).length,
		)
	);
}

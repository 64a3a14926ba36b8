/**
 * Builds the search index at start-up from cached pinyin when the catalog has not changed, so a
 * warm start never loads the pinyin library (about 1 MB of dictionaries). The cache is keyed by
 * the catalog version and rewritten after a cold build. A damaged or stale cache is ignored.
 */
import {existsSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import type {Catalog} from '../core/catalog/model.js';
import type {Region} from '../core/identity/regions.js';
import {buildSearchIndex, type SearchIndex} from '../core/catalog/search/index.js';
import {isPinyinCacheData, pinyinFromCache} from '../core/catalog/search/pinyin-cache.js';
import {writeFileDurable} from '../store/durable-json.js';

function cacheDir(dataDir: string): string {
	return join(dataDir, 'cache');
}

function pinyinCachePath(dataDir: string, version: string): string {
	return join(cacheDir(dataDir), `pinyin-${version}.json`);
}

function readCache(file: string, version: string) {
	if (!existsSync(file)) return undefined;
	try {
		const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
		if (isPinyinCacheData(data) && data.catalogVersion === version) return data;
	} catch {
		// Unreadable cache: rebuilt below.
	}
	return undefined;
}

export async function loadSearchIndex(catalog: Catalog, regions: readonly Region[], dataDir: string): Promise<SearchIndex> {
	const file = pinyinCachePath(dataDir, catalog.version);
	const cached = readCache(file, catalog.version);
	if (cached) {
		// Texts missing from the cache (none, normally) fall back to literal characters only.
		return buildSearchIndex(catalog, regions, pinyinFromCache(cached));
	}
	const {toPinyin} = await import('../text/pinyin.js');
	const index = buildSearchIndex(catalog, regions, toPinyin);
	try {
		const data = index.exportPinyin();
		await writeFileDurable(file, JSON.stringify({...data, catalogVersion: catalog.version}), 0o644);
		removeOtherVersions(dataDir, file);
	} catch {
		// A read-only data dir only costs start-up time, never correctness.
	}
	return index;
}

function removeOtherVersions(dataDir: string, keep: string): void {
	const dir = cacheDir(dataDir);
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (name.startsWith('pinyin-') && path !== keep) rmSync(path, {force: true});
	}
}

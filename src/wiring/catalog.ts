/**
 * The catalog as the console and the commands use it: the files validated (or the last good copy
 * with a warning), the search index (from its cache when fresh), behind the CatalogService port.
 */
import {join} from 'node:path';
import type {Catalog} from '../core/catalog/model.js';
import type {CatalogService} from '../core/ports/catalog.js';
import type {Clock} from '../core/ports/clock.js';
import {systemClock} from '../core/ports/clock.js';
import {
	CatalogInvalidError,
	parseCatalog,
	readCatalogFiles,
	readLastGood,
	readLastGoodVersion,
	assembleValidated,
	writeLastGood,
} from '../catalog/load.js';
import {createCatalogService} from '../catalog/service.js';
import {loadSearchIndex} from '../catalog/index-cache.js';
import {builtinDataDir} from '../paths.js';
import {builtinRegionTable, builtinRegions} from '../catalog/regions.js';
import type {Bilingual} from '../core/lang.js';
import {errorTexts} from '../i18n/errors.js';

export interface OpenCatalogOptions {
	dataDir: string;
	/** Catalog directory; default the built-in demo catalog (data/catalog). */
	catalogDir?: string;
	clock?: Clock;
}

/**
 * Loads and validates the catalog, falling back to the last good copy (with a warning) when the
 * files on disk are malformed. Throws CatalogInvalidError only when there is no good copy at all.
 */
async function loadCatalog(options: OpenCatalogOptions): Promise<{catalog: Catalog; warning?: Bilingual}> {
	const dir = options.catalogDir || join(builtinDataDir(), 'catalog');
	const clock = options.clock ?? systemClock;
	try {
		const raw = readCatalogFiles(dir);
		// Same bytes as the last validated catalog: no need to load the validator again.
		if (readLastGoodVersion(options.dataDir) === raw.version) return {catalog: assembleValidated(raw)};
		const {checkCatalogConsistency} = await import('../core/catalog/consistency.js');
		const table = builtinRegionTable();
		const catalog = await parseCatalog(raw, (c) => checkCatalogConsistency(c, table));
		await writeLastGood(options.dataDir, catalog, clock.now());
		return {catalog};
	} catch (error) {
		// The snapshot is read only when the files on disk cannot be used.
		const lastGood = error instanceof CatalogInvalidError ? readLastGood(options.dataDir) : undefined;
		if (lastGood) return {catalog: lastGood.catalog, warning: errorTexts(error)};
		throw error;
	}
}

export async function openCatalog(options: OpenCatalogOptions): Promise<CatalogService> {
	const {catalog, warning} = await loadCatalog(options);
	const regions = builtinRegions();
	const index = await loadSearchIndex(catalog, regions, options.dataDir);
	return createCatalogService(catalog, regions, index, warning);
}

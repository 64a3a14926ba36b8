/**
 * The built-in region table (data/regions.json), read once per process and built once: the one
 * table the console, the catalog's checks and the commands share. Kept apart from the catalog and
 * search wiring (src/wiring/catalog.ts) so that callers needing only regions (the console before
 * its first frame, id validate) do not load the search engine.
 */
import {join} from 'node:path';
import {RegionTable, type Region} from '../core/identity/regions.js';
import {builtinDataDir} from '../paths.js';
import {readRegions} from './load.js';

let regionsCache: Region[] | undefined;

export function builtinRegions(): Region[] {
	regionsCache ??= readRegions(join(builtinDataDir(), 'regions.json'));
	return regionsCache;
}

let tableCache: RegionTable | undefined;

export function builtinRegionTable(): RegionTable {
	tableCache ??= new RegionTable(builtinRegions());
	return tableCache;
}

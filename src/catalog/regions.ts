/**
 * The built-in region table (data/regions.json), read once per process. Kept apart from the
 * catalog and search wiring in app.ts so that callers needing only regions (the console before
 * its first frame, id validate) do not load the search engine.
 */
import {join} from 'node:path';
import type {Region} from '../core/identity/regions.js';
import {builtinDataDir} from '../paths.js';
import {readRegions} from './load.js';

let regionsCache: Region[] | undefined;

export function builtinRegions(): Region[] {
	regionsCache ??= readRegions(join(builtinDataDir(), 'regions.json'));
	return regionsCache;
}

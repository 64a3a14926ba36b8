/**
 * The synthetic catalog (synthetic-catalog.ts) written as a catalog directory the console can be
 * pointed at (`catalogDir`): items.json and one impl-<province>.json per province, every record
 * passing the loader's schema and consistency checks (USCC check characters, the 行使层级 of the
 * region, implementation codes built from them), so the console's first start validates it as it
 * would a real catalog.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {LEVEL_OF_REGION_KIND, implementationCodeOf, type Implementation} from '../src/core/catalog/model.js';
import {usccCheckChar} from '../src/core/identity/uscc.js';
import {loadRegions, syntheticCatalog} from './synthetic-catalog.js';

export function writeSyntheticCatalogDir(dir: string, rows: number): void {
	const regions = loadRegions();
	const byCode = new Map(regions.map((region) => [region.code, region]));
	const catalog = syntheticCatalog(rows, regions);
	mkdirSync(dir, {recursive: true});
	// The lean items leave out what the search does not read; the schema wants them filled.
	const items = catalog.items.map((item) => ({...item, leadDepartment: '国务院有关部门', resultName: '办理结果', summary: item.name}));
	writeFileSync(join(dir, 'items.json'), JSON.stringify({items}));
	// Departments are shared objects: fix each one's check character once.
	const fixed = new Set<Implementation['department']>();
	const byProvince = new Map<string, Implementation[]>();
	for (const impl of catalog.implementations) {
		const region = byCode.get(impl.regionCode)!;
		if (!fixed.has(impl.department)) {
			const first17 = impl.department.uscc.slice(0, 17);
			impl.department.uscc = first17 + usccCheckChar(first17);
			fixed.add(impl.department);
		}
		const level = LEVEL_OF_REGION_KIND[region.level];
		const province = impl.regionCode.slice(0, 2);
		let list = byProvince.get(province);
		if (!list) byProvince.set(province, (list = []));
		list.push({...impl, level, implementationCode: implementationCodeOf(impl.department.uscc, level, impl.basicCode)});
	}
	for (const [province, implementations] of byProvince) {
		writeFileSync(join(dir, `impl-${province}.json`), JSON.stringify({province, implementations}));
	}
}

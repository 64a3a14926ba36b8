/** The CatalogService port over a loaded catalog and its search index. */
import type {Catalog, Implementation, ServiceItem} from '../core/catalog/model.js';
import type {Region} from '../core/identity/regions.js';
import type {SearchQuery, SearchResult} from '../core/catalog/search/types.js';
import type {CatalogService} from '../core/ports/catalog.js';
import type {Bilingual} from '../core/lang.js';

export interface Searchable {
	search(query: SearchQuery): SearchResult;
}

export function createCatalogService(
	catalog: Catalog,
	regions: Region[],
	index: Searchable,
	warning?: Bilingual,
): CatalogService {
	const items = new Map<string, ServiceItem>(catalog.items.map((i) => [i.basicCode, i]));
	const impls = new Map<string, Implementation>(catalog.implementations.map((i) => [i.implementationCode, i]));
	const byItem = new Map<string, Implementation[]>();
	for (const impl of catalog.implementations) {
		const list = byItem.get(impl.basicCode) ?? [];
		list.push(impl);
		byItem.set(impl.basicCode, list);
	}
	const regionMap = new Map<string, Region>(regions.map((r) => [r.code, r]));

	return {
		catalog: () => catalog,
		regions: () => regionMap,
		search: (query) => index.search(query),
		item: (code) => items.get(code),
		implementation: (code) => impls.get(code),
		implementationsOf: (code) => byItem.get(code) ?? [],
		regionPath: (code) => {
			const names: string[] = [];
			let region = regionMap.get(code);
			for (let guard = 0; region && guard < 4; guard++) {
				names.unshift(region.name);
				region = region.parent ? regionMap.get(region.parent) : undefined;
			}
			return names.length > 0 ? names.join(' ') : code;
		},
		loadWarning: () => warning,
	};
}

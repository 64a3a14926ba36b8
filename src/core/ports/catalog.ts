/** The loaded catalog and its search index, as the console and the commands read it (src/catalog implements it). */
import type {Catalog, Implementation, ServiceItem} from '../catalog/model.js';
import type {SearchQuery, SearchResult} from '../catalog/search/types.js';
import type {Region} from '../identity/regions.js';
import type {Bilingual} from '../lang.js';

/** Read access to the loaded catalog and its search index. */
export interface CatalogService {
	catalog(): Catalog;
	regions(): ReadonlyMap<string, Region>;
	search(query: SearchQuery): SearchResult;
	item(basicCode: string): ServiceItem | undefined;
	implementation(implementationCode: string): Implementation | undefined;
	implementationsOf(basicCode: string): Implementation[];
	/** Full region name with its parents, e.g. "四川省 成都市 武侯区". */
	regionPath(code: string): string;
	/**
	 * Set when the newest catalog on disk failed validation and the service kept serving the
	 * last good one: the message names the file, the record and the field.
	 */
	loadWarning(): Bilingual | undefined;
}

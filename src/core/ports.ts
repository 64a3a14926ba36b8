import type {Catalog, Implementation, Region, ServiceItem} from './catalog/model.js';
import type {SearchQuery, SearchResult} from './catalog/search/types.js';

/** Time source; injected so tests can drive time. */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = {now: () => new Date()};

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
	loadWarning(): string | undefined;
}

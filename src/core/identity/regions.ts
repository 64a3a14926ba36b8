/**
 * Lookups over GB/T 2260 regions (provinces, cities, counties). Pure: the caller loads the data
 * (data/regions.json) and hands the list in, so core never touches the file system.
 */
/** A GB/T 2260 region: what identity numbers, the catalog and the counter's own region refer to. */
export interface Region {
	code: string;
	name: string;
	/** Parent region code, absent for provinces. */
	parent?: string;
	level: 'province' | 'city' | 'county';
}

export class RegionTable {
	readonly #byCode = new Map<string, Region>();
	readonly #children = new Map<string, Region[]>();

	constructor(regions: readonly Region[]) {
		for (const region of regions) this.#byCode.set(region.code, region);
		for (const region of regions) {
			if (region.parent === undefined) continue;
			const siblings = this.#children.get(region.parent);
			if (siblings) siblings.push(region);
			else this.#children.set(region.parent, [region]);
		}
		for (const siblings of this.#children.values()) siblings.sort((a, b) => a.code.localeCompare(b.code));
	}

	get size(): number {
		return this.#byCode.size;
	}

	get(code: string): Region | undefined {
		return this.#byCode.get(code);
	}

	/** Read-only view by code (what CatalogService.regions() hands out). */
	asMap(): ReadonlyMap<string, Region> {
		return this.#byCode;
	}

	isKnown(code: string): boolean {
		return this.#byCode.has(code);
	}

	/** The region and its ancestors, from the province down. Empty for an unknown code. */
	chain(code: string): Region[] {
		const chain: Region[] = [];
		const seen = new Set<string>();
		let current = this.#byCode.get(code);
		// `seen` guards against a malformed list whose parents loop.
		while (current && !seen.has(current.code)) {
			seen.add(current.code);
			chain.unshift(current);
			current = current.parent === undefined ? undefined : this.#byCode.get(current.parent);
		}
		return chain;
	}

	/** Names from the province down, e.g. ['四川省', '成都市', '武侯区']. Empty for an unknown code. */
	path(code: string): string[] {
		return this.chain(code).map((region) => region.name);
	}

	/** Name of the province a code belongs to (by its first two digits), if known. */
	provinceName(code: string): string | undefined {
		return this.#byCode.get(`${code.slice(0, 2)}0000`)?.name;
	}

	/** Direct children, sorted by code. */
	children(code: string): Region[] {
		return [...(this.#children.get(code) ?? [])];
	}

	/** All provinces (and HK/MO/TW), sorted by code. */
	provinces(): Region[] {
		return [...this.#byCode.values()]
			.filter((region) => region.level === 'province')
			.sort((a, b) => a.code.localeCompare(b.code));
	}
}

/** "四川省" → "四川", "西藏自治区" → "西藏", "广西壮族自治区" → "广西": a province's name as people say it. */
export function shortProvinceName(name: string): string {
	return name.replace(/(?:壮族|回族|维吾尔)?(?:自治区|特别行政区|省|市)$/u, '') || name;
}

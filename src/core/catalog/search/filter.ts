/**
 * Search filters (region, handling mode, department, item type) compiled into ranges and masks
 * that the scan tests per rank.
 */
import type {Catalog, ItemType} from '../model.js';
import {normalizeText} from './normalize.js';
import {modeBit} from './rows.js';
import type {RowTables} from './rows.js';
import {lowerBound} from './terms.js';
import type {SearchFilters} from './types.js';

export interface CompiledFilter {
	/** Region index range [lo, hi) that rows must fall in. */
	regionLo: number;
	regionHi: number;
	/** True when the region range is every region. */
	allRegions: boolean;
	modeMask: number;
	itemAllowed: Uint8Array | null;
	deptAllowed: Uint8Array | null;
}

/** "510000" → "51", "510100" → "5101", 12-digit statistical codes → their 6-digit part. */
export function normalizeRegionPrefix(code: string): string {
	let prefix = code.trim();
	if (/^\d{12}$/.test(prefix)) prefix = prefix.slice(0, 6);
	if (/^\d{6}$/.test(prefix)) {
		while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
	}
	return prefix;
}

export class FilterCompiler {
	/** Department masks by filter text: typed once, used per keystroke. */
	private readonly deptMasks = new Map<string, Uint8Array>();

	constructor(
		private readonly catalog: Catalog,
		private readonly rows: RowTables,
	) {}

	compile(filters: SearchFilters | undefined): CompiledFilter {
		const regionCount = this.rows.regions.codes.length;
		const compiled: CompiledFilter = {regionLo: 0, regionHi: regionCount, allRegions: true, modeMask: 0, itemAllowed: null, deptAllowed: null};
		if (!filters) return compiled;
		if (filters.region) {
			const prefix = normalizeRegionPrefix(filters.region);
			compiled.regionLo = lowerBound(this.rows.regions.codes, prefix);
			compiled.regionHi = lowerBound(this.rows.regions.codes, `${prefix}\uffff`);
			compiled.allRegions = compiled.regionLo === 0 && compiled.regionHi === regionCount;
		}
		if (filters.mode) compiled.modeMask = modeBit(filters.mode);
		if (filters.itemType) compiled.itemAllowed = this.itemTypeMask(filters.itemType);
		if (filters.department) compiled.deptAllowed = this.departmentMask(filters.department);
		return compiled;
	}

	private itemTypeMask(type: ItemType): Uint8Array {
		return Uint8Array.from(this.catalog.items, (item) => (item.type === type ? 1 : 0));
	}

	/** Department filter: kind, USCC, or a substring of the name. */
	private departmentMask(filter: string): Uint8Array {
		const cached = this.deptMasks.get(filter);
		if (cached) return cached;
		const needle = normalizeText(filter.trim());
		const mask = Uint8Array.from(this.rows.departments, (dept) =>
			dept.kind.toLowerCase() === needle || dept.uscc.toLowerCase() === needle || normalizeText(dept.name).includes(needle) ? 1 : 0,
		);
		if (this.deptMasks.size > 16) this.deptMasks.clear();
		this.deptMasks.set(filter, mask);
		return mask;
	}
}

/** True when the row at `rank` passes the filter. */
export function passes(rows: RowTables, filter: CompiledFilter, rank: number): boolean {
	const region = rows.rankRegion[rank]!;
	if (region < filter.regionLo || region >= filter.regionHi) return false;
	if (filter.modeMask !== 0 && (rows.rankModes[rank]! & filter.modeMask) === 0) return false;
	if (filter.itemAllowed && filter.itemAllowed[rows.rankItem[rank]!] === 0) return false;
	if (filter.deptAllowed && filter.deptAllowed[rows.rankDept[rank]!] === 0) return false;
	return true;
}

/** First rank of `item` whose region index is at least `region` (an item's ranks go by region). */
export function itemRankFrom(rows: RowTables, item: number, region: number): number {
	let lo = rows.itemStart[item]!;
	let hi = rows.itemStart[item + 1]!;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (rows.rankRegion[mid]! < region) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

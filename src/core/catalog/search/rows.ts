/**
 * Per-row tables and posting lists over the implementation lists.
 *
 * A row is one implementation list (its index in catalog.implementations). Key order sorts the
 * indexed rows by (item catalog order, region code, row index); a row's position in it is its
 * rank. Key order is both the tie-break order of results and the "catalog order" of browsing.
 *
 * Everything a search reads is indexed by rank, not by row: an item's rows are one run of ranks,
 * so scanning an item reads the tables front to back, and posting lists (ranks of a region, of a
 * department, of a code head) are ascending, so a top-k scan can stop inside a list as soon as
 * the list can no longer beat the current k-th hit. Only a hit goes back to its row (keyOrder).
 *
 * Ranks carry only small integers in typed arrays, 16-bit where the counts allow, so that a
 * million rows cost tens of megabytes, not a million objects.
 */
import type {Catalog, Department, HandlingMode} from '../model.js';
import type {Region} from '../../identity/regions.js';
import {HANDLING_MODES} from '../model.js';
import {stableRecord} from './stable-record.js';

interface RegionTable {
	/** Sorted by code, so a code prefix is a contiguous index range. */
	codes: string[];
	names: string[];
	/** Index of the parent region, -1 for none. Parents always come before children here. */
	parent: Int32Array;
	indexOf: Map<string, number>;
}

/** Owner ids per rank: 16 bits when every id fits (items, regions; departments up to 65,535). */
type IdArray = Uint16Array | Uint32Array;

export interface RowTables {
	rowCount: number;
	/** Rows whose basic code names no item are left out of the index (they have no item to show). */
	skippedRows: number;
	/** Indexed rows: ranks are 0 .. rankCount - 1. */
	rankCount: number;
	itemIndexOf: Map<string, number>;
	regions: RegionTable;
	departments: Department[];
	/** Region index of each department's first row (used to split its name into pieces). */
	departmentRegion: Int32Array;
	/** Implementation-code heads (USCC + level, 19 chars, lowercase), sorted. */
	heads: string[];
	/** The row at each rank. */
	keyOrder: Uint32Array;
	rankItem: IdArray;
	rankRegion: IdArray;
	rankDept: IdArray;
	rankHead: IdArray;
	/** Bit i set when the row supports HANDLING_MODES[i]. */
	rankModes: Uint8Array;
	/** Ranks of item i: itemStart[i] .. itemStart[i+1] - 1 (key order = region, then row). */
	itemStart: Int32Array;
	byRegion: Posting;
	byDept: Posting;
	byHead: Posting;
}

/** Ranks of owner o: ranks[start[o] .. start[o+1]), ascending. */
export interface Posting {
	ranks: Uint32Array;
	start: Int32Array;
}

export const HEAD_LENGTH = 19;

export function modeBit(mode: HandlingMode): number {
	return 1 << HANDLING_MODES.indexOf(mode);
}

/** Region table from the region list plus placeholders for codes only rows mention. */
function buildRegionTable(regions: readonly Region[], rowCodes: Iterable<string>): RegionTable {
	const byCode = new Map<string, Region>();
	for (const region of regions) byCode.set(region.code, region);
	for (const code of rowCodes) if (!byCode.has(code)) byCode.set(code, {code, name: '', level: 'county'});
	const codes = [...byCode.keys()].sort();
	const indexOf = new Map(codes.map((code, index) => [code, index]));
	const parent = new Int32Array(codes.length).fill(-1);
	codes.forEach((code, index) => {
		const region = byCode.get(code);
		// A placeholder (or a region without parent info) hangs under the city/province its code implies.
		const guesses = region?.parent ? [region.parent] : [`${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`];
		for (const guess of guesses) {
			const at = indexOf.get(guess);
			if (at !== undefined && guess !== code) {
				parent[index] = at;
				break;
			}
		}
	});
	// Parents sort before children for GB/T 2260 codes; verify, since score propagation needs it.
	for (let i = 0; i < codes.length; i++) {
		if ((parent[i] ?? -1) >= i) throw new Error(`region ${codes[i]} sorts before its parent`);
	}
	return stableRecord({codes, names: codes.map((code) => byCode.get(code)?.name ?? ''), parent, indexOf});
}

/** An id array for ids below `limit`: 16-bit when they fit. */
function idArray(length: number, limit: number): IdArray {
	return limit <= 0x10000 ? new Uint16Array(length) : new Uint32Array(length);
}

/**
 * Stable counting sort of `order` (rows) by key[row] ∈ [0, buckets), written into `out`; rows
 * whose key is `buckets` or more are left out. Returns the start of each bucket.
 */
function bucketBy(order: Uint32Array | null, count: number, key: IdArray, buckets: number, out: Uint32Array): Int32Array {
	const start = new Int32Array(buckets + 1);
	for (let k = 0; k < count; k++) {
		const bucket = key[order ? order[k]! : k]!;
		if (bucket < buckets) start[bucket + 1] = start[bucket + 1]! + 1;
	}
	for (let b = 0; b < buckets; b++) start[b + 1] = start[b + 1]! + start[b]!;
	const fill = start.slice(0, buckets);
	for (let k = 0; k < count; k++) {
		const row = order ? order[k]! : k;
		const bucket = key[row]!;
		if (bucket < buckets) out[fill[bucket]!++] = row;
	}
	return start;
}

/** Ranks grouped by owner (ownerOf[rank] ∈ [0, owners)), each group ascending, written into `out`. */
function postingOf(ownerOf: IdArray, owners: number, out: Uint32Array): Posting {
	const ranks = out.length === ownerOf.length ? out : out.subarray(0, ownerOf.length);
	const start = bucketBy(null, ownerOf.length, ownerOf, owners, ranks);
	return {ranks, start};
}

/** A per-rank copy of a per-row table, in the narrowest array that holds ids below `limit`. */
function byRank(perRow: IdArray, keyOrder: Uint32Array, limit: number): IdArray {
	const out = idArray(keyOrder.length, limit);
	for (let rank = 0; rank < keyOrder.length; rank++) out[rank] = perRow[keyOrder[rank]!]!;
	return out;
}

function modeBits(modes: readonly HandlingMode[]): number {
	let bits = 0;
	for (let k = 0; k < modes.length; k++) bits |= modeBit(modes[k]!);
	return bits;
}

/**
 * Builds the tables of a catalog. A million rows make every per-row temporary a few megabytes,
 * and freed typed arrays stay in the process's memory until a later collection (and often
 * after), so the build keeps few of them, 16-bit where it can, and the posting lists reuse the
 * 32-bit temporaries once these are copied into key order. The pass over the implementations
 * goes in row order: reading them in key order instead jumps all over the heap, and took longer
 * than the rest of the build.
 */
export function buildRowTables(catalog: Catalog, regions: readonly Region[]): RowTables {
	const impls = catalog.implementations;
	const rowCount = impls.length;
	const itemCount = catalog.items.length;
	const itemIndexOf = new Map<string, number>();
	catalog.items.forEach((item, index) => {
		if (!itemIndexOf.has(item.basicCode)) itemIndexOf.set(item.basicCode, index);
	});
	const rowCodes = new Set<string>();
	for (let row = 0; row < rowCount; row++) rowCodes.add(impls[row]!.regionCode);
	const regionTable = buildRegionTable(regions, rowCodes);
	const regionCount = regionTable.codes.length;

	// Rows whose basic code names no item get item `itemCount`, which the key-order sort leaves out.
	const rowItem = idArray(rowCount, itemCount + 1);
	const rowRegion = idArray(rowCount, regionCount);
	const rowDept = new Uint32Array(rowCount);
	/** Heads numbered as first seen; renumbered in sorted order below. */
	const rowHead = new Uint32Array(rowCount);
	const rowModes = new Uint8Array(rowCount);
	const departments: Department[] = [];
	const departmentRegion: number[] = [];
	const deptIndexOf = new Map<string, number>();
	const headIndexOf = new Map<string, number>();
	// A loader shares one Department object among its rows, and one row's code head is usually
	// its department's: caching by object identity and by the last head seen per department keeps
	// the million-row pass free of per-row strings (keys, slices), which dominated the build.
	const deptByObject = new Map<Department, number>();
	const deptHeadRaw: string[] = [];
	const deptHeadIndex: number[] = [];
	let lastModes: readonly HandlingMode[] | null = null;
	let lastModeBits = 0;
	let skippedRows = 0;

	for (let row = 0; row < rowCount; row++) {
		const impl = impls[row]!;
		const item = itemIndexOf.get(impl.basicCode);
		rowItem[row] = item ?? itemCount;
		if (item === undefined) skippedRows++;
		const region = regionTable.indexOf.get(impl.regionCode) ?? 0;
		rowRegion[row] = region;
		let dept = deptByObject.get(impl.department);
		if (dept === undefined) {
			const deptKey = `${impl.department.uscc}\u0000${impl.department.name}`;
			dept = deptIndexOf.get(deptKey);
			if (dept === undefined) {
				dept = departments.length;
				deptIndexOf.set(deptKey, dept);
				departments.push(impl.department);
				departmentRegion.push(region);
				deptHeadRaw.push('');
				deptHeadIndex.push(-1);
			}
			deptByObject.set(impl.department, dept);
		}
		rowDept[row] = dept;
		const code = impl.implementationCode;
		const cachedRaw = deptHeadRaw[dept]!;
		if (cachedRaw.length === HEAD_LENGTH && code.startsWith(cachedRaw)) {
			rowHead[row] = deptHeadIndex[dept]!;
		} else {
			const raw = code.slice(0, HEAD_LENGTH);
			const head = raw.toLowerCase();
			let headIndex = headIndexOf.get(head);
			if (headIndex === undefined) {
				headIndex = headIndexOf.size;
				headIndexOf.set(head, headIndex);
			}
			rowHead[row] = headIndex;
			deptHeadRaw[dept] = raw;
			deptHeadIndex[dept] = headIndex;
		}
		if (impl.modes !== lastModes) {
			lastModes = impl.modes;
			lastModeBits = modeBits(impl.modes);
		}
		rowModes[row] = lastModeBits;
	}

	// Heads get renumbered in sorted order so that a code prefix is a contiguous range.
	const heads = [...headIndexOf.keys()].sort();
	const renumber = new Uint32Array(heads.length);
	heads.forEach((head, sorted) => {
		renumber[headIndexOf.get(head)!] = sorted;
	});
	for (let row = 0; row < rowCount; row++) rowHead[row] = renumber[rowHead[row]!]!;

	// Key order by two stable counting sorts: by region, then by item (leaving out skipped rows).
	const byRegionFirst = new Uint32Array(rowCount);
	bucketBy(null, rowCount, rowRegion, regionCount, byRegionFirst);
	const keyOrder = new Uint32Array(rowCount - skippedRows);
	const itemStart = bucketBy(byRegionFirst, rowCount, rowItem, itemCount, keyOrder);
	const rankModes = new Uint8Array(keyOrder.length);
	for (let rank = 0; rank < keyOrder.length; rank++) rankModes[rank] = rowModes[keyOrder[rank]!]!;
	const rankRegion = byRank(rowRegion, keyOrder, regionCount);
	const rankDept = byRank(rowDept, keyOrder, departments.length);
	const rankHead = byRank(rowHead, keyOrder, heads.length);

	return stableRecord({
		rowCount,
		skippedRows,
		rankCount: keyOrder.length,
		itemIndexOf,
		regions: regionTable,
		departments,
		departmentRegion: Int32Array.from(departmentRegion),
		heads,
		keyOrder,
		rankItem: byRank(rowItem, keyOrder, itemCount),
		rankRegion,
		rankDept,
		rankHead,
		rankModes,
		itemStart,
		// The per-row arrays are spent: their memory holds the posting lists.
		byRegion: postingOf(rankRegion, regionCount, byRegionFirst),
		byDept: postingOf(rankDept, departments.length, rowDept),
		byHead: postingOf(rankHead, heads.length, rowHead),
	});
}

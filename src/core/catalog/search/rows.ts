/**
 * Per-row tables and posting lists over the implementation lists.
 *
 * A row is one implementation list (its index in catalog.implementations). Rows carry only small
 * integers in typed arrays (item, region, department, code head, modes) so that a million rows
 * cost tens of megabytes, not a million objects.
 *
 * Key order: rows sorted by (item catalog order, region code, row index). It is both the
 * tie-break order of results and the "catalog order" of browsing. Every posting list (rows of an
 * item, of a region, of a department, of a code head) is sorted by key order, so a top-k scan can
 * stop inside a list as soon as the list can no longer beat the current k-th hit.
 */
import type {Catalog, Department, HandlingMode, Region} from '../model.js';
import {HANDLING_MODES} from '../model.js';

export interface RegionTable {
	/** Sorted by code, so a code prefix is a contiguous index range. */
	codes: string[];
	names: string[];
	/** Index of the parent region, -1 for none. Parents always come before children here. */
	parent: Int32Array;
	indexOf: Map<string, number>;
}

export interface RowTables {
	rowCount: number;
	/** Rows whose basic code names no item are left out of the index (they have no item to show). */
	skippedRows: number;
	itemIndexOf: Map<string, number>;
	regions: RegionTable;
	departments: Department[];
	/** Region index of each department's first row (used to split its name into pieces). */
	departmentRegion: Int32Array;
	/** Implementation-code heads (USCC + level, 19 chars, lowercase), sorted. */
	heads: string[];
	rowItem: Int32Array;
	rowRegion: Int32Array;
	rowDept: Int32Array;
	rowHead: Int32Array;
	/** Bit i set when the row supports HANDLING_MODES[i]. */
	rowModes: Uint8Array;
	/** Rows in key order, and each row's rank in it. */
	keyOrder: Uint32Array;
	rowRank: Uint32Array;
	/** Rows of item i: keyOrder[itemStart[i] .. itemStart[i+1]) (key order = region, then row). */
	itemStart: Int32Array;
	byRegion: Posting;
	byDept: Posting;
	byHead: Posting;
}

/** Rows of owner o: rows[start[o] .. start[o+1]), in key order. */
export interface Posting {
	rows: Uint32Array;
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
	return {codes, names: codes.map((code) => byCode.get(code)?.name ?? ''), parent, indexOf};
}

/** Stable counting sort of `order` (a list of rows) by key(row) ∈ [0, buckets). */
function bucketBy(order: Uint32Array, key: Int32Array, buckets: number): Posting {
	const start = new Int32Array(buckets + 1);
	for (let k = 0; k < order.length; k++) {
		const at = key[order[k]!]! + 1;
		start[at] = start[at]! + 1;
	}
	for (let b = 0; b < buckets; b++) start[b + 1] = start[b + 1]! + start[b]!;
	const fill = start.slice(0, buckets);
	const rows = new Uint32Array(order.length);
	for (let k = 0; k < order.length; k++) {
		const row = order[k]!;
		rows[fill[key[row]!]!++] = row;
	}
	return {rows, start};
}

function modeBits(modes: readonly HandlingMode[]): number {
	let bits = 0;
	for (let k = 0; k < modes.length; k++) bits |= modeBit(modes[k]!);
	return bits;
}

export function buildRowTables(catalog: Catalog, regions: readonly Region[]): RowTables {
	const impls = catalog.implementations;
	const rowCount = impls.length;
	const itemIndexOf = new Map<string, number>();
	catalog.items.forEach((item, index) => {
		if (!itemIndexOf.has(item.basicCode)) itemIndexOf.set(item.basicCode, index);
	});
	const rowCodes = new Set<string>();
	for (let row = 0; row < rowCount; row++) rowCodes.add(impls[row]!.regionCode);
	const regionTable = buildRegionTable(regions, rowCodes);

	const rowItem = new Int32Array(rowCount);
	const rowRegion = new Int32Array(rowCount);
	const rowDept = new Int32Array(rowCount);
	const rowHead = new Int32Array(rowCount);
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
		rowItem[row] = item ?? -1;
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
	const renumber = new Int32Array(heads.length);
	heads.forEach((head, sorted) => {
		renumber[headIndexOf.get(head)!] = sorted;
	});
	for (let row = 0; row < rowCount; row++) rowHead[row] = renumber[rowHead[row]!]!;

	// Key order by two stable counting sorts: by region, then by item.
	const included = new Uint32Array(rowCount - skippedRows);
	let at = 0;
	for (let row = 0; row < rowCount; row++) if (rowItem[row]! >= 0) included[at++] = row;
	const byRegionFirst = bucketBy(included, rowRegion, regionTable.codes.length).rows;
	const byItem = bucketBy(byRegionFirst, rowItem, catalog.items.length);
	const keyOrder = byItem.rows;
	const rowRank = new Uint32Array(rowCount);
	for (let rank = 0; rank < keyOrder.length; rank++) rowRank[keyOrder[rank]!] = rank;

	return {
		rowCount,
		skippedRows,
		itemIndexOf,
		regions: regionTable,
		departments,
		departmentRegion: Int32Array.from(departmentRegion),
		heads,
		rowItem,
		rowRegion,
		rowDept,
		rowHead,
		rowModes,
		keyOrder,
		rowRank,
		itemStart: byItem.start,
		byRegion: bucketBy(keyOrder, rowRegion, regionTable.codes.length),
		byDept: bucketBy(keyOrder, rowDept, departments.length),
		byHead: bucketBy(keyOrder, rowHead, heads.length),
	};
}

/**
 * Context ranking (issue 18.1): among rows of equal score, the implementation lists of the
 * province that handles the citizen's matter come first, then those of the card's home province,
 * then the branch's own; a text match always outranks them, since the score is compared first.
 *
 * The scan stays as it is (its pruning relies on ties breaking in key order): the index runs it
 * once more per context province, restricted to that province (and, for a handling province, to
 * the items it handles), and merges. That merge is exact: a row of the true top-k ranked up by a
 * source is among that source's own top-k, since every row of the source has at least its level.
 */
import type {Catalog} from '../model.js';
import type {CompiledFilter, FilterCompiler} from './filter.js';
import {normalizeRegionPrefix} from './filter.js';
import type {RowTables} from './rows.js';
import type {ContextReason, SearchContext, SearchFilters} from './types.js';

/** Levels by reason: a row takes the strongest that applies to it. */
const LEVEL: Readonly<Record<ContextReason, number>> = {handling: 3, card: 2, branch: 1};

export interface ContextSource {
	reason: ContextReason;
	province: string;
	filter: CompiledFilter;
}

const PROVINCE = /^\d{2}$/;

/** The filtered scans a context asks for (none without a context). */
export function contextSources(
	context: SearchContext | undefined,
	filters: SearchFilters | undefined,
	compiler: FilterCompiler,
	itemIndexOf: ReadonlyMap<string, number>,
	itemCount: number,
): ContextSource[] {
	if (!context) return [];
	const sources: ContextSource[] = [];
	const within = (province: string): CompiledFilter | null => {
		const asked = filters?.region ? normalizeRegionPrefix(filters.region) : '';
		if (asked && !asked.startsWith(province) && !province.startsWith(asked)) return null;
		return compiler.compile({...filters, region: asked.length > province.length ? asked : province});
	};
	if (context.handling) {
		const byProvince = new Map<string, Uint8Array>();
		for (const [code, province] of context.handling) {
			const item = itemIndexOf.get(code);
			if (item === undefined || !PROVINCE.test(province)) continue;
			let mask = byProvince.get(province);
			if (!mask) byProvince.set(province, (mask = new Uint8Array(itemCount)));
			mask[item] = 1;
		}
		for (const [province, mask] of byProvince) {
			const filter = within(province);
			if (!filter) continue;
			if (filter.itemAllowed) for (let item = 0; item < itemCount; item++) mask[item] = mask[item]! & filter.itemAllowed[item]!;
			sources.push({reason: 'handling', province, filter: {...filter, itemAllowed: mask}});
		}
	}
	for (const reason of ['card', 'branch'] as const) {
		const province = context[reason];
		if (!province || !PROVINCE.test(province) || sources.some((s) => s.reason !== 'handling' && s.province === province)) continue;
		const filter = within(province);
		if (filter) sources.push({reason, province, filter});
	}
	return sources;
}

/** The strongest reason the context gives the row at `rank`, or null. */
export function contextReasonAt(context: SearchContext | undefined, catalog: Catalog, rows: RowTables, rank: number): {reason: ContextReason; province: string} | null {
	if (!context) return null;
	const province = rows.regions.codes[rows.rankRegion[rank]!]!.slice(0, 2);
	if (context.handling && context.handling.get(catalog.items[rows.rankItem[rank]!]!.basicCode) === province) return {reason: 'handling', province};
	if (context.card === province) return {reason: 'card', province};
	if (context.branch === province) return {reason: 'branch', province};
	return null;
}

export function levelOf(reason: ContextReason | undefined): number {
	return reason ? LEVEL[reason] : 0;
}

/** A resident ID number (18 digits, or the old 15): its first two digits are the province that issued it. */
const RESIDENT_ID = /^[1-8]\d(?:\d{13}|\d{15}[\dX])$/i;

/**
 * The context of a counter: the applicant's ID number (the card on the reader, or a number typed),
 * the branch's region code (settings branchCode) and, when known, the handling province per item.
 * The card's home province is read from the ID number's first two digits (where it was issued:
 * usually, not always, where the citizen's matters are handled; the hub's facts say better when
 * given). Undefined when nothing is known.
 */
export function counterContext(input: {applicantId?: string | undefined; branchRegion?: string | undefined; handling?: ReadonlyMap<string, string> | undefined}): SearchContext | undefined {
	const context: SearchContext = {};
	const id = input.applicantId?.trim() ?? '';
	if (RESIDENT_ID.test(id)) context.card = id.slice(0, 2);
	if (input.branchRegion && /^\d{2}/.test(input.branchRegion)) context.branch = input.branchRegion.slice(0, 2);
	if (input.handling && input.handling.size > 0) context.handling = input.handling;
	return context.card || context.branch || context.handling ? context : undefined;
}

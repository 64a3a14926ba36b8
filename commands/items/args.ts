/** Validation of the items commands' filter options, with messages in the user's language. */
import {ITEM_TYPES, HANDLING_MODES, type HandlingMode, type ItemType} from '../../src/core/catalog/model.js';
import type {SearchFilters} from '../../src/core/catalog/search/types.js';
import {InputError} from '../../src/core/errors.js';
import type {CommandContext} from '../context.js';

export interface FilterArgs {
	region?: string;
	mode?: string;
	dept?: string;
	type?: string;
}

export function parseFilters(ctx: CommandContext, args: FilterArgs): SearchFilters {
	const filters: SearchFilters = {};
	if (args.region !== undefined) {
		const region = String(args.region);
		if (!/^(\d{2}|\d{4}|\d{6})$/.test(region)) throw new InputError('bad_region', {value: region});
		filters.region = region;
	}
	if (args.mode !== undefined) {
		if (!(HANDLING_MODES as readonly string[]).includes(args.mode)) throw new InputError('bad_mode', {value: args.mode});
		filters.mode = args.mode as HandlingMode;
	}
	if (args.type !== undefined) {
		const type = String(args.type).padStart(2, '0');
		if (!Object.hasOwn(ITEM_TYPES, type)) {
			throw new InputError('bad_type', {value: String(args.type), allowed: Object.keys(ITEM_TYPES).join(', ')});
		}
		filters.itemType = type as ItemType;
	}
	if (args.dept !== undefined && String(args.dept).trim() !== '') filters.department = String(args.dept).trim();
	return filters;
}

export function parseLimit(ctx: CommandContext, value: unknown, fallback: number): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InputError('bad_limit');
	return n;
}

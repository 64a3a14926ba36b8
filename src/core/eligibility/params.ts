/**
 * An item's parameters for an implementing region: the national default, then the province
 * (2-digit key), the city (4) and the county (6) overrides, the most specific last.
 *
 * When the implementing region is not known, a parameter that some region overrides is unknown
 * (not the default): using the national value could turn a local "no" into a guessed "yes".
 */
import type {ItemRules, ParamValue, Params} from './model.js';

export interface ResolvedParams {
	values: Params;
	/** Override keys applied, in order (e.g. ["44", "4401"]). */
	from: string[];
	/** Parameters left unknown because the region is not known and some region overrides them. */
	unknown: string[];
}

export function resolveParams(item: ItemRules, itemRegion: string | undefined): ResolvedParams {
	const values: Record<string, ParamValue> = {...item.params.default};
	const from: string[] = [];
	const unknown: string[] = [];
	if (itemRegion === undefined) {
		const overridden = new Set(Object.entries(item.params).filter(([key]) => key !== 'default').flatMap(([, p]) => Object.keys(p)));
		for (const name of overridden) {
			delete values[name];
			unknown.push(name);
		}
		return {values, from, unknown: unknown.sort()};
	}
	for (const length of [2, 4, 6]) {
		if (itemRegion.length < length) break;
		const key = itemRegion.slice(0, length);
		const override = item.params[key];
		if (override && key !== 'default') {
			Object.assign(values, override);
			from.push(key);
		}
	}
	return {values, from, unknown};
}

/**
 * Canonical JSON: the one byte sequence an audit entry's hash is computed over. Object keys are
 * sorted (by UTF-16 code units, like Array#sort), keys whose value is undefined are left out,
 * arrays keep their order. Anything JSON cannot carry exactly (NaN, Infinity, functions, BigInt)
 * is refused, so two different values can never hash alike by both becoming `null`.
 */
export function canonicalJson(value: unknown): string {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return JSON.stringify(value);
		case 'number':
			if (!Number.isFinite(value)) throw new TypeError(`canonical JSON cannot hold ${value}`);
			return JSON.stringify(value);
		case 'object': {
			if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
			const record = value as Record<string, unknown>;
			const keys = Object.keys(record)
				.filter((k) => record[k] !== undefined)
				.sort();
			return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
		}
		default:
			throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
	}
}

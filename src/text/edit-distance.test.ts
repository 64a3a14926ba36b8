import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {closest, editDistance} from './edit-distance.js';

describe('editDistance', () => {
	it('counts inserts, deletes, substitutions and a swap of neighbours as one edit each', () => {
		expect(editDistance('items', 'items')).toBe(0);
		expect(editDistance('itmes', 'items')).toBe(1); // swap
		expect(editDistance('item', 'items')).toBe(1); // insert
		expect(editDistance('itemss', 'items')).toBe(1); // delete
		expect(editDistance('itens', 'items')).toBe(1); // substitute
		expect(editDistance('', 'abc')).toBe(3);
		expect(editDistance('养老金', '养老')).toBe(1);
	});

	it('is symmetric, zero only for equal strings, and the early stop never says less than the truth', () => {
		fc.assert(
			fc.property(fc.string({maxLength: 8}), fc.string({maxLength: 8}), fc.nat(4), (a, b, max) => {
				const d = editDistance(a, b);
				expect(editDistance(b, a)).toBe(d);
				expect(d === 0).toBe(a === b);
				const bounded = editDistance(a, b, max);
				expect(d <= max ? bounded === d : bounded > max).toBe(true);
			}),
		);
	});
});

describe('closest', () => {
	it('names the nearest candidate within the limit, or none', () => {
		const commands = ['console', 'items', 'config', 'audit', 'hub', 'cases', 'devices', 'id', 'eligibility', 'quarantine'];
		expect(closest('itmes', commands)).toBe('items');
		expect(closest('Cases', commands)).toBe('cases');
		expect(closest('devics', commands)).toBe('devices');
		expect(closest('xyzzy', commands)).toBeUndefined();
	});
});

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {canonicalJson} from './canonical.js';
import {entryHash, sealEntry, hashMatches} from './hash.js';
import {GENESIS_HASH} from './model.js';

describe('canonicalJson', () => {
	it('sorts keys at every depth and drops undefined', () => {
		expect(canonicalJson({b: 1, a: {d: [3, {z: 1, y: 2}], c: undefined}})).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
	});

	it('does not depend on key insertion order', () => {
		fc.assert(
			fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
				const reversed = Object.fromEntries(Object.entries(obj).reverse());
				expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
				expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
			}),
		);
	});

	it('refuses values JSON cannot carry exactly', () => {
		expect(() => canonicalJson({a: Number.NaN})).toThrow(TypeError);
		expect(() => canonicalJson({a: () => 1})).toThrow(TypeError);
	});
});

describe('entry hashing', () => {
	const body = {v: 1 as const, seq: 1, ts: '2026-11-26T01:00:00.000Z', operator: {id: 'c01', role: 'clerk' as const}, terminal: 'T1', action: 'session.sign_in' as const, target: {}, outcome: 'ok' as const, details: {}};

	it('covers the previous hash', () => {
		const a = sealEntry(body, GENESIS_HASH);
		const b = sealEntry(body, 'f'.repeat(64));
		expect(a.hash).not.toBe(b.hash);
		expect(hashMatches(a)).toBe(true);
		expect(entryHash(a)).toBe(a.hash);
	});

	it('notices any changed field', () => {
		const sealed = sealEntry(body, GENESIS_HASH);
		expect(hashMatches({...sealed, outcome: 'denied'})).toBe(false);
		expect(hashMatches({...sealed, operator: {id: 'c02', role: 'clerk'}})).toBe(false);
		expect(hashMatches({...sealed, prev: 'a'.repeat(64)})).toBe(false);
	});
});

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {sealEntry} from './hash.js';
import {GENESIS_HASH, type AuditEntry, type AuditHead} from './model.js';
import {ChainVerifier, type SegmentInput, type VerifyReport} from './verify.js';

/** A chain of `count` entries split into segments of `per` entries. */
function chain(count: number, per: number): SegmentInput[] {
	const segments: Array<SegmentInput & {entries: AuditEntry[]}> = [];
	let prev = GENESIS_HASH;
	for (let seq = 1; seq <= count; seq++) {
		const e = sealEntry({v: 1, seq, ts: new Date(Date.UTC(2026, 10, 26, 8, 0, seq)).toISOString(), operator: {id: 'c01', role: 'clerk'}, terminal: 'T1', action: 'case.status_seen', target: {caseId: `C${seq}`}, outcome: 'ok', details: {status: '收'}}, prev);
		prev = e.hash;
		if ((seq - 1) % per === 0) segments.push({name: `2026-11-26.${String(segments.length + 1).padStart(4, '0')}`, prevSegment: segments[segments.length - 1]?.name ?? null, entries: []});
		segments[segments.length - 1]!.entries.push(e);
	}
	return segments;
}

const headOf = (segments: SegmentInput[]): AuditHead => {
	const last = segments[segments.length - 1]!;
	const e = last.entries[last.entries.length - 1] as AuditEntry;
	return {seq: e.seq, hash: e.hash, segment: last.name};
};

function verify(segments: SegmentInput[], head: AuditHead | 'missing' = headOf(segments)): VerifyReport {
	const v = new ChainVerifier(head);
	for (const s of segments) v.addSegment(s);
	return v.result();
}

/** Flat view with (segment, index) so tampering can be written over the whole chain. */
function mutate(segments: SegmentInput[], fn: (entries: AuditEntry[]) => void, per: number): SegmentInput[] {
	const flat = segments.flatMap((s) => s.entries as AuditEntry[]).map((e) => structuredClone(e));
	fn(flat);
	const out: SegmentInput[] = [];
	segments.forEach((s, i) => out.push({...s, entries: flat.slice(i * per, (i + 1) * per)}));
	// Whatever overflows (an insert) goes into the last segment.
	(out[out.length - 1]!.entries as AuditEntry[]).push(...flat.slice(segments.length * per));
	return out;
}

describe('ChainVerifier', () => {
	const base = chain(12, 4);

	it('accepts an intact chain, and a head that lags (crash between part and head write)', () => {
		expect(verify(base)).toMatchObject({ok: true, entries: 12, segments: 3, firstSeq: 1, lastSeq: 12, head: 'ok'});
		const lagging = {...headOf(base), seq: 11, hash: (base[2]!.entries[2] as AuditEntry).hash};
		expect(verify(base, lagging)).toMatchObject({ok: true, head: 'lagging'});
		expect(verify([], 'missing')).toMatchObject({ok: true, entries: 0});
	});

	it('names a modified field', () => {
		const r = verify(mutate(base, (e) => (e[5]!.outcome = 'denied'), 4));
		expect(r.problem).toMatchObject({kind: 'modified', seq: 6, segment: '2026-11-26.0002', index: 1});
	});

	it('names an entry modified and re-hashed by its broken link', () => {
		const r = verify(
			mutate(base, (e) => {
				const {hash: _h, ...body} = e[5]!;
				e[5] = sealEntry({...body, outcome: 'denied'}, body.prev);
			}, 4),
		);
		expect(r.problem).toMatchObject({kind: 'modified', seq: 6, linkedFrom: 7});
	});

	it('names a deleted entry and the missing seqs', () => {
		const r = verify(mutate(base, (e) => e.splice(6, 1), 4));
		expect(r.problem).toMatchObject({kind: 'deleted', seq: 8, missing: {from: 7, to: 7}});
	});

	it('names two swapped entries as reordered', () => {
		const r = verify(mutate(base, (e) => ([e[4], e[5]] = [e[5]!, e[4]!]), 4));
		expect(r.problem).toMatchObject({kind: 'reordered', seq: 6});
	});

	it('names a forged entry inserted with a correct hash and link', () => {
		const r = verify(
			mutate(base, (e) => {
				const forged = sealEntry({...e[4]!, details: {status: '汇'}}, e[3]!.hash);
				e.splice(4, 0, forged);
			}, 4),
		);
		expect(r.problem).toMatchObject({kind: 'inserted', seq: 5, segment: '2026-11-26.0002', index: 0});
	});

	it('names a forged entry inserted with a made-up hash', () => {
		const r = verify(mutate(base, (e) => e.splice(4, 0, {...e[4]!, seq: 99, hash: 'b'.repeat(64)}), 4));
		expect(r.problem).toMatchObject({kind: 'inserted', seq: 99});
	});

	it('names truncated last entries from the head anchor', () => {
		const head = headOf(base);
		const r = verify(mutate(base, (e) => e.splice(10), 4), head);
		expect(r.problem).toMatchObject({kind: 'truncated', missing: {from: 11, to: 12}});
	});

	it('names a deleted last segment as truncated', () => {
		const r = verify(base.slice(0, 2), headOf(base));
		expect(r.problem).toMatchObject({kind: 'truncated', missing: {from: 9, to: 12}, missingSegment: '2026-11-26.0003'});
	});

	it('names a deleted middle segment', () => {
		const r = verify([base[0]!, base[2]!]);
		expect(r.problem).toMatchObject({kind: 'segment_deleted', missingSegment: '2026-11-26.0002', missing: {from: 5, to: 8}, seq: 9});
	});

	it('names a head that disagrees with the chain (tail rewritten)', () => {
		const r = verify(base, {...headOf(base), hash: 'c'.repeat(64)});
		expect(r.problem).toMatchObject({kind: 'modified', seq: 12});
	});

	it('classifies any single deletion, swap or content change correctly (property)', () => {
		const n = 15;
		const segs = chain(n, 5);
		fc.assert(
			fc.property(fc.integer({min: 0, max: n - 2}), fc.constantFrom('delete', 'swap', 'modify'), (i, op) => {
				const r = verify(
					mutate(segs, (e) => {
						if (op === 'delete') e.splice(i, 1);
						else if (op === 'swap') [e[i], e[i + 1]] = [e[i + 1]!, e[i]!];
						else e[i]!.terminal = 'T9';
					}, 5),
				);
				expect(r.ok).toBe(false);
				expect(r.problem?.kind).toBe(op === 'delete' ? 'deleted' : op === 'swap' ? 'reordered' : 'modified');
				expect(r.problem?.seq).toBe(op === 'delete' ? i + 2 : op === 'swap' ? i + 2 : i + 1);
			}),
		);
	});
});

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {sealEntry} from './hash.js';
import {GENESIS_HASH, type AuditEntry, type AuditHead} from './model.js';
import type {HeadRead} from './head.js';
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

function verify(segments: SegmentInput[], head: HeadRead = headOf(segments)): VerifyReport {
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

	it('accepts an intact chain, an empty log without a head, and the crash window of one append', () => {
		expect(verify(base)).toMatchObject({ok: true, entries: 12, segments: 3, firstSeq: 1, lastSeq: 12, head: 'ok'});
		expect(verify([], 'missing')).toMatchObject({ok: true, entries: 0, head: 'ok'});
		const e11 = base[2]!.entries[2] as AuditEntry;
		const e12 = base[2]!.entries[3] as AuditEntry;
		// Cut after the part, before done: the intent names 11 → 12 and the chain holds 12.
		const intent = {seq: 11, hash: e11.hash, segment: '2026-11-26.0003', next: headOf(base)};
		expect(verify(base, intent)).toMatchObject({ok: true, head: 'pending', lastSeq: 12});
		// Cut before the part landed: the chain ends at 11.
		const upTo11 = mutate(base, (e) => e.splice(11), 4);
		expect(verify(upTo11, intent)).toMatchObject({ok: true, head: 'pending', lastSeq: 11});
		// The very first append cut: an intent from seq 0 and either no entry or entry 1.
		const first = {seq: 0, hash: GENESIS_HASH, segment: null, next: {seq: 1, hash: (base[0]!.entries[0] as AuditEntry).hash, segment: '2026-11-26.0001'}};
		expect(verify([], first)).toMatchObject({ok: true, head: 'pending'});
		expect(verify([{...base[0]!, entries: base[0]!.entries.slice(0, 1)}], first)).toMatchObject({ok: true, head: 'pending'});
		expect(e12.seq).toBe(12);
	});

	it('refuses every other head: missing, unreadable, behind (appended), ahead (truncated), another hash', () => {
		const e11 = base[2]!.entries[2] as AuditEntry;
		expect(verify(base, 'missing')).toMatchObject({ok: false, head: 'missing', problem: {kind: 'head_missing', seq: 12}});
		const v = new ChainVerifier('unreadable');
		for (const seg of base) v.addSegment(seg);
		expect(v.result()).toMatchObject({ok: false, head: 'unreadable', problem: {kind: 'head_unreadable'}});
		expect(new ChainVerifier().result('unreadable')).toMatchObject({ok: false, problem: {kind: 'head_unreadable'}});
		// A head one behind is what a forged append (or a head set back) leaves: not a crash any more.
		const behind = {...headOf(base), seq: 11, hash: e11.hash};
		expect(verify(base, behind)).toMatchObject({ok: false, head: 'mismatch', problem: {kind: 'appended', beyond: {from: 12, to: 12}, seq: 12}});
		expect(verify(base, {...headOf(base), seq: 3, hash: (base[0]!.entries[2] as AuditEntry).hash})).toMatchObject({problem: {kind: 'appended', beyond: {from: 4, to: 12}}});
		// An intent whose pending entry is not the one on disk, or a chain past the pending entry.
		const intent = {seq: 11, hash: e11.hash, segment: '2026-11-26.0003', next: {...headOf(base), hash: 'd'.repeat(64)}};
		expect(verify(base, intent)).toMatchObject({ok: false, problem: {kind: 'modified', seq: 12}});
		const intent10 = {seq: 10, hash: (base[2]!.entries[1] as AuditEntry).hash, segment: '2026-11-26.0003', next: {seq: 11, hash: e11.hash, segment: '2026-11-26.0003'}};
		expect(verify(base, intent10)).toMatchObject({ok: false, problem: {kind: 'appended', beyond: {from: 12, to: 12}}});
		expect(verify(mutate(base, (e) => e.splice(9), 4), intent10)).toMatchObject({ok: false, problem: {kind: 'truncated', missing: {from: 10, to: 10}}});
		// A head with entries where the log is empty: everything it vouches for is gone.
		expect(verify([], headOf(base))).toMatchObject({ok: false, problem: {kind: 'truncated', missing: {from: 1, to: 12}, missingSegment: '2026-11-26.0003'}});
	});

	it('judges the same chain against another reading of the head (result is pure)', () => {
		const v = new ChainVerifier();
		for (const seg of base) v.addSegment(seg);
		const e11 = base[2]!.entries[2] as AuditEntry;
		expect(v.result({...headOf(base), seq: 11, hash: e11.hash}).ok).toBe(false);
		expect(v.result(headOf(base))).toMatchObject({ok: true, head: 'ok'});
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

/**
 * Chain verification that can say WHAT happened, not only that something did.
 *
 * Signals per entry, against the last good entry P before it:
 *  - its own hash recomputes (content intact)        → else modified (or a forged insert)
 *  - its seq is P.seq + 1                            → a gap is a deletion, or a reordering when the
 *                                                      missing seqs turn up later
 *  - its `prev` equals P.hash                        → else P was edited and re-hashed, or reordered
 *  - the entry after it links back to P, skipping it → it was inserted
 *  - a gap at the first entry of a segment whose `prevSegment` is not the segment before it
 *                                                    → a whole segment was deleted
 *  - the head anchor (kept apart, head.ts) against the last entry → missing, unreadable, entries
 *    past it (appended), entries it vouches for gone (truncated), or another hash (modified)
 *
 * The verifier is fed segment by segment and keeps O(1) state while the chain is good; after the
 * first break it remembers the seqs and hashes that follow, to classify the break at the end.
 * The head is given to result(), so a caller that read the head twice around the parts (a writer
 * may be appending meanwhile) can judge the same chain against either reading.
 * Limit: without a secret (HMAC) or an anchor kept elsewhere, someone who rewrites the whole tail
 * and the head consistently is not detectable here; the hub keeps that second anchor
 * (`tongban audit verify --hub`).
 */
import {hashMatches} from './hash.js';
import {judgeHead, type HeadRead} from './head.js';
import {GENESIS_HASH, isEntryShaped, type AuditEntry} from './model.js';

type BreakKind = 'modified' | 'deleted' | 'reordered' | 'inserted' | 'truncated' | 'segment_deleted' | 'corrupt' | 'appended' | 'head_missing' | 'head_unreadable';

export interface ChainBreak {
	kind: BreakKind;
	/** Segment name and 0-based position of the first bad entry (or of the place it went missing). */
	segment: string;
	index: number;
	/** The seq of the first bad entry, when it has one. */
	seq?: number;
	/** Seqs that are missing (deleted, segment_deleted, truncated). */
	missing?: {from: number; to: number};
	/** The missing segment (segment_deleted) or the unreadable file (corrupt). */
	missingSegment?: string;
	/** The entry whose hash no longer matches what its successor recorded (modified and re-hashed). */
	linkedFrom?: number;
	/** Seqs that lie past the head anchor (appended). */
	beyond?: {from: number; to: number};
}

/**
 * ok: the head names the last entry · pending: an append was cut between its intent and its done
 * (the one crash window, settled when the log next opens) · missing, unreadable · mismatch: the
 * head disagrees with the chain (the problem says how).
 */
export type HeadStatus = 'ok' | 'pending' | 'missing' | 'unreadable' | 'mismatch';

export interface VerifyReport {
	ok: boolean;
	segments: number;
	entries: number;
	firstSeq?: number;
	lastSeq?: number;
	lastHash?: string;
	head: HeadStatus;
	problem?: ChainBreak;
}

interface Seen {
	entry: AuditEntry;
	segment: string;
	index: number;
}

export interface SegmentInput {
	name: string;
	prevSegment: string | null;
	entries: readonly unknown[];
}

export class ChainVerifier {
	readonly #head: HeadRead | undefined;
	#segments = 0;
	#entries = 0;
	#firstSeq: number | undefined;
	#last: Seen | undefined;
	#beforeLast: Seen | undefined;
	#lastSegment: string | undefined;
	#segmentNames = new Set<string>();
	/** First anomaly found, classified in result() once later entries are known. */
	#suspect: {cur: Seen; prev: Seen | undefined; beforePrev: Seen | undefined; segmentPrev: string | null; previousSegmentName: string | undefined} | undefined;
	#next: AuditEntry | undefined;
	#laterSeqs = new Set<number>();
	#laterHashes = new Set<string>();
	#corrupt: ChainBreak | undefined;

	/** `head` may be given here or to result(). */
	constructor(head?: HeadRead) {
		this.#head = head;
	}

	/** A segment that could not be read (not JSON, wrong shape): the chain is broken there. */
	addCorruptSegment(name: string): void {
		this.#segments++;
		this.#segmentNames.add(name);
		this.#corrupt ??= {kind: 'corrupt', segment: name, index: 0, missingSegment: name};
		this.#lastSegment = name;
	}

	/**
	 * Feeds a segment. `from` > 0 continues the segment fed last with the entries it has gained
	 * since (a reader catching up with a live writer, which only ever appends).
	 */
	addSegment(segment: SegmentInput, from = 0): void {
		let previousSegmentName: string | undefined;
		if (from === 0) {
			this.#segments++;
			this.#segmentNames.add(segment.name);
			previousSegmentName = this.#lastSegment;
			this.#lastSegment = segment.name;
		} else if (segment.name !== this.#lastSegment) {
			throw new Error(`ChainVerifier: ${segment.name} continues no segment (last was ${this.#lastSegment ?? 'none'})`);
		}
		segment.entries.forEach((raw, index) => {
			if (index < from) return;
			this.#entries++;
			if (!isEntryShaped(raw)) {
				this.#corrupt ??= {kind: 'modified', segment: segment.name, index};
				return;
			}
			const seen: Seen = {entry: raw, segment: segment.name, index};
			this.#firstSeq ??= raw.seq;
			if (this.#suspect) {
				this.#next ??= raw;
				this.#laterSeqs.add(raw.seq);
				this.#laterHashes.add(raw.hash);
			} else {
				const prevEntry = this.#last?.entry;
				const expectedSeq = (prevEntry?.seq ?? 0) + 1;
				const expectedPrev = prevEntry?.hash ?? GENESIS_HASH;
				if (!hashMatches(raw) || raw.seq !== expectedSeq || raw.prev !== expectedPrev) {
					this.#suspect = {cur: seen, prev: this.#last, beforePrev: this.#beforeLast, segmentPrev: index === 0 ? segment.prevSegment : null, previousSegmentName: index === 0 ? previousSegmentName : undefined};
				}
			}
			this.#beforeLast = this.#last;
			this.#last = seen;
		});
	}

	/** The verdict; pure, so it may be asked again with another reading of the head. */
	result(head: HeadRead | undefined = this.#head): VerifyReport {
		if (head === undefined) throw new Error('ChainVerifier.result needs the head');
		const {status, problem: headProblem} = this.#checkHead(head);
		const problem = this.#corrupt ?? this.#classify() ?? headProblem;
		const last = this.#last?.entry;
		return {
			ok: problem === undefined,
			segments: this.#segments,
			entries: this.#entries,
			...(this.#firstSeq !== undefined ? {firstSeq: this.#firstSeq} : {}),
			...(last ? {lastSeq: last.seq, lastHash: last.hash} : {}),
			head: status,
			...(problem ? {problem} : {}),
		};
	}

	/** The head against the last entry (head.ts); a problem is placed at the last entry. */
	#checkHead(head: HeadRead): {status: HeadStatus; problem?: ChainBreak} {
		const last = this.#last;
		const verdict = judgeHead(head, last ? {seq: last.entry.seq, hash: last.entry.hash} : {seq: 0, hash: GENESIS_HASH});
		if (verdict.ok) return {status: verdict.status};
		const at = last ? {segment: last.segment, index: last.index, seq: last.entry.seq} : {segment: this.#lastSegment ?? '-', index: 0};
		switch (verdict.kind) {
			case 'head_missing':
				return {status: 'missing', problem: {kind: 'head_missing', ...at}};
			case 'head_unreadable':
				return {status: 'unreadable', problem: {kind: 'head_unreadable', ...at}};
			case 'appended':
				return {status: 'mismatch', problem: {kind: 'appended', ...at, beyond: verdict.beyond}};
			case 'modified':
				return {status: 'mismatch', problem: {kind: 'modified', ...at}};
			case 'truncated': {
				const named = verdict.segment;
				const present = named !== null && this.#segmentNames.has(named);
				const segment = present ? named : (last?.segment ?? named ?? '-');
				return {
					status: 'mismatch',
					problem: {
						kind: 'truncated',
						segment,
						index: last && last.segment === segment ? last.index + 1 : 0,
						missing: verdict.missing,
						...(!present && named !== null ? {missingSegment: named} : {}),
					},
				};
			}
		}
	}

	#classify(): ChainBreak | undefined {
		const s = this.#suspect;
		if (!s) return undefined;
		const cur = s.cur.entry;
		const where = {segment: s.cur.segment, index: s.cur.index, seq: cur.seq};
		const prevSeq = s.prev?.entry.seq ?? 0;
		const prevHash = s.prev?.entry.hash ?? GENESIS_HASH;
		const next = this.#next;

		// Inserted: the chain goes from P straight to the entry after this one, and this one's own
		// link leads nowhere later (a swapped entry's link points at an entry further on).
		if (next && next.prev === prevHash && next.prev !== cur.hash && !this.#laterHashes.has(cur.prev)) return {kind: 'inserted', ...where};
		if (!hashMatches(cur)) return {kind: 'modified', ...where};
		if (cur.seq > prevSeq + 1) {
			const missing = {from: prevSeq + 1, to: cur.seq - 1};
			for (let seq = missing.from; seq <= missing.to; seq++) if (this.#laterSeqs.has(seq)) return {kind: 'reordered', ...where};
			if (s.cur.index === 0 && s.segmentPrev !== null && s.segmentPrev !== s.previousSegmentName && !this.#segmentNames.has(s.segmentPrev)) {
				return {kind: 'segment_deleted', ...where, missing, missingSegment: s.segmentPrev};
			}
			return {kind: 'deleted', ...where, missing};
		}
		if (cur.seq === prevSeq && s.prev) {
			// Two entries with one seq: the one nothing links to is the forgery.
			const prevIsOrphan = next?.prev === cur.hash && cur.prev === (s.beforePrev?.entry.hash ?? GENESIS_HASH);
			if (prevIsOrphan) return {kind: 'inserted', segment: s.prev.segment, index: s.prev.index, seq: s.prev.entry.seq};
			return {kind: 'inserted', ...where};
		}
		if (cur.seq < prevSeq) return {kind: 'reordered', ...where};
		if (this.#laterHashes.has(cur.prev)) return {kind: 'reordered', ...where};
		// Seq in order, own hash fine, link broken: P was edited and its hash recomputed.
		if (s.prev) return {kind: 'modified', segment: s.prev.segment, index: s.prev.index, seq: s.prev.entry.seq, linkedFrom: cur.seq};
		return {kind: 'modified', ...where};
	}
}

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
 *  - the head anchor (last seq and hash, kept apart) → beyond the last entry: truncated
 *
 * The verifier is fed segment by segment and keeps O(1) state while the chain is good; after the
 * first break it remembers the seqs and hashes that follow, to classify the break at the end.
 * Limit: without a secret (HMAC) or an anchor kept elsewhere (e.g. the hub), someone who rewrites
 * the whole tail and the head consistently is not detectable; the report says so in docs.
 */
import {hashMatches} from './hash.js';
import {GENESIS_HASH, isEntryShaped, type AuditEntry, type AuditHead} from './model.js';

export type BreakKind = 'modified' | 'deleted' | 'reordered' | 'inserted' | 'truncated' | 'segment_deleted' | 'corrupt';

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
}

export type HeadStatus = 'ok' | 'lagging' | 'missing' | 'unreadable' | 'not_checked';

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
	readonly #head: AuditHead | 'missing' | 'unreadable';
	#segments = 0;
	#entries = 0;
	#firstSeq: number | undefined;
	#last: Seen | undefined;
	#beforeLast: Seen | undefined;
	#lastSegment: string | undefined;
	#segmentNames = new Set<string>();
	#headMismatch: Seen | undefined;
	#headSeen = false;
	/** First anomaly found, classified in result() once later entries are known. */
	#suspect: {cur: Seen; prev: Seen | undefined; beforePrev: Seen | undefined; segmentPrev: string | null; previousSegmentName: string | undefined} | undefined;
	#next: AuditEntry | undefined;
	#laterSeqs = new Set<number>();
	#laterHashes = new Set<string>();
	#corrupt: ChainBreak | undefined;

	constructor(head: AuditHead | 'missing' | 'unreadable') {
		this.#head = head;
	}

	/** A segment that could not be read (not JSON, wrong shape): the chain is broken there. */
	addCorruptSegment(name: string): void {
		this.#segments++;
		this.#segmentNames.add(name);
		this.#corrupt ??= {kind: 'corrupt', segment: name, index: 0, missingSegment: name};
		this.#lastSegment = name;
	}

	addSegment(segment: SegmentInput): void {
		this.#segments++;
		this.#segmentNames.add(segment.name);
		const previousSegmentName = this.#lastSegment;
		this.#lastSegment = segment.name;
		segment.entries.forEach((raw, index) => {
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
			if (typeof this.#head === 'object' && raw.seq === this.#head.seq && !this.#headSeen) {
				this.#headSeen = true;
				if (raw.hash !== this.#head.hash) this.#headMismatch = seen;
			}
			this.#beforeLast = this.#last;
			this.#last = seen;
		});
	}

	result(): VerifyReport {
		const problem = this.#corrupt ?? this.#classify() ?? this.#checkHead();
		const last = this.#last?.entry;
		return {
			ok: problem === undefined,
			segments: this.#segments,
			entries: this.#entries,
			...(this.#firstSeq !== undefined ? {firstSeq: this.#firstSeq} : {}),
			...(last ? {lastSeq: last.seq, lastHash: last.hash} : {}),
			head: this.#headStatus(),
			...(problem ? {problem} : {}),
		};
	}

	#headStatus(): HeadStatus {
		if (this.#head === 'missing') return this.#entries === 0 ? 'ok' : 'missing';
		if (this.#head === 'unreadable') return 'unreadable';
		const last = this.#last?.entry;
		if (!last || this.#head.seq > last.seq || this.#headMismatch) return 'not_checked';
		return this.#head.seq === last.seq ? 'ok' : 'lagging';
	}

	#checkHead(): ChainBreak | undefined {
		const head = this.#head;
		if (typeof head !== 'object') return undefined;
		if (this.#headMismatch) {
			const {entry, segment, index} = this.#headMismatch;
			return {kind: 'modified', segment, index, seq: entry.seq};
		}
		const lastSeq = this.#last?.entry.seq ?? 0;
		if (head.seq > lastSeq) {
			const segment = this.#segmentNames.has(head.segment) ? head.segment : (this.#last?.segment ?? head.segment);
			return {
				kind: 'truncated',
				segment,
				index: this.#last && this.#last.segment === segment ? this.#last.index + 1 : 0,
				missing: {from: lastSeq + 1, to: head.seq},
				...(this.#segmentNames.has(head.segment) ? {} : {missingSegment: head.segment}),
			};
		}
		return undefined;
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

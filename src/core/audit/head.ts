/**
 * The head anchor against the end of the chain: which states an honest writer can leave behind,
 * and what every other state means. Used by the writer when it opens the log (store/audit-store.ts)
 * and by verify (verify.ts), so both judge a log the same way.
 *
 * Every append writes the head twice (store/audit-store.ts):
 *   1. intent {N, H_N, next: {N+1, H_N+1}}, made durable BEFORE the part is written;
 *   2. the part holding entry N+1, durable;
 *   3. done {N+1, H_N+1}, in place, no fsync.
 * So an honest log is in one of these states, and only these:
 *   - head done {N, H} and the chain ends at N with hash H;
 *   - head intent {N → N+1} and the chain ends at N with hash H_N (cut before or during the part
 *     write) or at N+1 with hash next.hash (cut after the part, before done). This is the one crash
 *     window, a single append wide; opening the log settles it by writing done.
 *   - no head and no entries (a log never written to).
 * What the intent state cannot tell: whether entry N+1 reached the disk and was then removed while
 * no writer was running. Removing it leaves exactly the state of a crash before the part write.
 * Anything else with entries is refused (the writer) and reported (verify), exit 5:
 *   - head missing or unreadable;
 *   - chain past the head (`appended`): entries added outside the writer, or the head set back;
 *   - head past the chain (`truncated`): the last entries or parts removed;
 *   - the entry at the head's seq has another hash (`modified`): the tail rewritten.
 * One anchor on the terminal cannot catch a tail and head rewritten consistently; the hub keeps a
 * second one (`tongban audit verify --hub`).
 */
import {isIntent, type AuditHead, type AuditHeadRecord} from './model.js';

/** What reading head.json gave: a record, no file (or an empty one), or something unparseable. */
export type HeadRead = AuditHeadRecord | 'missing' | 'unreadable';

/** The last entry of the chain: seq 0 and the genesis hash when there is none. */
export interface ChainEnd {
	seq: number;
	hash: string;
}

export type HeadVerdict =
	| {ok: true; status: 'ok'}
	/** The crash window: `settle` is the done record to write (null: no entry yet, remove the head). */
	| {ok: true; status: 'pending'; settle: AuditHead | null}
	| {ok: false; kind: 'head_missing' | 'head_unreadable'}
	/** Entries `from`–`to` lie past the head. */
	| {ok: false; kind: 'appended'; beyond: {from: number; to: number}}
	/** Entries `from`–`to` the head vouches for are gone; `segment` is the part the head names. */
	| {ok: false; kind: 'truncated'; missing: {from: number; to: number}; segment: string | null}
	/** The entry at `seq` is not the one the head recorded. */
	| {ok: false; kind: 'modified'; seq: number};

export function judgeHead(head: HeadRead, end: ChainEnd): HeadVerdict {
	if (head === 'missing') return end.seq === 0 ? {ok: true, status: 'ok'} : {ok: false, kind: 'head_missing'};
	if (head === 'unreadable') return {ok: false, kind: 'head_unreadable'};
	if (!isIntent(head)) {
		if (end.seq < head.seq) return {ok: false, kind: 'truncated', missing: {from: end.seq + 1, to: head.seq}, segment: head.segment};
		if (end.seq > head.seq) return {ok: false, kind: 'appended', beyond: {from: head.seq + 1, to: end.seq}};
		return end.hash === head.hash ? {ok: true, status: 'ok'} : {ok: false, kind: 'modified', seq: end.seq};
	}
	const next = head.next;
	if (end.seq < head.seq) return {ok: false, kind: 'truncated', missing: {from: end.seq + 1, to: head.seq}, segment: head.segment};
	if (end.seq === head.seq) {
		if (end.hash !== head.hash) return {ok: false, kind: 'modified', seq: end.seq};
		return {ok: true, status: 'pending', settle: head.seq === 0 || head.segment === null ? null : {seq: head.seq, hash: head.hash, segment: head.segment}};
	}
	if (end.seq === next.seq) return end.hash === next.hash ? {ok: true, status: 'pending', settle: {...next}} : {ok: false, kind: 'modified', seq: end.seq};
	return {ok: false, kind: 'appended', beyond: {from: next.seq + 1, to: end.seq}};
}

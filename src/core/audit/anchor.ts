/**
 * The local log against the anchor the hub keeps (the highest audit head this terminal sent with
 * a case, docs/hub-api.yaml "Audit anchor"). The head on the terminal can be rewritten together
 * with the tail it vouches for; the hub's copy cannot, so this catches what core/audit/head.ts
 * cannot: the whole audit folder deleted, the tail cut with a consistent head, the chain rewritten
 * from an entry the hub saw. Limit: once a rewritten chain passes the anchor's seq and a later
 * submission carries its head, the hub keeps that one instead; run the check regularly.
 */
export type AnchorVerdict =
	| {ok: true}
	| {ok: false; kind: 'folder_deleted'; seq: number}
	| {ok: false; kind: 'truncated'; seq: number; last: number}
	| {ok: false; kind: 'rewritten'; seq: number};

/**
 * `local`: what the local chain holds (its last seq, 0 when empty) and the hash of its entry at
 * the anchor's seq (undefined when it has none there).
 */
export function judgeAnchor(anchor: {seq: number; hash: string}, local: {lastSeq: number; hashAtSeq: string | undefined}): AnchorVerdict {
	if (local.lastSeq === 0) return {ok: false, kind: 'folder_deleted', seq: anchor.seq};
	if (local.lastSeq < anchor.seq) return {ok: false, kind: 'truncated', seq: anchor.seq, last: local.lastSeq};
	return local.hashAtSeq === anchor.hash ? {ok: true} : {ok: false, kind: 'rewritten', seq: anchor.seq};
}

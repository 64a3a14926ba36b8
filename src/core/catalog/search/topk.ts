/**
 * Keeps the best `capacity` rows seen so far. A row is ordered by its score first, then by its
 * rank in key order (item catalog order, region code, row), so ties break deterministically.
 *
 * Callers pass score and rank as two small integers: the combined key is a double, and a double
 * crossing a call boundary is boxed on the heap, which the scan did thousands of times a keystroke.
 */

/** Key-order ranks must stay below this; checked when the index is built. */
export const RANK_SPAN = 2 ** 26;

/** The rank of keepAtLeast's placeholders (no real rank is negative). */
const PLACEHOLDER = -1;

export class TopK {
	/** Min-heap of keys score × RANK_SPAN + (RANK_SPAN - 1 - rank): the worst kept row at the root. */
	private readonly keys: Float64Array;
	private readonly ranks: Int32Array;
	size = 0;
	/** The worst kept row's score and rank, once full: a row must beat it to get in. */
	private floorScore = -1;
	private floorRank = 0;

	constructor(readonly capacity: number) {
		this.keys = new Float64Array(capacity);
		this.ranks = new Int32Array(capacity);
	}

	/**
	 * Keeps out every row scoring below `score` (context.ts: a context scan only needs rows that
	 * tie with the plain scan's worst kept row or beat it). Fills the empty heap with placeholders
	 * scoring `score - 1` at rank 0, which no real row of that score displaces; sorted() leaves
	 * them out, so a search keeps its pruning as if the heap were full already.
	 */
	keepAtLeast(score: number): void {
		if (this.size !== 0 || this.capacity === 0) return;
		this.keys.fill((score - 1) * RANK_SPAN + (RANK_SPAN - 1));
		this.ranks.fill(PLACEHOLDER);
		this.size = this.capacity;
		this.floorScore = score - 1;
		this.floorRank = 0;
	}

	get full(): boolean {
		return this.size === this.capacity;
	}

	/** True when a row with this score and rank would be kept. */
	admits(score: number, rank: number): boolean {
		return this.size < this.capacity || score > this.floorScore || (score === this.floorScore && rank < this.floorRank);
	}

	push(score: number, rank: number): void {
		if (this.capacity === 0 || !this.admits(score, rank)) return;
		const key = score * RANK_SPAN + (RANK_SPAN - 1 - rank);
		if (this.size < this.capacity) {
			let at = this.size++;
			while (at > 0) {
				const up = (at - 1) >> 1;
				if (this.keys[up]! <= key) break;
				this.keys[at] = this.keys[up]!;
				this.ranks[at] = this.ranks[up]!;
				at = up;
			}
			this.keys[at] = key;
			this.ranks[at] = rank;
		} else {
			// Replace the minimum and sift down.
			let at = 0;
			for (;;) {
				const left = 2 * at + 1;
				if (left >= this.size) break;
				const right = left + 1;
				const child = right < this.size && this.keys[right]! < this.keys[left]! ? right : left;
				if (this.keys[child]! >= key) break;
				this.keys[at] = this.keys[child]!;
				this.ranks[at] = this.ranks[child]!;
				at = child;
			}
			this.keys[at] = key;
			this.ranks[at] = rank;
		}
		if (this.size === this.capacity) {
			this.floorScore = Math.floor(this.keys[0]! / RANK_SPAN);
			this.floorRank = this.ranks[0]!;
		}
	}

	/** Kept rows, best first: their ranks and scores. */
	sorted(): {ranks: Int32Array; scores: Int32Array} {
		// An insertion sort of at most `capacity` (limit + 1) keys: no comparator closure, no tuples.
		let real = 0;
		for (let k = 0; k < this.size; k++) if (this.ranks[k] !== PLACEHOLDER) real++;
		const keys = new Float64Array(real);
		const ranks = new Int32Array(real);
		for (let k = 0, at = 0; k < this.size; k++) {
			if (this.ranks[k] === PLACEHOLDER) continue;
			keys[at] = this.keys[k]!;
			ranks[at++] = this.ranks[k]!;
		}
		for (let k = 1; k < keys.length; k++) {
			const key = keys[k]!;
			const rank = ranks[k]!;
			let at = k;
			for (; at > 0 && keys[at - 1]! < key; at--) {
				keys[at] = keys[at - 1]!;
				ranks[at] = ranks[at - 1]!;
			}
			keys[at] = key;
			ranks[at] = rank;
		}
		const scores = new Int32Array(keys.length);
		for (let k = 0; k < keys.length; k++) scores[k] = Math.floor(keys[k]! / RANK_SPAN);
		return {ranks, scores};
	}
}

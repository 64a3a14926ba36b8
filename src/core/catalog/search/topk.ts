/**
 * Keeps the best `capacity` rows seen so far. A row's rank is one number: score first, then the
 * key order (item catalog order, region code, row), so ties break deterministically.
 */

/** Key-order ranks must stay below this; checked when the index is built. */
export const RANK_SPAN = 2 ** 26;

export function compositeOf(score: number, rank: number): number {
	return score * RANK_SPAN + (RANK_SPAN - 1 - rank);
}

export class TopK {
	private readonly keys: Float64Array;
	private readonly rows: Int32Array;
	size = 0;

	constructor(readonly capacity: number) {
		this.keys = new Float64Array(capacity);
		this.rows = new Int32Array(capacity);
	}

	get full(): boolean {
		return this.size === this.capacity;
	}

	/** The worst kept composite (only meaningful when full). */
	get floor(): number {
		return this.keys[0] ?? -Infinity;
	}

	/** True when a row with this composite would be kept. */
	admits(composite: number): boolean {
		return this.size < this.capacity || composite > this.floor;
	}

	push(composite: number, row: number): void {
		if (this.capacity === 0) return;
		if (this.size < this.capacity) {
			let at = this.size++;
			while (at > 0) {
				const up = (at - 1) >> 1;
				if (this.keys[up]! <= composite) break;
				this.keys[at] = this.keys[up]!;
				this.rows[at] = this.rows[up]!;
				at = up;
			}
			this.keys[at] = composite;
			this.rows[at] = row;
			return;
		}
		if (composite <= this.keys[0]!) return;
		// Replace the minimum and sift down.
		let at = 0;
		for (;;) {
			const left = 2 * at + 1;
			if (left >= this.size) break;
			const right = left + 1;
			const child = right < this.size && this.keys[right]! < this.keys[left]! ? right : left;
			if (this.keys[child]! >= composite) break;
			this.keys[at] = this.keys[child]!;
			this.rows[at] = this.rows[child]!;
			at = child;
		}
		this.keys[at] = composite;
		this.rows[at] = row;
	}

	/** Kept rows, best first. */
	sorted(): Array<{composite: number; row: number}> {
		const out: Array<{composite: number; row: number}> = [];
		for (let k = 0; k < this.size; k++) out.push({composite: this.keys[k]!, row: this.rows[k]!});
		return out.sort((a, b) => b.composite - a.composite);
	}
}

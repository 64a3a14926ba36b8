/**
 * Edit distance with adjacent swaps (optimal string alignment: insert, delete, substitute, swap
 * two neighbours, each costing 1), the slips people make typing a word. Used for "did you mean"
 * on a mistyped command; `max` stops early once the distance is sure to exceed it.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
	const s = [...a];
	const t = [...b];
	if (Math.abs(s.length - t.length) > max) return max + 1;
	let before: number[] = [];
	let previous = Array.from({length: t.length + 1}, (_, j) => j);
	for (let i = 1; i <= s.length; i++) {
		const current = [i];
		let rowMin = i;
		for (let j = 1; j <= t.length; j++) {
			const cost = s[i - 1] === t[j - 1] ? 0 : 1;
			let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
			if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
			current.push(d);
			rowMin = Math.min(rowMin, d);
		}
		if (rowMin > max) return max + 1;
		before = previous;
		previous = current;
	}
	return previous[t.length]!;
}

/** The closest of `candidates` within `max` edits (ties: the first given), or undefined. */
export function closest(word: string, candidates: readonly string[], max = 2): string | undefined {
	let best: string | undefined;
	let bestDistance = max + 1;
	for (const candidate of candidates) {
		const d = editDistance(word.toLowerCase(), candidate.toLowerCase(), max);
		if (d < bestDistance) {
			best = candidate;
			bestDistance = d;
		}
	}
	return best;
}

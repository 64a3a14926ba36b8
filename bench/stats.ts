/** Small statistics helpers shared by the benchmarks. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank]!;
}

export function median(values: readonly number[]): number {
	return percentile(values, 50);
}

/** Resident set size of this process in MB. */
export function rssMb(): number {
	return process.memoryUsage().rss / (1024 * 1024);
}

/** A benchmark's output: one markdown table plus notes. */
export interface Section {
	title: string;
	rows: Array<Record<string, string | number>>;
	notes: string[];
}

/**
 * The shared shape of a benchmark section and a plain-text printer for stand-alone runs.
 * `BenchSection` is the same shape as `Section` in stats.ts (which run.ts consumes).
 */
import type {Section} from './stats.js';

export type BenchSection = Section;

/** Prints a section as a fixed-width table followed by its notes. */
export function printSection(section: BenchSection, write: (text: string) => void = (text) => process.stdout.write(text)): void {
	const cols = [...new Set(section.rows.flatMap((row) => Object.keys(row)))];
	const cell = (value: string | number | undefined): string => (value === undefined ? '' : String(value));
	const widths = cols.map((col) => Math.max(col.length, ...section.rows.map((row) => cell(row[col]).length)));
	const line = (values: string[]): string => values.map((value, k) => value.padEnd(widths[k]!)).join('  ');
	write(`${section.title}\n${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
	for (const row of section.rows) write(`${line(cols.map((col) => cell(row[col])))}\n`);
	for (const note of section.notes) write(`- ${note}\n`);
	write('\n');
}

/**
 * Fixed-width text tables measured in terminal columns, ASCII-framed (+ - |) because box-drawing
 * characters are ambiguous-width on CJK terminals (docs/architecture.md#cjk-text). Cells wrap with
 * the CJK-aware `wrapToWidth`. Pure: usable by views and by command output.
 */
import {displayWidth, padEndToWidth, padStartToWidth, wrapToWidth} from '../../text/width.js';

export interface TableColumn {
	header: string;
	/** Content width in columns (without padding and borders). */
	width: number;
	align?: 'left' | 'right';
}

/** Columns taken by borders and padding: "| a | b |" → 3 per column + 1. */
export function tableOverhead(columnCount: number): number {
	return columnCount * 3 + 1;
}

export function tableWidth(columns: readonly TableColumn[]): number {
	return columns.reduce((sum, column) => sum + column.width, 0) + tableOverhead(columns.length);
}

function rule(columns: readonly TableColumn[]): string {
	return `+${columns.map((column) => '-'.repeat(column.width + 2)).join('+')}+`;
}

function renderRow(columns: readonly TableColumn[], cells: readonly string[]): string[] {
	const wrapped = columns.map((column, index) => wrapToWidth(cells[index] ?? '', column.width));
	const height = Math.max(...wrapped.map((lines) => lines.length));
	const lines: string[] = [];
	for (let line = 0; line < height; line++) {
		const parts = columns.map((column, index) => {
			const text = wrapped[index]?.[line] ?? '';
			return column.align === 'right' ? padStartToWidth(text, column.width) : padEndToWidth(text, column.width);
		});
		lines.push(`| ${parts.join(' | ')} |`);
	}
	return lines;
}

/** Header, then every row, each framed; rows are separated by a rule line. */
export function layoutTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string[] {
	const lines = [rule(columns), ...renderRow(columns, columns.map((column) => column.header)), rule(columns)];
	for (const row of rows) {
		lines.push(...renderRow(columns, row), rule(columns));
	}
	return lines;
}

/** Width of the widest of `texts`, at least `min`. */
export function widestOf(texts: readonly string[], min = 0): number {
	return Math.max(min, ...texts.map(displayWidth));
}

/**
 * Terminal preview of a picture: each cell shows two pixels stacked, using the upper half block
 * (▀, foreground = top pixel, background = bottom pixel). Three renderings: 24-bit colour,
 * the xterm 256-colour palette, and plain ASCII shades for terminals without colour. The image
 * is fitted inside `columns` × `rows` cells keeping its aspect ratio (a cell is about twice as
 * tall as wide, so one cell column ≈ one pixel column and one row ≈ two pixel rows) and centred;
 * every line is exactly `columns` cells wide. Pure: pixels in, strings out.
 */
import {channelsOf, type Pixels} from './pixels.js';

export type PreviewMode = 'truecolor' | 'ansi256' | 'plain';

export interface PreviewOptions {
	columns: number;
	rows: number;
	mode: PreviewMode;
}

const UPPER_HALF = '\u2580';
const RESET = '\u001B[0m';
/** Dark to light: a document is dark ink on light paper, so paper prints as spaces. */
const SHADES = '@%#*+=-:. ';

type Rgb = [number, number, number];

/** Box-filtered colour of the source rectangle [x0,x1) × [y0,y1). */
function average(image: Pixels, channels: number, x0: number, x1: number, y0: number, y1: number): Rgb {
	const xa = Math.floor(x0);
	const xb = Math.max(xa + 1, Math.ceil(x1));
	const ya = Math.floor(y0);
	const yb = Math.max(ya + 1, Math.ceil(y1));
	let r = 0;
	let g = 0;
	let b = 0;
	let n = 0;
	const d = image.data;
	for (let y = ya; y < yb && y < image.height; y++) {
		for (let x = xa; x < xb && x < image.width; x++) {
			const p = (y * image.width + x) * channels;
			if (channels === 1) {
				r += d[p]!;
				g += d[p]!;
				b += d[p]!;
			} else {
				r += d[p]!;
				g += d[p + 1]!;
				b += d[p + 2]!;
			}
			n++;
		}
	}
	return n === 0 ? [0, 0, 0] : [Math.round(r / n), Math.round(g / n), Math.round(b / n)];
}

const CUBE = [0, 95, 135, 175, 215, 255];

function nearestCube(v: number): number {
	let best = 0;
	for (let i = 1; i < CUBE.length; i++) if (Math.abs(CUBE[i]! - v) < Math.abs(CUBE[best]! - v)) best = i;
	return best;
}

/** Nearest xterm-256 colour: the 6×6×6 cube (16–231) or the grey ramp (232–255). */
export function ansi256(rgb: Rgb): number {
	const [r, g, b] = rgb;
	const ci = [nearestCube(r), nearestCube(g), nearestCube(b)] as const;
	const cube = 16 + 36 * ci[0] + 6 * ci[1] + ci[2];
	const cubeRgb = [CUBE[ci[0]]!, CUBE[ci[1]]!, CUBE[ci[2]]!];
	const grey = (r + g + b) / 3;
	const gi = Math.max(0, Math.min(23, Math.round((grey - 8) / 10)));
	const greyV = 8 + gi * 10;
	const dist = (a: readonly number[]) => (a[0]! - r) ** 2 + (a[1]! - g) ** 2 + (a[2]! - b) ** 2;
	return dist([greyV, greyV, greyV]) < dist(cubeRgb) ? 232 + gi : cube;
}

function shade(top: Rgb, bottom: Rgb): string {
	const luma = (c: Rgb) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
	const l = (luma(top) + luma(bottom)) / 2;
	return SHADES[Math.min(SHADES.length - 1, Math.floor((l / 256) * SHADES.length))]!;
}

function colourCode(mode: 'truecolor' | 'ansi256', layer: 38 | 48, c: Rgb): string {
	return mode === 'truecolor' ? `${layer};2;${c[0]};${c[1]};${c[2]}` : `${layer};5;${ansi256(c)}`;
}

/** Size in cells of the fitted picture (at least 1×1). */
export function fitCells(width: number, height: number, columns: number, rows: number): {cols: number; rows: number} {
	// One cell = 1 pixel wide × 2 pixels tall in picture space.
	const scale = Math.min(columns / width, (rows * 2) / height);
	return {cols: Math.max(1, Math.min(columns, Math.round(width * scale))), rows: Math.max(1, Math.min(rows, Math.round((height * scale) / 2)))};
}

export function renderHalfBlocks(image: Pixels, options: PreviewOptions): string[] {
	const {columns, rows, mode} = options;
	if (!Number.isInteger(columns) || !Number.isInteger(rows) || columns < 1 || rows < 1) throw new RangeError(`preview needs at least 1×1 cells, got ${columns}×${rows}`);
	const channels = channelsOf(image);
	const fit = fitCells(image.width, image.height, columns, rows);
	const left = Math.floor((columns - fit.cols) / 2);
	const top = Math.floor((rows - fit.rows) / 2);
	const sx = image.width / fit.cols;
	const sy = image.height / (fit.rows * 2);
	const blankLine = ' '.repeat(columns);
	const lines: string[] = [];
	for (let row = 0; row < rows; row++) {
		const r = row - top;
		if (r < 0 || r >= fit.rows) {
			lines.push(blankLine);
			continue;
		}
		let line = ' '.repeat(left);
		let last = '';
		for (let c = 0; c < fit.cols; c++) {
			const x0 = c * sx;
			const upper = average(image, channels, x0, x0 + sx, 2 * r * sy, (2 * r + 1) * sy);
			const lower = average(image, channels, x0, x0 + sx, (2 * r + 1) * sy, (2 * r + 2) * sy);
			if (mode === 'plain') {
				line += shade(upper, lower);
				continue;
			}
			const sgr = `\u001B[${colourCode(mode, 38, upper)};${colourCode(mode, 48, lower)}m`;
			// Repeat an escape only when the colours change: keeps a flat page's lines short.
			if (sgr !== last) line += sgr;
			last = sgr;
			line += UPPER_HALF;
		}
		if (mode !== 'plain') line += RESET;
		line += ' '.repeat(columns - left - fit.cols);
		lines.push(line);
	}
	return lines;
}

/** Cells of a rendered line, not counting escape sequences. */
export function visibleLength(line: string): number {
	return [...line.replace(/\u001B\[[0-9;]*m/g, '')].length;
}

/** Picks a mode from the environment the way colour-capable CLIs do. */
export function previewModeFor(env: Record<string, string | undefined>, isTTY: boolean): PreviewMode {
	if (!isTTY || env.NO_COLOR || env.TERM === 'dumb') return 'plain';
	if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 'truecolor';
	if (env.TERM?.includes('256color')) return 'ansi256';
	return 'plain';
}

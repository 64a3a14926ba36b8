import {describe, expect, it} from 'vitest';
import {ansi256, fitCells, previewModeFor, renderHalfBlocks, visibleLength} from './halfblock.js';
import type {Pixels} from './pixels.js';

/** Top half red, bottom half blue, RGBA. */
function twoTone(width: number, height: number): Pixels {
	const data = new Uint8Array(width * height * 4);
	for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(y < height / 2 ? [255, 0, 0, 255] : [0, 0, 255, 255], (y * width + x) * 4);
	return {width, height, data};
}

describe('half-block preview', () => {
	it.each([
		['truecolor', 40, 10],
		['ansi256', 33, 7],
		['plain', 20, 15],
		['truecolor', 1, 1],
		['plain', 80, 3],
	] as const)('%s at %i×%i: every line exactly the requested width, exactly the requested rows', (mode, columns, rows) => {
		const lines = renderHalfBlocks(twoTone(64, 48), {columns, rows, mode});
		expect(lines).toHaveLength(rows);
		for (const line of lines) expect(visibleLength(line)).toBe(columns);
		if (mode === 'plain') for (const line of lines) expect(line).toMatch(/^[ -~]*$/);
	});

	it('uses ▀ with the top pixel as foreground and the bottom as background (truecolor)', () => {
		const lines = renderHalfBlocks(twoTone(4, 4), {columns: 4, rows: 2, mode: 'truecolor'});
		expect(lines[0]).toContain('\u001B[38;2;255;0;0;48;2;255;0;0m▀▀▀▀');
		expect(lines[1]).toContain('\u001B[38;2;0;0;255;48;2;0;0;255m▀▀▀▀');
		expect(lines[0]!.endsWith('\u001B[0m')).toBe(true);
	});

	it('maps to the 256-colour cube and grey ramp', () => {
		expect(ansi256([255, 0, 0])).toBe(196);
		expect(ansi256([0, 0, 255])).toBe(21);
		expect(ansi256([128, 128, 128])).toBe(244);
		const lines = renderHalfBlocks(twoTone(4, 4), {columns: 4, rows: 2, mode: 'ansi256'});
		expect(lines[0]).toContain('\u001B[38;5;196;48;5;196m');
	});

	it('keeps the aspect ratio and centres the picture', () => {
		// 640x480 in 40×40 cells: 40 columns wide → 30 pixel rows tall → 15 rows, centred.
		expect(fitCells(640, 480, 40, 40)).toEqual({cols: 40, rows: 15});
		const lines = renderHalfBlocks(twoTone(640, 480), {columns: 40, rows: 40, mode: 'plain'});
		expect(lines.slice(0, 12).every((l) => l.trim() === '')).toBe(true);
		expect(lines[12]!.trim()).not.toBe('');
	});

	it('prints paper light and ink dark in plain mode', () => {
		const grey = (v: number): Pixels => ({width: 2, height: 2, data: new Uint8Array(4).fill(v), channels: 1});
		expect(renderHalfBlocks(grey(255), {columns: 2, rows: 1, mode: 'plain'})[0]).toBe('  ');
		expect(renderHalfBlocks(grey(0), {columns: 2, rows: 1, mode: 'plain'})[0]).toBe('@@');
	});

	it('refuses an empty preview area', () => {
		expect(() => renderHalfBlocks(twoTone(4, 4), {columns: 0, rows: 2, mode: 'plain'})).toThrow(RangeError);
	});

	it('picks a mode from the environment', () => {
		expect(previewModeFor({COLORTERM: 'truecolor'}, true)).toBe('truecolor');
		expect(previewModeFor({TERM: 'xterm-256color'}, true)).toBe('ansi256');
		expect(previewModeFor({COLORTERM: 'truecolor', NO_COLOR: '1'}, true)).toBe('plain');
		expect(previewModeFor({COLORTERM: 'truecolor'}, false)).toBe('plain');
	});
});

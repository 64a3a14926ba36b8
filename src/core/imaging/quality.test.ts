import {describe, expect, it} from 'vitest';
import {assessQuality, laplacianVariance, meanLuma, sharpnessThresholdFor} from './quality.js';
import {lumaPlane, type Pixels} from './pixels.js';

/** A generated "page": light paper with dark text-like strokes (greyscale). */
function page(width: number, height: number, paper = 225, ink = 30): Pixels {
	const data = new Uint8Array(width * height).fill(paper);
	for (let y = 10; y < height - 10; y += 12) {
		for (let x = 10; x < width - 10; x++) {
			// Strokes of 2 px with gaps, like lines of characters.
			if ((x >> 2) % 3 !== 0) for (let dy = 0; dy < 2; dy++) data[(y + dy) * width + x] = ink;
		}
	}
	return {width, height, data, channels: 1};
}

function boxBlur(image: Pixels, radius: number): Pixels {
	const {width, height} = image;
	const src = image.data;
	const out = new Uint8Array(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let sum = 0;
			let n = 0;
			for (let dy = -radius; dy <= radius; dy++) {
				for (let dx = -radius; dx <= radius; dx++) {
					const yy = Math.min(height - 1, Math.max(0, y + dy));
					const xx = Math.min(width - 1, Math.max(0, x + dx));
					sum += src[yy * width + xx]!;
					n++;
				}
			}
			out[y * width + x] = Math.round(sum / n);
		}
	}
	return {width, height, data: out, channels: 1};
}

function scaled(image: Pixels, factor: number): Pixels {
	return {...image, data: image.data.map((v) => Math.round(v * factor))};
}

describe('capture quality', () => {
	const sharp = page(320, 240);
	const blurred = boxBlur(sharp, 3);
	const dark = scaled(sharp, 0.2);

	it('passes a sharp, well-lit page', () => {
		const q = assessQuality(sharp);
		expect(q.warnings).toEqual([]);
		expect(q.brightness).toBeGreaterThan(150);
	});

	it('flags the blurred page, which measures far softer than the sharp one', () => {
		const q = assessQuality(blurred);
		expect(q.warnings).toEqual(['blurred']);
		expect(q.sharpness).toBeLessThan(assessQuality(sharp).sharpness / 10);
	});

	it('flags the dark page as dark (not also as blurred)', () => {
		const q = assessQuality(dark);
		expect(q.warnings).toEqual(['dark']);
		expect(q.brightness).toBeLessThan(70);
	});

	it('flags a washed-out page', () => {
		const white = {width: 64, height: 48, data: new Uint8Array(64 * 48).fill(252), channels: 1 as const};
		expect(assessQuality(white).warnings).toContain('overexposed');
	});

	it('reads RGBA the same as greyscale', () => {
		const rgba = new Uint8Array(sharp.data.length * 4);
		sharp.data.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
		const a = assessQuality({width: sharp.width, height: sharp.height, data: rgba});
		const b = assessQuality(sharp);
		expect(a.brightness).toBeCloseTo(b.brightness, 3);
		expect(a.sharpness).toBeCloseTo(b.sharpness, 1);
	});

	it('has zero Laplacian variance on a flat image and the mean luma of its value', () => {
		const flat = lumaPlane({width: 10, height: 10, data: new Uint8Array(100).fill(90), channels: 1});
		expect(laplacianVariance(flat, 10, 10)).toBe(0);
		expect(meanLuma(flat)).toBe(90);
	});

	it('raises the sharpness threshold for smaller images', () => {
		expect(sharpnessThresholdFor(640, 300)).toBe(300);
		expect(sharpnessThresholdFor(160, 300)).toBe(600);
	});

	it('honours custom thresholds', () => {
		expect(assessQuality(sharp, {minBrightness: 240}).warnings).toContain('dark');
	});
});

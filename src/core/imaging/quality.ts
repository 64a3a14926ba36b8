/**
 * Is a captured page good enough to keep? Two measures on the luma plane:
 * - brightness: mean luma (0–255). A page lit by the desk lamp sits around 150–230; below
 *   `minBrightness` it is flagged dark, above `maxBrightness` washed out.
 * - sharpness: variance of the 4-neighbour Laplacian. Text edges give a large variance; an
 *   out-of-focus page a small one. The Laplacian grows as an image is scaled down (edges get
 *   steeper per pixel), so the threshold is given for 640 px wide and raised for smaller widths.
 * Pure: pixels in, numbers and warning codes out (the caller words them).
 */
import {lumaPlane, type Pixels} from './pixels.js';

type QualityWarning = 'dark' | 'overexposed' | 'blurred';

export interface QualityThresholds {
	/** Mean luma below this is dark. Default 70. */
	minBrightness: number;
	/** Mean luma above this is washed out. Default 240. */
	maxBrightness: number;
	/** Laplacian variance below this (for a 640-px-wide image) is blurred. Default 300. */
	minSharpness640: number;
}

const DEFAULT_QUALITY_THRESHOLDS: Readonly<QualityThresholds> = {minBrightness: 70, maxBrightness: 240, minSharpness640: 300};

export interface QualityReport {
	/** Mean luma, 0–255. */
	brightness: number;
	/** Variance of the Laplacian of luma. */
	sharpness: number;
	/** The sharpness threshold applied at this width. */
	sharpnessThreshold: number;
	warnings: QualityWarning[];
}

export function meanLuma(luma: Float32Array): number {
	let sum = 0;
	for (let i = 0; i < luma.length; i++) sum += luma[i]!;
	return luma.length === 0 ? 0 : sum / luma.length;
}

/** Variance of the Laplacian (0 1 0 / 1 -4 1 / 0 1 0) over the interior pixels. */
export function laplacianVariance(luma: Float32Array, width: number, height: number): number {
	if (width < 3 || height < 3) return 0;
	let sum = 0;
	let sumSq = 0;
	let n = 0;
	for (let y = 1; y < height - 1; y++) {
		const row = y * width;
		for (let x = 1; x < width - 1; x++) {
			const i = row + x;
			const v = luma[i - width]! + luma[i + width]! + luma[i - 1]! + luma[i + 1]! - 4 * luma[i]!;
			sum += v;
			sumSq += v * v;
			n++;
		}
	}
	const mean = sum / n;
	return sumSq / n - mean * mean;
}

/**
 * Sharpness threshold at `width`: the 640-px value, raised for the steeper edges of smaller
 * images (by the square root of the scale: measured on the generated pages, sharp text stays
 * above 1600 at 160 px while the blurred page reaches 270).
 */
export function sharpnessThresholdFor(width: number, minSharpness640: number): number {
	return minSharpness640 * Math.sqrt(Math.max(1, 640 / Math.max(1, width)));
}

export function assessQuality(image: Pixels, thresholds: Partial<QualityThresholds> = {}): QualityReport {
	const t = {...DEFAULT_QUALITY_THRESHOLDS, ...thresholds};
	const luma = lumaPlane(image);
	const brightness = meanLuma(luma);
	const sharpness = laplacianVariance(luma, image.width, image.height);
	const sharpnessThreshold = sharpnessThresholdFor(image.width, t.minSharpness640);
	const warnings: QualityWarning[] = [];
	if (brightness < t.minBrightness) warnings.push('dark');
	else if (brightness > t.maxBrightness) warnings.push('overexposed');
	// A dark page also measures soft (little contrast); only call it blurred when it is lit.
	if (sharpness < sharpnessThreshold && brightness >= t.minBrightness) warnings.push('blurred');
	return {brightness, sharpness, sharpnessThreshold, warnings};
}

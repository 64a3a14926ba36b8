/**
 * Decoded pixels as the imaging functions take them: RGBA (4 channels, like jpeg-js gives),
 * RGB (3) or greyscale (1), row by row without padding.
 */
export interface Pixels {
	width: number;
	height: number;
	data: Uint8Array | Uint8ClampedArray;
	/** Bytes per pixel. Default: inferred from data.length / (width × height). */
	channels?: 1 | 3 | 4;
}

export function channelsOf(image: Pixels): 1 | 3 | 4 {
	if (image.channels) return image.channels;
	const per = image.data.length / (image.width * image.height);
	if (per === 1 || per === 3 || per === 4) return per;
	throw new RangeError(`pixel data of ${image.data.length} bytes does not fit ${image.width}x${image.height} with 1, 3 or 4 channels`);
}

/** Luma (ITU-R BT.601) of every pixel, 0–255. */
export function lumaPlane(image: Pixels): Float32Array {
	const channels = channelsOf(image);
	const n = image.width * image.height;
	const out = new Float32Array(n);
	const d = image.data;
	if (channels === 1) {
		for (let i = 0; i < n; i++) out[i] = d[i]!;
		return out;
	}
	for (let i = 0, p = 0; i < n; i++, p += channels) out[i] = 0.299 * d[p]! + 0.587 * d[p + 1]! + 0.114 * d[p + 2]!;
	return out;
}

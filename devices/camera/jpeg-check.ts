/**
 * Whole-image verification. VC0706 data chunks carry no checksum, so a capture is only accepted
 * when the assembled bytes have the reported length, start with SOI (FF D8), end with EOI
 * (FF D9), have a sound marker structure (segment lengths inside the file, a frame header, a
 * scan, no marker other than restarts inside entropy-coded data, no EOI before the end) and
 * decode with jpeg-js to the size the frame header announces.
 */
import jpeg from 'jpeg-js';
import {corruptedImage} from './errors.js';
import {reason} from '../../src/core/reasons.js';

export interface DecodedImage {
	width: number;
	height: number;
	/** RGBA, 4 bytes per pixel. */
	data: Uint8Array;
}

export interface JpegCheckOptions {
	/** The length the camera reported for the frame. */
	expectedLength: number;
	/** Width and height the image must have (the size asked for), when known. */
	expectedSize?: {width: number; height: number};
}

/** Frame header (SOF0–SOF15 except DHT/JPG/DAC) markers. */
function isFrameHeader(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Walks the markers; returns the frame size from SOF. Throws a corruptedImage error on any fault. */
export function checkJpegStructure(bytes: Buffer): {width: number; height: number} {
	if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw corruptedImage(reason('reason_jpeg_no_start'), {length: bytes.length});
	if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9) throw corruptedImage(reason('reason_jpeg_no_end'));
	let offset = 2;
	let size: {width: number; height: number} | undefined;
	let scans = 0;
	while (offset < bytes.length) {
		if (bytes[offset] !== 0xff) throw corruptedImage(reason('reason_jpeg_no_marker', {offset}));
		let marker = bytes[offset + 1]!;
		// Fill bytes (FF FF …) may precede a marker.
		while (marker === 0xff && offset + 2 < bytes.length) marker = bytes[++offset + 1]!;
		offset += 2;
		if (marker === 0xd9) {
			if (offset !== bytes.length) throw corruptedImage(reason('reason_jpeg_early_end', {offset: offset - 2}));
			if (!size) throw corruptedImage(reason('reason_jpeg_no_frame'));
			if (scans === 0) throw corruptedImage(reason('reason_jpeg_no_scan'));
			return size;
		}
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
		if (offset + 2 > bytes.length) throw corruptedImage(reason('reason_jpeg_segment_cut'));
		const length = bytes.readUInt16BE(offset);
		if (length < 2 || offset + length > bytes.length) throw corruptedImage(reason('reason_jpeg_segment_long', {marker: `FF${marker.toString(16).toUpperCase()}`, length}));
		if (isFrameHeader(marker)) {
			if (length < 8) throw corruptedImage(reason('reason_jpeg_frame_short'));
			size = {height: bytes.readUInt16BE(offset + 3), width: bytes.readUInt16BE(offset + 5)};
			if (size.width === 0 || size.height === 0) throw corruptedImage(reason('reason_jpeg_frame_zero'));
		}
		offset += length;
		if (marker === 0xda) {
			scans++;
			// Entropy-coded data: FF must be followed by 00 (stuffing) or a restart marker.
			for (;;) {
				const ff = bytes.indexOf(0xff, offset);
				if (ff < 0 || ff + 1 >= bytes.length) throw corruptedImage(reason('reason_jpeg_scan_long'));
				const next = bytes[ff + 1]!;
				if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
					offset = ff + 2;
					continue;
				}
				if (next === 0xff) {
					offset = ff + 1;
					continue;
				}
				offset = ff;
				break;
			}
		}
	}
	throw corruptedImage(reason('reason_jpeg_no_end'));
}

/** Full check: length, markers, structure, decode. Returns the decoded pixels. */
export function verifyJpeg(bytes: Buffer, options: JpegCheckOptions): DecodedImage {
	if (bytes.length !== options.expectedLength) {
		throw corruptedImage(reason('reason_jpeg_length', {got: bytes.length, expected: options.expectedLength}), {length: bytes.length, expected: options.expectedLength});
	}
	const size = checkJpegStructure(bytes);
	const want = options.expectedSize;
	if (want && (size.width !== want.width || size.height !== want.height)) {
		throw corruptedImage(reason('reason_jpeg_size', {got: `${size.width}x${size.height}`, expected: `${want.width}x${want.height}`}));
	}
	let decoded: {width: number; height: number; data: Uint8Array};
	try {
		decoded = jpeg.decode(bytes, {useTArray: true, formatAsRGBA: true, tolerantDecoding: false, maxMemoryUsageInMB: 64, maxResolutionInMP: 16});
	} catch (error) {
		throw corruptedImage(reason('reason_jpeg_decode'), {detail: error instanceof Error ? error.message : String(error)});
	}
	if (decoded.width !== size.width || decoded.height !== size.height) throw corruptedImage(reason('reason_jpeg_decoded_size'));
	return {width: decoded.width, height: decoded.height, data: decoded.data};
}

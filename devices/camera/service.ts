/**
 * What a capture screen needs from the camera, without ports or bytes: `capture({size,
 * onProgress})` gives the verified JPEG, its SHA-256, its size and a quality report (brightness,
 * sharpness, warnings). The decoded pixels come along so a preview (src/core/imaging/halfblock)
 * needs no second decode. One capture at a time; UI-agnostic.
 */
import {createHash} from 'node:crypto';
import {assessQuality, type QualityReport, type QualityThresholds} from '../../src/core/imaging/quality.js';
import type {Pixels} from '../../src/core/imaging/pixels.js';
import type {CaptureStats, RawCapture, Vc0706Camera} from './driver.js';
import type {ImageSize} from './protocol.js';

interface CaptureRequest {
	size?: ImageSize;
	onProgress?: (bytes: number, total: number) => void;
	/** The clerk gave the capture up: the driver stops reading at the next chunk (CaptureOptions.signal). */
	signal?: AbortSignal;
}

export interface CaptureResult {
	jpeg: Buffer;
	sha256: string;
	width: number;
	height: number;
	quality: QualityReport;
	/** Decoded RGBA pixels (for previews). */
	pixels: Pixels;
	stats: CaptureStats;
	elapsedMs: number;
	/**
	 * 'behind' mode: this result is the first read (for the preview); the verified picture comes
	 * here once the comparing read is done (a CameraError when no two reads of a chunk agreed).
	 * Absent in the other modes: the result is already the verified one.
	 */
	verification?: Promise<VerifiedResult>;
}

interface VerifiedResult {
	result: CaptureResult;
	/** Chunks whose two reads differed and were read a third time. */
	differed: number;
}

export interface CameraService {
	capture(request?: CaptureRequest): Promise<CaptureResult>;
	close(): Promise<void>;
}

export interface CameraServiceOptions {
	/** Returns the driver (opened lazily by its first command). */
	camera: Vc0706Camera;
	/** Size used when a request names none. Default 640x480. */
	defaultSize?: ImageSize;
	thresholds?: Partial<QualityThresholds>;
}

function sha256Hex(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}

export function createCameraService(options: CameraServiceOptions): CameraService {
	const camera = options.camera;
	return {
		async capture(request = {}) {
			const size = request.size ?? options.defaultSize ?? '640x480';
			if (camera.verify === 'behind') {
				const {preview, verified} = await camera.captureBehind({size, onProgress: request.onProgress, ...(request.signal ? {signal: request.signal} : {})});
				const result = resultOf(preview, options.thresholds);
				// The verified bytes are the preview's unless a chunk was decided by a third read.
				const verification = verified.then(({capture, differed}) => ({
					result: capture.jpeg.equals(preview.jpeg) ? {...result, stats: capture.stats, elapsedMs: capture.elapsedMs} : resultOf(capture, options.thresholds),
					differed,
				}));
				return {...result, verification};
			}
			return resultOf(await camera.capture({size, onProgress: request.onProgress, ...(request.signal ? {signal: request.signal} : {})}), options.thresholds);
		},
		close: () => camera.close(),
	};
}

function resultOf(raw: RawCapture, thresholds: Partial<QualityThresholds> | undefined): CaptureResult {
	const pixels: Pixels = {width: raw.image.width, height: raw.image.height, data: raw.image.data, channels: 4};
	return {
		jpeg: raw.jpeg,
		sha256: sha256Hex(raw.jpeg),
		width: raw.image.width,
		height: raw.image.height,
		quality: assessQuality(pixels, thresholds),
		pixels,
		stats: raw.stats,
		elapsedMs: raw.elapsedMs,
	};
}

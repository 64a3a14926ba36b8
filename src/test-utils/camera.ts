/**
 * A scripted document camera for console tests: each capture() waits until the test settles it
 * (progress, then a picture or an error), so the progress bar, the preview and the error screen
 * can each be looked at; nothing sleeps. Pictures are small synthetic pages (light paper with
 * dark text bars) with the quality report the test asks for.
 */
import {createHash} from 'node:crypto';
import type {CameraPort, CapturedImage} from '../ui/services.js';
import {corruptedImage, timeout as cameraTimeout} from '../../devices/camera/errors.js';
import {reason} from '../core/reasons.js';

export function testImage(options: {warnings?: string[]; seed?: number; width?: number; height?: number} = {}): CapturedImage {
	const width = options.width ?? 64;
	const height = options.height ?? 48;
	const data = new Uint8Array(width * height * 4);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const ink = y % 8 < 2 && x > 6 && x < width - 6;
			const v = ink ? 30 : 230;
			const p = (y * width + x) * 4;
			data[p] = v;
			data[p + 1] = v;
			data[p + 2] = v;
			data[p + 3] = 255;
		}
	}
	const jpeg = Buffer.from([0xff, 0xd8, options.seed ?? 1, width, height, 0xff, 0xd9]);
	return {
		jpeg,
		sha256: createHash('sha256').update(jpeg).digest('hex'),
		width,
		height,
		quality: {brightness: options.warnings?.includes('dark') ? 20 : 180, sharpness: options.warnings?.includes('blurred') ? 2 : 40, warnings: options.warnings ?? []},
		pixels: {width, height, data, channels: 4},
	};
}

interface Pending {
	progress(bytes: number, total: number): void;
	resolve(image: CapturedImage): void;
	reject(error: unknown): void;
}

export function fakeCamera(options: {pages?: string[]} = {}) {
	const pending: Pending[] = [];
	let page = options.pages?.[0] ?? '';
	const pageListeners = new Set<() => void>();
	const camera: CameraPort & {pending: Pending[]; captures: number; last(): Pending} = {
		pending,
		captures: 0,
		last() {
			const p = pending.at(-1);
			if (!p) throw new Error('no capture started');
			return p;
		},
		capture({onProgress}) {
			camera.captures++;
			return new Promise<CapturedImage>((resolve, reject) => {
				pending.push({progress: (bytes, total) => onProgress?.(bytes, total), resolve, reject});
			});
		},
		...(options.pages
			? {
					pages: () => options.pages!,
					page: () => page,
					setPage: (name: string) => {
						page = name;
						for (const listener of pageListeners) listener();
					},
					onPageChange: (listener: () => void) => {
						pageListeners.add(listener);
						return () => void pageListeners.delete(listener);
					},
				}
			: {}),
	};
	return camera;
}

/** A camera failure as devices/camera/errors.ts raises it: a code and messages in both languages. */
/** The camera's failures as its driver raises them (devices/camera/errors.ts). */
export const cameraFailure = {
	timeout: () => cameraTimeout('freeze frame', 3000, '/dev/ttyDEMO-CAM'),
	corrupted: () => corruptedImage(reason('reason_jpeg_no_end')),
};

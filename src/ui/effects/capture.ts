/**
 * One capture through the camera port, shared by the materials step and the return trips: the
 * progress bar updated at most PROGRESS_INTERVAL_MS apart, then the picture for review or the
 * camera's failure (bilingual). `current()` is false once the clerk gave up on this capture
 * (another capture started, discarded): nothing more is drawn for it.
 */
import {problemOf} from '../problem.js';
import type {ConsoleServices} from '../services.js';
import type {CaptureState} from '../state/case.js';

/**
 * At most 10 progress redraws a second: each one repaints the whole frame
 * (docs/architecture.md#flicker-at-full-height).
 */
const PROGRESS_INTERVAL_MS = 100;

export async function runCapture(services: ConsoleServices, materialCode: string, patch: (patch: Partial<CaptureState>) => void, current: () => boolean): Promise<void> {
	const camera = services.camera;
	if (!camera) return;
	patch({materialCode, status: 'running', bytes: 0, total: 0, image: undefined, error: undefined});
	let lastDrawn = Number.NEGATIVE_INFINITY;
	const onProgress = (bytes: number, total: number) => {
		if (!current()) return;
		const now = services.clock.now().getTime();
		if (bytes < total && now - lastDrawn < PROGRESS_INTERVAL_MS) return;
		lastDrawn = now;
		patch({bytes, total});
	};
	try {
		const image = await camera.capture({onProgress});
		if (current()) patch({status: 'review', image, bytes: image.jpeg.length, total: image.jpeg.length});
	} catch (error) {
		if (current()) patch({status: 'error', error: problemOf(error)});
	}
}

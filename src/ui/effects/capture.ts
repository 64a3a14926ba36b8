/**
 * One capture through the camera port, shared by the materials step and the return trips: the
 * progress bar updated at most PROGRESS_INTERVAL_MS apart, then the picture for review or the
 * camera's failure (bilingual). `current()` is false once the clerk gave up on this capture
 * (another capture started, discarded): nothing more is drawn for it.
 *
 * With the comparing read behind the preview (setting cameraVerify 'behind') the picture of the
 * first read is drawn at once with `verifying` set; once the second read agrees (chunks that
 * differed read a third time) `image` becomes the verified picture, or the capture fails and
 * nothing can be kept. Keeping waits for `verifying` (waitForVerified).
 */
import {problemOf} from '../problem.js';
import type {ConsoleServices} from '../services.js';
import type {CaptureState} from '../state/case.js';

/**
 * At most 10 progress redraws a second: each one repaints the whole frame
 * (docs/architecture.md#flicker-at-full-height).
 */
const PROGRESS_INTERVAL_MS = 100;

export async function runCapture(services: ConsoleServices, materialCode: string, patch: (patch: Partial<CaptureState>) => void, current: () => boolean, signal?: AbortSignal): Promise<void> {
	const camera = services.camera;
	if (!camera) return;
	patch({materialCode, status: 'running', bytes: 0, total: 0, image: undefined, error: undefined, verifying: undefined, keepWhenVerified: undefined, differed: undefined});
	let lastDrawn = Number.NEGATIVE_INFINITY;
	const onProgress = (bytes: number, total: number) => {
		if (!current()) return;
		const now = services.clock.now().getTime();
		if (bytes < total && now - lastDrawn < PROGRESS_INTERVAL_MS) return;
		lastDrawn = now;
		patch({bytes, total});
	};
	try {
		const image = await camera.capture({onProgress, ...(signal ? {signal} : {})});
		const verification = image.verification;
		if (!verification) {
			if (current()) patch({status: 'review', image, bytes: image.jpeg.length, total: image.jpeg.length});
			return;
		}
		// The verification's own deadlines are the driver's (one per chunk read).
		const verifying = verification.then(
			({result, differed}) => {
				if (current()) patch({image: result, verifying: undefined, differed, bytes: result.jpeg.length, total: result.jpeg.length});
			},
			(error: unknown) => {
				if (current()) patch({status: 'error', image: undefined, verifying: undefined, keepWhenVerified: undefined, error: problemOf(error)});
			},
		);
		if (current()) patch({status: 'review', image, verifying, bytes: image.jpeg.length, total: image.jpeg.length});
		await verifying;
	} catch (error) {
		if (current()) patch({status: 'error', error: problemOf(error)});
	}
}

/**
 * Before keeping: when the picture on screen is still being verified, marks it to be kept and
 * waits for the verification. Returns the capture to keep (the verified picture) or undefined
 * when there is nothing to keep any more (verification failed, capture discarded or retaken).
 */
export async function waitForVerified(shot: CaptureState, patch: (patch: Partial<CaptureState>) => void, now: () => CaptureState | undefined): Promise<CaptureState | undefined> {
	if (!shot.verifying) return shot;
	if (shot.keepWhenVerified) return undefined;
	patch({keepWhenVerified: true});
	await shot.verifying;
	const after = now();
	if (!after || !after.keepWhenVerified || after.verifying || after.status !== 'review' || !after.image) return undefined;
	return after;
}

/**
 * Property: whatever faults the emulated camera injects, a capture either returns exactly the
 * bytes in the camera's buffer or fails with a typed camera error — never a corrupted image.
 * 'behind' mode: the verified picture (the one ever kept) obeys the same; the preview may be
 * the first read, and the camera is resumed once the verification ends either way.
 */
import fc from 'fast-check';
import {afterEach, describe, expect, it} from 'vitest';
import type {CameraFault} from '../../mocks/devices/camera-emulator.js';
import {createCameraHarness} from '../../mocks/devices/camera-harness.js';
import {MockBinding} from '../../mocks/devices/mock-port.js';
import {Vc0706Camera, type VerifyMode} from './driver.js';
import {CameraError} from './errors.js';

afterEach(() => MockBinding.reset());

async function captureWith(faults: CameraFault[], verify: VerifyMode) {
	const harness = createCameraHarness({page: 'hukou', size: '160x120', baudRate: 0, faults}, '/dev/ttyCAMPROP');
	const camera = new Vc0706Camera({path: harness.path, opener: harness.opener, baudRate: 115200, chunkSize: 512, verify, timeouts: {commandMs: 100, chunkMarginMs: 20}});
	try {
		// 'behind': the verified picture, after the preview (capture() waits for the verification).
		const result = await camera.capture({size: '160x120'}).then(
			(r) => ({ok: true as const, jpeg: r.jpeg}),
			(e: unknown) => ({ok: false as const, error: e}),
		);
		return {result, expected: harness.emulator.expectedFrame(), frozenAfter: harness.emulator.isFrozen};
	} finally {
		await camera.close();
		MockBinding.reset();
	}
}

const at = fc.integer({min: 1, max: 14});
const transient = (kinds: Array<'timeout' | 'short' | 'corrupt'>) => fc.array(fc.record({kind: fc.constantFrom(...kinds), at}), {maxLength: 5});

describe('capture under random fault schedules', () => {
	it("'decode' mode: timeouts and short chunks are re-read; the result is exact or a typed error", async () => {
		await fc.assert(
			fc.asyncProperty(transient(['timeout', 'short']), async (faults) => {
				const {result, expected, frozenAfter} = await captureWith(faults, 'decode');
				if (result.ok) expect(result.jpeg.equals(expected)).toBe(true);
				else {
					expect(result.error).toBeInstanceOf(CameraError);
					expect(['camera_timeout', 'camera_bad_reply']).toContain((result.error as CameraError).code);
				}
				// A schedule that hits no chunk more than 3 times in a row (4 attempts) must succeed.
				if (new Set(faults.map((f) => f.at)).size === faults.length && faults.length <= 3) expect(result.ok).toBe(true);
				expect(frozenAfter).toBe(false);
			}),
			{numRuns: 20},
		);
	});

	it.each(['reread', 'behind'] as const)("'%s' mode: line noise too is caught and corrected; never a corrupted image", async (verify) => {
		await fc.assert(
			fc.asyncProperty(transient(['timeout', 'short', 'corrupt']), async (faults) => {
				const {result, expected, frozenAfter} = await captureWith(faults, verify);
				if (result.ok) expect(result.jpeg.equals(expected)).toBe(true);
				else expect(result.error).toBeInstanceOf(CameraError);
				if (new Set(faults.map((f) => f.at)).size === faults.length && faults.length <= 2) expect(result.ok).toBe(true);
				expect(frozenAfter).toBe(false);
			}),
			// Found by a run (seed -2023259301): both first reads of chunk 0 corrupted ('behind' read it only three times).
			{numRuns: 20, examples: [[[{kind: 'corrupt', at: 1}, {kind: 'corrupt', at: 10}]]]},
		);
	});

	it('an unplug at any chunk is reported as the port gone; a broken frame as a corrupted image', async () => {
		await fc.assert(
			fc.asyncProperty(at, fc.constantFrom<VerifyMode>('decode', 'reread', 'behind'), async (n, verify) => {
				const unplugged = await captureWith([{kind: 'unplug', at: n}], verify);
				// The page needs 9 chunks (18 reads when re-read): an unplug later than that never fires.
				const reads = verify === 'decode' ? 9 : 18;
				if (n <= reads) expect(unplugged.result).toMatchObject({ok: false, error: {code: 'camera_port_gone'}});
				else expect(unplugged.result.ok).toBe(true);
				const broken = await captureWith([{kind: 'broken-frame'}], verify);
				expect(broken.result).toMatchObject({ok: false, error: {code: 'camera_corrupted_image'}});
			}),
			{numRuns: 12},
		);
	});
});

import {createHash} from 'node:crypto';
import {afterEach, describe, expect, it} from 'vitest';
import {createCameraHarness} from '../../mocks/devices/camera-harness.js';
import {MockBinding} from '../../mocks/devices/mock-port.js';
import type {PageName} from '../../mocks/devices/camera-pages.js';
import {renderHalfBlocks, visibleLength} from '../../src/core/imaging/halfblock.js';
import {Vc0706Camera} from './driver.js';
import {createCameraService} from './service.js';

afterEach(() => MockBinding.reset());

function service(page: PageName) {
	const harness = createCameraHarness({page, baudRate: 0});
	const camera = new Vc0706Camera({path: harness.path, opener: harness.opener, baudRate: 115200, chunkSize: 4096});
	return {harness, service: createCameraService({camera})};
}

describe('camera service on the generated pages', () => {
	it.each([
		['application', '640x480', []],
		['hukou', '320x240', []],
		['certificate', '160x120', []],
		['blurred', '640x480', ['blurred']],
		['blurred', '160x120', ['blurred']],
		['dark', '320x240', ['dark']],
	] as const)('%s at %s → warnings %j', async (page, size, warnings) => {
		const {harness, service: s} = service(page);
		const progress: number[] = [];
		try {
			const r = await s.capture({size, onProgress: (bytes) => progress.push(bytes)});
			const [w, h] = size.split('x').map(Number);
			expect(r).toMatchObject({width: w, height: h});
			expect(r.jpeg.equals(harness.emulator.expectedFrame())).toBe(true);
			expect(r.sha256).toBe(createHash('sha256').update(r.jpeg).digest('hex'));
			expect(r.quality.warnings).toEqual(warnings);
			expect(progress.at(-1)).toBe(r.jpeg.length);
			for (const line of renderHalfBlocks(r.pixels, {columns: 48, rows: 12, mode: 'truecolor'})) expect(visibleLength(line)).toBe(48);
		} finally {
			await s.close();
		}
	});

	it('a sharp page measures sharper than its blurred capture, and brighter than the dark one', async () => {
		const shots = [];
		for (const page of ['application', 'blurred', 'dark'] as const) {
			const {service: s} = service(page);
			shots.push((await s.capture({size: '320x240'})).quality);
			await s.close();
			MockBinding.reset();
		}
		const [sharp, blurred, dark] = shots;
		expect(sharp!.sharpness).toBeGreaterThan(10 * blurred!.sharpness);
		expect(sharp!.brightness).toBeGreaterThan(2 * dark!.brightness);
	});
});

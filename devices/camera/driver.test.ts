import {afterEach, describe, expect, it} from 'vitest';
import {createCameraHarness} from '../../mocks/devices/camera-harness.js';
import type {CameraEmulator, CameraEmulatorOptions} from '../../mocks/devices/camera-emulator.js';
import {MockBinding, type MockDeviceHarness} from '../../mocks/devices/mock-port.js';
import {Vc0706Camera, type CameraOptions} from './driver.js';
import {CameraError} from './errors.js';
import {hex} from './protocol.js';
import {errorText} from '../../src/i18n/errors.js';

let camera: Vc0706Camera | undefined;

afterEach(async () => {
	await camera?.close();
	camera = undefined;
	MockBinding.reset();
});

/** Unpaced emulator (baud 0) for speed; deadlines stay short so timeouts resolve quickly. */
function setup(emu: CameraEmulatorOptions = {}, opts: Partial<CameraOptions> = {}): {harness: MockDeviceHarness<CameraEmulator>; camera: Vc0706Camera} {
	const harness = createCameraHarness({baudRate: 0, ...emu});
	camera = new Vc0706Camera({path: harness.path, opener: harness.opener, baudRate: 115200, chunkSize: 1024, timeouts: {commandMs: 200, chunkMarginMs: 60}, ...opts});
	return {harness, camera};
}

describe('Vc0706Camera commands over the mock binding', () => {
	it('reads the version text and sends the documented request bytes', async () => {
		const {harness, camera} = setup();
		await expect(camera.version()).resolves.toBe('VC0703 1.00');
		expect(hex(harness.emulator.received[0]!)).toBe('56 00 11 00');
	});

	it('resets and waits for the boot text to end', async () => {
		const {harness, camera} = setup();
		await camera.reset();
		expect(hex(harness.emulator.received[0]!)).toBe('56 00 26 00');
		// The next command is not confused by the boot text.
		await expect(camera.version()).resolves.toBe('VC0703 1.00');
	});

	it.each([
		['640x480', '56 00 31 05 04 01 00 19 00'],
		['320x240', '56 00 31 05 04 01 00 19 11'],
		['160x120', '56 00 31 05 04 01 00 19 22'],
	] as const)('sets image size %s with %s and reads it back', async (size, bytes) => {
		const {harness, camera} = setup();
		await camera.setImageSize(size);
		expect(hex(harness.emulator.received[0]!)).toBe(bytes);
		expect(harness.emulator.size).toBe(size);
		await expect(camera.getImageSize()).resolves.toBe(size);
		expect(hex(harness.emulator.received[1]!)).toBe('56 00 30 04 04 01 00 19');
	});

	it('sets the compression ratio', async () => {
		const {harness, camera} = setup();
		await camera.setCompression(0x36);
		expect(hex(harness.emulator.received[0]!)).toBe('56 00 31 05 01 01 12 04 36');
		expect(harness.emulator.compression).toBe(0x36);
	});

	it('freezes, reports the frame length big-endian, reads at an address and resumes', async () => {
		const {harness, camera} = setup({page: 'hukou', size: '160x120'});
		await camera.freeze();
		const length = await camera.frameLength();
		const expected = harness.emulator.expectedFrame();
		expect(length).toBe(expected.length);
		const chunk = await camera.readChunk(16, 32);
		expect(chunk.equals(expected.subarray(16, 48))).toBe(true);
		const read = harness.emulator.received[2]!;
		expect(hex(read)).toBe('56 00 32 0C 00 0A 00 00 00 10 00 00 00 20 00 0A');
		await camera.resume();
		expect(hex(harness.emulator.received[3]!)).toBe('56 00 36 01 03');
		expect(harness.emulator.isFrozen).toBe(false);
	});

	it('switches the baud rate and keeps talking at the new rate', async () => {
		const {harness, camera} = setup({baudRate: 38400}, {baudRate: 38400});
		await camera.setBaud(115200);
		expect(hex(harness.emulator.received[0]!)).toBe('56 00 24 03 01 0D A6');
		expect(camera.baudRate).toBe(115200);
		expect(harness.opens).toBe(2);
		await expect(camera.version()).resolves.toBe('VC0703 1.00');
		expect(harness.emulator.baudRate).toBe(115200);
	});

	it('reports a refused command with its status byte', async () => {
		const {camera} = setup();
		// Frame length without a frozen frame: the emulator answers status 04 (cannot execute now).
		await expect(camera.frameLength()).rejects.toMatchObject({code: 'camera_status', details: {status: 4}});
	});

	it('times out with a typed error when the camera stays silent', async () => {
		const {camera} = setup({faults: [{kind: 'no-reply'}]});
		const error = await camera.version().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(CameraError);
		expect(error).toMatchObject({code: 'camera_timeout', exitCode: 4});
		expect(errorText((error as CameraError), 'en')).toMatch(/did not answer within 200 ms/);
	});

	it('reports no camera when the port cannot be opened', async () => {
		const harness = createCameraHarness({baudRate: 0});
		camera = new Vc0706Camera({path: '/dev/ttyNOPE', opener: harness.opener});
		await expect(camera.version()).rejects.toMatchObject({code: 'camera_not_found'});
	});
});

describe('capture', () => {
	it.each(['640x480', '320x240', '160x120'] as const)('captures %s byte-identical to the camera buffer and resumes', async (size) => {
		const {harness, camera} = setup({page: 'certificate'}, {chunkSize: 1024});
		const progress: Array<[number, number]> = [];
		const result = await camera.capture({size, onProgress: (b, t) => progress.push([b, t])});
		const expected = harness.emulator.expectedFrame();
		expect(result.jpeg.equals(expected)).toBe(true);
		const [w, h] = size.split('x').map(Number);
		expect(result.image).toMatchObject({width: w, height: h});
		expect(progress.at(-1)).toEqual([expected.length, expected.length]);
		expect(result.stats.chunks).toBe(Math.ceil(expected.length / 1024));
		expect(harness.emulator.isFrozen).toBe(false);
	});

	it('re-reads a chunk that timed out at the same address', async () => {
		const {harness, camera} = setup({page: 'application', size: '320x240', faults: [{kind: 'timeout', at: 3}]});
		const rereads: number[] = [];
		camera.on('reread', (address) => rereads.push(address));
		const result = await camera.capture();
		expect(result.jpeg.equals(harness.emulator.expectedFrame())).toBe(true);
		expect(result.stats).toMatchObject({timeouts: 1, rereads: 1});
		expect(rereads).toEqual([2 * 1024]);
	});

	it('re-reads a chunk that came back short', async () => {
		const {harness, camera} = setup({page: 'application', size: '320x240', faults: [{kind: 'short', at: 2}]});
		const result = await camera.capture();
		expect(result.jpeg.equals(harness.emulator.expectedFrame())).toBe(true);
		expect(result.stats).toMatchObject({shortChunks: 1, rereads: 1});
	});

	it('gives up with a timeout error after the configured attempts, and still resumes', async () => {
		const {harness, camera} = setup({size: '160x120', faults: [{kind: 'timeout'}]}, {chunkAttempts: 2});
		await expect(camera.capture()).rejects.toMatchObject({code: 'camera_timeout', details: {attempts: 2}});
		expect(harness.emulator.reads).toBe(2);
		expect(harness.emulator.isFrozen).toBe(false);
	});

	it('refuses a frame that is cut off inside the camera', async () => {
		const {camera} = setup({size: '160x120', faults: [{kind: 'broken-frame'}]});
		await expect(camera.capture()).rejects.toMatchObject({code: 'camera_corrupted_image'});
	});

	it("'reread' verification catches line noise that the decoder would miss", async () => {
		const {harness, camera} = setup({page: 'application', size: '320x240', faults: [{kind: 'corrupt', at: 1}]}, {verify: 'reread'});
		const result = await camera.capture();
		expect(result.jpeg.equals(harness.emulator.expectedFrame())).toBe(true);
		expect(result.stats.mismatches).toBe(1);
	});

	describe("'behind' verification", () => {
		const reads = (harness: MockDeviceHarness<CameraEmulator>) => harness.emulator.received.filter((r) => r[2] === 0x32).length;
		const chunksOf = (harness: MockDeviceHarness<CameraEmulator>) => Math.ceil(harness.emulator.expectedFrame().length / 1024);

		it('gives the preview after one read of every chunk, then verifies with a second read while the frame stays frozen', async () => {
			const {harness, camera} = setup({page: 'application', size: '320x240'}, {verify: 'behind'});
			const {preview, verified} = await camera.captureBehind({size: '320x240'});
			const chunks = chunksOf(harness);
			expect(reads(harness)).toBe(chunks);
			expect(harness.emulator.isFrozen).toBe(true);
			expect(preview.jpeg.equals(harness.emulator.expectedFrame())).toBe(true);
			const {capture, differed} = await verified;
			expect(differed).toBe(0);
			expect(capture.jpeg.equals(harness.emulator.expectedFrame())).toBe(true);
			expect(reads(harness)).toBe(2 * chunks);
			expect(harness.emulator.isFrozen).toBe(false);
		});

		it('a check given up (the signal aborted) stops at the next chunk, resumes the camera, and the next capture goes at once', async () => {
			const {harness, camera} = setup({page: 'application', size: '320x240'}, {verify: 'behind'});
			const chunks = chunksOf(harness);
			const giveUp = new AbortController();
			const {verified} = await camera.captureBehind({size: '320x240', signal: giveUp.signal});
			giveUp.abort();
			await expect(verified).rejects.toMatchObject({code: 'camera_capture_abandoned', details: {step: 'verify'}});
			// At most the chunk in flight was read again: not the whole second pass.
			expect(reads(harness)).toBeLessThanOrEqual(chunks + 1);
			expect(harness.emulator.isFrozen).toBe(false);
			const next = await camera.captureBehind({size: '320x240'});
			expect((await next.verified).capture.jpeg.equals(harness.emulator.expectedFrame())).toBe(true);
		});

		it('reads a chunk whose two reads differ a third time and keeps the two equal reads', async () => {
			const probe = setup({page: 'application', size: '320x240'}, {verify: 'behind'});
			const chunks = chunksOf(probe.harness);
			await probe.camera.close();
			MockBinding.reset();
			const again = setup({page: 'application', size: '320x240', faults: [{kind: 'corrupt', at: chunks + 2}]}, {verify: 'behind'});
			const mismatches: number[] = [];
			again.camera.on('reread', (address, why) => why === 'mismatch' && mismatches.push(address));
			const {preview, verified} = await again.camera.captureBehind({size: '320x240'});
			expect(preview.jpeg.equals(again.harness.emulator.expectedFrame())).toBe(true);
			const {capture, differed} = await verified;
			expect(differed).toBe(1);
			expect(mismatches).toEqual([1024]);
			expect(capture.jpeg.equals(again.harness.emulator.expectedFrame())).toBe(true);
			expect(reads(again.harness)).toBe(2 * chunks + 1);
		});

		it('fails with a corrupted image, and resumes, when no two reads of a chunk agree', async () => {
			const probe = setup({page: 'application', size: '320x240'}, {verify: 'behind'});
			const chunks = chunksOf(probe.harness);
			await probe.camera.close();
			MockBinding.reset();
			// The second chunk: its first read, its second read (chunks + 2) and its third (the one after).
			const {harness, camera} = setup({page: 'application', size: '320x240', faults: [2, chunks + 2, chunks + 3].map((at) => ({kind: 'corrupt' as const, at}))}, {verify: 'behind'});
			await expect(camera.capture({size: '320x240'})).rejects.toMatchObject({code: 'camera_corrupted_image'});
			expect(harness.emulator.isFrozen).toBe(false);
		});
	});

	it('reports the port gone when the camera is unplugged mid-capture, and reopens after replug', async () => {
		const {harness, camera} = setup({size: '320x240', faults: [{kind: 'unplug', at: 2}]});
		const gone: unknown[] = [];
		camera.on('disconnected', (e) => gone.push(e));
		await expect(camera.capture()).rejects.toMatchObject({code: 'camera_port_gone'});
		expect(gone).toHaveLength(1);
		await expect(camera.version()).rejects.toMatchObject({code: 'camera_port_gone'});
		harness.replug();
		harness.emulator.setFaults([]);
		await expect(camera.version()).resolves.toBe('VC0703 1.00');
	});

	it('rejects chunk sizes the camera cannot take', () => {
		const harness = createCameraHarness();
		expect(() => new Vc0706Camera({path: harness.path, opener: harness.opener, chunkSize: 1001})).toThrow(RangeError);
	});
});

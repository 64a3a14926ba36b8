import {afterEach, describe, expect, it} from 'vitest';
import {Vc0706Camera} from '../../devices/camera/driver.js';
import {serialPortOpener, type SerialLink} from '../../devices/transport.js';
import {CameraEmulator} from './camera-emulator.js';
import {attachEmulator, socatAvailable, startPtyPair, type PtyPair} from './pty.js';

const haveSocat = socatAvailable();
if (!haveSocat) console.warn('camera-pty.test.ts: socat is not installed, skipping the real-pty test (apt-get install socat)');

describe.skipIf(!haveSocat)('camera through a real pty pair (socat)', () => {
	let pair: PtyPair | undefined;
	let device: SerialLink | undefined;
	let camera: Vc0706Camera | undefined;

	afterEach(async () => {
		await camera?.close();
		await device?.close();
		await pair?.stop();
		pair = device = camera = undefined;
	});

	it('captures a page from the paced emulator on the other end, re-reading a timed-out chunk', async () => {
		pair = await startPtyPair();
		const emulator = new CameraEmulator({page: 'hukou', baudRate: 115200, faults: [{kind: 'timeout', at: 2}]});
		device = await attachEmulator(emulator, pair.devicePath);
		camera = new Vc0706Camera({path: pair.hostPath, opener: serialPortOpener(), baudRate: 115200, chunkSize: 2048});
		await expect(camera.version()).resolves.toBe('VC0703 1.00');
		const result = await camera.capture({size: '160x120'});
		expect(result.jpeg.equals(emulator.expectedFrame())).toBe(true);
		expect(result.stats).toMatchObject({timeouts: 1, rereads: 1});
		expect(emulator.isFrozen).toBe(false);
	});
});

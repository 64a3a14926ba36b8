import {afterEach, describe, expect, it} from 'vitest';
import {Vc0706Camera} from '../../devices/camera/driver.js';
import {serialPortOpener} from '../../devices/transport.js';
import {CameraEmulator} from './camera-emulator.js';
import {driverOnPty, socatAvailable, type PtyRig} from './pty.js';

const haveSocat = socatAvailable();
if (!haveSocat) console.warn('camera-pty.test.ts: socat is not installed, skipping the real-pty test (apt-get install socat)');

describe.skipIf(!haveSocat)('camera through a real pty pair (socat)', () => {
	let rig: PtyRig<Vc0706Camera> | undefined;

	afterEach(async () => {
		await rig?.close();
		rig = undefined;
	});

	it('captures a page from the paced emulator on the other end, re-reading a timed-out chunk', async () => {
		const emulator = new CameraEmulator({page: 'hukou', baudRate: 115200, faults: [{kind: 'timeout', at: 2}]});
		rig = await driverOnPty(emulator, (path) => new Vc0706Camera({path, opener: serialPortOpener(), baudRate: 115200, chunkSize: 2048}));
		const camera = rig.driver;
		await expect(camera.version()).resolves.toBe('VC0703 1.00');
		const result = await camera.capture({size: '160x120'});
		expect(result.jpeg.equals(emulator.expectedFrame())).toBe(true);
		expect(result.stats).toMatchObject({timeouts: 1, rereads: 1});
		expect(emulator.isFrozen).toBe(false);
	});
});

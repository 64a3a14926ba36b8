import {describe, expect, it} from 'vitest';
import {freezeRequest, frameLengthRequest, frameWrapper, readFrameRequest, resetRequest, resumeRequest, versionRequest} from '../../devices/camera/protocol.js';
import {BOOT_TEXT, CameraEmulator, formatCameraFaults, parseCameraFaults} from './camera-emulator.js';
import {PAGES, loadPage} from './camera-pages.js';
import {ManualScheduler} from './scheduler.js';

function collect(emulator: CameraEmulator): Buffer[] {
	const out: Buffer[] = [];
	emulator.onOutput((chunk) => out.push(chunk));
	return out;
}

describe('camera pages', () => {
	it.each(PAGES.map((p) => p.id))('%s exists at every size, 640x480 within 20–60 KB', (id) => {
		const big = loadPage(id, '640x480');
		expect(big.length).toBeGreaterThan(15_000);
		expect(big.length).toBeLessThan(60_000);
		expect(loadPage(id, '320x240').length).toBeLessThan(big.length);
		expect(loadPage(id, '160x120').length).toBeLessThan(loadPage(id, '320x240').length);
	});
});

describe('CameraEmulator', () => {
	it('answers byte for byte and keeps the frozen frame until resume', () => {
		const scheduler = new ManualScheduler();
		const emulator = new CameraEmulator({baudRate: 0, page: 'certificate', size: '160x120', scheduler});
		const out = collect(emulator);
		emulator.receive(versionRequest());
		emulator.receive(freezeRequest());
		emulator.receive(frameLengthRequest());
		emulator.receive(readFrameRequest(0, 16));
		emulator.receive(readFrameRequest(0, 16));
		emulator.receive(resumeRequest());
		emulator.receive(readFrameRequest(0, 16));
		scheduler.advance(10);
		{
			const page = loadPage('certificate', '160x120');
			const len = Buffer.alloc(4);
			len.writeUInt32BE(page.length);
			const chunk = Buffer.concat([frameWrapper(), page.subarray(0, 16), frameWrapper()]);
			expect(Buffer.concat(out).toString('hex')).toBe(
				Buffer.concat([
					Buffer.from([0x76, 0, 0x11, 0, 0x0b]),
					Buffer.from('VC0703 1.00'),
					Buffer.from([0x76, 0, 0x36, 0, 0]),
					Buffer.from([0x76, 0, 0x34, 0, 4]),
					len,
					chunk,
					chunk,
					Buffer.from([0x76, 0, 0x36, 0, 0]),
					Buffer.from([0x76, 0, 0x32, 0x04, 0]),
				]).toString('hex'),
			);
		}
	});

	it('paces replies at 10 bits per byte on the scheduler', () => {
		const scheduler = new ManualScheduler();
		const emulator = new CameraEmulator({baudRate: 9600, scheduler, size: '160x120'});
		const out = collect(emulator);
		emulator.receive(freezeRequest()); // 5 bytes in: arrives after 5.2 ms
		scheduler.advance(5.2 + 5 * (10_000 / 9600) - 0.01);
		expect(Buffer.concat(out).length).toBe(4);
		scheduler.advance(0.02);
		expect(Buffer.concat(out).length).toBe(5);
		emulator.receive(readFrameRequest(0, 960)); // 970 bytes out ≈ 1010 ms after a 16.7 ms request
		scheduler.advance(500);
		const half = Buffer.concat(out).length - 5;
		expect(half).toBeGreaterThan(450);
		expect(half).toBeLessThan(480);
		scheduler.advance(600);
		expect(Buffer.concat(out).length).toBe(5 + 970);
	});

	it('sends boot text after a reset', () => {
		const scheduler = new ManualScheduler();
		const emulator = new CameraEmulator({baudRate: 0, scheduler});
		const out = collect(emulator);
		emulator.receive(resetRequest());
		scheduler.advance(10);
		expect(Buffer.concat(out).toString('latin1')).toBe(`\u0076\u0000\u0026\u0000\u0000${BOOT_TEXT}`);
	});

	it('ignores requests for another serial number', () => {
		const scheduler = new ManualScheduler();
		const emulator = new CameraEmulator({baudRate: 0, scheduler});
		const out = collect(emulator);
		emulator.receive(versionRequest(1));
		scheduler.advance(10);
		expect(out).toEqual([]);
	});

	it('injects faults on the Nth read only', () => {
		const scheduler = new ManualScheduler();
		const emulator = new CameraEmulator({baudRate: 0, scheduler, size: '160x120', faults: parseCameraFaults('short@2,corrupt@3')});
		const out = collect(emulator);
		emulator.receive(freezeRequest());
		scheduler.advance(1);
		const page = loadPage('application', '160x120');
		const reads: Buffer[] = [];
		for (let i = 0; i < 3; i++) {
			out.length = 0;
			emulator.receive(readFrameRequest(64, 128));
			scheduler.advance(1);
			reads.push(Buffer.concat(out).subarray(5, -5));
		}
		expect(reads[0]!.equals(page.subarray(64, 192))).toBe(true);
		expect(reads[1]!.length).toBe(64);
		expect(reads[2]!.length).toBe(128);
		expect(reads[2]!.equals(page.subarray(64, 192))).toBe(false);
	});

	it('parses and formats fault lists', () => {
		expect(parseCameraFaults('timeout@3, short ,unplug@1')).toEqual([{kind: 'timeout', at: 3}, {kind: 'short'}, {kind: 'unplug', at: 1}]);
		expect(formatCameraFaults([{kind: 'timeout', at: 3}, {kind: 'no-reply'}])).toBe('timeout@3,no-reply');
		expect(() => parseCameraFaults('smoke')).toThrow(/unknown fault/);
		expect(() => parseCameraFaults('timeout@0')).toThrow(/@N/);
	});
});

/**
 * The console's own devices outside the demo: the reader and the camera on the serial ports the
 * settings name, driven through real pty device paths (socat) with the emulators on the other
 * end; and a port that is not there, which the console survives.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import {CameraEmulator} from '../../mocks/devices/camera-emulator.js';
import {demoCard} from '../../mocks/devices/cards.js';
import {IdReaderEmulator} from '../../mocks/devices/idreader-emulator.js';
import {attachEmulator, socatAvailable, startPtyPair} from '../../mocks/devices/pty.js';
import {startBranchDevices} from './branch-devices.js';
import {systemClock} from '../core/ports/clock.js';
import {defaultSettings} from '../store/settings-schema.js';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
});

async function ptyWith(emulator: IdReaderEmulator | CameraEmulator): Promise<string> {
	const pair = await startPtyPair();
	const link = await attachEmulator(emulator, pair.devicePath);
	closers.push(() => pair.stop(), () => link.close());
	return pair.hostPath;
}

describe.skipIf(!socatAvailable())('branch devices from the settings (pty)', () => {
	it('reads a card and captures a verified picture through the configured ports', {timeout: 30_000}, async () => {
		const reader = new IdReaderEmulator({baudRate: 115200});
		const camera = new CameraEmulator({page: 'application', size: '160x120', baudRate: 115200});
		const settings = {...defaultSettings(), readerPort: await ptyWith(reader), cameraPort: await ptyWith(camera), cameraVerify: 'reread' as const};
		const devices = await startBranchDevices({settings, clock: systemClock, lang: 'zh-CN', isKnownRegion: () => true});
		closers.push(() => devices.close());
		expect(devices.reader!.state()).toBe('idle');
		reader.placeCard(demoCard('longterm')!);
		const card = await devices.reader!.readNow();
		expect(card.display.number).toBe('510107********113X');

		const progress: number[] = [];
		const picture = await devices.camera!.capture({onProgress: (bytes) => progress.push(bytes)});
		expect(picture.jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
		expect(picture.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(progress.at(-1)).toBe(picture.jpeg.length);
	});

	it('starts without a device that is not there: the reader says disconnected, a capture says why', {timeout: 30_000}, async () => {
		const settings = {...defaultSettings(), readerPort: '/dev/ttyTONGBAN-NOPE0', cameraPort: '/dev/ttyTONGBAN-NOPE1'};
		const devices = await startBranchDevices({settings, clock: systemClock, lang: 'zh-CN', isKnownRegion: () => true});
		closers.push(() => devices.close());
		await vi.waitFor(() => expect(devices.reader!.state()).toBe('disconnected'));
		await expect(devices.camera!.capture({})).rejects.toMatchObject({code: expect.stringMatching(/^camera_/)});
	});

	it('tells the operations log of the port opened, a card read (its kind, never its fields) and the port lost', {timeout: 30_000}, async () => {
		const reader = new IdReaderEmulator({baudRate: 115200});
		const pair = await startPtyPair();
		const link = await attachEmulator(reader, pair.devicePath);
		closers.push(() => pair.stop(), () => link.close());
		const lines: Array<{level: string; event: string; fields: Record<string, unknown>}> = [];
		const log = {log: (level: string, event: string, fields: Record<string, unknown> = {}) => void lines.push({level, event, fields}), close: async () => undefined};
		const devices = await startBranchDevices({settings: {...defaultSettings(), readerPort: pair.hostPath}, clock: systemClock, lang: 'zh-CN', isKnownRegion: () => true, log});
		closers.push(() => devices.close());
		expect(lines.find((l) => l.event === 'device.open')).toMatchObject({level: 'info', fields: {device: 'reader', port: pair.hostPath, baud: 115200}});
		reader.placeCard(demoCard('longterm')!);
		await devices.reader!.readNow();
		await vi.waitFor(() => expect(lines.find((l) => l.event === 'reader.card')).toMatchObject({level: 'info', fields: {kind: 'resident', numberValid: true}}));
		const card = demoCard('longterm')!;
		expect(JSON.stringify(lines)).not.toContain(card.fields['number']!);
		expect(JSON.stringify(lines)).not.toContain(card.fields['name']!);
		await link.close();
		await pair.stop();
		await vi.waitFor(() => expect(lines.find((l) => l.event === 'device.disconnected')).toMatchObject({level: 'warn', fields: {device: 'reader', port: pair.hostPath}}));
	});

	it('names no device when the settings name none', async () => {
		const devices = await startBranchDevices({settings: defaultSettings(), clock: systemClock, lang: 'zh-CN', isKnownRegion: () => true});
		expect(devices.reader).toBeUndefined();
		expect(devices.camera).toBeUndefined();
		await devices.close();
	});
});

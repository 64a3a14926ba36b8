/**
 * The comparing read behind the preview (setting cameraVerify 'behind'), in the console: the
 * real VC0706 driver and camera service over the camera emulator on serialport's MockBinding
 * (real bytes). A gate on the line holds the second pass's first request, so the test sees the
 * preview drawn after one read, presses keep while the verification is still running, and only
 * then lets the camera answer: the picture is kept once the second read agrees, never before.
 * A chunk corrupted on the line in the second read is read a third time and the clerk is told.
 */
import {createHash} from 'node:crypto';
import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {Vc0706Camera} from '../../devices/camera/driver.js';
import {createCameraService} from '../../devices/camera/service.js';
import type {PortOpener} from '../../devices/transport.js';
import type {CameraFault} from '../../mocks/devices/camera-emulator.js';
import {createCameraHarness} from '../../mocks/devices/camera-harness.js';
import {MockBinding} from '../../mocks/devices/mock-port.js';
import {DraftStore} from '../store/drafts.js';
import {createFakeServices, fakeAudit, fixedClock} from '../test-utils/fixtures.js';
import {KEYS, openItem, renderConsole} from '../test-utils/renderTui.js';
import {tempDirs} from '../test-utils/temp-dirs.js';
import {createTranslator} from './i18n/index.js';
import type {CameraPort} from './services.js';

const zh = createTranslator('zh-CN');
const tempDir = tempDirs('capture-behind-');
const CHUNK = 512;
let dir: string;
const opened: Vc0706Camera[] = [];
beforeEach(() => {
	dir = tempDir();
});
afterEach(async () => {
	cleanup();
	for (const camera of opened.splice(0)) await camera.close();
	MockBinding.reset();
});

/** The line to the camera, holding back read-frame request number `holdAt` (1-based, since open) until `release()`. */
function gatedOpener(inner: PortOpener, holdAt: number): {opener: PortOpener; release(): void; held(): boolean} {
	let reads = 0;
	let release = () => {};
	let held = false;
	const gate = new Promise<void>((resolve) => {
		release = resolve;
	});
	const opener: PortOpener = async (path, options) => {
		const link = await inner(path, options);
		return {
			get path() {
				return link.path;
			},
			get isOpen() {
				return link.isOpen;
			},
			async write(data) {
				if (data[2] === 0x32 && ++reads === holdAt) {
					held = true;
					await gate;
				}
				await link.write(data);
			},
			onData: (listener) => link.onData(listener),
			onClose: (listener) => link.onClose(listener),
			close: () => link.close(),
		};
	};
	return {opener, release: () => release(), held: () => held};
}

function setup(faults: CameraFault[] = []) {
	const harness = createCameraHarness({page: 'hukou', size: '160x120', baudRate: 0, faults}, '/dev/ttyCAMBEHIND');
	const chunks = Math.ceil(harness.emulator.expectedFrame().length / CHUNK);
	// The second pass's first request waits at the gate: its deadline is long enough for the test's keys.
	const gated = gatedOpener(harness.opener, chunks + 1);
	const driver = new Vc0706Camera({path: harness.path, opener: gated.opener, baudRate: 115200, chunkSize: CHUNK, verify: 'behind', timeouts: {commandMs: 500, chunkMarginMs: 60_000}});
	opened.push(driver);
	const service = createCameraService({camera: driver, defaultSize: '160x120'});
	const camera: CameraPort = {capture: (request) => service.capture(request.onProgress ? {onProgress: request.onProgress} : {})};
	const clock = fixedClock();
	const audit = fakeAudit();
	let n = 0;
	const drafts = new DraftStore({dataDir: dir, clock, newId: () => `draft-${++n}`});
	const services = createFakeServices({clock, camera, drafts, audit});
	return {services, harness, gated, chunks, audit};
}

async function captureOnScreen(services: ReturnType<typeof setup>['services']) {
	const tui = await renderConsole({services, columns: 80, rows: 24});
	await openItem(tui);
	await tui.press('m');
	await tui.waitForNoText(zh('mat.loading'));
	await tui.press(KEYS.enter);
	return tui;
}

const storedFiles = async () => readdir(join(dir, 'captures', 'draft-1')).catch(() => [] as string[]);

describe("the camera's comparing read behind the preview", () => {
	it('shows the preview after one read; keep pressed during the verification waits, then keeps the picture read twice', async () => {
		const {services, harness, gated, chunks} = setup();
		const tui = await captureOnScreen(services);
		// The preview is on screen while the second read has not been answered yet.
		await tui.waitForText(zh('cap.verifying'), 10_000);
		expect(gated.held()).toBe(true);
		expect(harness.emulator.received.filter((r) => r[2] === 0x32)).toHaveLength(chunks);
		expect(tui.frame()).toContain(zh('cap.ok'));
		expect(tui.frame()).toMatch(/[#*+=:.-]{20,}/);
		// Keep: it waits for the verification, says so, stores nothing yet; the keep hints are gone.
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('cap.keepWhenVerified'));
		expect(await storedFiles()).toEqual([]);
		expect(tui.frame()).not.toContain(`o ${zh('key.acceptVerified')}`);
		gated.release();
		const expected = harness.emulator.expectedFrame();
		const sha = createHash('sha256').update(expected).digest('hex');
		await tui.waitForText(zh('mat.state.captured', {sha: sha.slice(0, 12)}), 10_000);
		expect(await readFile(join(dir, 'captures', 'draft-1', `${sha}.jpg`))).toEqual(expected);
		expect(harness.emulator.received.filter((r) => r[2] === 0x32)).toHaveLength(2 * chunks);
		expect(harness.emulator.isFrozen).toBe(false);
	});

	it('reads a chunk corrupted in the second read a third time, tells the clerk, and keeps the picture read identically twice', async () => {
		const probe = createCameraHarness({page: 'hukou', size: '160x120', baudRate: 0}, '/dev/ttyCAMPROBE');
		const chunks = Math.ceil(probe.emulator.expectedFrame().length / CHUNK);
		MockBinding.reset();
		const {services, harness, gated} = setup([{kind: 'corrupt', at: chunks + 2}]);
		const tui = await captureOnScreen(services);
		await tui.waitForText(zh('cap.verifying'), 10_000);
		gated.release();
		await tui.waitForText(zh('cap.differed', {count: 1}).slice(0, 12), 10_000);
		expect(tui.frame()).not.toContain(zh('cap.verifying'));
		await tui.press(KEYS.enter);
		const expected = harness.emulator.expectedFrame();
		const sha = createHash('sha256').update(expected).digest('hex');
		await tui.waitForText(zh('mat.state.captured', {sha: sha.slice(0, 12)}), 10_000);
		expect(await readFile(join(dir, 'captures', 'draft-1', `${sha}.jpg`))).toEqual(expected);
		// The second chunk was read three times.
		expect(harness.emulator.received.filter((r) => r[2] === 0x32)).toHaveLength(2 * chunks + 1);
	});

	it('keeps nothing when no two reads of a chunk agree, and says why', async () => {
		const probe = createCameraHarness({page: 'hukou', size: '160x120', baudRate: 0}, '/dev/ttyCAMPROBE');
		const chunks = Math.ceil(probe.emulator.expectedFrame().length / CHUNK);
		MockBinding.reset();
		const {services, gated} = setup([chunks + 2, chunks + 3].map((at) => ({kind: 'corrupt' as const, at})).concat([{kind: 'corrupt', at: 2}]));
		gated.release();
		const tui = await captureOnScreen(services);
		await tui.waitForText(zh('cap.errorHint').slice(0, 6), 10_000);
		expect(tui.frame()).not.toContain(zh('cap.verifying'));
		// Keep does nothing on a failed capture: nothing is stored.
		await tui.press(KEYS.enter);
		expect(await storedFiles()).toEqual([]);
	});

	it('esc during the verification gives the capture up: back to the list, nothing kept', async () => {
		const {services, harness, gated} = setup();
		const tui = await captureOnScreen(services);
		await tui.waitForText(zh('cap.verifying'), 10_000);
		await tui.press(KEYS.escape);
		await tui.waitForText(zh('mat.state.none'));
		gated.release();
		await vi.waitFor(() => expect(harness.emulator.isFrozen).toBe(false), {timeout: 10_000});
		expect(tui.frame()).not.toContain(zh('cap.verifying'));
		expect(await storedFiles()).toEqual([]);
	});
});

/**
 * Port paths of the form `emu:<card>[+fault,fault]` open an in-process reader emulator over
 * serialport's mock binding instead of hardware: `tongban devices idreader read --port emu:resident`
 * works on any machine (demos, scripted tests of the built binary). Every other path is a real
 * serial port or pty. The emulator is paced at the requested baud rate like a real line.
 */
import {InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {serialPortOpener, type PortOpener} from '../../devices/transport.js';
import type {CameraEmulator} from '../../mocks/devices/camera-emulator.js';
import type {MockDeviceHarness} from '../../mocks/devices/mock-port.js';

/** An in-process camera emulator on serialport's mock binding. */
export type CameraHarness = MockDeviceHarness<CameraEmulator>;

const EMULATED_PREFIX = 'emu:';

function isEmulatedPath(path: string): boolean {
	return path.startsWith(EMULATED_PREFIX);
}

export async function openerFor(lang: Lang, path: string, baudRate: number): Promise<PortOpener> {
	if (!isEmulatedPath(path)) return serialPortOpener();
	const [{DEMO_CARDS, demoCard}, {IdReaderEmulator, parseFaults}, {MockReaderHarness}] = await Promise.all([
		import('../../mocks/devices/cards.js'),
		import('../../mocks/devices/idreader-emulator.js'),
		import('../../mocks/devices/mock-port.js'),
	]);
	const [cardName = 'resident', faultList] = path.slice(EMULATED_PREFIX.length).split('+');
	const card = cardName === 'none' ? undefined : demoCard(cardName);
	if (cardName !== 'none' && !card) {
		throw new InputError('bad_card', {value: cardName, cards: ['none', ...DEMO_CARDS.map((c) => c.id)].join(', ')});
	}
	let faults;
	try {
		faults = parseFaults(faultList);
	} catch (error) {
		throw new InputError('bad_faults', {value: String(faultList)}, {detail: (error as Error).message});
	}
	const harness = new MockReaderHarness(new IdReaderEmulator({card, faults, baudRate}), path);
	return harness.opener;
}

/** `emu:<page>[+fault,…]` → an in-process emulator harness; anything else → the real port. */
export async function cameraOpenerFor(
	lang: Lang,
	path: string,
	baudRate: number,
): Promise<{opener: PortOpener; harness?: CameraHarness}> {
	if (!isEmulatedPath(path)) return {opener: serialPortOpener()};
	const [pageName = 'application', faultList] = path.slice(EMULATED_PREFIX.length).split('+');
	const harness = await emulatedCamera(lang, pageName, faultList, baudRate, path);
	return {opener: harness.opener, harness};
}

export async function emulatedCamera(lang: Lang, pageName: string, faultList: string | undefined, baudRate: number, path: string): Promise<CameraHarness> {
	const [{PAGES, isPageName}, {parseCameraFaults}, {createCameraHarness}] = await Promise.all([
		import('../../mocks/devices/camera-pages.js'),
		import('../../mocks/devices/camera-emulator.js'),
		import('../../mocks/devices/camera-harness.js'),
	]);
	if (!isPageName(pageName)) throw new InputError('bad_page', {value: pageName, pages: PAGES.map((p) => p.id).join(', ')});
	let faults;
	try {
		faults = parseCameraFaults(faultList);
	} catch (error) {
		throw new InputError('bad_faults', {value: String(faultList)}, {detail: (error as Error).message});
	}
	return createCameraHarness({page: pageName, faults, baudRate}, path);
}

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
import type {PageName} from '../../mocks/devices/camera-pages.js';
import type {DemoCard} from '../../mocks/devices/cards.js';
import type {MockDeviceHarness} from '../../mocks/devices/mock-port.js';

/** An in-process camera emulator on serialport's mock binding. */
export type CameraHarness = MockDeviceHarness<CameraEmulator>;

const EMULATED_PREFIX = 'emu:';

function isEmulatedPath(path: string): boolean {
	return path.startsWith(EMULATED_PREFIX);
}

/** A demo card for the emulated reader, by name; 'none' is an empty reader. */
export async function emulatedCard(name: string): Promise<DemoCard | undefined> {
	const {DEMO_CARDS, demoCard} = await import('../../mocks/devices/cards.js');
	if (name === 'none') return undefined;
	const card = demoCard(name);
	if (!card) throw new InputError('bad_card', {value: name, cards: ['none', ...DEMO_CARDS.map((c) => c.id)].join(', ')});
	return card;
}

/** The page the emulated camera photographs, by name. */
export async function emulatedPage(name: string): Promise<PageName> {
	const {PAGES, isPageName} = await import('../../mocks/devices/camera-pages.js');
	if (!isPageName(name)) throw new InputError('bad_page', {value: name, pages: PAGES.map((p) => p.id).join(', ')});
	return name;
}

/** Faults for an emulator (--faults, or after '+' in an emu: path) by its own parser: what it refuses is a usage error. */
export function emulatedFaults<F>(parse: (list: string | undefined) => F[], list: string | undefined): F[] {
	try {
		return parse(list);
	} catch (error) {
		throw new InputError('bad_faults', {value: String(list)}, {detail: (error as Error).message});
	}
}

export async function openerFor(lang: Lang, path: string, baudRate: number): Promise<PortOpener> {
	if (!isEmulatedPath(path)) return serialPortOpener();
	const [{IdReaderEmulator, parseFaults}, {MockReaderHarness}] = await Promise.all([import('../../mocks/devices/idreader-emulator.js'), import('../../mocks/devices/mock-port.js')]);
	const [cardName = 'resident', faultList] = path.slice(EMULATED_PREFIX.length).split('+');
	const card = await emulatedCard(cardName);
	const faults = emulatedFaults(parseFaults, faultList);
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
	const [{parseCameraFaults}, {createCameraHarness}] = await Promise.all([import('../../mocks/devices/camera-emulator.js'), import('../../mocks/devices/camera-harness.js')]);
	const page = await emulatedPage(pageName);
	const faults = emulatedFaults(parseCameraFaults, faultList);
	return createCameraHarness({page, faults, baudRate}, path);
}

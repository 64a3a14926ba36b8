/**
 * Port paths of the form `emu:<card>[+fault,fault]` open an in-process reader emulator over
 * serialport's mock binding instead of hardware: `tongban devices idreader read --port emu:resident`
 * works on any machine (demos, scripted tests of the built binary). Every other path is a real
 * serial port or pty. The emulator is paced at the requested baud rate like a real line.
 */
import {InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/i18n/cli.js';
import {devicesText} from '../../src/i18n/devices.js';
import {serialPortOpener, type PortOpener} from '../../devices/transport.js';

export const EMULATED_PREFIX = 'emu:';

export function isEmulatedPath(path: string): boolean {
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
		throw new InputError('bad_card', devicesText(lang, 'err.badCard', {value: cardName, cards: ['none', ...DEMO_CARDS.map((c) => c.id)].join(', ')}));
	}
	let faults;
	try {
		faults = parseFaults(faultList);
	} catch (error) {
		throw new InputError('bad_faults', devicesText(lang, 'err.badFaults', {detail: (error as Error).message}));
	}
	const harness = new MockReaderHarness(new IdReaderEmulator({card, faults, baudRate}), path);
	return harness.opener;
}

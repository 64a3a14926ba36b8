import {afterEach, describe, expect, it, vi} from 'vitest';
import {demoCard} from '../../mocks/devices/cards.js';
import {IdReaderEmulator} from '../../mocks/devices/idreader-emulator.js';
import {MockBinding, MockReaderHarness} from '../../mocks/devices/mock-port.js';
import {IdReader} from './driver.js';
import {createIdReaderService, type IdReaderService} from './service.js';
import {type ReaderEvent} from '../../src/core/ports/reader.js';

let service: IdReaderService | undefined;
afterEach(async () => {
	await service?.stop();
	service = undefined;
	MockBinding.reset();
});

function setup(card?: string) {
	const emulator = new IdReaderEmulator({baudRate: 0, card: card ? demoCard(card) : undefined});
	const harness = new MockReaderHarness(emulator);
	const events: ReaderEvent[] = [];
	service = createIdReaderService({
		open: () => new IdReader({path: harness.path, opener: harness.opener}),
		pollMs: 300,
		clock: {now: () => new Date(2026, 0, 15)},
	});
	service.subscribe((e) => events.push(e));
	const states = () => events.filter((e) => e.type === 'state').map((e) => (e.type === 'state' ? e.state : ''));
	return {emulator, harness, events, states, service};
}

describe('IdReaderService', () => {
	it('goes idle, reads a placed card with masked display fields, and returns to idle when it is lifted', async () => {
		const {emulator, events, states, service} = setup();
		await service.start();
		expect(service.state()).toBe('idle');
		emulator.placeCard(demoCard('resident')!);
		await vi.waitFor(() => expect(service.state()).toBe('card-present'), {timeout: 3000});
		const read = events.find((e) => e.type === 'card');
		expect(read?.type === 'card' && read.event.display).toMatchObject({name: '李**', number: '110105********' + demoCard('resident')!.fields.number!.slice(-4), sex: '男', validity: {status: 'valid'}});
		expect(read?.type === 'card' && read.event.numberCheck?.ok).toBe(true);
		emulator.liftCard();
		await vi.waitFor(() => expect(service.state()).toBe('idle'), {timeout: 3000});
		expect(states()).toEqual(['idle', 'reading', 'card-present', 'idle']);
	});

	it('flags an expired card through its display validity', async () => {
		const {service} = setup('expired');
		await service.start();
		const read = await service.readNow();
		expect(read.display.validity.status).toBe('expired');
		expect(read.display.name).toBe('王**');
	});

	it('reports disconnected when the reader goes away and idle when it is back', async () => {
		const {harness, service} = setup();
		await service.start();
		harness.unplug();
		await vi.waitFor(() => expect(service.state()).toBe('disconnected'));
		harness.replug();
		await vi.waitFor(() => expect(service.state()).toBe('idle'), {timeout: 3000});
	});

	it('reports a SAM fault as error', async () => {
		const {emulator, service} = setup();
		emulator.setFaults(['sam-fault']);
		await service.start();
		expect(service.state()).toBe('error');
	});
});

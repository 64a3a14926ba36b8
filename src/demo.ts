/**
 * The demo wiring (`npm start`, or no hub configured): an in-process mock hub on loopback port 0
 * whose cases move one lifecycle step about every 20 s, and the ID-card reader emulator behind
 * serialport's MockBinding with the demo cards, which the operator places and lifts from the
 * console (there is no physical card). Everything started here is closed by `close()`.
 * Only this module and src/app.ts may import mocks/** (src/architecture.test.ts).
 */
import type {Outbox} from './core/cases/outbox.js';
import type {Clock} from './core/ports.js';
import {createIdReaderService, type IdReaderService} from '../devices/idreader/service.js';
import {IdReader} from '../devices/idreader/driver.js';
import {DEMO_CARDS, demoCard} from '../mocks/devices/cards.js';
import {IdReaderEmulator} from '../mocks/devices/idreader-emulator.js';
import {MockBinding, MockReaderHarness} from '../mocks/devices/mock-port.js';
import {startMockHub, type MockHub} from '../mocks/hub/server.js';
import {demoDraft, demoMaterial} from '../mocks/hub/testing.js';
import type {DemoCardsPort} from './ui/services.js';

/** One lifecycle step of a demo case every ~20 s: slow enough to watch, fast enough to see. */
export const DEMO_STEP_MS = 20_000;
const DEMO_READER_PATH = '/dev/ttyDEMO-IDR';

export interface Demo {
	hubUrl: string;
	reader: IdReaderService;
	demoCards: DemoCardsPort;
	/** Puts two demo cases into the outbox when this terminal has none today. */
	seedCases(outbox: Outbox, operatorId: string, terminalId: string): Promise<void>;
	close(): Promise<void>;
}

export interface DemoOptions {
	clock: Clock;
	lang: 'zh-CN' | 'en';
	isKnownRegion?: (code: string) => boolean;
	stepMs?: number;
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
	const hub: MockHub = await startMockHub({port: 0, host: '127.0.0.1', clock: options.clock, stepMs: options.stepMs ?? DEMO_STEP_MS, speed: 1});
	const emulator = new IdReaderEmulator({baudRate: 115200});
	const harness = new MockReaderHarness(emulator, DEMO_READER_PATH);
	const reader = createIdReaderService({
		open: () => new IdReader({path: harness.path, opener: harness.opener}),
		pollMs: 500,
		clock: options.clock,
		lang: options.lang,
		...(options.isKnownRegion ? {isKnownRegion: options.isKnownRegion} : {}),
	});
	try {
		await reader.start();
	} catch (error) {
		await hub.close();
		throw error;
	}
	let seeded = false;
	return {
		hubUrl: hub.url,
		reader,
		demoCards: {
			ids: () => DEMO_CARDS.map((card) => card.id),
			current: () => emulator.card?.id,
			place(id) {
				const card = demoCard(id);
				if (card) emulator.placeCard(card);
			},
			lift: () => emulator.liftCard(),
		},
		async seedCases(outbox, operatorId, terminalId) {
			if (seeded) return;
			seeded = true;
			if ((await outbox.all()).length > 0) return;
			const now = options.clock;
			await outbox.enqueue(demoDraft({operatorId, terminalId, createdAt: now.now().toISOString()}), [demoMaterial()]);
			await outbox.enqueue(
				demoDraft({operatorId, terminalId, createdAt: now.now().toISOString(), applicant: {idNumber: '510107197206083457', name: '赵德明', cardType: 'resident'}}),
				[demoMaterial('养老保险缴费凭证', 'M02')],
			);
		},
		async close() {
			await reader.stop().catch(() => undefined);
			MockBinding.reset();
			await hub.close();
		},
	};
}

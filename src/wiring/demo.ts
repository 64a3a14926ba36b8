/**
 * The demo wiring (`tongban console --demo`, `npm start`): an in-process mock hub on loopback port 0
 * whose cases move one lifecycle step about every 20 s, and the ID-card reader emulator behind
 * serialport's MockBinding with the demo cards, which the operator places and lifts from the
 * console (there is no physical card). Everything started here is closed by `close()`.
 * Only this module and src/wiring/catalog.ts may import mocks/** (src/architecture.test.ts).
 */
import {join} from 'node:path';
import {isKnownNationality} from '../catalog/nationalities.js';
import type {Outbox} from '../core/cases/outbox.js';
import type {Clock} from '../core/ports/clock.js';
import {createIdReaderService, type IdReaderService} from '../../devices/idreader/service.js';
import {IdReader} from '../../devices/idreader/driver.js';
import {DEMO_CARDS, demoCard} from '../../mocks/devices/cards.js';
import {IdReaderEmulator} from '../../mocks/devices/idreader-emulator.js';
import {MockBinding, MockReaderHarness} from '../../mocks/devices/mock-port.js';
import {startMockHub, type MockHub} from '../../mocks/hub/server.js';
import {planOf, type CasePlan} from '../../mocks/hub/state.js';
import type {CaseSubmission} from '../core/cases/model.js';
import {demoDraft, demoMaterial} from '../../mocks/hub/demo-cases.js';
import type {CameraPort, DemoCardsPort} from '../ui/services.js';
import {Vc0706Camera, type VerifyMode} from '../../devices/camera/driver.js';
import {createCameraService, type CameraService} from '../../devices/camera/service.js';
import type {ImageSize} from '../../devices/camera/protocol.js';
import {createCameraHarness} from '../../mocks/devices/camera-harness.js';
import {PAGES, isPageName, type PageName} from '../../mocks/devices/camera-pages.js';
import {SerialQueue} from '../core/serial-queue.js';
import {createSignal} from '../core/signal.js';

/** One lifecycle step of a demo case every ~20 s: slow enough to watch, fast enough to see. */
const DEMO_STEP_MS = 20_000;
const DEMO_READER_PATH = '/dev/ttyDEMO-IDR';
/**
 * The demo camera's line and picture size. The emulator paces bytes at the baud rate like a
 * real line: a 640x480 page (~50 KB) takes ~4.4 s at 115200, a 320x240 one (~13 KB) ~1.2 s —
 * long enough to see the progress bar, short enough for a demo.
 */
const DEMO_CAMERA_BAUD = 115200;
const DEMO_CAMERA_SIZE: ImageSize = '320x240';

export interface Demo {
	hubUrl: string;
	reader: IdReaderService;
	demoCards: DemoCardsPort;
	/** The emulated document camera; the page under it is chosen from the console. */
	camera: CameraPort;
	/** Puts two demo cases into the outbox when this terminal has none today. */
	seedCases(outbox: Outbox, operatorId: string, terminalId: string): Promise<void>;
	close(): Promise<void>;
}

export interface DemoOptions {
	clock: Clock;
	lang: 'zh-CN' | 'en';
	isKnownRegion?: (code: string) => boolean;
	stepMs?: number;
	/** The camera driver's verification (setting cameraVerify; default 'behind'). */
	cameraVerify?: VerifyMode;
	/**
	 * Where the demo hub keeps its cases between runs (`demo-hub.json`): case numbers go on from
	 * the last run instead of starting again at 0000001, which the terminal's case index already has.
	 */
	dataDir?: string;
}

/** The answer that marks the demo's own seeded cases with the return trip they take. */
const DEMO_PLAN = 'demoPlan';

/**
 * The demo hub's plans: the seeded cases take the return trips the demo shows (a return for
 * material, a result back at the branch, the originals of the first case to ship); every other
 * case the default shares (mocks/hub/state.ts planOf).
 */
function demoPlan(caseId: string, submission: CaseSubmission): CasePlan {
	const marked = submission.answers[DEMO_PLAN];
	// The same ask every day (the case number, which holds the date, would pick another): the
	// guides' captures and the real-terminal test show this one.
	if (marked === 'returned') return {outcome: 'returned', delivery: 'licence', originalsRequired: false, returnAsk: {reason: '证明材料已过有效期，请重新开具', materialCodes: ['M03']}};
	if (marked === 'branch') return {outcome: 'approved', delivery: 'branch', originalsRequired: false};
	// 赵德明 is not pleased with how long it took: the supervisor's queue shows a 差评整改 (docs/people.md).
	if (marked === 'licence') return {outcome: 'approved', delivery: 'licence', originalsRequired: false, evaluation: {level: 'dissatisfied', reason: '办理时间比承诺的长，也没人告知进度'}};
	// The first seeded case: its originals travel, and its result comes back to the branch.
	if (submission.applicant.idNumber === demoDraft().applicant.idNumber) return {outcome: 'approved', delivery: 'branch', originalsRequired: true};
	return planOf(caseId);
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
	const hub: MockHub = await startMockHub({
		port: 0,
		host: '127.0.0.1',
		clock: options.clock,
		stepMs: options.stepMs ?? DEMO_STEP_MS,
		speed: 1,
		plan: demoPlan,
		...(options.dataDir ? {dataFile: join(options.dataDir, 'demo-hub.json')} : {}),
	});
	const emulator = new IdReaderEmulator({baudRate: 115200});
	const harness = new MockReaderHarness(emulator, DEMO_READER_PATH);
	const reader = createIdReaderService({
		open: () => new IdReader({path: harness.path, opener: harness.opener}),
		pollMs: 500,
		clock: options.clock,
		lang: options.lang,
		...(options.isKnownRegion ? {isKnownRegion: options.isKnownRegion} : {}),
		isKnownNationality,
	});
	try {
		await reader.start();
	} catch (error) {
		await hub.close();
		throw error;
	}
	let seeded = false;
	const camera = demoCamera(options.cameraVerify ?? 'behind');
	const cardChanged = createSignal();
	return {
		camera: camera.port,
		hubUrl: hub.url,
		reader,
		demoCards: {
			ids: () => DEMO_CARDS.map((card) => card.id),
			current: () => emulator.card?.id,
			place(id) {
				const card = demoCard(id);
				if (card) emulator.placeCard(card);
				cardChanged.emit();
			},
			lift() {
				emulator.liftCard();
				cardChanged.emit();
			},
			subscribe: (listener) => cardChanged.subscribe(listener),
		},
		async seedCases(outbox, operatorId, terminalId) {
			if (seeded) return;
			seeded = true;
			if ((await outbox.all()).length > 0) return;
			const now = options.clock;
			await outbox.enqueue(demoDraft({operatorId, terminalId, createdAt: now.now().toISOString()}), [demoMaterial()]);
			await outbox.enqueue(
				demoDraft({operatorId, terminalId, createdAt: now.now().toISOString(), applicant: {idNumber: '510107197206083457', name: '赵德明', cardType: 'resident'}, answers: {transferFrom: '43', [DEMO_PLAN]: 'licence'}}),
				[demoMaterial('养老保险缴费凭证', 'M02')],
			);
			// The return trips, with the demo cards' people (docs/return-trips.md): 欧阳建国's case
			// comes back for more material; 王秀英's result comes back to the branch, and 李明华 may
			// collect it for her with a 委托书.
			const person = (id: string) => {
				const card = demoCard(id)!;
				return {idNumber: card.fields['number']!, name: card.fields['name']!, cardType: card.kind};
			};
			await outbox.enqueue(demoDraft({operatorId, terminalId, createdAt: now.now().toISOString(), applicant: person('longterm'), answers: {transferFrom: '51', [DEMO_PLAN]: 'returned'}}), [demoMaterial('身份证正反面', 'M01')]);
			await outbox.enqueue(
				demoDraft({operatorId, terminalId, createdAt: now.now().toISOString(), applicant: person('expired'), agent: person('resident'), answers: {transferFrom: '44', [DEMO_PLAN]: 'branch'}}),
				// An agent acts: the hub takes the case only with the list's 委托书 (M04, docs/people.md#agents-委托代办).
				[demoMaterial('身份证正反面', 'M01'), demoMaterial('授权委托书', 'M04')],
			);
		},
		async close() {
			await camera.close();
			await reader.stop().catch(() => undefined);
			MockBinding.reset();
			await hub.close();
		},
	};
}

/**
 * The emulated camera, one emulator per page (each on its own mock port, opened on first use):
 * switching pages is putting another sheet under the lens. Captures are queued, so a capture
 * started while a dropped one is still draining the line waits for it instead of colliding.
 */
function demoCamera(verify: VerifyMode): {port: CameraPort; close(): Promise<void>} {
	const services = new Map<PageName, CameraService>();
	let page: PageName = 'application';
	const line = new SerialQueue();
	const pageChanged = createSignal();
	const serviceOf = (name: PageName): CameraService => {
		let service = services.get(name);
		if (!service) {
			const harness = createCameraHarness({page: name, baudRate: DEMO_CAMERA_BAUD, size: DEMO_CAMERA_SIZE}, `/dev/ttyDEMO-CAM-${name}`);
			const driver = new Vc0706Camera({path: harness.path, opener: harness.opener, baudRate: DEMO_CAMERA_BAUD, verify});
			service = createCameraService({camera: driver, defaultSize: DEMO_CAMERA_SIZE});
			services.set(name, service);
		}
		return service;
	};
	return {
		port: {
			capture(request) {
				const service = serviceOf(page);
				return line.run(() => service.capture({size: DEMO_CAMERA_SIZE, ...(request.onProgress ? {onProgress: request.onProgress} : {}), ...(request.signal ? {signal: request.signal} : {})}));
			},
			pages: () => PAGES.map((p) => p.id),
			page: () => page,
			setPage(name) {
				if (!isPageName(name)) return;
				page = name;
				pageChanged.emit();
			},
			onPageChange: (listener) => pageChanged.subscribe(listener),
		},
		async close() {
			for (const service of services.values()) await service.close().catch(() => undefined);
		},
	};
}

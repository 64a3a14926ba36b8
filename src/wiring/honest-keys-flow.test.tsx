/**
 * Every hinted key does what its hint says (issue 16.4, docs/architecture.md#honest-keys). The
 * console of `tongban console --demo` (mock hub on loopback, emulated reader and camera) is
 * walked through the view states of the counter flow and of the return trips (补正, 领取 by an
 * agent, 寄递) at 80x24; at each one, every key the hint line offers is pressed in a console
 * started at that very state over the same backend (with a card reader and demo card tray of its
 * own), and something observable must follow: the screen changes, or the console quits. A hint
 * that offers a key that does nothing fails the test.
 */
import {describe, expect, it, vi} from 'vitest';
import {CAPTURE_MS, demoFlowHooks, signInClerk, START_MS, startDemoCounter} from '../test-utils/demo-counter.js';
import {expectFitsHeight, expectFitsWidth, KEYS, renderConsole, type Tui} from '../test-utils/renderTui.js';
import {openTask, waitGoneFromQueue, waitInQueue} from '../test-utils/work-queue.js';
import {createTranslator} from '../ui/i18n/index.js';
import {receiptText} from '../i18n/receipt.js';
import {slipText} from '../i18n/slip.js';
import type {ReaderEvent} from '../core/ports/reader.js';
import type {ConsoleServices} from '../ui/services.js';
import type {AppState} from '../ui/state/index.js';

const zh = createTranslator('zh-CN');
const COLUMNS = 80;
const ROWS = 24;

let dir: string;
const running = demoFlowHooks('tongban-keys-', (fresh) => (dir = fresh));

/** The byte sequence a key named in a hint sends (keys/keymap.ts keyName, backwards). */
const SEQUENCES: Record<string, string> = {
	enter: KEYS.enter,
	esc: KEYS.escape,
	tab: KEYS.tab,
	down: KEYS.down,
	up: KEYS.up,
	PgDn: KEYS.pageDown,
	PgUp: KEYS.pageUp,
	space: ' ',
	bksp: KEYS.backspace,
};
function sequenceOf(name: string): string {
	const ctrl = /^ctrl\+([a-z])$/.exec(name);
	if (ctrl) return String.fromCharCode(ctrl[1]!.charCodeAt(0) - 96);
	return SEQUENCES[name] ?? name;
}

/** Keys that move back (up, a page up, the top): pressed after their forward twin, so they have somewhere to go. */
const BACKWARD: Record<string, string> = {k: 'j', up: 'down', PgUp: 'PgDn', g: 'G'};

/** The hint line's entries: "keys label", two spaces apart; the first key of each. */
function hintedKeys(tui: Tui): string[] {
	const line = tui.lines().at(-1) ?? '';
	return line
		.split(/ {2,}/)
		.map((entry) => entry.trim().split(' ')[0]!.split('/')[0]!)
		.filter(Boolean);
}

/** What a capture in progress shows (a probe waits for it to end before the next one). */
const CAPTURING = [zh('cap.starting'), zh('cap.progress', {bytes: 0, total: 0}).split(' ')[0]!, zh('cap.verifying'), zh('cap.saving')];

/**
 * The comparing read behind the preview (cameraVerify behind) has ended on the main console: a
 * probe started from that state has the verified picture (the check itself runs in the console
 * that started it, so a probe started mid-check would wait for a check it does not run).
 */
const verified = (tui: Tui) =>
	vi.waitFor(() => expect(tui.frame().includes(zh('cap.verified')) || tui.frame().includes(zh('cap.differed', {count: 0}).split(' 0 ')[1]!.slice(0, 12))).toBe(true), {timeout: CAPTURE_MS, interval: 20});

/**
 * The services a probe console gets: the main console's, but its own card reader and demo card
 * tray. A probe started at a state that waits for a card would otherwise see the card on the
 * shared emulated reader and move on by itself, and its demo-card key (p) would swap the card
 * under the main console. Its reader reads the card the shared one last read (r still reads);
 * its tray only changes what this probe shows.
 */
function probeServices(services: ConsoleServices): ConsoleServices {
	const shared = services.reader;
	if (!shared) return services;
	const readers = new Set<(event: ReaderEvent) => void>();
	const reader: NonNullable<ConsoleServices['reader']> = {
		state: () => shared.state(),
		lastCard: () => shared.lastCard(),
		async readNow() {
			const card = shared.lastCard();
			if (!card) throw Object.assign(new Error('no card'), {messages: {'zh-CN': zh('flash.readFailed', {message: ''}), en: 'no card'}});
			for (const listener of readers) listener({type: 'card', event: card});
			return card;
		},
		subscribe(listener) {
			readers.add(listener);
			return () => void readers.delete(listener);
		},
	};
	const tray = services.demoCards;
	if (!tray) return {...services, reader};
	let current = tray.current();
	const trays = new Set<() => void>();
	const tell = () => trays.forEach((listener) => listener());
	const demoCards: NonNullable<ConsoleServices['demoCards']> = {
		ids: () => tray.ids(),
		current: () => current,
		place(id) {
			current = id;
			tell();
		},
		lift() {
			current = undefined;
			tell();
		},
		subscribe(listener) {
			trays.add(listener);
			return () => void trays.delete(listener);
		},
	};
	return {...services, reader, demoCards};
}

/** The screen without the top bar (its clock and device states move on their own) and the flash that may expire. */
const body = (tui: Tui) => tui.lines().slice(1).join('\n');

interface Probe {
	state: string;
	key: string;
	acted: boolean;
}

/**
 * Presses each hinted key of the state on screen, each in a console of its own started at that
 * state over the same services; records whether something observable followed.
 */
async function probeHints(name: string, main: Tui, services: ConsoleServices, state: AppState, probes: Probe[], skip: readonly string[] = []): Promise<void> {
	expectFitsWidth(main.frame(), COLUMNS);
	expectFitsHeight(main.frame(), ROWS);
	for (const key of hintedKeys(main)) {
		if (skip.includes(key)) continue;
		const onQuit = vi.fn();
		const probe = await renderConsole({services: probeServices(services), columns: COLUMNS, rows: ROWS, initialState: state, onQuit});
		await vi.waitFor(() => expect(probe.lines().at(-1)).toBe(main.lines().at(-1)));
		const twin = BACKWARD[key];
		if (twin) {
			const before = body(probe);
			await probe.press(sequenceOf(twin));
			await vi.waitFor(() => expect(body(probe)).not.toBe(before)).catch(() => undefined);
		}
		const before = body(probe);
		await probe.press(sequenceOf(key));
		const acted = await vi
			.waitFor(() => expect(onQuit.mock.calls.length > 0 || body(probe) !== before).toBe(true), {timeout: 3_000, interval: 20})
			.then(() => true)
			.catch(() => false);
		probes.push({state: name, key, acted});
		// A capture the key started runs to its end first: the camera is the main console's too.
		await vi.waitFor(() => expect(CAPTURING.some((text) => probe.frame().includes(text))).toBe(false), {timeout: CAPTURE_MS, interval: 20});
		probe.unmount();
	}
}

describe('honest keys over the demo counter', () => {
	it('every key the hint line offers acts, in every view state of the counter flow at 80x24', async () => {
		let latest: AppState | undefined;
		const counter = await startDemoCounter(dir, {columns: COLUMNS, rows: ROWS, onState: (state) => (latest = state)});
		running.push(counter.backend);
		const {tui, services} = counter;
		const probes: Probe[] = [];
		const at = (name: string, skip?: readonly string[]) => probeHints(name, tui, services, latest!, probes, skip);

		await signInClerk(tui);
		await tui.waitForText(zh('flash.signedIn', {name: '陈晓丽'}), START_MS);
		await at('search');
		await tui.press('?');
		await tui.waitForText(zh('help.title', {view: zh('view.search')}));
		await at('help');
		await tui.press(KEYS.escape);
		await tui.press('d');
		await tui.waitForText(zh('drafts.empty'));
		await at('drafts (none)');
		await tui.press(KEYS.escape);

		services.demoCards!.place('longterm');
		await tui.waitForText('510107********113X', START_MS);
		await at('applicant');
		await tui.press('/');
		await tui.type('资格认证 武侯');
		await tui.waitForText('领取养老金人员待遇资');
		await at('search field');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('detail.implementationCode'));
		await at('detail');
		await tui.press('e');
		await tui.waitForText(zh('elig.result.eligible'));
		await at('eligibility (eligible, no question)');
		await tui.press('m');
		await tui.waitForText('> M01');
		await at('materials');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('cap.ok'), CAPTURE_MS);
		await verified(tui);
		await at('capture (picture on screen)');
		await tui.press('o');
		await tui.waitForText('> M02', CAPTURE_MS);
		await tui.press('s');
		await tui.waitForText(zh('rev.ready').slice(0, 8));
		// enter submits: it is the next step of the walk, pressed below.
		await at('review', ['enter']);
		await tui.press('D');
		await tui.waitForText(zh('view.review'));
		await at('review: abandon?', ['y']);
		await tui.press('n');
		await tui.waitForText(zh('rev.ready').slice(0, 8));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('view.receipt'), START_MS);
		await at('receipt');
		await tui.press('c');
		await tui.waitForText(zh('view.cases'));
		await at('cases');
		await tui.press(':');
		await at('palette');
		await tui.press(KEYS.escape);
		await tui.press('w');
		await tui.waitForText(zh('view.work'));
		await at('work queue');
		await tui.press('\u000C');
		await tui.waitForText(zh('view.lock'));
		await at('lock');

		const lies = probes.filter((probe) => !probe.acted).map((probe) => `${probe.state}: ${probe.key}`);
		expect(lies).toEqual([]);
		expect(probes.length).toBeGreaterThan(40);
	}, 240_000);

	it('every key the hint line offers acts, in every view state of the return trips at 80x24', async () => {
		let latest: AppState | undefined;
		const counter = await startDemoCounter(dir, {columns: COLUMNS, rows: ROWS, stepMs: 150, onState: (state) => (latest = state)});
		running.push(counter.backend);
		const {tui, services} = counter;
		const probes: Probe[] = [];
		const at = (name: string, skip?: readonly string[]) => probeHints(name, tui, services, latest!, probes, skip);
		/** Captures and keeps every material the task still asks for. */
		const takeAll = async (name: string) => {
			for (let i = 0; i < 5 && tui.frame().includes(`> [${zh('task.toTake')}]`); i++) {
				await tui.press(KEYS.enter);
				await tui.waitForText(zh('cap.ok'), CAPTURE_MS);
				if (i === 0) {
					await verified(tui);
					await at(`${name}: capture (picture on screen)`);
				}
				await tui.press(KEYS.enter);
				await tui.waitForNoText(zh('cap.ok'), CAPTURE_MS);
			}
		};

		await signInClerk(tui);
		await tui.waitForText(zh('flash.signedIn', {name: '陈晓丽'}), START_MS);
		await tui.press('w');
		await tui.waitForText(zh('view.work'));
		await waitInQueue(tui, zh('work.need.supplement'), '欧阳**');
		await waitInQueue(tui, zh('work.need.pickup'), '王**');
		await waitInQueue(tui, zh('work.need.shipment'), '陈**');
		await at('work queue (return trips)');

		// 补正: the card, the pictures, a capture, the confirmation (enter submits: the next step), the receipt.
		await openTask(tui, zh('work.need.supplement'), '欧阳**', zh('task.card'));
		await at('supplement: card');
		services.demoCards!.place('longterm');
		await tui.press('r');
		await tui.waitForText('已核对：申请人本人', START_MS);
		await at('supplement: pictures');
		await takeAll('supplement');
		await tui.waitForText('补交');
		await at('supplement: review', ['enter']);
		await tui.press(KEYS.enter);
		await tui.waitForText(receiptText('zh-CN', 'supplement.title'), START_MS);
		await at('supplement: receipt (done)');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('view.work'));

		// 领取 by the agent: the card, the 委托书, the confirmation, the slip.
		await waitGoneFromQueue(tui, zh('work.need.supplement'), '欧阳**');
		await openTask(tui, zh('work.need.pickup'), '王**', zh('task.card'));
		services.demoCards!.place('resident');
		await tui.press('r');
		await tui.waitForText(zh('task.poa'), START_MS);
		await at('pickup: pictures (委托书)');
		await takeAll('pickup');
		await tui.waitForText('确认交付');
		await at('pickup: review', ['enter']);
		await tui.press(KEYS.enter);
		await tui.waitForText(slipText('zh-CN', 'slip.title'), START_MS);
		await at('pickup: slip (done)');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('view.work'));

		// 寄递: the waybill form (enter with no number is refused, nothing recorded).
		await openTask(tui, zh('work.need.shipment'), '陈**', zh('task.originals').slice(0, 8));
		await at('shipment: waybill');

		const lies = probes.filter((probe) => !probe.acted).map((probe) => `${probe.state}: ${probe.key}`);
		expect(lies).toEqual([]);
		expect(new Set(probes.map((probe) => probe.state)).size).toBe(11);
		expect(probes.length).toBeGreaterThan(25);
	}, 300_000);
});

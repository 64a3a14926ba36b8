import {afterEach, describe, expect, it, vi} from 'vitest';
import {demoCard} from '../../mocks/devices/cards.js';
import {CUT_FRAME, IdReaderEmulator, type EmulatorOptions} from '../../mocks/devices/idreader-emulator.js';
import {MockBinding, MockReaderHarness} from '../../mocks/devices/mock-port.js';
import {IdReader, type IdReaderOptions} from './driver.js';
import {IdReaderError} from './errors.js';
import fc from 'fast-check';
import {junkBurstArb, type Burst} from '../../src/test-utils/line-noise.js';
import {commandFrame, hex} from './protocol.js';
import {errorText} from '../../src/i18n/errors.js';

const readers: IdReader[] = [];

afterEach(async () => {
	for (const r of readers.splice(0)) await r.close();
	MockBinding.reset();
});

function setup(emulatorOptions: EmulatorOptions = {}, readerOptions: Partial<IdReaderOptions> = {}) {
	// baudRate 0: replies at once; pacing is covered by the emulator's own tests and the pty test.
	const emulator = new IdReaderEmulator({baudRate: 0, ...emulatorOptions});
	const harness = new MockReaderHarness(emulator);
	const reader = new IdReader({path: harness.path, opener: harness.opener, ...readerOptions});
	readers.push(reader);
	return {emulator, harness, reader};
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof IdReaderError) return error.code;
		throw error;
	}
	throw new Error('expected a failure');
}

describe('IdReader over the mock binding', () => {
	it('reads a resident card: find → select → read 30 01, with the exact frames on the wire', async () => {
		const {reader, emulator} = setup({card: demoCard('resident')});
		const card = await reader.readCard();
		expect(card).toMatchObject({kind: 'resident', name: '李明华', birthDate: '1985-03-12', validUntil: '2038-06-01'});
		expect(card.photo.bytes.length).toBe(1024);
		expect(card.photo.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(emulator.received.map(hex)).toEqual([
			'AA AA AA 96 69 00 03 20 01 22',
			'AA AA AA 96 69 00 03 20 02 21',
			'AA AA AA 96 69 00 03 30 01 32',
		]);
	});

	it('reads every demo card kind', async () => {
		const {reader, emulator} = setup();
		for (const id of ['hkmotw', 'foreign2017', 'foreign2023', 'longterm']) {
			emulator.placeCard(demoCard(id)!);
			expect((await reader.readCard()).kind).toBe(demoCard(id)!.kind);
		}
	});

	it('reads the fingerprint and the appended address on request', async () => {
		const {reader, emulator} = setup({card: demoCard('resident')});
		const card = await reader.readCard({fingerprint: true, address: true});
		expect(card.fingerprint?.length).toBe(1024);
		expect(card.appendedAddress).toBe('北京市海淀区演示街道9号楼1单元302号');
		expect(emulator.received.map((f) => hex(f.subarray(7, 9)))).toEqual(['20 01', '20 02', '30 10', '30 03']);
		emulator.placeCard(demoCard('longterm')!);
		expect((await reader.readCard({address: true})).appendedAddress).toBeUndefined();
	});

	it('SAM status, SAM ID and reset', async () => {
		const {reader} = setup();
		await expect(reader.samStatus()).resolves.toBeUndefined();
		await expect(reader.samId()).resolves.toBe('05.01-20240315-0012345678-1234567890');
		await expect(reader.resetSam()).resolves.toBeUndefined();
	});

	it('no card → idreader_no_card (zh + en messages)', async () => {
		const {reader} = setup();
		const error = await reader.readCard().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(IdReaderError);
		expect((error as IdReaderError).code).toBe('idreader_no_card');
		expect((error as IdReaderError).exitCode).toBe(4);
		expect(errorText((error as IdReaderError), 'zh-CN')).toContain('没有证件');
		expect(errorText((error as IdReaderError), 'en')).toContain('no card');
	});

	it('select failure → idreader_select_failed', async () => {
		const {reader} = setup();
		// Select without a found card is what a reader answers with 81.
		expect(await codeOf(reader.selectCard())).toBe('idreader_select_failed');
	});

	it('SAM self-test failure → idreader_sam_fault', async () => {
		const {reader} = setup({faults: ['sam-fault']});
		expect(await codeOf(reader.samStatus())).toBe('idreader_sam_fault');
		expect(await codeOf(reader.readCard())).toBe('idreader_sam_fault');
	});

	it('no reply → idreader_timeout naming the step', async () => {
		const {reader} = setup({faults: ['no-reply']}, {timeouts: {findMs: 40}});
		const error = (await reader.findCard().catch((e: unknown) => e)) as IdReaderError;
		expect(error.code).toBe('idreader_timeout');
		expect(error.details).toMatchObject({step: 'findCard', deadlineMs: 40});
	});

	it('card lifted mid-read → read times out, then the next read says no card', async () => {
		const {reader, emulator} = setup({card: demoCard('resident'), faults: ['card-lifted']}, {timeouts: {readMs: 60}});
		expect(await codeOf(reader.readCard())).toBe('idreader_timeout');
		emulator.setFaults([]);
		expect(await codeOf(reader.readCard())).toBe('idreader_no_card');
	});

	it('skips line noise and recovers from a bad-checksum reply', async () => {
		const {reader, emulator} = setup({card: demoCard('resident'), faults: ['garbage']}, {timeouts: {findMs: 40}});
		expect((await reader.readCard()).name).toBe('李明华');
		expect(reader.stats.garbageBytes).toBeGreaterThan(0);
		emulator.setFaults(['bad-checksum']);
		expect(await codeOf(reader.findCard())).toBe('idreader_timeout');
		expect(reader.stats.badChecksum).toBe(1);
		emulator.setFaults([]);
		await expect(reader.findCard()).resolves.toBe(true);
	});

	it('a port that vanishes fails the pending command with idreader_port_gone, and reopens when it is back', async () => {
		const {reader, harness} = setup({card: demoCard('resident'), faults: ['slow'], slowMs: 10_000}, {timeouts: {readMs: 5000}});
		const events: string[] = [];
		reader.on('disconnected', () => events.push('disconnected'));
		reader.on('reconnected', () => events.push('reconnected'));
		await reader.open();
		const pending = reader.findCard();
		await vi.waitFor(() => expect(harness.emulator.received.length).toBe(1));
		harness.unplug();
		expect(await codeOf(pending)).toBe('idreader_port_gone');
		expect(await codeOf(reader.samStatus())).toBe('idreader_port_gone');
		harness.replug();
		harness.emulator.setFaults([]);
		await expect(reader.findCard()).resolves.toBe(true);
		expect(events).toEqual(['disconnected', 'reconnected']);
		expect(harness.opens).toBe(2);
	});

	it('a path that does not exist → idreader_not_found', async () => {
		const {harness} = setup();
		const reader = new IdReader({path: '/dev/ttyNOPE', opener: harness.opener});
		expect(await codeOf(reader.open())).toBe('idreader_not_found');
	});

	it('switches baud rate and reopens the port at the new rate', async () => {
		const {reader, emulator, harness} = setup();
		await reader.setBaud(9600);
		expect(reader.baudRate).toBe(9600);
		expect(harness.opens).toBe(2);
		await vi.waitFor(() => expect(emulator.baudRate).toBe(9600));
	});

	it('polls no faster than every 300 ms and emits placed / removed', async () => {
		const {reader, emulator} = setup();
		const events: string[] = [];
		reader.on('placed', () => events.push('placed'));
		reader.on('removed', () => events.push('removed'));
		const finds = () => emulator.received.filter((f) => f[7] === 0x20 && f[8] === 0x01).length;
		const t0 = performance.now();
		reader.startPolling(10); // clamped to 300
		await vi.waitFor(() => expect(finds()).toBeGreaterThanOrEqual(1));
		emulator.placeCard(demoCard('resident')!);
		await vi.waitFor(() => expect(events).toEqual(['placed']), {timeout: 2000});
		expect(performance.now() - t0).toBeGreaterThanOrEqual(300);
		emulator.liftCard();
		await vi.waitFor(() => expect(events).toEqual(['placed', 'removed']), {timeout: 2000});
		reader.stopPolling();
	});

	describe('with fake timers (no real waiting)', () => {
		afterEach(() => {
			vi.useRealTimers();
		});

		it('a silent reader times out exactly at the step deadline', async () => {
			const {reader} = setup({faults: ['no-reply']}, {timeouts: {selectMs: 100}});
			await reader.open();
			vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
			let settled: string | undefined;
			reader.selectCard().catch((e: IdReaderError) => (settled = e.code));
			await vi.advanceTimersByTimeAsync(99);
			expect(settled).toBeUndefined();
			await vi.advanceTimersByTimeAsync(1);
			expect(settled).toBe('idreader_timeout');
		});

		it('polls every 300 ms at the fastest, even when asked for 50 ms', async () => {
			const {reader, emulator} = setup();
			await reader.open();
			vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
			const finds = () => emulator.received.filter((f) => f[7] === 0x20 && f[8] === 0x01).length;
			const placed = vi.fn();
			reader.on('placed', placed);
			reader.startPolling(50);
			await vi.advanceTimersByTimeAsync(10);
			expect(finds()).toBe(1);
			await vi.advanceTimersByTimeAsync(280);
			expect(finds()).toBe(1);
			emulator.placeCard(demoCard('resident')!);
			await vi.advanceTimersByTimeAsync(30);
			expect(finds()).toBe(2);
			expect(placed).toHaveBeenCalledTimes(1);
			await vi.advanceTimersByTimeAsync(900);
			expect(finds()).toBe(5);
			expect(placed).toHaveBeenCalledTimes(1);
			reader.stopPolling();
		});
	});

	describe('resynchronises within the step deadline (issue 12.7)', () => {
		afterEach(() => {
			vi.useRealTimers();
		});

		/**
		 * A reader on the emulator, opened, then on fake timers and a fake performance clock (its
		 * deadlines and its stale gap share one time); `rejected` lists why it threw frames away.
		 */
		async function openOnFakeTime(emulatorOptions: EmulatorOptions, readerOptions: Partial<IdReaderOptions> = {}) {
			const {reader, emulator} = setup(emulatorOptions, readerOptions);
			const rejected: string[] = [];
			reader.on('rejected', (r) => rejected.push(r.reason));
			await reader.open();
			vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'performance']});
			return {reader, emulator, rejected};
		}

		/** How a promise settled so far: {} while pending, {ok: true, value} or {ok: false, code}. */
		function settle<T>(promise: Promise<T>): {readonly ok?: boolean; readonly value?: T; readonly code?: string} {
			const out: {ok?: boolean; value?: T; code?: string} = {};
			promise.then(
				(value) => Object.assign(out, {ok: true, value}),
				(error: unknown) => Object.assign(out, {ok: false, code: error instanceof IdReaderError ? error.code : String(error)}),
			);
			return out;
		}

		it('a reply cut after LEN_H, 100 ms of silence, then a good reply: the good reply is taken, not swallowed', async () => {
			const {reader, rejected} = await openOnFakeTime({faults: ['cut-frame'], cutGapMs: 100});
			const status = settle(reader.samStatus());
			await vi.advanceTimersByTimeAsync(99);
			expect(status.ok).toBeUndefined();
			await vi.advanceTimersByTimeAsync(2);
			// Settled when the good reply came (100 ms), long before the 500 ms deadline.
			expect(status).toMatchObject({ok: true});
			expect(rejected).toEqual(['stale']);
			expect(reader.stats.stale).toBe(1);
		});

		it('a whole read (find → select → read) with a cut frame before every reply stays within the default deadlines', async () => {
			const {reader} = await openOnFakeTime({card: demoCard('resident'), faults: ['cut-frame'], cutGapMs: 60});
			const read = settle(reader.readCard());
			await vi.advanceTimersByTimeAsync(3 * 61);
			expect(read).toMatchObject({ok: true, value: {name: '李明华'}});
			expect(reader.stats.stale).toBe(3);
		});

		it('a cut frame followed at once by a short good reply, then silence: the reply is found inside the dropped bytes', async () => {
			const {reader} = await openOnFakeTime({card: demoCard('resident'), beforeReply: () => [{bytes: CUT_FRAME, silenceMs: 0}]});
			const found = settle(reader.findCard());
			await vi.advanceTimersByTimeAsync(99);
			// The find deadline is 100 ms: the stale gap gave the reply back in time.
			expect(found).toEqual({ok: true, value: true});
		});

		it('an echo of the command is not taken as a short reply', async () => {
			const {reader, rejected} = await openOnFakeTime({card: demoCard('resident'), faults: ['echo']});
			const read = settle(reader.readCard({address: true}));
			await vi.advanceTimersByTimeAsync(10);
			expect(read).toMatchObject({ok: true, value: {name: '李明华'}});
			expect(rejected).toEqual(['echo', 'echo', 'echo', 'echo']);
			expect(reader.stats.echoes).toBe(4);
		});

		it('a command-shaped frame that is not ours is not a reply either', async () => {
			const {reader, rejected} = await openOnFakeTime({beforeReply: () => [{bytes: commandFrame('readBase'), silenceMs: 0}]});
			const status = settle(reader.samStatus());
			await vi.advanceTimersByTimeAsync(10);
			expect(status).toMatchObject({ok: true});
			expect(rejected).toEqual(['command']);
		});

		it('property: random garbage and cut frames before every reply, with silences, echoes or not: the card reads right', async () => {
			const GAP = 50;
			let script: Burst[][] = [];
			const {reader, emulator} = await openOnFakeTime(
				{card: demoCard('resident'), beforeReply: () => (script.shift() ?? []).map(({bytes, silenceMs}) => ({bytes, silenceMs}))},
				// Deadlines sized to the silences generated; the tests above hold the default ones.
				{timeouts: {findMs: 2000, selectMs: 2000, readMs: 2000, addressMs: 2000}, staleGapMs: GAP},
			);
			const expected = demoCard('resident')!;
			await fc.assert(
				fc.asyncProperty(fc.array(fc.array(junkBurstArb(GAP), {maxLength: 4}), {minLength: 4, maxLength: 4}), fc.boolean(), async (bursts, echo) => {
					script = bursts.map((list) => [...list]);
					emulator.setFaults(echo ? ['echo'] : []);
					emulator.received.length = 0;
					const read = settle(reader.readCard({address: true}));
					await vi.advanceTimersByTimeAsync(4 * (4 * 3 * GAP + 10));
					expect(read).toMatchObject({ok: true, value: {number: expected.fields.number, appendedAddress: expected.appendedAddress}});
					// One exchange per step: nothing was retried or sent twice.
					expect(emulator.received.map((f) => hex(f.subarray(7, 9)))).toEqual(['20 01', '20 02', '30 01', '30 03']);
				}),
				{
					numRuns: 60,
					// Found by a run (seed -894241582): a 7-byte stub of a LEN-9 reply, exactly the gap of
					// quiet, then the reply. The emulator's line, its 0 ms timer run after 1 ms, left only 49.
					examples: [[[[], [{bytes: Buffer.from('aaaaaa966900090000ff23d0d7d2', 'hex'), good: [], silenceMs: GAP}], [], []], false]],
				},
			);
		});
	});
});

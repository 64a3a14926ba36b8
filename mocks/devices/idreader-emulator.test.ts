import {describe, expect, it} from 'vitest';
import {FrameScanner} from '../../devices/idreader/parser.js';
import {commandFrame, encodeFrame, fromHex, hex, setBaudFrame} from '../../devices/idreader/protocol.js';
import {demoCard} from './cards.js';
import {CUT_FRAME, IdReaderEmulator, parseFaults, type EmulatorOptions} from './idreader-emulator.js';
import {ManualScheduler} from './scheduler.js';

function setup(options: EmulatorOptions = {}) {
	const scheduler = new ManualScheduler();
	const emulator = new IdReaderEmulator({scheduler, ...options});
	const chunks: Array<{at: number; bytes: Buffer}> = [];
	emulator.onOutput((bytes) => chunks.push({at: scheduler.now(), bytes}));
	const output = () => Buffer.concat(chunks.map((c) => c.bytes));
	/** Sends a command and runs the clock until the reader has finished answering. */
	const ask = (frame: Buffer, ms = 1000) => {
		const before = output().length;
		emulator.receive(frame);
		scheduler.advance(ms);
		return output().subarray(before);
	};
	return {scheduler, emulator, chunks, output, ask};
}

describe('IdReaderEmulator answers like a reader', () => {
	it('SAM status, reset and ID', () => {
		const {ask} = setup();
		expect(hex(ask(commandFrame('samStatus')))).toBe('AA AA AA 96 69 00 04 00 00 90 94');
		expect(hex(ask(commandFrame('resetSam')))).toBe('AA AA AA 96 69 00 04 00 00 90 94');
		expect(ask(commandFrame('samId')).length).toBe(27);
	});

	it('find with no card → SW3 80; with a card → 9F; select → 90 + 8 zero bytes', () => {
		const {ask, emulator} = setup();
		expect(hex(ask(commandFrame('findCard')))).toBe('AA AA AA 96 69 00 04 00 00 80 84');
		emulator.placeCard(demoCard('resident')!);
		expect(hex(ask(commandFrame('findCard')))).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
		expect(hex(ask(commandFrame('selectCard')))).toBe(`AA AA AA 96 69 00 0C 00 00 90 ${'00 '.repeat(8)}9C`);
	});

	it('read before select fails (41); after find+select returns the 1295-byte frame', () => {
		const {ask} = setup({card: demoCard('resident')});
		expect(ask(commandFrame('readBase'))[9]).toBe(0x41);
		ask(commandFrame('findCard'));
		ask(commandFrame('selectCard'));
		const reply = ask(commandFrame('readBase'));
		expect(reply.length).toBe(1295);
		expect(hex(reply.subarray(0, 14))).toBe('AA AA AA 96 69 05 08 00 00 90 01 00 04 00');
	});

	it('read with fingerprint: 2321 bytes with a 1024-byte template, 1297 without one', () => {
		const a = setup({card: demoCard('resident')});
		for (const c of ['findCard', 'selectCard'] as const) a.ask(commandFrame(c));
		expect(a.ask(commandFrame('readWithFingerprint')).length).toBe(2321);
		const b = setup({card: demoCard('expired')});
		for (const c of ['findCard', 'selectCard'] as const) b.ask(commandFrame(c));
		expect(b.ask(commandFrame('readWithFingerprint')).length).toBe(1297);
	});

	it('appended address: 90 + 70 bytes when present, 91 when not', () => {
		const a = setup({card: demoCard('resident')});
		for (const c of ['findCard', 'selectCard', 'readBase'] as const) a.ask(commandFrame(c));
		expect(a.ask(commandFrame('readAddress')).length).toBe(7 + 3 + 70 + 1);
		const b = setup({card: demoCard('longterm')});
		for (const c of ['findCard', 'selectCard', 'readBase'] as const) b.ask(commandFrame(c));
		expect(b.ask(commandFrame('readAddress'))[9]).toBe(0x91);
	});

	it('answers a bad checksum from the host with SW3 10 and an unknown command with 21', () => {
		const {ask} = setup();
		expect(hex(ask(fromHex('AA AA AA 96 69 00 03 11 FF EE')))).toBe('AA AA AA 96 69 00 04 00 00 10 14');
		expect(ask(encodeFrame(Uint8Array.of(0x77, 0x01)))[9]).toBe(0x21);
	});

	it('paces bytes at 10 bits per byte: a 1295-byte reply takes ~112 ms at 115200', () => {
		const {ask, chunks, scheduler, emulator} = setup({card: demoCard('resident')});
		ask(commandFrame('findCard'));
		ask(commandFrame('selectCard'));
		chunks.length = 0;
		const start = scheduler.now();
		emulator.receive(commandFrame('readBase'));
		scheduler.advance(50);
		const halfway = Buffer.concat(chunks.map((c) => c.bytes)).length;
		// 50 ms minus the command's own 0.87 ms on the wire: about 565 bytes.
		expect(halfway).toBeGreaterThan(540);
		expect(halfway).toBeLessThan(580);
		scheduler.advance(200);
		const last = chunks[chunks.length - 1]!;
		expect(Buffer.concat(chunks.map((c) => c.bytes)).length).toBe(1295);
		expect(last.at - start).toBeCloseTo(((10 + 1295) * 10_000) / 115200, 3);
		expect(chunks.length).toBeGreaterThan(10);
	});

	it('switches the pacing rate after answering set-baud', () => {
		const {ask, emulator} = setup();
		expect(ask(setBaudFrame(9600))[9]).toBe(0x90);
		expect(emulator.baudRate).toBe(9600);
	});
});

describe('faults', () => {
	it('sam-fault answers every command with SW3 60', () => {
		const {ask} = setup({faults: ['sam-fault']});
		expect(ask(commandFrame('samStatus'))[9]).toBe(0x60);
		expect(ask(commandFrame('findCard'))[9]).toBe(0x60);
	});

	it('no-reply stays silent', () => {
		const {ask} = setup({faults: ['no-reply']});
		expect(ask(commandFrame('samStatus')).length).toBe(0);
	});

	it('bad-checksum, truncated and garbage corrupt replies in ways a host parser rejects or skips', () => {
		const bad = setup({faults: ['bad-checksum']}).ask(commandFrame('samStatus'));
		const scanner = new FrameScanner();
		expect(scanner.push(bad)).toEqual([]);
		expect(scanner.stats.badChecksum).toBe(1);
		const truncated = setup({faults: ['truncated'], card: demoCard('resident')});
		truncated.ask(commandFrame('findCard'));
		expect(truncated.ask(commandFrame('selectCard')).length).toBeLessThan(19);
		const noisy = setup({faults: ['garbage']}).ask(commandFrame('samStatus'));
		expect(noisy.length).toBeGreaterThan(11);
		expect(new FrameScanner().push(noisy).map(hex)).toEqual(['AA AA AA 96 69 00 04 00 00 90 94']);
	});

	it('card-lifted cuts the read short and the card is gone', () => {
		const {ask, emulator} = setup({card: demoCard('resident'), faults: ['card-lifted']});
		ask(commandFrame('findCard'));
		ask(commandFrame('selectCard'));
		expect(ask(commandFrame('readBase')).length).toBeLessThan(1295);
		expect(emulator.card).toBeUndefined();
		expect(ask(commandFrame('findCard'))[9]).toBe(0x80);
	});

	it('slow delays the reply by slowMs', () => {
		const {emulator, scheduler, output} = setup({faults: ['slow'], slowMs: 400});
		emulator.receive(commandFrame('samStatus'));
		scheduler.advance(390);
		expect(output().length).toBe(0);
		scheduler.advance(20);
		expect(output().length).toBe(11);
	});

	it('echo sends the host its own command back before the reply', () => {
		const {ask} = setup({faults: ['echo']});
		expect(hex(ask(commandFrame('samStatus')))).toBe('AA AA AA 96 69 00 03 11 FF ED AA AA AA 96 69 00 04 00 00 90 94');
	});

	it('cut-frame sends a frame cut after LEN_H, then cutGapMs of silence, then the reply', () => {
		const {emulator, scheduler, chunks} = setup({faults: ['cut-frame'], cutGapMs: 100, baudRate: 0});
		emulator.receive(commandFrame('samStatus'));
		scheduler.advance(1000);
		expect(chunks.map((c) => ({at: c.at, hex: hex(c.bytes)}))).toEqual([
			{at: 0, hex: hex(CUT_FRAME)},
			{at: 100, hex: 'AA AA AA 96 69 00 04 00 00 90 94'},
		]);
	});

	it('beforeReply sends scripted bursts, each followed by its silence', () => {
		const {emulator, scheduler, chunks} = setup({
			baudRate: 0,
			beforeReply: () => [
				{bytes: Buffer.from([1, 2]), silenceMs: 30},
				{bytes: Buffer.from([3]), silenceMs: 0},
			],
		});
		emulator.receive(commandFrame('samStatus'));
		scheduler.advance(1000);
		expect(chunks.map((c) => [c.at, hex(c.bytes)])).toEqual([
			[0, '01 02'],
			[30, '03'],
			[30, 'AA AA AA 96 69 00 04 00 00 90 94'],
		]);
	});

	it('parses fault lists and rejects unknown names', () => {
		expect(parseFaults('garbage, slow')).toEqual(['garbage', 'slow']);
		expect(() => parseFaults('explode')).toThrow(/unknown fault/);
	});
});

/**
 * ID reader figures:
 *  1. Time to read a card (find + select + read 30 01) through the emulator paced at 115200 bps,
 *     in real time, beside the wire time of the frames exchanged (target ≤ 1.15×). Over the mock
 *     binding always, and over a socat pty pair when socat is installed.
 *  2. The frame scanner's throughput over a large random stream with embedded frames.
 */
import {randomBytes} from 'node:crypto';
import {IdReader} from '../devices/idreader/driver.js';
import {FrameScanner} from '../devices/idreader/parser.js';
import {replyFrame, wireTimeMs} from '../devices/idreader/protocol.js';
import {serialPortOpener, type SerialLink} from '../devices/transport.js';
import {demoCard} from '../mocks/devices/cards.js';
import {IdReaderEmulator} from '../mocks/devices/idreader-emulator.js';
import {MockBinding, MockReaderHarness} from '../mocks/devices/mock-port.js';
import {attachEmulator, socatAvailable, startPtyPair} from '../mocks/devices/pty.js';
import {median, type Section} from './stats.js';

const BAUD = 115200;

/** Bytes on the wire for one read: three 10-byte commands, replies of 15 (found), 19 (selected), 1295 (read). */
export const READ_EXCHANGE_BYTES = 3 * 10 + 15 + 19 + 1295;

async function timeReads(reader: IdReader, runs: number): Promise<number[]> {
	await reader.readCard(); // warm-up: port open, JIT
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await reader.readCard();
		times.push(performance.now() - start);
	}
	return times;
}

async function overMockBinding(runs: number): Promise<number[]> {
	const harness = new MockReaderHarness(new IdReaderEmulator({card: demoCard('resident'), baudRate: BAUD}), '/dev/ttyBENCH0');
	const reader = new IdReader({path: harness.path, opener: harness.opener, baudRate: BAUD});
	try {
		return await timeReads(reader, runs);
	} finally {
		await reader.close();
		MockBinding.reset();
	}
}

async function overPty(runs: number): Promise<number[] | undefined> {
	if (!socatAvailable()) return undefined;
	const pair = await startPtyPair();
	let device: SerialLink | undefined;
	const reader = new IdReader({path: pair.hostPath, opener: serialPortOpener(), baudRate: BAUD});
	try {
		device = await attachEmulator(new IdReaderEmulator({card: demoCard('resident'), baudRate: BAUD}), pair.devicePath);
		return await timeReads(reader, runs);
	} finally {
		await reader.close();
		await device?.close();
		await pair.stop();
	}
}

function parserThroughput(totalMb: number, chunkBytes: number): {mbPerS: number; frames: number; expected: number} {
	const frame = replyFrame(0x90, randomBytes(1284));
	const stream: Buffer[] = [];
	let size = 0;
	let expected = 0;
	while (size < totalMb * 1024 * 1024) {
		// Random garbage without 0xAA (so it cannot form a preamble), then a frame.
		const garbage = randomBytes(4096);
		for (let i = 0; i < garbage.length; i++) if (garbage[i] === 0xaa) garbage[i] = 0x55;
		stream.push(garbage, frame);
		size += garbage.length + frame.length;
		expected++;
	}
	const data = Buffer.concat(stream);
	const scanner = new FrameScanner();
	const start = performance.now();
	let frames = 0;
	for (let offset = 0; offset < data.length; offset += chunkBytes) frames += scanner.push(data.subarray(offset, offset + chunkBytes)).length;
	const seconds = (performance.now() - start) / 1000;
	return {mbPerS: data.length / (1024 * 1024) / seconds, frames, expected};
}

export async function benchIdReader(opts: {quick?: boolean} = {}): Promise<Section> {
	const runs = opts.quick ? 3 : 10;
	const wire = wireTimeMs(READ_EXCHANGE_BYTES, BAUD);
	const rows: Section['rows'] = [];
	const notes: string[] = [];
	const addRead = (transport: string, times: number[]) => {
		const m = median(times);
		rows.push({
			measure: `read card (find+select+30 01) via ${transport}`,
			value: `${m.toFixed(1)} ms`,
			baseline: `${wire.toFixed(1)} ms wire time (${READ_EXCHANGE_BYTES} B at ${BAUD} 8N1)`,
			ratio: `${(m / wire).toFixed(3)}×`,
			target: '≤ 1.15×',
		});
	};
	addRead('mock binding', await overMockBinding(runs));
	const pty = await overPty(runs);
	if (pty) addRead('socat pty', pty);
	else notes.push('socat not installed: the pty row was skipped (apt-get install socat).');
	for (const chunk of [64, 4096, 65536]) {
		const r = parserThroughput(opts.quick ? 8 : 64, chunk);
		if (r.frames !== r.expected) throw new Error(`parser bench found ${r.frames} frames, expected ${r.expected}`);
		rows.push({measure: `frame scanner, ${chunk}-byte chunks`, value: `${r.mbPerS.toFixed(0)} MB/s`, baseline: `${(BAUD / 10 / 1e6).toFixed(4)} MB/s line rate`, ratio: `${(r.mbPerS / (BAUD / 10 / (1024 * 1024))).toFixed(0)}× line rate`, target: 'all frames found'});
	}
	notes.push(`median of ${runs} reads after one warm-up; the emulator paces its bytes at 10 bits per byte and hands them over in ~4 ms batches like a USB-serial adapter.`);
	notes.push('parser stream: random bytes with 0xAA removed, one 1295-byte frame after every 4 KiB; every embedded frame must be found.');
	return {title: 'ID card reader', rows, notes};
}

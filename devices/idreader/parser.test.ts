import fc from 'fast-check';
import {Readable} from 'node:stream';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {goodBurstArb, junkBurstArb, swallowedBurstArb, type Burst} from '../../src/test-utils/line-noise.js';
import {FrameParser, FrameScanner, StaleWatch, type Rejection} from './parser.js';
import {checksum, commandFrame, decodeFrame, MAX_FRAME_BYTES, replyFrame} from './protocol.js';

const readReply = replyFrame(0x90, Buffer.concat([Buffer.from([1, 0, 4, 0]), Buffer.alloc(256, 0x4e), Buffer.alloc(1024, 0x11)]));
const found = replyFrame(0x9f, Buffer.alloc(4));

describe('FrameScanner', () => {
	it('finds a 1295-byte reply split into two chunks at every byte boundary', () => {
		const wrong: number[] = [];
		for (let cut = 0; cut <= readReply.length; cut++) {
			const scanner = new FrameScanner();
			const frames = [...scanner.push(readReply.subarray(0, cut)), ...scanner.push(readReply.subarray(cut))];
			// Compared with Buffer.equals: a deep-equality assertion per cut would take seconds.
			if (frames.length !== 1 || !frames[0]!.equals(readReply)) wrong.push(cut);
		}
		expect(wrong).toEqual([]);
	});

	it('finds a reply fed one byte at a time', () => {
		const scanner = new FrameScanner();
		const frames = [...found, ...found].flatMap((b) => scanner.push(Uint8Array.of(b)));
		expect(frames).toEqual([found, found]);
	});

	it('skips garbage before, between and after frames, counting it', () => {
		const scanner = new FrameScanner();
		const stream = Buffer.concat([Buffer.from([0x00, 0xaa, 0xaa, 0x13]), found, Buffer.from([0x96, 0x69, 0xaa]), found, Buffer.from([0x42])]);
		expect(scanner.push(stream)).toEqual([found, found]);
		expect(scanner.stats.garbageBytes).toBe(8);
	});

	it('keeps a preamble prefix at the end of a chunk', () => {
		const scanner = new FrameScanner();
		expect(scanner.push(Buffer.from([0x01, 0xaa, 0xaa, 0xaa, 0x96]))).toEqual([]);
		expect(scanner.buffered).toBe(4);
		expect(scanner.push(found.subarray(4))).toEqual([found]);
	});

	it('rejects a bad checksum, counts it, and recovers the next good frame', () => {
		const rejected: Rejection[] = [];
		const scanner = new FrameScanner({onReject: (r) => rejected.push(r)});
		const bad = Buffer.from(found);
		bad[bad.length - 1] = bad.at(-1)! ^ 0xff;
		expect(scanner.push(Buffer.concat([bad, found]))).toEqual([found]);
		expect(scanner.stats.badChecksum).toBe(1);
		expect(rejected).toEqual([{reason: 'checksum', bytes: bad}]);
	});

	it('finds a real frame hidden inside a rejected one', () => {
		// A bogus header claims 20 bytes; a real frame starts inside them.
		const bogus = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x14]);
		const scanner = new FrameScanner();
		expect(scanner.push(Buffer.concat([bogus, found, Buffer.alloc(10)]))).toEqual([found]);
		expect(scanner.stats.badChecksum).toBe(1);
	});

	it.each([
		[0x00, 0x00],
		[0x00, 0x02],
		[0x09, 0x0b], // 0x090B = 2315 > 2314: one more than the largest real frame
		[0xff, 0xff],
	])('rejects impossible LEN %i %i at once instead of waiting for it', (hi, lo) => {
		const scanner = new FrameScanner();
		const frames = scanner.push(Buffer.concat([Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, hi, lo]), found]));
		expect(frames).toEqual([found]);
		expect(scanner.stats.badLength).toBe(1);
	});

	it('accepts the largest real frame (2321 bytes)', () => {
		const biggest = replyFrame(0x90, Buffer.alloc(MAX_FRAME_BYTES - 11));
		expect(biggest.length).toBe(MAX_FRAME_BYTES);
		expect(new FrameScanner().push(biggest)).toEqual([biggest]);
	});

	it('never holds more than one maximum frame', () => {
		const scanner = new FrameScanner();
		for (let i = 0; i < 50; i++) scanner.push(Buffer.alloc(4096, i % 2 ? 0xaa : 0x55));
		expect(scanner.buffered).toBeLessThanOrEqual(MAX_FRAME_BYTES);
		// A header claiming the largest length keeps at most that many bytes.
		scanner.push(Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x09, 0x0a]));
		scanner.push(Buffer.alloc(2000));
		expect(scanner.buffered).toBeLessThanOrEqual(MAX_FRAME_BYTES);
	});

	it('drops a truncated frame after a silence longer than staleGapMs, as stale', () => {
		let now = 0;
		const rejected: Rejection[] = [];
		const scanner = new FrameScanner({staleGapMs: 50, now: () => now, onReject: (r) => rejected.push(r)});
		expect(scanner.push(readReply.subarray(0, 500))).toEqual([]);
		now = 200;
		expect(scanner.push(found)).toEqual([found]);
		expect(scanner.stats).toMatchObject({stale: 1, truncated: 0});
		expect(rejected).toEqual([{reason: 'stale', bytes: readReply.subarray(0, 500)}]);
	});

	it('a silence shorter than staleGapMs keeps the partial frame', () => {
		let now = 0;
		const scanner = new FrameScanner({staleGapMs: 50, now: () => now});
		scanner.push(found.subarray(0, 9));
		now = 49;
		expect(scanner.expire()).toEqual([]);
		expect(scanner.push(found.subarray(9))).toEqual([found]);
		expect(scanner.stats.stale).toBe(0);
	});

	it('expire() after the gap drops the cut frame and finds a good frame that sat inside it', () => {
		let now = 0;
		const scanner = new FrameScanner({staleGapMs: 50, now: () => now});
		// Cut after LEN_H: LEN_L comes from the next frame's first byte (0xAA = 170), which swallows it.
		const cut = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00]);
		expect(scanner.push(Buffer.concat([cut, found]))).toEqual([]);
		now = 49;
		expect(scanner.expire()).toEqual([]);
		now = 50;
		expect(scanner.expire()).toEqual([found]);
		expect(scanner.buffered).toBe(0);
		expect(scanner.stats).toMatchObject({stale: 1, frames: 1});
	});

	it('nested cut frames are each dropped as stale; a trailing preamble prefix goes as garbage', () => {
		let now = 0;
		const rejected: string[] = [];
		const scanner = new FrameScanner({staleGapMs: 50, now: () => now, onReject: (r) => rejected.push(r.reason)});
		scanner.push(Buffer.concat([readReply.subarray(0, 20), found.subarray(0, 8), Buffer.from([0xaa, 0xaa])]));
		now = 60;
		expect(scanner.expire()).toEqual([]);
		expect(rejected).toEqual(['stale', 'stale']);
		expect(scanner.buffered).toBe(0);
		expect(scanner.push(found)).toEqual([found]);
	});

	it('the stale gap can change (line speed switched) and without one nothing goes stale', () => {
		let now = 0;
		const scanner = new FrameScanner({now: () => now});
		scanner.push(found.subarray(0, 9));
		now = 10_000;
		expect(scanner.expire()).toEqual([]);
		expect(scanner.push(found.subarray(9))).toEqual([found]);
		scanner.staleGapMs = 20;
		scanner.push(found.subarray(0, 9));
		now += 19;
		expect(scanner.expire()).toEqual([]);
		now += 1;
		scanner.expire();
		expect(scanner.stats).toMatchObject({frames: 1, stale: 1});
		expect(() => (scanner.staleGapMs = -1)).toThrow(TypeError);
	});

	it('reset() drops a partial frame and counts it as truncated', () => {
		const scanner = new FrameScanner();
		scanner.push(readReply.subarray(0, 100));
		scanner.reset();
		expect(scanner.buffered).toBe(0);
		expect(scanner.stats.truncated).toBe(1);
		expect(scanner.push(found)).toEqual([found]);
	});

	it('rejects a non-positive staleGapMs', () => {
		expect(() => new FrameScanner({staleGapMs: 0})).toThrow(TypeError);
	});
});

describe('StaleWatch', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	/** Fake timers for the ticks; a hand-moved clock, so a test can also move time without running timers (a stall). */
	function setup(gapMs = 50) {
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
		const clock = {t: 0};
		const frames: Buffer[] = [];
		const rejected: string[] = [];
		const scanner = new FrameScanner({now: () => clock.t, onReject: (r) => rejected.push(r.reason)});
		const watch = new StaleWatch(scanner, {gapMs, deliver: (f) => frames.push(...f)});
		/** Runs the timers over `ms`, the clock moving with them. */
		const pass = (ms: number) => {
			for (let i = 0; i < ms; i++) {
				clock.t++;
				vi.advanceTimersByTime(1);
			}
		};
		const push = (bytes: Buffer) => {
			watch.beforeBytes();
			frames.push(...scanner.push(bytes));
			watch.poke();
		};
		return {clock, frames, rejected, scanner, watch, pass, push};
	}

	it('drops a cut frame once the line has been silent for the gap, and finds the reply it swallowed', () => {
		const {frames, rejected, pass, push} = setup();
		push(Buffer.concat([Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00]), found]));
		pass(49);
		expect(rejected).toEqual([]);
		pass(11);
		expect(rejected).toEqual(['stale']);
		expect(frames).toEqual([found]);
		expect(vi.getTimerCount()).toBe(0);
	});

	it('bytes that come once the gap has passed, before the tick that would see it, start a new frame', () => {
		const {clock, frames, rejected, pass, push} = setup();
		// A header claiming 64 bytes; its last byte at t = 5, so the ticks (every 10 ms from t = 0)
		// would first see the gap at t = 60, while the line has been silent for it since t = 55.
		push(Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x00, 0x40]));
		pass(5);
		push(Buffer.from([0x00, 0x00]));
		pass(50);
		expect(clock.t).toBe(55);
		expect(rejected).toEqual([]);
		push(found);
		expect(rejected).toEqual(['stale']);
		expect(frames).toEqual([found]);
	});

	it('a frame arriving slowly but steadily is never dropped', () => {
		const {frames, rejected, pass, push} = setup();
		for (let i = 0; i < readReply.length; i += 40) {
			push(readReply.subarray(i, i + 40));
			pass(40);
		}
		expect(rejected).toEqual([]);
		expect(frames).toEqual([readReply]);
	});

	it('time the process was stalled does not count as silence: the rest of the frame still arrives', () => {
		const {clock, frames, rejected, pass, push} = setup();
		push(readReply.subarray(0, 500));
		pass(5);
		// 300 ms pass with no timer run (GC, a busy loop): the tick fires late, then the queued bytes are read.
		clock.t += 300;
		vi.advanceTimersByTime(10);
		expect(rejected).toEqual([]);
		push(readReply.subarray(500));
		expect(frames).toEqual([readReply]);
	});

	it('after a stall, a line that stays silent is still dropped, one gap later', () => {
		const {clock, rejected, pass, push, scanner} = setup();
		push(readReply.subarray(0, 500));
		clock.t += 300;
		vi.advanceTimersByTime(10);
		expect(rejected).toEqual([]);
		pass(60);
		expect(rejected).toEqual(['stale']);
		expect(scanner.buffered).toBe(0);
	});

	it('stays idle while no partial frame is held, and stop() cancels its tick', () => {
		const {watch, push} = setup();
		push(found);
		expect(vi.getTimerCount()).toBe(0);
		push(found.subarray(0, 9));
		expect(vi.getTimerCount()).toBe(1);
		watch.stop();
		expect(vi.getTimerCount()).toBe(0);
		expect(() => (watch.gapMs = 0)).toThrow(TypeError);
	});
});

describe('FrameParser (Transform)', () => {
	it('emits whole frames from a piped stream and reports rejections', async () => {
		const bad = Buffer.from(found);
		bad[bad.length - 1] = bad.at(-1)! ^ 1;
		const parser = new FrameParser();
		const rejected: Rejection[] = [];
		parser.on('rejected', (r: Rejection) => rejected.push(r));
		const chunks = [readReply.subarray(0, 3), readReply.subarray(3, 700), Buffer.concat([readReply.subarray(700), bad]), commandFrame('findCard')];
		const frames: Buffer[] = [];
		for await (const frame of Readable.from(chunks).pipe(parser)) frames.push(frame as Buffer);
		expect(frames).toEqual([readReply, commandFrame('findCard')]);
		expect(rejected.map((r) => r.reason)).toEqual(['checksum']);
	});
});

/** A random valid frame: random body of 2..600 bytes. */
const frameArb = fc.uint8Array({minLength: 2, maxLength: 600}).map((body) => replyFrame(body[0]!, body.subarray(1)));
/** Garbage without 0xAA cannot contain or start a preamble. */
const cleanGarbage = fc.uint8Array({maxLength: 64}).map((g) => Buffer.from(g.filter((b) => b !== 0xaa)));
/** Garbage full of preamble fragments and bogus headers. */
const nastyGarbage = fc
	.array(fc.oneof(fc.constant([0xaa]), fc.constant([0xaa, 0xaa, 0xaa, 0x96]), fc.constant([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff]), fc.uint8Array({maxLength: 8}).map((a) => [...a])), {maxLength: 8})
	.map((parts) => Buffer.from(parts.flat()));

function chunked(stream: Buffer, cuts: number[]): Buffer[] {
	const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
	const chunks: Buffer[] = [];
	let last = 0;
	for (const p of points) {
		chunks.push(stream.subarray(last, p));
		last = p;
	}
	chunks.push(stream.subarray(last));
	return chunks;
}

describe('properties', () => {
	it('never throws on random bytes and never yields a frame with a bad checksum or length', () => {
		// Random bytes alone rarely contain a preamble: mix in valid and corrupted frames.
		const corrupted = fc.tuple(frameArb, fc.nat(), fc.integer({min: 1, max: 255})).map(([f, at, flip]) => {
			const copy = Buffer.from(f);
			const i = 5 + (at % (copy.length - 5));
			copy[i] = copy[i]! ^ flip;
			return copy;
		});
		const piece = fc.oneof(fc.uint8Array({maxLength: 300}).map((a) => Buffer.from(a)), frameArb, corrupted);
		fc.assert(
			fc.property(fc.array(piece, {maxLength: 20}), fc.array(fc.nat(), {maxLength: 10}), (pieces, cuts) => {
				const scanner = new FrameScanner();
				for (const chunk of chunked(Buffer.concat(pieces), cuts)) {
					for (const frame of scanner.push(chunk)) {
						expect(decodeFrame(frame).ok).toBe(true);
						expect(frame[frame.length - 1]).toBe(checksum(frame.subarray(5, frame.length - 1)));
					}
					expect(scanner.buffered).toBeLessThanOrEqual(MAX_FRAME_BYTES);
				}
			}),
			{numRuns: 300},
		);
	});

	it('finds every valid frame embedded in clean garbage, however the stream is chunked', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(cleanGarbage, frameArb), {minLength: 1, maxLength: 6}), cleanGarbage, fc.array(fc.nat(), {maxLength: 10}), (pairs, tail, cuts) => {
				const stream = Buffer.concat([...pairs.flatMap(([g, f]) => [g, f]), tail]);
				const scanner = new FrameScanner();
				const frames = chunked(stream, cuts).flatMap((c) => scanner.push(c));
				expect(frames).toEqual(pairs.map(([, f]) => f));
			}),
			{numRuns: 200},
		);
	});

	it('resynchronises through preamble fragments and bogus headers: every embedded frame still comes out, in order', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(nastyGarbage, frameArb), {minLength: 1, maxLength: 5}), fc.array(fc.nat(), {maxLength: 10}), (pairs, cuts) => {
				const stream = Buffer.concat([...pairs.flatMap(([g, f]) => [g, f]), Buffer.alloc(MAX_FRAME_BYTES)]);
				const scanner = new FrameScanner();
				const frames = chunked(stream, cuts).flatMap((c) => scanner.push(c));
				// Garbage could by chance form an extra valid frame; the real ones must all be there, in order.
				let i = 0;
				for (const frame of frames) if (i < pairs.length && frame.equals(pairs[i]![1])) i++;
				expect(i).toBe(pairs.length);
			}),
			{numRuns: 200},
		);
	});

	it('frames cut at random points and garbage, each followed by a silence: exactly the good replies come out (issue 12.7)', () => {
		// staleGapMs on the scanner checks the clock on the next chunk; expire() stands in for a
		// timer in the silence, which may or may not get to run before the next chunk.
		const GAP = 50;
		const burst = fc.oneof(junkBurstArb(GAP), goodBurstArb(GAP), swallowedBurstArb(GAP));
		fc.assert(
			fc.property(
				fc.array(burst, {minLength: 1, maxLength: 12}),
				fc.array(fc.nat(), {maxLength: 12}),
				fc.array(fc.boolean(), {minLength: 12, maxLength: 12}),
				(bursts: Burst[], cuts, timerFires) => {
					let now = 0;
					const scanner = new FrameScanner({staleGapMs: GAP, now: () => now});
					const out: Buffer[] = [];
					bursts.forEach((b, i) => {
						// A burst arrives in chunks a few ms apart (an adapter's latency timer), never a gap apart.
						for (const [k, chunk] of chunked(b.bytes, cuts).entries()) {
							if (k > 0) now += (cuts[k] ?? 0) % 10;
							out.push(...scanner.push(chunk));
							expect(scanner.buffered).toBeLessThanOrEqual(MAX_FRAME_BYTES);
						}
						// The stale timer may or may not fire in the silence; the next chunk must cope either way.
						if (timerFires[i] && b.silenceMs >= GAP) {
							now += GAP;
							out.push(...scanner.expire());
							now += b.silenceMs - GAP;
						} else now += b.silenceMs;
					});
					now += GAP;
					out.push(...scanner.expire());
					expect(out).toEqual(bursts.flatMap((b) => b.good));
					expect(scanner.buffered).toBe(0);
				},
			),
			{numRuns: 300},
		);
	});
});

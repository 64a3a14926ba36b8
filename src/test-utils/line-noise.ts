/**
 * Random line trouble for the ID reader's framing tests (issue 12.7): garbage and frames cut off
 * at random points (a prefix of a command or a reply, or a header with a plausible LEN and too few
 * bytes behind it), as bursts sent back to back with a silence after each. The rule the
 * generators keep is the one a real line keeps: a burst that opens a frame it never finishes (any
 * junk holding an AA, to be safe) is followed by at least the stale gap of silence (a reader does not pause inside a frame), so a
 * scanner with that gap must yield exactly the good frames. Without the silence a cut frame
 * could, by a 1-in-256 chance, complete into a frame with a good checksum: no framing can help.
 */
import fc from 'fast-check';
import {COMMANDS, commandFrame, MAX_LEN, MIN_LEN, PREAMBLE, replyFrame, type CommandName} from '../../devices/idreader/protocol.js';

export interface Burst {
	bytes: Buffer;
	silenceMs: number;
	/** The good replies in the burst: what a scanner must yield for it (none for junk). */
	good: Buffer[];
}

const commandNames = Object.keys(COMMANDS) as CommandName[];

const commandArb = fc.constantFrom(...commandNames).map((name) => commandFrame(name));

/** Replies: the shortest (LEN 4) and random ones with up to `maxData` data bytes. */
function replyArb(maxData = 400): fc.Arbitrary<Buffer> {
	return fc.oneof(
		fc.constantFrom(replyFrame(0x90), replyFrame(0x80), replyFrame(0x9f, Buffer.alloc(4))),
		fc.tuple(fc.integer({min: 0, max: 255}), fc.uint8Array({maxLength: maxData})).map(([sw3, data]) => replyFrame(sw3, data)),
	);
}

/** A strict prefix (1 .. length−1 bytes) of a command or a reply: the line stopped mid-frame. */
const cutFrameArb = fc.tuple(fc.oneof(commandArb, replyArb(300)), fc.nat()).map(([frame, n]) => frame.subarray(0, 1 + (n % (frame.length - 1))));

/** A header with a plausible LEN and fewer body bytes than it claims. */
const plausibleHeaderArb = fc.tuple(fc.integer({min: MIN_LEN, max: MAX_LEN}), fc.uint8Array({maxLength: 40})).map(([len, body]) => {
	const header = Buffer.alloc(7);
	PREAMBLE.copy(header, 0);
	header.writeUInt16BE(len, 5);
	return Buffer.concat([header, body.subarray(0, Math.min(body.length, len - 2))]);
});

/** Random bytes that hold no complete preamble (fragments like AA AA 96 are fine). */
const garbageArb = fc
	.uint8Array({maxLength: 40})
	.map((bytes) => Buffer.from(bytes))
	.filter((bytes) => bytes.indexOf(PREAMBLE) < 0);

/** Garbage, then possibly a cut-off frame: what a line leaves when a frame goes wrong. */
const junkArb = fc
	.tuple(garbageArb, fc.option(fc.oneof(cutFrameArb, plausibleHeaderArb), {nil: undefined}))
	.map(([garbage, cut]) => (cut ? Buffer.concat([garbage, cut]) : garbage))
	.filter((bytes) => bytes.length > 0);

/**
 * A junk burst with its silence: at least `gapMs` when it holds an AA (it may open a frame, or
 * with the next burst's bytes form a preamble), else anything up to 2 gaps.
 */
export function junkBurstArb(gapMs: number): fc.Arbitrary<Burst> {
	return fc.tuple(junkArb, fc.integer({min: 0, max: gapMs}), fc.integer({min: 0, max: 2 * gapMs})).map(([bytes, extra, any]) => ({
		bytes,
		good: [],
		silenceMs: bytes.includes(PREAMBLE[0]!) ? gapMs + extra : any,
	}));
}

/** A good reply with any silence after it (0 = the next burst follows back to back). */
export function goodBurstArb(gapMs: number): fc.Arbitrary<Burst> {
	return fc.tuple(replyArb(), fc.integer({min: 0, max: 2 * gapMs})).map(([bytes, silenceMs]) => ({bytes, good: [bytes], silenceMs}));
}

/**
 * A header claiming more bytes than follow, a good reply right behind it (swallowed: it sits
 * inside the claimed length), then silence. Only dropping the cut frame and scanning again from
 * one byte past its preamble gets the reply out.
 */
export function swallowedBurstArb(gapMs: number): fc.Arbitrary<Burst> {
	return fc
		.tuple(replyArb(200), fc.nat(), fc.uint8Array({maxLength: 8}), fc.integer({min: 0, max: gapMs}))
		.map(([reply, extraLen, body, extra]) => {
			const held = body.length + reply.length;
			const len = Math.min(MAX_LEN, held + 1 + (extraLen % 500));
			const header = Buffer.alloc(7);
			PREAMBLE.copy(header, 0);
			header.writeUInt16BE(len, 5);
			return {bytes: Buffer.concat([header, body, reply]), good: [reply], silenceMs: gapMs + extra};
		});
}

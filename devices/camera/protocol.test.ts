import {describe, expect, it} from 'vitest';
import {loadPage} from '../../mocks/devices/camera-pages.js';
import {checkJpegStructure, verifyJpeg} from './jpeg-check.js';
import {
	captureExchangeBytes,
	freezeRequest,
	frameLengthRequest,
	frameWrapper,
	hex,
	readFrameRequest,
	replyBytes,
	resetRequest,
	resumeRequest,
	setBaudRequest,
	setCompressionRequest,
	setSizeRequest,
	versionRequest,
	wireTimeMs,
} from './protocol.js';
import {ReplyAssembler} from './replies.js';
import {errorText} from '../../src/i18n/errors.js';
import {thrown} from '../../src/test-utils/caught.js';

describe('VC0706 requests (docs/devices.md#commands)', () => {
	it.each([
		['version', versionRequest(), '56 00 11 00'],
		['reset', resetRequest(), '56 00 26 00'],
		['freeze', freezeRequest(), '56 00 36 01 00'],
		['resume', resumeRequest(), '56 00 36 01 03'],
		['frame length', frameLengthRequest(), '56 00 34 01 00'],
		['read frame', readFrameRequest(0x1234, 0x400), '56 00 32 0C 00 0A 00 00 12 34 00 00 04 00 00 0A'],
		['size 640x480', setSizeRequest('640x480'), '56 00 31 05 04 01 00 19 00'],
		['size 320x240', setSizeRequest('320x240'), '56 00 31 05 04 01 00 19 11'],
		['size 160x120', setSizeRequest('160x120'), '56 00 31 05 04 01 00 19 22'],
		['compression', setCompressionRequest(0x36), '56 00 31 05 01 01 12 04 36'],
		['baud 9600', setBaudRequest(9600), '56 00 24 03 01 AE C8'],
		['baud 19200', setBaudRequest(19200), '56 00 24 03 01 56 E4'],
		['baud 38400', setBaudRequest(38400), '56 00 24 03 01 2A F2'],
		['baud 57600', setBaudRequest(57600), '56 00 24 03 01 1C 1C'],
		['baud 115200', setBaudRequest(115200), '56 00 24 03 01 0D A6'],
	])('%s', (_name, bytes, expected) => {
		expect(hex(bytes)).toBe(expected);
	});

	it('rejects a compression ratio outside one byte', () => {
		expect(() => setCompressionRequest(256)).toThrow(RangeError);
	});

	it('computes wire time at 10 bits per byte: 50 KB ≈ 4.4 s at 115200, ≈ 13 s at 38400', () => {
		expect(wireTimeMs(51200, 115200)).toBeCloseTo(4444.4, 1);
		expect(wireTimeMs(51200, 38400)).toBeCloseTo(13333.3, 1);
		// freeze 5+5, length 5+9, resume 5+5, two chunks of 16 + 5 + n + 5
		expect(captureExchangeBytes(1500, 1024)).toBe(34 + (26 + 1024) + (26 + 476));
	});
});

describe('ReplyAssembler', () => {
	const plain = {step: 'version', cmd: 0x11, serial: 0, kind: 'plain' as const};

	it('assembles a reply split at every byte, after skipping noise', () => {
		const a = new ReplyAssembler();
		a.expect(plain);
		const bytes = Buffer.concat([Buffer.from('Init end\r\n'), replyBytes(0x11, Buffer.from('VC0703 1.00'))]);
		let outcome;
		for (const b of bytes) outcome = a.push(Buffer.from([b]));
		expect(outcome).toMatchObject({type: 'done', reply: {header: {cmd: 0x11, status: 0, dataLength: 11}}});
		expect(outcome!.type === 'done' && outcome!.reply.data.toString()).toBe('VC0703 1.00');
		expect(a.skipped).toBe(10);
	});

	it.each([
		['another serial number', Buffer.from([0x76, 0x01, 0x11, 0x00, 0x00]), 'camera_bad_reply'],
		['another command echoed', Buffer.from([0x76, 0x00, 0x26, 0x00, 0x00]), 'camera_bad_reply'],
		['a non-zero status', Buffer.from([0x76, 0x00, 0x11, 0x03, 0x00]), 'camera_status'],
	])('rejects %s', (_name, bytes, code) => {
		const a = new ReplyAssembler();
		a.expect(plain);
		expect(a.push(bytes)).toMatchObject({type: 'error', error: {code}});
	});

	it('checks the announced data length', () => {
		const a = new ReplyAssembler();
		a.expect({step: 'frame length', cmd: 0x34, serial: 0, kind: 'plain', dataLength: 4});
		expect(a.push(Buffer.from([0x76, 0x00, 0x34, 0x00, 0x02, 0, 0]))).toMatchObject({type: 'error', error: {code: 'camera_bad_reply'}});
	});

	it('takes a read-frame reply only with its trailing header, and notices a short one', () => {
		const a = new ReplyAssembler();
		const frame = {step: 'read', cmd: 0x32, serial: 0, kind: 'frame' as const, length: 8};
		a.expect(frame);
		expect(a.push(Buffer.concat([frameWrapper(), Buffer.from([1, 2, 3, 4, 5, 6, 7, 8])]))).toEqual({type: 'pending'});
		expect(a.push(frameWrapper())).toMatchObject({type: 'done', reply: {data: Buffer.from([1, 2, 3, 4, 5, 6, 7, 8])}});
		a.expect(frame);
		expect(a.push(Buffer.concat([frameWrapper(), Buffer.from([1, 2, 3]), frameWrapper()]))).toEqual({type: 'pending'});
		expect(a.endsWithTrailer()).toBe(true);
		a.expect(frame);
		expect(a.push(Buffer.concat([frameWrapper(), Buffer.alloc(8), Buffer.from([0x76, 0, 0x32, 0, 9])]))).toMatchObject({type: 'error', error: {code: 'camera_bad_reply'}});
	});
});

describe('whole-image check', () => {
	const page = loadPage('application', '320x240');

	it('accepts a good page and decodes it to the requested size', () => {
		const image = verifyJpeg(page, {expectedLength: page.length, expectedSize: {width: 320, height: 240}});
		expect(image).toMatchObject({width: 320, height: 240});
		expect(image.data.length).toBe(320 * 240 * 4);
	});

	it.each([
		['a length other than reported', page, page.length + 1, /reported/],
		['a missing start marker', Buffer.concat([Buffer.from([0, 0]), page.subarray(2)]), page.length, /FF D8/],
		['a missing end marker', Buffer.concat([page.subarray(0, -2), Buffer.from([0, 0])]), page.length, /FF D9/],
		['a cut-off page padded with zeros', Buffer.concat([page.subarray(0, 4000), Buffer.alloc(page.length - 4002), Buffer.from([0xff, 0xd9])]), page.length, /./],
		['an end marker in the middle', Buffer.concat([page.subarray(0, 3000), Buffer.from([0xff, 0xd9]), page.subarray(3002)]), page.length, /before the end|marker|decode/],
	])('refuses %s', (_name, bytes, expectedLength, reason) => {
		const error = thrown(() => verifyJpeg(bytes, {expectedLength}));
		expect(error).toMatchObject({code: 'camera_corrupted_image'});
		expect(errorText(error, 'en')).toMatch(reason);
	});

	it('refuses an image of another size than asked for', () => {
		expect(errorText(thrown(() => verifyJpeg(page, {expectedLength: page.length, expectedSize: {width: 640, height: 480}})), 'en')).toMatch(/320x240, expected 640x480/);
	});

	it('reads the frame size from the header', () => {
		expect(checkJpegStructure(loadPage('hukou', '160x120'))).toEqual({width: 160, height: 120});
	});
});

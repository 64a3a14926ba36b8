import {describe, expect, it} from 'vitest';
import {
	BAUD_RATES,
	checksum,
	commandFrame,
	commandName,
	decodeFrame,
	encodeFrame,
	fromHex,
	hex,
	parseReply,
	replyFrame,
	setBaudFrame,
	SW3,
	sw3Info,
	wireTimeMs,
	type CommandName,
} from './protocol.js';

describe('command frames (docs/devices.md#command-frames)', () => {
	it.each<[CommandName, string]>([
		['resetSam', 'AA AA AA 96 69 00 03 10 FF EC'],
		['samStatus', 'AA AA AA 96 69 00 03 11 FF ED'],
		['samId', 'AA AA AA 96 69 00 03 12 FF EE'],
		['findCard', 'AA AA AA 96 69 00 03 20 01 22'],
		['selectCard', 'AA AA AA 96 69 00 03 20 02 21'],
		['readBase', 'AA AA AA 96 69 00 03 30 01 32'],
		['readAddress', 'AA AA AA 96 69 00 03 30 03 30'],
		['readWithFingerprint', 'AA AA AA 96 69 00 03 30 10 23'],
	])('%s → %s', (name, expected) => {
		expect(hex(commandFrame(name))).toBe(expected);
	});

	it.each([
		[115200, 'AA AA AA 96 69 00 03 60 00 63'],
		[57600, 'AA AA AA 96 69 00 03 60 01 62'],
		[38400, 'AA AA AA 96 69 00 03 60 02 61'],
		[19200, 'AA AA AA 96 69 00 03 60 03 60'],
		[9600, 'AA AA AA 96 69 00 03 60 04 67'],
	] as const)('set baud %i → %s', (baud, expected) => {
		expect(hex(setBaudFrame(baud))).toBe(expected);
	});

	it('names commands for logs, including baud changes', () => {
		expect(commandName(0x20, 0x01)).toBe('findCard');
		expect(commandName(0x60, 0x04)).toBe('setBaud(9600)');
		expect(commandName(0x99, 0x01)).toBeUndefined();
		expect(BAUD_RATES[0]).toBe(115200);
	});
});

describe('observed replies (docs/devices.md#observed-replies)', () => {
	it.each([
		['SAM OK', 0x90, 0, 'AA AA AA 96 69 00 04 00 00 90 94'],
		['no card', 0x80, 0, 'AA AA AA 96 69 00 04 00 00 80 84'],
		['found', 0x9f, 4, 'AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'],
		['selected', 0x90, 8, 'AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'],
		['checksum error', 0x10, 0, 'AA AA AA 96 69 00 04 00 00 10 14'],
	])('%s', (_label, sw3, dataBytes, expected) => {
		expect(hex(replyFrame(sw3, Buffer.alloc(dataBytes)))).toBe(expected);
		const decoded = decodeFrame(fromHex(expected));
		expect(decoded.ok).toBe(true);
		if (decoded.ok) expect(parseReply(decoded.body)?.sw3).toBe(sw3);
	});
});

describe('frame checks', () => {
	it('LEN is big-endian and counts CHK; CHK is XOR of LEN and body', () => {
		const frame = encodeFrame(Buffer.alloc(300, 1));
		expect(frame.readUInt16BE(5)).toBe(301);
		expect(frame.length).toBe(7 + 301);
		expect(frame[frame.length - 1]).toBe(checksum(frame.subarray(5, frame.length - 1)));
	});

	it('a read reply of 30 01 is 1295 bytes with LEN 05 08', () => {
		const frame = replyFrame(0x90, Buffer.alloc(4 + 256 + 1024));
		expect(frame.length).toBe(1295);
		expect(hex(frame.subarray(0, 10))).toBe('AA AA AA 96 69 05 08 00 00 90');
	});

	it.each([
		['short', 'AA AA AA 96 69 00'],
		['preamble', 'AA AA AB 96 69 00 03 10 FF EC'],
		['length', 'AA AA AA 96 69 00 04 10 FF EC'],
		['length', 'AA AA AA 96 69 00 02 10 12 00'],
		['checksum', 'AA AA AA 96 69 00 03 10 FF ED'],
	])('rejects a frame with a %s problem', (problem, bytes) => {
		expect(decodeFrame(fromHex(bytes))).toEqual({ok: false, problem});
	});
});

describe('SW3 table', () => {
	it('has both languages for every code, and 9F means found (not timeout)', () => {
		for (const info of SW3.values()) {
			expect(info['zh-CN']).toMatch(/\p{Script=Han}/u);
			expect(info.en).toMatch(/[a-z]/);
		}
		expect(sw3Info(0x9f).name).toBe('card_found');
		expect(sw3Info(0x60)['zh-CN']).toContain('自检失败');
		expect(sw3Info(0x80).en).toContain('no card');
		expect(sw3Info(0x55).name).toBe('unknown');
		expect([...SW3.keys()].sort((a, b) => a - b)).toEqual([0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81, 0x90, 0x91, 0x9f]);
	});

	it('computes wire time at 8N1', () => {
		expect(wireTimeMs(1295, 115200)).toBeCloseTo(112.4, 1);
		expect(wireTimeMs(2321, 115200)).toBeCloseTo(201.5, 1);
		expect(wireTimeMs(1295, 9600)).toBeCloseTo(1349, 0);
	});
});

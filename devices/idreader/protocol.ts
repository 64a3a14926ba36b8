/**
 * SAM host protocol (GA/T 467) frames: building and checking them, the command set and the SW3
 * status table. Pure byte work; framing of a live byte stream lives in parser.ts.
 *
 *   command : AA AA AA 96 69 | LEN_H LEN_L | CMD PARA [DATA] | CHK
 *   response: AA AA AA 96 69 | LEN_H LEN_L | SW1 SW2 SW3 [DATA] | CHK
 * LEN is big-endian and counts every byte after itself, CHK included; CHK is the XOR of LEN_H,
 * LEN_L and the body.
 */

export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
/** Preamble + LEN. */
export const HEADER_BYTES = 7;
/** Largest frame a reader sends (30 10 with a 1024-byte fingerprint). */
export const MAX_FRAME_BYTES = 2321;
/** LEN bounds: a command body is CMD PARA (+CHK) = 3; the longest reply is MAX_FRAME_BYTES − 7. */
export const MIN_LEN = 3;
export const MAX_LEN = MAX_FRAME_BYTES - HEADER_BYTES;

/** XOR of the bytes after the preamble, CHK excluded. */
export function checksum(lenAndBody: Uint8Array): number {
	let x = 0;
	for (const b of lenAndBody) x ^= b;
	return x;
}

/** Builds a whole frame around a body (command bytes or SW1 SW2 SW3 + data). */
export function encodeFrame(body: Uint8Array): Buffer {
	const len = body.length + 1;
	if (len > 0xffff) throw new RangeError(`frame body too long: ${body.length} bytes`);
	const frame = Buffer.alloc(HEADER_BYTES + len);
	PREAMBLE.copy(frame, 0);
	frame.writeUInt16BE(len, 5);
	frame.set(body, HEADER_BYTES);
	frame[frame.length - 1] = checksum(frame.subarray(5, frame.length - 1));
	return frame;
}

export type FrameProblem = 'short' | 'preamble' | 'length' | 'checksum';

/** Checks one complete frame; returns its body (between LEN and CHK) or what is wrong. */
export function decodeFrame(frame: Uint8Array): {ok: true; body: Buffer} | {ok: false; problem: FrameProblem} {
	const buf = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
	if (buf.length < HEADER_BYTES + MIN_LEN) return {ok: false, problem: 'short'};
	if (!buf.subarray(0, 5).equals(PREAMBLE)) return {ok: false, problem: 'preamble'};
	const len = buf.readUInt16BE(5);
	if (len < MIN_LEN || len > MAX_LEN || buf.length !== HEADER_BYTES + len) return {ok: false, problem: 'length'};
	if (checksum(buf.subarray(5, buf.length - 1)) !== buf[buf.length - 1]) return {ok: false, problem: 'checksum'};
	return {ok: true, body: Buffer.from(buf.subarray(HEADER_BYTES, buf.length - 1))};
}

/** Commands of the host protocol, by name. */
export const COMMANDS = {
	resetSam: {cmd: 0x10, para: 0xff},
	samStatus: {cmd: 0x11, para: 0xff},
	samId: {cmd: 0x12, para: 0xff},
	findCard: {cmd: 0x20, para: 0x01},
	selectCard: {cmd: 0x20, para: 0x02},
	readBase: {cmd: 0x30, para: 0x01},
	readAddress: {cmd: 0x30, para: 0x03},
	readWithFingerprint: {cmd: 0x30, para: 0x10},
	setBaud: {cmd: 0x60, para: 0x00},
} as const;
export type CommandName = keyof typeof COMMANDS;

/** Baud rates selectable with `60 PP` (PP is the index). */
export const BAUD_RATES = [115200, 57600, 38400, 19200, 9600] as const;
export type BaudRate = (typeof BAUD_RATES)[number];

export function commandFrame(name: CommandName, para?: number): Buffer {
	const c = COMMANDS[name];
	return encodeFrame(Uint8Array.of(c.cmd, para ?? c.para));
}

export function setBaudFrame(baud: BaudRate): Buffer {
	return commandFrame('setBaud', BAUD_RATES.indexOf(baud));
}

/** Name of a command body (CMD PARA), for logs; undefined when it is not a known command. */
export function commandName(cmd: number, para: number): string | undefined {
	if (cmd === 0x60 && para <= 4) return `setBaud(${BAUD_RATES[para]})`;
	for (const [name, c] of Object.entries(COMMANDS)) if (c.cmd === cmd && c.para === para && name !== 'setBaud') return name;
	return undefined;
}

export interface Sw3Info {
	readonly code: number;
	readonly name: string;
	readonly 'zh-CN': string;
	readonly en: string;
}

const SW3_ROWS: ReadonlyArray<[number, string, string, string]> = [
	[0x90, 'success', '操作成功', 'success'],
	[0x9f, 'card_found', '找到卡片', 'card found'],
	[0x91, 'no_content', '该项无内容（如无追加住址、无指纹）', 'no content for that item (e.g. no appended address or fingerprint)'],
	[0x10, 'bad_checksum', '读卡器收到的帧校验和错误', 'reader received a frame with a bad checksum'],
	[0x11, 'bad_length', '读卡器收到的帧长度错误', 'reader received a frame with a bad length'],
	[0x21, 'bad_command', '命令错误', 'bad command'],
	[0x23, 'unauthorised', '越权操作', 'unauthorised operation'],
	[0x24, 'unrecognised', '无法识别的错误', 'unrecognised error'],
	[0x31, 'card_auth_sam_failed', '卡片认证安全模块失败', 'card failed to authenticate the SAM'],
	[0x32, 'sam_auth_card_failed', '安全模块认证卡片失败', 'SAM failed to authenticate the card'],
	[0x33, 'verify_failed', '信息验证错误', 'information verification error'],
	[0x40, 'unknown_card_type', '无法识别的卡类型', 'wrong or unknown card type'],
	[0x41, 'read_failed', '读卡操作失败', 'read failed'],
	[0x47, 'random_failed', '取随机数失败', 'random number failed'],
	[0x60, 'sam_self_test_failed', '安全模块自检失败，不接收命令', 'SAM self-test failed; it accepts no commands'],
	[0x66, 'sam_not_authorised', '安全模块未经授权', 'SAM not authorised'],
	[0x80, 'no_card', '寻卡失败：没有卡片', 'find failed: no card'],
	[0x81, 'select_failed', '选卡失败', 'select failed'],
];

export const SW3: ReadonlyMap<number, Sw3Info> = new Map(
	SW3_ROWS.map(([code, name, zh, en]) => [code, {code, name, 'zh-CN': zh, en}]),
);

export function sw3Info(code: number): Sw3Info {
	return SW3.get(code) ?? {code, name: 'unknown', 'zh-CN': `未知状态码 0x${hex2(code)}`, en: `unknown status 0x${hex2(code)}`};
}

export const SW3_OK = 0x90;
export const SW3_FOUND = 0x9f;
export const SW3_NO_CONTENT = 0x91;

export interface Reply {
	sw1: number;
	sw2: number;
	sw3: number;
	data: Buffer;
}

/** Splits a response body into status words and data. */
export function parseReply(body: Buffer): Reply | undefined {
	if (body.length < 3) return undefined;
	return {sw1: body[0]!, sw2: body[1]!, sw3: body[2]!, data: body.subarray(3)};
}

export function replyFrame(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Buffer {
	const body = Buffer.alloc(3 + data.length);
	body[0] = sw1;
	body[1] = sw2;
	body[2] = sw3;
	body.set(data, 3);
	return encodeFrame(body);
}

/** Wire time of `bytes` at a baud rate with 8N1 framing (10 bits per byte), in ms. */
export function wireTimeMs(bytes: number, baud: number): number {
	return (bytes * 10 * 1000) / baud;
}

export function hex(buf: Uint8Array): string {
	return Array.from(buf, hex2).join(' ');
}

function hex2(b: number): string {
	return b.toString(16).toUpperCase().padStart(2, '0');
}

/** Parses "AA AA 96" style hex (spaces optional) — for tests and fixtures. */
export function fromHex(text: string): Buffer {
	return Buffer.from(text.replace(/\s+/g, ''), 'hex');
}

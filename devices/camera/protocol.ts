/**
 * VC0706 serial JPEG camera command set (docs/devices.md#document-camera-vc0706, cross-checked with
 * the public Adafruit VC0706 driver's byte layout). Requests are `56 SN CMD ARGLEN ARGS…`; replies
 * are `76 SN CMD STATUS DATALEN DATA…`. Read frame replies wrap the JPEG bytes between two 5-byte
 * headers (`76 SN 32 00 00`). Pure functions only: bytes in, bytes or objects out.
 */

export const REQUEST_SIGN = 0x56;
export const REPLY_SIGN = 0x76;
export const DEFAULT_SERIAL = 0x00;

export const CMD = {
	version: 0x11,
	baudRate: 0x24,
	reset: 0x26,
	readData: 0x30,
	writeData: 0x31,
	readFrame: 0x32,
	frameLength: 0x34,
	frameControl: 0x36,
} as const;

/** Frame control argument: freeze the current frame (capture) or resume live video. */
const FREEZE = 0x00;
const RESUME = 0x03;

export const IMAGE_SIZES = ['640x480', '320x240', '160x120'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];
const SIZE_CODES: Record<ImageSize, number> = {'640x480': 0x00, '320x240': 0x11, '160x120': 0x22};

export function sizeCode(size: ImageSize): number {
	return SIZE_CODES[size];
}

export function sizeFromCode(code: number): ImageSize | undefined {
	return IMAGE_SIZES.find((s) => SIZE_CODES[s] === code);
}

export function sizeDimensions(size: ImageSize): {width: number; height: number} {
	const [w, h] = size.split('x').map(Number);
	return {width: w!, height: h!};
}

export function isImageSize(value: unknown): value is ImageSize {
	return typeof value === 'string' && (IMAGE_SIZES as readonly string[]).includes(value);
}

export const CAMERA_BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;
export type CameraBaud = (typeof CAMERA_BAUD_RATES)[number];
const BAUD_CODES: Record<CameraBaud, [number, number]> = {
	9600: [0xae, 0xc8],
	19200: [0x56, 0xe4],
	38400: [0x2a, 0xf2],
	57600: [0x1c, 0x1c],
	115200: [0x0d, 0xa6],
};

export function baudFromCode(hi: number, lo: number): CameraBaud | undefined {
	return CAMERA_BAUD_RATES.find((b) => BAUD_CODES[b][0] === hi && BAUD_CODES[b][1] === lo);
}

export function isCameraBaud(value: unknown): value is CameraBaud {
	return (CAMERA_BAUD_RATES as readonly unknown[]).includes(value);
}

/** Default read-frame delay argument, in units of 0.01 ms (the camera waits this long before data). */
export const DEFAULT_READ_DELAY = 0x000a;

function request(cmd: number, args: readonly number[] = [], serial = DEFAULT_SERIAL): Buffer {
	return Buffer.from([REQUEST_SIGN, serial, cmd, args.length, ...args]);
}

export const versionRequest = (serial?: number) => request(CMD.version, [], serial);
export const resetRequest = (serial?: number) => request(CMD.reset, [], serial);
export const freezeRequest = (serial?: number) => request(CMD.frameControl, [FREEZE], serial);
export const resumeRequest = (serial?: number) => request(CMD.frameControl, [RESUME], serial);
/** Frame length of the current (frozen) frame: argument 00. */
export const frameLengthRequest = (serial?: number) => request(CMD.frameLength, [0x00], serial);

/** Writes register 0x0019 of the sensor's RAM block (image size). */
export const setSizeRequest = (size: ImageSize, serial?: number) => request(CMD.writeData, [0x04, 0x01, 0x00, 0x19, sizeCode(size)], serial);
/** Reads the image size register back (reply data: one byte, the size code). */
export const getSizeRequest = (serial?: number) => request(CMD.readData, [0x04, 0x01, 0x00, 0x19], serial);
/** Compression ratio register 0x1204 (0x00–0xFF; higher = smaller files). */
export function setCompressionRequest(ratio: number, serial?: number): Buffer {
	if (!Number.isInteger(ratio) || ratio < 0 || ratio > 0xff) throw new RangeError(`compression ratio must be 0–255, got ${ratio}`);
	return request(CMD.writeData, [0x01, 0x01, 0x12, 0x04, ratio], serial);
}
export function setBaudRequest(baud: CameraBaud, serial?: number): Buffer {
	const code = BAUD_CODES[baud];
	if (!code) throw new RangeError(`unsupported baud rate ${baud}`);
	return request(CMD.baudRate, [0x01, code[0], code[1]], serial);
}

/** Read `length` bytes of the frozen frame from `address`; the camera waits `delay`×0.01 ms first. */
export function readFrameRequest(address: number, length: number, delay = DEFAULT_READ_DELAY, serial?: number): Buffer {
	const args = Buffer.alloc(12);
	args[0] = 0x00; // frame type: current (frozen) frame
	args[1] = 0x0a; // transfer mode: over the UART, data wrapped between two reply headers
	args.writeUInt32BE(address, 2);
	args.writeUInt32BE(length, 6);
	args.writeUInt16BE(delay, 10);
	return request(CMD.readFrame, [...args], serial);
}

export interface ReplyHeader {
	serial: number;
	cmd: number;
	status: number;
	dataLength: number;
}

/** Parses the 5 header bytes of a reply, or undefined when they do not start with 0x76. */
export function parseReplyHeader(bytes: Buffer): ReplyHeader | undefined {
	if (bytes.length < 5 || bytes[0] !== REPLY_SIGN) return undefined;
	return {serial: bytes[1]!, cmd: bytes[2]!, status: bytes[3]!, dataLength: bytes[4]!};
}

export function replyBytes(cmd: number, data: Buffer = Buffer.alloc(0), status = 0, serial = DEFAULT_SERIAL): Buffer {
	return Buffer.concat([Buffer.from([REPLY_SIGN, serial, cmd, status, data.length]), data]);
}

/** The header that opens and closes a read frame reply. */
export function frameWrapper(serial = DEFAULT_SERIAL): Buffer {
	return Buffer.from([REPLY_SIGN, serial, CMD.readFrame, 0x00, 0x00]);
}

/** Bytes on the wire for one chunk: 16-byte request + reply header + data + trailing header. */
export function chunkExchangeBytes(length: number): number {
	return 16 + 5 + length + 5;
}

/** Bytes on the wire for a whole capture: freeze, frame length, the chunk reads, resume. */
export function captureExchangeBytes(frameLength: number, chunkSize: number): number {
	let bytes = 5 + 5 + (5 + 9) + (5 + 5);
	for (let address = 0; address < frameLength; address += chunkSize) bytes += chunkExchangeBytes(Math.min(chunkSize, frameLength - address));
	return bytes;
}

/** Wire time of `bytes` at `baud` with 8N1 framing (10 bits per byte). */
export function wireTimeMs(bytes: number, baud: number): number {
	return (bytes * 10 * 1000) / baud;
}

export function hex(bytes: Buffer): string {
	return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

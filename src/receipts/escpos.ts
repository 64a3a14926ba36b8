/**
 * A paper (layout.ts) as ESC/POS bytes for the thermal receipt printers branches use (Epson
 * TM-T series, and the Chinese 58/80 mm printers that follow them): ESC @ resets, FS & turns on
 * Chinese character mode, the text is GB18030 (iconv-lite) one line per LF, the QR code of the
 * evaluation page is the printer's own QR command (GS ( k: model 2, module size, error correction
 * M, store, print), then a feed and GS V cut. Pure: bytes out, nothing written here (print.ts).
 *
 * The QR payload is limited to QR_PAYLOAD_LIMIT bytes, checked before any byte is made: at level M
 * 300 bytes is a version-13 symbol, 69 modules plus the 4-module quiet zone each side, which at
 * 4 dots a module (0.5 mm at 203 dpi) is 308 dots, within the 384 dots a 58 mm printer prints;
 * longer, the symbol would be cut off or shrunk below what a phone reads off thermal paper. (The
 * command itself would carry up to 7089 bytes.)
 */
import iconv from 'iconv-lite';
import {AppError, EXIT} from '../core/errors.js';
import type {Paper} from './layout.js';

/** Columns of Font A (12 x 24 dots) on a 58 mm printer's 384 dots; a CJK character takes 2. */
export const ESCPOS_WIDTH = 32;

/** The longest QR payload printed, in bytes (see above). */
export const QR_PAYLOAD_LIMIT = 300;

/** Dots per QR module (GS ( k function 167). */
const QR_MODULE_DOTS = 4;

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

/** A QR payload too long for the printer (exit 2): named by its length and the limit, never its content. */
export class QrPayloadTooLongError extends AppError {
	constructor(bytes: number) {
		super('escpos_qr_too_long', EXIT.usage, {bytes, limit: QR_PAYLOAD_LIMIT});
	}
}

/** GS ( k with its pL pH length, for cn = 49 (QR code), function fn and its parameters. */
function qrCommand(fn: number, ...data: number[] | [Buffer]): Buffer {
	const body = data[0] instanceof Buffer ? data[0] : Buffer.from(data as number[]);
	const length = body.length + 2;
	return Buffer.concat([Buffer.from([GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, fn]), body]);
}

const text = (line: string) => Buffer.concat([iconv.encode(line, 'gb18030'), Buffer.from([LF])]);

/** The paper's bytes: its lines, the QR caption, the QR code centred, its address, a feed and a cut. */
export function escposBytes(paper: Paper): Buffer {
	const payload = paper.qr ? Buffer.from(paper.qr.url, 'utf8') : undefined;
	if (payload && payload.length > QR_PAYLOAD_LIMIT) throw new QrPayloadTooLongError(payload.length);
	const parts: Buffer[] = [Buffer.from([ESC, 0x40]), Buffer.from([FS, 0x26])];
	for (const line of paper.lines) parts.push(text(line));
	if (paper.qr && payload) {
		parts.push(
			text(''),
			text(paper.qr.caption),
			Buffer.from([ESC, 0x61, 0x01]), // centre
			qrCommand(0x41, 0x32, 0x00), // 165: model 2
			qrCommand(0x43, QR_MODULE_DOTS), // 167: module size
			qrCommand(0x45, 0x31), // 169: error correction M
			qrCommand(0x50, Buffer.concat([Buffer.from([0x30]), payload])), // 180: store the data
			qrCommand(0x51, 0x30), // 181: print it
			Buffer.from([LF, ESC, 0x61, 0x00]), // left again
			text(paper.qr.url),
		);
	}
	parts.push(Buffer.from([ESC, 0x64, 0x04]), Buffer.from([GS, 0x56, 0x42, 0x00])); // feed 4 lines, feed and partial cut
	return Buffer.concat(parts);
}

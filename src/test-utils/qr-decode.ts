/**
 * Reads back a QR code drawn as half-block text (src/receipts/qr.ts) with a real QR decoder
 * (jsQR): the text becomes a bitmap, each character cell two modules high, every module `scale`
 * pixels square, light margin around; the bitmap goes to jsQR as a camera frame would.
 */
import jsQRModule from 'jsqr';

// jsqr is CommonJS with `exports.default`: under Node's ESM loader the default import is the
// module object, whose `default` is the decoder (its types declare only the ESM shape).
const jsQR = (jsQRModule as unknown as {default: (data: Uint8ClampedArray, width: number, height: number, options?: {inversionAttempts?: 'dontInvert'}) => {data: string} | null}).default;

const CELL: Record<string, readonly [number, number]> = {' ': [0, 0], '▀': [1, 0], '▄': [0, 1], '█': [1, 1]};

/** The rows of `lines` that are part of a drawn QR code (only half blocks and spaces, some ink). */
export function qrRowsOf(lines: readonly string[]): string[] {
	return lines.filter((line) => /^[ ▀▄█]+$/.test(line) && /[▀▄█]/.test(line));
}

/** The payload of the QR code drawn in `lines`; null when the decoder finds none. */
export function decodeBlockQr(lines: readonly string[], scale = 4): string | null {
	const rows = qrRowsOf(lines);
	if (rows.length === 0) return null;
	const margin = 8;
	const cols = Math.max(...rows.map((r) => [...r].length));
	const width = (cols + 2 * margin) * scale;
	const height = (rows.length * 2 + 2 * margin) * scale;
	const pixels = new Uint8ClampedArray(width * height * 4).fill(255);
	rows.forEach((row, y) => {
		[...row].forEach((ch, x) => {
			const [top, bottom] = CELL[ch] ?? [0, 0];
			for (const [half, dark] of [[0, top], [1, bottom]] as const) {
				if (!dark) continue;
				for (let dy = 0; dy < scale; dy++) {
					for (let dx = 0; dx < scale; dx++) {
						const px = ((margin + y * 2 + half) * scale + dy) * width + (margin + x) * scale + dx;
						pixels.fill(0, px * 4, px * 4 + 3);
					}
				}
			}
		});
	});
	return jsQR(pixels, width, height, {inversionAttempts: 'dontInvert'})?.data ?? null;
}

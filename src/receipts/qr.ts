/**
 * The QR code of the case's evaluation and progress page (好差评, docs/people.md#qr-code-for-好差评)
 * drawn as text: the module matrix comes from the `qrcode` library (error correction M), never
 * from an encoder of ours; each text row holds two module rows as half blocks (▀ top dark,
 * ▄ bottom dark, █ both, space neither), with the standard 4-module quiet zone around it. Dark
 * modules are ink: on paper as printed, in the console drawn black on white. Pure.
 */
import QRCode from 'qrcode';

/** The quiet zone the QR standard asks for around the symbol, in modules. */
const QUIET = 4;

const GLYPH = [' ', '▀', '▄', '█'] as const;

/** The half-block rows of the QR code of `text` (quiet zone included); all rows equally wide. */
export function qrBlockRows(text: string): string[] {
	const {modules} = QRCode.create(text, {errorCorrectionLevel: 'M'});
	const side = modules.size + 2 * QUIET;
	const dark = (row: number, col: number) => {
		const r = row - QUIET;
		const c = col - QUIET;
		return r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c) ? 1 : 0;
	};
	const rows: string[] = [];
	for (let row = 0; row < side; row += 2) {
		let line = '';
		for (let col = 0; col < side; col++) line += GLYPH[dark(row, col) | (dark(row + 1, col) << 1)];
		rows.push(line);
	}
	return rows;
}

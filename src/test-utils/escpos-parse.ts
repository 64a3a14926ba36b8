/**
 * Reads ESC/POS bytes back, command by command, as a printer would: the text lines (GB18030), the
 * QR payloads printed by GS ( k, whether the paper was cut. Any command it does not know is an
 * error, so a test sees every byte the encoder wrote.
 */
import iconv from 'iconv-lite';

export interface ParsedEscpos {
	lines: string[];
	qr: Array<{payload: string; model: number; moduleDots: number; errorCorrection: string}>;
	cut: boolean;
	/** ESC @ came first; FS & (Chinese mode) was on for every text byte. */
	initialized: boolean;
	chineseMode: boolean;
}

export function parseEscpos(bytes: Uint8Array): ParsedEscpos {
	const out: ParsedEscpos = {lines: [], qr: [], cut: false, initialized: false, chineseMode: false};
	const b = Buffer.from(bytes);
	let text: number[] = [];
	let qr = {model: 0, moduleDots: 0, errorCorrection: '', stored: undefined as Buffer | undefined};
	let i = 0;
	const need = (n: number) => {
		if (i + n > b.length) throw new Error(`command at byte ${i} cut short`);
	};
	while (i < b.length) {
		const x = b[i]!;
		if (out.cut) throw new Error(`byte ${i} after the cut`);
		if (x === 0x0a) {
			out.lines.push(iconv.decode(Buffer.from(text), 'gb18030'));
			text = [];
			i++;
		} else if (x >= 0x20) {
			if (!out.chineseMode && x >= 0x80) throw new Error(`byte ${i}: non-ASCII text outside Chinese mode`);
			text.push(x);
			i++;
		} else if (text.length > 0) {
			throw new Error(`byte ${i}: command 0x${x.toString(16)} in the middle of a line`);
		} else if (x === 0x1b && b[i + 1] === 0x40) {
			if (i !== 0) throw new Error('ESC @ not at the start');
			out.initialized = true;
			i += 2;
		} else if (x === 0x1c && b[i + 1] === 0x26) {
			out.chineseMode = true;
			i += 2;
		} else if (x === 0x1b && (b[i + 1] === 0x61 || b[i + 1] === 0x64)) {
			need(3);
			i += 3;
		} else if (x === 0x1d && b[i + 1] === 0x56) {
			need(3);
			const m = b[i + 2]!;
			out.cut = true;
			i += m === 0x41 || m === 0x42 ? 4 : 3;
		} else if (x === 0x1d && b[i + 1] === 0x28 && b[i + 2] === 0x6b) {
			need(7);
			const length = b[i + 3]! + b[i + 4]! * 256;
			if (b[i + 5] !== 0x31) throw new Error(`byte ${i}: GS ( k for symbol ${b[i + 5]}, not a QR code`);
			need(5 + length);
			const fn = b[i + 6]!;
			const data = b.subarray(i + 7, i + 5 + length);
			if (fn === 0x41) qr.model = data[0]! - 0x30;
			else if (fn === 0x43) qr.moduleDots = data[0]!;
			else if (fn === 0x45) qr.errorCorrection = 'LMQH'[data[0]! - 0x30] ?? '?';
			else if (fn === 0x50) {
				if (data[0] !== 0x30) throw new Error('QR store with m != 48');
				qr.stored = Buffer.from(data.subarray(1));
			} else if (fn === 0x51) {
				if (!qr.stored) throw new Error('QR print before store');
				out.qr.push({payload: qr.stored.toString('utf8'), model: qr.model, moduleDots: qr.moduleDots, errorCorrection: qr.errorCorrection});
				qr = {...qr, stored: undefined};
			} else throw new Error(`byte ${i}: unknown QR function ${fn}`);
			i += 5 + length;
		} else {
			throw new Error(`byte ${i}: unknown command 0x${x.toString(16)} 0x${(b[i + 1] ?? 0).toString(16)}`);
		}
	}
	if (text.length > 0) throw new Error('text after the last line feed');
	return out;
}

/** Printing to a receipt printer: ESC/POS bytes to a serial printer (a real pty pair), a USB printer class file, the print command. */
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {socatAvailable, startPtyPair, type PtyPair} from '../../mocks/devices/pty.js';
import {errorText} from '../i18n/errors.js';
import {parseEscpos} from '../test-utils/escpos-parse.js';
import {demoReceipt} from '../test-utils/receipts.js';
import {tempDirs} from '../test-utils/temp-dirs.js';
import {QR_PAYLOAD_LIMIT} from './escpos.js';
import {printPaper, type PrinterSetup, type PrintJob} from './print.js';
import {receiptFileText, receiptPaper} from './text.js';

const url = 'http://127.0.0.1:41234/e/TB44-20261127-0000003.Ab3_xY9-k2Q';
const doc = demoReceipt({evaluationUrl: url});
const job = (d = doc): PrintJob => ({file: join(dir, `${d.caseId}.txt`), text: receiptFileText(d, 'zh-CN'), paper: (width) => receiptPaper(d, 'zh-CN', width)});
const setup = (over: Partial<PrinterSetup>): PrinterSetup => ({receiptPrintCommand: '', receiptPrinter: '', receiptPrinterBaud: 9600, receiptFormat: 'escpos', ...over});

const tempDir = tempDirs('tongban-printer-');
let dir: string;
beforeEach(() => {
	dir = tempDir();
});

describe('a receipt printer', () => {
	it('a USB printer class file gets the ESC/POS bytes: text, QR payload, cut', async () => {
		const lp = join(dir, 'lp0');
		await writeFile(lp, '');
		await printPaper(setup({receiptPrinter: lp}), job());
		const parsed = parseEscpos(await readFile(lp));
		expect(parsed.qr.map((q) => q.payload)).toEqual([url]);
		expect(parsed.cut).toBe(true);
		expect(parsed.lines[0]!.trim()).toBe('跨省通办受理回执');
		expect(parsed.lines.join('').replace(/\s+/g, '')).toContain('欧阳**510107********113X');
	});

	it('a missing device is named and never created', async () => {
		const lp = join(dir, 'no-lp');
		const error = await printPaper(setup({receiptPrinter: lp}), job()).catch((e: unknown) => e);
		expect(error).toMatchObject({code: 'print_device_missing'});
		expect(errorText(error, 'zh-CN')).toContain(`找不到小票打印机设备 ${lp}`);
		await expect(readFile(lp)).rejects.toMatchObject({code: 'ENOENT'});
	});

	it('a QR payload over the printer limit: a clear message and nothing printed', async () => {
		const lp = join(dir, 'lp0');
		await writeFile(lp, '');
		const long = demoReceipt({evaluationUrl: `https://hub.example.cn/e/${'x'.repeat(QR_PAYLOAD_LIMIT)}`});
		const error = await printPaper(setup({receiptPrinter: lp}), job(long)).catch((e: unknown) => e);
		expect(error).toMatchObject({code: 'escpos_qr_too_long', params: {limit: QR_PAYLOAD_LIMIT}});
		expect(errorText(error, 'en')).toContain('over the receipt printer limit of 300 bytes; nothing was printed');
		expect((await readFile(lp)).length).toBe(0);
	});

	it('the print command gets the bytes on stdin, or the saved .escpos file for {file}; plain text stays plain', async () => {
		const out = join(dir, 'out.bin');
		await printPaper(setup({receiptPrintCommand: `tee ${out}`}), job());
		expect(parseEscpos(await readFile(out)).qr[0]!.payload).toBe(url);
		const copy = join(dir, 'copy.bin');
		await printPaper(setup({receiptPrintCommand: `cp {file} ${copy}`}), job());
		expect(parseEscpos(await readFile(copy)).cut).toBe(true);
		await printPaper(setup({receiptPrintCommand: `tee ${out}`, receiptFormat: 'text'}), job());
		expect(await readFile(out, 'utf8')).toBe(receiptFileText(doc, 'zh-CN'));
	});

	describe.skipIf(!socatAvailable())('a serial printer (a real pty pair)', () => {
		let pair: PtyPair | undefined;
		afterEach(async () => {
			await pair?.stop();
			pair = undefined;
		});

		it('reads the ESC/POS bytes off the other end of the line', async () => {
			pair = await startPtyPair();
			const {SerialPort} = await import('serialport');
			const printer = new SerialPort({path: pair.devicePath, baudRate: 9600, autoOpen: false});
			await new Promise<void>((resolve, reject) => printer.open((e) => (e ? reject(e) : resolve())));
			const chunks: Buffer[] = [];
			printer.on('data', (chunk: Buffer) => chunks.push(chunk));
			await printPaper(setup({receiptPrinter: pair.hostPath, receiptPrinterBaud: 19200}), job());
			// the last bytes are the cut (GS V 66 0)
			await vi.waitFor(() => expect(Buffer.concat(chunks).subarray(-4)).toEqual(Buffer.from([0x1d, 0x56, 0x42, 0x00])), {timeout: 5000});
			await new Promise<void>((resolve) => printer.close(() => resolve()));
			const parsed = parseEscpos(Buffer.concat(chunks));
			expect(parsed.qr.map((q) => q.payload)).toEqual([url]);
			expect(parsed.lines.join('\n')).toContain('好差评');
		});
	});
});

/**
 * Printing a receipt through the command the branch configured (setting `receiptPrintCommand`,
 * e.g. `lp -d counter1`). The command runs without a shell: its words are split here (single and
 * double quotes group words), `{file}` becomes the receipt file's path, and without `{file}` the
 * receipt text goes to its standard input. It has a deadline; a non-zero exit, a missing program
 * or a timeout is an error naming the command, never the receipt's content.
 */
import {spawn} from 'node:child_process';
import {constants} from 'node:fs';
import {open, writeFile} from 'node:fs/promises';
import {isatty} from 'node:tty';
import {AppError} from '../core/errors.js';
import {EXIT} from '../core/errors.js';
import {systemReason} from '../core/reasons.js';
import type {TemplateParams} from '../core/template.js';
import type {Paper} from './layout.js';

const PRINT_TIMEOUT_MS = 15_000;

/** Splits a command line into words: whitespace separates, quotes group, no shell expansion. */
export function splitCommand(line: string): string[] {
	const words: string[] = [];
	let word = '';
	let quote: '"' | "'" | undefined;
	let started = false;
	for (const ch of line) {
		if (quote) {
			if (ch === quote) quote = undefined;
			else word += ch;
		} else if (ch === '"' || ch === "'") {
			quote = ch;
			started = true;
		} else if (/\s/.test(ch)) {
			if (started) words.push(word);
			word = '';
			started = false;
		} else {
			word += ch;
			started = true;
		}
	}
	if (quote) throw new PrintError('print_command_quote', {command: line});
	if (started) words.push(word);
	return words;
}

/** A printing failure (exit 1): its code and values, worded by src/i18n/errors.ts. */
export class PrintError extends AppError {
	constructor(code: string, params: TemplateParams = {}, details?: Record<string, unknown>) {
		super(code, EXIT.partial, params, details);
	}
}

export async function printReceipt(command: string, receipt: {file: string; text: string | Buffer}, options: {timeoutMs?: number} = {}): Promise<void> {
	const words = splitCommand(command);
	if (words.length === 0) throw new PrintError('print_not_configured');
	const usesFile = words.some((w) => w.includes('{file}'));
	const [program, ...args] = words.map((w) => w.replaceAll('{file}', receipt.file));
	const timeoutMs = options.timeoutMs ?? PRINT_TIMEOUT_MS;
	await new Promise<void>((resolve, reject) => {
		const child = spawn(program!, args, {stdio: [usesFile ? 'ignore' : 'pipe', 'ignore', 'pipe'], shell: false});
		let stderr = '';
		let settled = false;
		const finish = (error?: PrintError) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			if (error) reject(error);
			else resolve();
		};
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			finish(new PrintError('print_timeout', {program: program!, seconds: timeoutMs / 1000}));
		}, timeoutMs);
		child.stderr?.on('data', (chunk: Buffer) => {
			if (stderr.length < 500) stderr += chunk.toString('utf8');
		});
		child.on('error', (error: NodeJS.ErrnoException) => {
			const missing = error.code === 'ENOENT';
			finish(
				new PrintError(missing ? 'print_command_missing' : 'print_cannot_run', {program: program!, reason: systemReason(error)}),
			);
		});
		child.on('close', (code, signal) => {
			if (code === 0) return finish();
			// The printer program's own last words (its language, not ours) go to the details only.
			const tail = stderr.trim().split('\n').at(-1)?.slice(0, 200) ?? '';
			const details = tail ? {stderr: tail} : {};
			finish(signal ? new PrintError('print_killed', {program: program!, signal}, details) : new PrintError('print_failed', {program: program!, status: code ?? -1}, details));
		});
		if (!usesFile && child.stdin) {
			// A printer program that exits before reading everything closes the pipe: that is its
			// exit status's business, not an unhandled error here.
			child.stdin.on('error', () => undefined);
			child.stdin.end(receipt.text);
		}
	});
}

/** The printer settings (docs/technician-guide.md): a device, else the print command; text or ESC/POS. */
export interface PrinterSetup {
	receiptPrintCommand: string;
	receiptPrinter: string;
	receiptPrinterBaud: number;
	receiptFormat: 'text' | 'escpos';
}

/** The settings a port was given, the printer keys it lacks at their defaults (plain text, no device). */
export type PrinterSettings = Pick<PrinterSetup, 'receiptPrintCommand'> & Partial<PrinterSetup>;

const setupOf = (s: PrinterSettings): PrinterSetup => ({receiptPrinter: '', receiptPrinterBaud: 9600, receiptFormat: 'text', ...s});

/** Whether the terminal has a printer at all (a device or a command). */
export const printerConfigured = (s: PrinterSettings) => (s.receiptPrinter ?? '').trim() !== '' || s.receiptPrintCommand.trim() !== '';

/** A paper to print: its saved text file, that text, and the paper itself laid out at a width (for ESC/POS). */
export interface PrintJob {
	file: string;
	text: string;
	paper: (width: number) => Paper;
}

/**
 * Prints a paper the way the settings say: as text or ESC/POS bytes (made first, so a paper the
 * printer cannot take, e.g. a QR payload over its limit, prints nothing), to the device or
 * through the print command. With ESC/POS and `{file}` in the command, the bytes are saved beside
 * the text file (`.escpos`, 0600) and that file is given.
 */
export async function printPaper(settings: PrinterSettings, job: PrintJob, options: {timeoutMs?: number} = {}): Promise<void> {
	const setup = setupOf(settings);
	const escpos = setup.receiptFormat === 'escpos';
	// escpos.ts brings iconv-lite's tables (≈600 kB): loaded only when a printer takes ESC/POS.
	const bytes = escpos ? await import('./escpos.js').then(({escposBytes, ESCPOS_WIDTH}) => escposBytes(job.paper(ESCPOS_WIDTH))) : Buffer.from(job.text, 'utf8');
	const device = setup.receiptPrinter.trim();
	if (device) return writeToDevice(device, setup.receiptPrinterBaud, bytes, options.timeoutMs ?? PRINT_TIMEOUT_MS);
	if (!escpos) return printReceipt(setup.receiptPrintCommand, {file: job.file, text: job.text}, options);
	const file = job.file.replace(/\.txt$/, '') + '.escpos';
	if (setup.receiptPrintCommand.includes('{file}')) await writeFile(file, bytes, {mode: 0o600});
	return printReceipt(setup.receiptPrintCommand, {file, text: bytes}, options);
}

/**
 * Writes the bytes to the printer device: a terminal device (a serial printer) through serialport
 * at `baud`, drained before it is closed; anything else (a USB printer class file such as
 * /dev/usb/lp0) written as a file, never created when missing. Within the deadline.
 */
async function writeToDevice(path: string, baud: number, bytes: Buffer, timeoutMs: number): Promise<void> {
	const work = (async () => {
		const handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_NOCTTY).catch((error: NodeJS.ErrnoException) => {
			throw new PrintError(error.code === 'ENOENT' ? 'print_device_missing' : 'print_device_failed', {path, reason: systemReason(error)});
		});
		if (!isatty(handle.fd)) {
			try {
				await handle.write(bytes);
			} catch (error) {
				throw new PrintError('print_device_failed', {path, reason: systemReason(error as NodeJS.ErrnoException)});
			} finally {
				await handle.close();
			}
			return;
		}
		await handle.close();
		await writeSerial(path, baud, bytes);
	})();
	// A device that takes no bytes (a serial printer offline with flow control) is given up at the deadline.
	work.catch(() => undefined);
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new PrintError('print_device_timeout', {path, seconds: timeoutMs / 1000})), timeoutMs);
	});
	try {
		await Promise.race([work, deadline]);
	} finally {
		clearTimeout(timer);
	}
}

async function writeSerial(path: string, baudRate: number, bytes: Buffer): Promise<void> {
	const {SerialPort} = await import('serialport');
	const port = new SerialPort({path, baudRate, autoOpen: false});
	const step = (run: (done: (error?: Error | null) => void) => void) =>
		new Promise<void>((resolve, reject) => run((error) => (error ? reject(new PrintError('print_device_failed', {path, reason: systemReason(error as NodeJS.ErrnoException)})) : resolve())));
	port.on('error', () => {});
	await step((done) => port.open(done));
	try {
		await step((done) => port.write(bytes, done));
		await step((done) => port.drain(done));
	} finally {
		await new Promise<void>((resolve) => port.close(() => resolve()));
	}
}

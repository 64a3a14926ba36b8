/**
 * Printing a receipt through the command the branch configured (setting `receiptPrintCommand`,
 * e.g. `lp -d counter1`). The command runs without a shell: its words are split here (single and
 * double quotes group words), `{file}` becomes the receipt file's path, and without `{file}` the
 * receipt text goes to its standard input. It has a deadline; a non-zero exit, a missing program
 * or a timeout is an error naming the command, never the receipt's content.
 */
import {spawn} from 'node:child_process';
import {AppError} from '../core/errors.js';
import {EXIT} from '../core/errors.js';
import {systemReason} from '../core/reasons.js';
import type {TemplateParams} from '../core/template.js';

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

export async function printReceipt(command: string, receipt: {file: string; text: string}, options: {timeoutMs?: number} = {}): Promise<void> {
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

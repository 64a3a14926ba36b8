/**
 * Printing a receipt through the command the branch configured (setting `receiptPrintCommand`,
 * e.g. `lp -d counter1`). The command runs without a shell: its words are split here (single and
 * double quotes group words), `{file}` becomes the receipt file's path, and without `{file}` the
 * receipt text goes to its standard input. It has a deadline; a non-zero exit, a missing program
 * or a timeout is an error naming the command, never the receipt's content.
 */
import {spawn} from 'node:child_process';
import {AppError} from '../core/errors.js';

export const PRINT_TIMEOUT_MS = 15_000;

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
	if (quote) throw new PrintError('print_command_quote', `打印命令的引号不成对：${line}`, `unbalanced quote in the print command: ${line}`);
	if (started) words.push(word);
	return words;
}

/** A printing failure: its message in both languages (the command-line shows the user's). */
export class PrintError extends AppError {
	readonly messages: {'zh-CN': string; en: string};
	constructor(code: string, zh: string, en: string, lang: 'zh-CN' | 'en' = 'zh-CN') {
		super(code, lang === 'en' ? en : zh, 1, {en});
		this.messages = {'zh-CN': zh, en};
	}
}

export async function printReceipt(command: string, receipt: {file: string; text: string}, options: {timeoutMs?: number} = {}): Promise<void> {
	const words = splitCommand(command);
	if (words.length === 0) throw new PrintError('print_not_configured', '未设置回执打印命令（tongban config set receiptPrintCommand "lp -d 打印机"）', 'no receipt print command is set (tongban config set receiptPrintCommand "lp -d PRINTER")');
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
			finish(new PrintError('print_timeout', `打印命令 ${program} 在 ${timeoutMs / 1000} 秒内没有结束，已停止`, `the print command ${program} did not finish within ${timeoutMs / 1000} s and was stopped`));
		}, timeoutMs);
		child.stderr?.on('data', (chunk: Buffer) => {
			if (stderr.length < 500) stderr += chunk.toString('utf8');
		});
		child.on('error', (error: NodeJS.ErrnoException) => {
			const missing = error.code === 'ENOENT';
			finish(
				new PrintError(
					missing ? 'print_command_missing' : 'print_failed',
					missing ? `找不到打印命令 ${program}（请检查设置 receiptPrintCommand）` : `无法运行打印命令 ${program}：${error.message}`,
					missing ? `print command ${program} not found (check the receiptPrintCommand setting)` : `cannot run the print command ${program}: ${error.message}`,
				),
			);
		});
		child.on('close', (code, signal) => {
			if (code === 0) return finish();
			const why = signal ? `signal ${signal}` : `exit ${code}`;
			const tail = stderr.trim().split('\n').at(-1)?.slice(0, 200) ?? '';
			finish(new PrintError('print_failed', `打印失败：${program} 返回 ${why}${tail ? `（${tail}）` : ''}`, `printing failed: ${program} returned ${why}${tail ? ` (${tail})` : ''}`));
		});
		if (!usesFile && child.stdin) {
			// A printer program that exits before reading everything closes the pipe: that is its
			// exit status's business, not an unhandled error here.
			child.stdin.on('error', () => undefined);
			child.stdin.end(receipt.text);
		}
	});
}

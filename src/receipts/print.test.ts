/** The print command: words split without a shell, stdin or {file}, and each failure named. */
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {printReceipt, splitCommand} from './print.js';
import {errorText} from '../i18n/errors.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-print-');
let dir: string;
beforeEach(() => {
	dir = tempDir();
});

describe('the print command', () => {
	it('splits words on spaces, keeps quoted words whole, and never runs a shell', () => {
		expect(splitCommand('lp -d counter1')).toEqual(['lp', '-d', 'counter1']);
		expect(splitCommand(`lp -t "受理 回执" -o 'media=A5'  `)).toEqual(['lp', '-t', '受理 回执', '-o', 'media=A5']);
		expect(splitCommand('echo $(id); rm -rf /')).toEqual(['echo', '$(id);', 'rm', '-rf', '/']);
		expect(splitCommand('lp ""')).toEqual(['lp', '']);
		expect(() => splitCommand('lp "open')).toThrow(expect.objectContaining({code: 'print_command_quote'}));
		try {
			splitCommand('lp "open');
		} catch (error) {
			expect(errorText(error, 'zh-CN')).toMatch(/引号/);
		}
	});

	it('sends the text to stdin, or the file path in place of {file}', async () => {
		const out = join(dir, 'out.txt');
		await printReceipt(`tee ${out}`, {file: 'unused', text: '回执\n'});
		expect(await readFile(out, 'utf8')).toBe('回执\n');
		const file = join(dir, 'receipt.txt');
		await writeFile(file, 'from the file\n');
		const copy = join(dir, 'copy.txt');
		await printReceipt(`cp {file} ${copy}`, {file, text: 'not this'});
		expect(await readFile(copy, 'utf8')).toBe('from the file\n');
	});

	it('names the command on a missing program, a failure with its last error line, and a timeout', async () => {
		await expect(printReceipt('', {file: 'f', text: ''})).rejects.toMatchObject({code: 'print_not_configured'});
		await expect(printReceipt('no-such-printer-xyz', {file: 'f', text: ''})).rejects.toMatchObject({code: 'print_command_missing'});
		const failed = await printReceipt(`ls ${join(dir, 'missing')}`, {file: 'f', text: ''}).catch((e: unknown) => e);
		expect(failed).toMatchObject({code: 'print_failed', details: {stderr: expect.stringMatching(/missing/)}});
		expect(errorText(failed, 'en')).toBe('printing failed: ls exited with status 2');
		// A printer that never finishes (tail -f follows forever): stopped at the deadline.
		await expect(printReceipt(`tail -f ${join(dir, 'never')} /dev/null`, {file: 'f', text: ''}, {timeoutMs: 200})).rejects.toMatchObject({code: 'print_timeout'});
	});
});

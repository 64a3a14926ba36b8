/**
 * The batch form of `tongban id validate` (issue 16.8): numbers from the arguments, --file or
 * stdin, one per line, each checked as it is read and its verdict written at once with
 * backpressure, so a file of any length takes bounded memory. A line is cut at 64 characters
 * (the longest number is 18): a longer one is a verdict of its own, never held whole. Numbers
 * are masked in every format unless --reveal; blank lines are skipped but keep the numbering, so
 * `line` points into the admin's file.
 */
import {createReadStream} from 'node:fs';
import {once} from 'node:events';
import {EXIT, InputError} from '../../src/core/errors.js';
import type {IdNumberResult} from '../../src/core/identity/idnumber.js';
import {maskIdNumber} from '../../src/core/identity/mask.js';
import {devicesText} from '../../src/i18n/devices.js';
import {boundedLines} from '../../src/text/bounded-lines.js';
import {csvLine} from '../../src/text/csv.js';
import type {CommandContext} from '../context.js';

const MAX_LINE = 64;

interface BatchOptions {
	numbers: readonly string[];
	file: string | undefined;
	mode: 'json' | 'csv' | 'text';
	reveal: boolean;
}

/** The kind the number was checked as; a legacy 15-digit citizen number is named as such. */
export function recognisedAs(result: IdNumberResult): 'resident' | 'resident15' | 'hkmotw' | 'foreign2017' | 'foreign2023' | undefined {
	if (result.kind === 'resident' && result.upgradedFrom15) return 'resident15';
	return result.kind;
}

async function* fromArguments(numbers: readonly string[]): AsyncGenerator<string> {
	for (const n of numbers) yield `${n}\n`;
}

function source(options: BatchOptions): AsyncIterable<Buffer | string> {
	if (options.numbers.length > 0) return fromArguments(options.numbers);
	if (options.file !== undefined) return createReadStream(options.file);
	if (process.stdin.isTTY) throw new InputError('no_numbers');
	return process.stdin;
}

/** Writes with backpressure: waits for 'drain' when the pipe is full. */
async function write(text: string): Promise<void> {
	if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

export async function validateBatch(ctx: CommandContext, options: BatchOptions, validate: (number: string) => IdNumberResult): Promise<number> {
	if (options.numbers.length > 0 && options.file !== undefined) throw new InputError('numbers_and_file');
	const t = (key: Parameters<typeof devicesText>[1], params?: Record<string, string | number>) => devicesText(ctx.lang, key, params);
	const show = (number: string) => (options.reveal ? number : maskIdNumber(number));
	let total = 0;
	let invalid = 0;
	if (options.mode === 'csv') await write('line,number,valid,kind,problems,message\n');
	try {
		for await (const line of boundedLines(source(options), MAX_LINE)) {
			const raw = line.text.trim();
			if (raw === '' && !line.overlong) continue;
			total++;
			const result = line.overlong ? null : validate(raw);
			const problems = result
				? result.problems.map((p) => ({code: p.code, severity: p.severity, message: p[ctx.lang]}))
				: [{code: 'too_long', severity: 'error' as const, message: t('id.batch.tooLong', {max: MAX_LINE})}];
			const valid = result?.ok ?? false;
			if (!valid) invalid++;
			const kind = result ? (recognisedAs(result) ?? null) : null;
			const number = show(result?.normalized ?? raw);
			const firstError = problems.find((p) => p.severity === 'error')?.message ?? '';
			if (options.mode === 'json') await write(`${JSON.stringify({line: line.lineNo, number, masked: !options.reveal, valid, kind, problems})}\n`);
			else if (options.mode === 'csv') await write(`${csvLine([String(line.lineNo), number, String(valid), kind ?? '', problems.map((p) => p.code).join(' '), firstError])}\n`);
			else await write(`${[number, t(valid ? 'id.batch.valid' : 'id.batch.invalid'), kind ? t(`id.kind.${kind}`) : '', firstError].join('\t').trimEnd()}\n`);
		}
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EACCES') {
			throw new InputError('number_file_unreadable', {file: options.file ?? ''});
		}
		throw error;
	}
	if (total === 0) throw new InputError('no_numbers');
	if (options.mode === 'text' || process.stderr.isTTY === true) ctx.err(t('id.batch.summary', {total, valid: total - invalid, invalid}));
	return invalid > 0 ? EXIT.partial : EXIT.ok;
}

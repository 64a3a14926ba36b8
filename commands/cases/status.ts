/**
 * `tongban cases status`: the admins' batch check. Ids come from the arguments, --file or stdin
 * (one per line) and are streamed through POST /cases/status:batch in chunks of at most 1000;
 * rows are written as they come (NDJSON with --json, CSV with --csv), with backpressure, so 100k
 * ids take bounded memory. Progress goes to stderr, only when stderr is a terminal.
 */
import {createReadStream} from 'node:fs';
import {once} from 'node:events';
import {createInterface} from 'node:readline';
import type {Argv, CommandModule} from 'yargs';
import {streamBatchStatus, type BatchRow} from '../../src/core/cases/tracking.js';
import {AppError, EXIT, HubError, InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {hubText} from '../../src/i18n/hub.js';
import type {AuditOutcome} from '../../src/core/audit/model.js';
import {runHandler, type CommandContext} from '../context.js';
import {openCommandAudit} from './audit-session.js';
import {hubClientFor, withHubOptions, type HubArgs} from './hub-args.js';
import {csvLine} from '../../src/text/csv.js';
import {errorText} from '../../src/i18n/errors.js';
import {formatStamp} from '../../src/text/time.js';

interface StatusArgs extends HubArgs {
	ids?: string[];
	file?: string;
	csv?: boolean;
	concurrency: number;
}

async function* fromArray(ids: string[]): AsyncGenerator<string> {
	yield* ids;
}

function idSource(ctx: CommandContext, args: StatusArgs): AsyncIterable<string> {
	if (args.ids && args.ids.length > 0) return fromArray(args.ids.map(String));
	if (args.file) return createInterface({input: createReadStream(args.file, {encoding: 'utf8'}), crlfDelay: Infinity});
	if (process.stdin.isTTY) throw new InputError('no_ids');
	return createInterface({input: process.stdin, crlfDelay: Infinity});
}

function formatRow(ctx: CommandContext, row: BatchRow, mode: 'json' | 'csv' | 'text'): string {
	if (mode === 'json') return `${JSON.stringify(row)}\n`;
	const status = 'status' in row ? row.status : '';
	const updatedAt = 'updatedAt' in row ? row.updatedAt : '';
	const error = 'error' in row ? row.error : '';
	// The one CSV writer: a case id such as `=cmd|…` is never handed to a spreadsheet as a formula.
	if (mode === 'csv') return `${csvLine([row.caseId, status, updatedAt, error])}\n`;
	if ('error' in row) return `${row.caseId}\t${hubText(ctx.lang, row.error === 'not_found' ? 'batch.notFound' : 'batch.invalid')}\n`;
	return `${row.caseId}\t${hubText(ctx.lang, `status.${row.status}`)}\t${formatStamp(row.updatedAt)}\n`;
}

/** Writes with backpressure: waits for 'drain' when the pipe is full. */
async function write(text: string): Promise<void> {
	if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

export function casesStatusCommand(lang: Lang): CommandModule<HubArgs, StatusArgs> {
	return {
		command: 'status [ids..]',
		describe: hubText(lang, 'cmd.cases.status'),
		builder: (y: Argv<HubArgs>) =>
			withHubOptions(y, lang)
				.positional('ids', {type: 'string', array: true})
				.option('file', {type: 'string', nargs: 1, describe: hubText(lang, 'opt.file')})
				.option('csv', {type: 'boolean', describe: hubText(lang, 'opt.csv')})
				.option('concurrency', {type: 'number', default: 4, describe: hubText(lang, 'opt.concurrency')}) as unknown as Argv<StatusArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				if (!Number.isInteger(args.concurrency) || args.concurrency < 1 || args.concurrency > 32) {
					throw new InputError('bad_concurrency');
				}
				const mode = ctx.json ? 'json' : args.csv ? 'csv' : 'text';
				// Opened before the first request and held for the run: a batch that cannot be
				// audited does not run (exit 1). While it runs the console cannot start on this
				// data directory; batch checks are an admin's job outside counter hours. Opened
				// before the id source: a readline over stdin or --file must be iterated at once,
				// or lines (and its close) go by while we wait for the lock.
				const audit = await openCommandAudit(ctx, 'admin');
				let hub;
				let ids: AsyncIterable<string>;
				try {
					ids = idSource(ctx, args);
					hub = hubClientFor(ctx, args);
				} catch (error) {
					await audit.close();
					throw error;
				}
				const progress = process.stderr.isTTY === true;
				let total = 0;
				let missing = 0;
				let invalid = 0;
				/** Counts only: the ids themselves never go into the audit. */
				const recordRun = async (outcome: AuditOutcome, errorCode?: string) => {
					if (total === 0 && outcome !== 'failed') return; // nothing was checked: a usage error, not a run
					await audit.record({
						action: 'batch.run',
						outcome,
						details: {command: 'cases status', total, ok: total - missing - invalid, notFound: missing, failed: invalid, invalid, concurrency: args.concurrency, ...(errorCode ? {errorCode} : {})},
					});
				};
				let recorded = false;
				try {
					if (mode === 'csv') await write('caseId,status,updatedAt,error\n');
					for await (const row of streamBatchStatus(hub, ids, {concurrency: args.concurrency})) {
						total++;
						if ('error' in row) {
							if (row.error === 'not_found') missing++;
							else invalid++;
						}
						await write(formatRow(ctx, row, mode));
						if (progress && total % 1000 === 0) process.stderr.write(`\r${hubText(ctx.lang, 'batch.progress', {done: total, missing})}`);
					}
					// The run completed: ok, even when some ids were not found (the counts say how many).
					recorded = true;
					await recordRun('ok');
				} catch (error) {
					if (progress) process.stderr.write('\n');
					if (!recorded) await recordRun('failed', error instanceof AppError ? error.code : 'unexpected');
					if (error instanceof HubError) {
						ctx.err(hubText(ctx.lang, 'batch.unreachable', {done: total, reason: errorText(error, ctx.lang)}));
						return EXIT.hub;
					}
					throw error;
				} finally {
					await Promise.all([hub.close(), audit.close()]);
				}
				if (progress) process.stderr.write('\n');
				if (total === 0) throw new InputError('no_ids');
				if (mode === 'text' || progress) ctx.err(hubText(ctx.lang, 'batch.summary', {total, found: total - missing - invalid, missing, invalid}));
				return missing + invalid > 0 ? EXIT.partial : EXIT.ok;
			}),
	};
}

/**
 * `tongban cases ship --batch FILE|-`: the end-of-day batch of shipments (docs/return-trips.md
 * #end-of-day-batch). The file is read whole (bounded) and checked before anything is sent: an
 * unusable file (unreadable, not text, no usable header, a quote left open) is exit 2 with nothing
 * sent. Then each row is refused with its reason or sent in file order (src/core/cases/ship-batch*.ts),
 * one line of output per row as it goes. Exit 0: every row recorded or already recorded; 1: some
 * rows refused or failed, the good ones recorded (EXIT.partial, as `cases status` with unknown
 * cases); 3: the hub went away, the run stopped there and a re-run finishes it.
 *
 * Audited like the single form, one case.ship per row sent (ok or failed), plus one batch.run
 * with the counts. A batch that sends nothing opens neither the hub nor the audit, as a refused
 * single `cases ship` does not.
 */
import {readFile, stat} from 'node:fs/promises';
import {EXIT, InputError, type ExitCode} from '../../src/core/errors.js';
import {echoValue} from '../../src/core/echo.js';
import {systemReason} from '../../src/core/reasons.js';
import {planShipBatch, type ShipBatchRow} from '../../src/core/cases/ship-batch.js';
import {refusedOutcome, sendShipBatch, type ShipBatchRun, type ShipRowOutcome} from '../../src/core/cases/ship-batch-send.js';
import {systemClock} from '../../src/core/ports/clock.js';
import type {Lang} from '../../src/core/lang.js';
import {errorText, messageText} from '../../src/i18n/errors.js';
import {hubText} from '../../src/i18n/hub.js';
import {osActor} from '../../src/store/audit-store.js';
import {readDelimited} from '../../src/text/csv-read.js';
import type {CommandContext} from '../context.js';
import {openSendingSession} from './audit-session.js';
import type {HubArgs} from './hub-args.js';

/** A day of a branch's shipments is a few hundred lines: anything this big is the wrong file. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

async function readStdin(): Promise<Buffer> {
	if (process.stdin.isTTY) throw new InputError('ship_batch_tty');
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_BATCH_BYTES) throw new InputError('ship_batch_too_large', {file: '-', limit: MAX_BATCH_BYTES});
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

async function readBatchFile(path: string): Promise<Buffer> {
	try {
		if ((await stat(path)).size > MAX_BATCH_BYTES) throw new InputError('ship_batch_too_large', {file: path, limit: MAX_BATCH_BYTES});
		return await readFile(path);
	} catch (error) {
		if (error instanceof InputError) throw error;
		throw new InputError('ship_batch_unreadable', {file: path, reason: systemReason(error)});
	}
}

/**
 * UTF-8 (a BOM or not), or UTF-16 with its BOM (a spreadsheet's "Unicode text"); anything else —
 * another encoding, a binary file — is not a batch file.
 */
function decodeBatch(bytes: Buffer, file: string): string {
	const notText = () => new InputError('ship_batch_not_text', {file});
	const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
	let text: string;
	try {
		text = new TextDecoder(encoding, {fatal: true}).decode(bytes);
	} catch {
		throw notText();
	}
	if (text.includes('\0')) throw notText();
	return text;
}

/** The rows of the batch, checked; throws the InputError (exit 2) of a file that cannot be used. */
async function checkedRows(source: string): Promise<ShipBatchRow[]> {
	const file = echoValue(source, 120);
	const text = decodeBatch(source === '-' ? await readStdin() : await readBatchFile(source), file);
	const read = readDelimited(text);
	if (!read.ok) throw new InputError('ship_batch_quote', {line: read.line});
	return planShipBatch(read.records);
}

function reasonOf(outcome: ShipRowOutcome, lang: Lang): string {
	return outcome.cause !== undefined ? errorText(outcome.cause, lang) : outcome.reason ? messageText(outcome.reason, lang) : '';
}

function rowText(outcome: ShipRowOutcome, lang: Lang): string {
	const params = {row: outcome.row, caseId: outcome.caseId, carrier: outcome.parcel?.carrier ?? '', waybill: outcome.parcel?.waybill ?? ''};
	switch (outcome.status) {
		case 'recorded':
			return hubText(lang, 'shipBatch.recorded', params);
		case 'already_recorded':
			return outcome.duplicateOf !== undefined ? hubText(lang, 'shipBatch.duplicate', {...params, of: outcome.duplicateOf}) : hubText(lang, 'shipBatch.again', params);
		case 'refused':
			return hubText(lang, 'shipBatch.refused', {...params, reason: reasonOf(outcome, lang)});
		case 'failed':
			return hubText(lang, 'shipBatch.failed', {...params, reason: reasonOf(outcome, lang)});
	}
}

/** One JSON line per row: the same keys on every line (`error` null when there is none). */
function rowJson(outcome: ShipRowOutcome, lang: Lang): string {
	return JSON.stringify({
		row: outcome.row,
		caseId: outcome.caseId,
		status: outcome.status,
		error: outcome.error ?? null,
		...(outcome.parcel ? {carrier: outcome.parcel.carrier, waybill: outcome.parcel.waybill} : {}),
		...(outcome.duplicateOf !== undefined ? {duplicateOf: outcome.duplicateOf} : {}),
		...(outcome.error !== undefined ? {message: reasonOf(outcome, lang)} : {}),
	});
}

interface Counts {
	rows: number;
	recorded: number;
	already_recorded: number;
	refused: number;
	failed: number;
	/** Of the failed: rows the run never sent because the hub went away. */
	not_sent: number;
}

function tally(outcomes: readonly ShipRowOutcome[]): Counts {
	const counts: Counts = {rows: outcomes.length, recorded: 0, already_recorded: 0, refused: 0, failed: 0, not_sent: 0};
	for (const outcome of outcomes) {
		counts[outcome.status]++;
		if (outcome.error === 'ship_not_sent') counts.not_sent++;
	}
	return counts;
}

function exitOf(counts: Counts, run: ShipBatchRun): ExitCode {
	if (run.stopped) return EXIT.hub;
	return counts.refused + counts.failed > 0 ? EXIT.partial : EXIT.ok;
}

export async function runShipBatch(ctx: CommandContext, args: HubArgs, source: string): Promise<ExitCode> {
	const rows = await checkedRows(source);
	const outcomes: ShipRowOutcome[] = [];
	const report = (outcome: ShipRowOutcome) => {
		outcomes.push(outcome);
		ctx.out(ctx.json ? rowJson(outcome, ctx.lang) : rowText(outcome, ctx.lang));
		if (outcome.sent && outcome.status === 'recorded' && outcome.parcel?.unchecked) {
			ctx.err(hubText(ctx.lang, 'ship.unchecked', {carrier: outcome.parcel.carrier, waybill: outcome.parcel.waybill}));
		}
	};
	let run: ShipBatchRun = {};
	if (rows.some((r) => r.kind === 'send')) run = await sendRows(ctx, args, rows, report);
	// Nothing to send (every row refused, or none at all): no hub and no audit.
	else for (const row of rows) if (row.kind === 'refused') report(refusedOutcome(row));
	const counts = tally(outcomes);
	const exitCode = exitOf(counts, run);
	if (run.stopped) {
		ctx.err(hubText(ctx.lang, 'shipBatch.stopped', {row: run.stopped.row, reason: errorText(run.stopped.error, ctx.lang), left: counts.not_sent + 1}));
	}
	if (ctx.json) {
		ctx.out(JSON.stringify({summary: counts, exitCode, ...(run.stopped ? {stopped: {row: run.stopped.row, error: run.stopped.error.code}} : {})}));
	} else {
		ctx.out(hubText(ctx.lang, 'shipBatch.summary', {total: counts.rows, recorded: counts.recorded, again: counts.already_recorded, refused: counts.refused, failed: counts.failed}));
	}
	return exitCode;
}

/** Sends the rows with this run's hub client and audit session; audits each row sent, then the batch. */
async function sendRows(ctx: CommandContext, args: HubArgs, rows: readonly ShipBatchRow[], report: (o: ShipRowOutcome) => void): Promise<ShipBatchRun> {
	const {hub, audit} = await openSendingSession(ctx, args);
	const outcomes: ShipRowOutcome[] = [];
	// Counts only, never the cases: ok when every row was tried (some refused or not), failed when the run stopped.
	const recordRun = (run: ShipBatchRun | undefined) => {
		const counts = tally(outcomes);
		return audit.record({
			action: 'batch.run',
			outcome: run && !run.stopped ? 'ok' : 'failed',
			details: {
				command: 'cases ship --batch',
				total: counts.rows,
				ok: counts.recorded + counts.already_recorded,
				failed: counts.refused + counts.failed,
				recorded: counts.recorded,
				alreadyRecorded: counts.already_recorded,
				refused: counts.refused,
				notSent: counts.not_sent,
				...(run?.stopped ? {errorCode: run.stopped.error.code} : {}),
			},
		});
	};
	try {
		const run = await sendShipBatch(hub, rows, {
			// Rows without a sentAt were sent today: one time for the whole run.
			sentAt: systemClock.now().toISOString(),
			operatorId: osActor('clerk').id,
			onRow: async (outcome) => {
				outcomes.push(outcome);
				if (outcome.sent) {
					const details = {caseId: outcome.caseId, carrier: outcome.parcel!.carrier, waybill: outcome.parcel!.waybill, row: outcome.row};
					await audit.record(
						outcome.status === 'failed'
							? {action: 'case.ship', outcome: 'failed', details: {...details, error: outcome.error!}}
							: {action: 'case.ship', outcome: 'ok', details: {...details, created: outcome.status === 'recorded'}},
					);
				}
				report(outcome);
			},
		});
		await recordRun(run);
		return run;
	} catch (error) {
		// Cut short by something else (the audit itself failing): said so if it still can be.
		await recordRun(undefined).catch(() => undefined);
		throw error;
	} finally {
		await hub.close();
		await audit.close();
	}
}

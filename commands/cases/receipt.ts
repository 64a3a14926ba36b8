/**
 * `tongban cases receipt <caseId> [--supplement] [--print] [--json]`: a saved receipt again — shown
 * in the chosen language, or sent to the print command (setting receiptPrintCommand) when the
 * citizen needs another copy; `--supplement` takes the case's latest supplement receipt (补正回执,
 * `cases supplement`). Printing is audited like in the console; a missing receipt exits 1.
 */
import type {Argv, CommandModule} from 'yargs';
import {CASE_ID_PATTERN} from '../../src/core/cases/model.js';
import {EXIT, InputError, isAppError, NotFoundError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {hubText} from '../../src/i18n/hub.js';
import {printPaper, PrintError} from '../../src/receipts/print.js';
import {receiptFileText, receiptPaper} from '../../src/receipts/text.js';
import {ReceiptStore} from '../../src/store/receipts.js';
import {runHandler, type GlobalArgs} from '../context.js';
import {openCommandAudit} from './audit-session.js';

interface ReceiptArgs extends GlobalArgs {
	id: string;
	print?: boolean;
	supplement?: boolean;
}

export function casesReceiptCommand(lang: Lang): CommandModule<GlobalArgs, ReceiptArgs> {
	return {
		command: 'receipt <id>',
		describe: hubText(lang, 'cmd.cases.receipt'),
		builder: (y: Argv<GlobalArgs>) =>
			y
				.positional('id', {type: 'string', demandOption: true, describe: hubText(lang, 'opt.caseId')})
				.option('print', {type: 'boolean', default: false, describe: hubText(lang, 'opt.print')})
				.option('supplement', {type: 'boolean', default: false, describe: hubText(lang, 'opt.supplementReceipt')}) as unknown as Argv<ReceiptArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				if (!CASE_ID_PATTERN.test(args.id)) throw new InputError('bad_case_id', {caseId: args.id});
				const store = new ReceiptStore(ctx.dataDir);
				const doc = args.supplement ? await store.latestSupplement(args.id) : await store.get(args.id);
				if (!doc) throw new NotFoundError('receipt_not_found', {caseId: args.id}, {caseId: args.id});
				const file = 'kind' in doc ? store.supplementTextPath(doc.caseId, doc.supplementKey) : store.textPath(doc.caseId);
				const text = receiptFileText(doc, ctx.lang);
				if (!args.print) {
					ctx.out(ctx.json ? JSON.stringify({receipt: doc, file}, null, 2) : text.trimEnd());
					return EXIT.ok;
				}
				// A print is audited; a print that could not be audited is not done (audit-session.ts).
				const audit = await openCommandAudit(ctx, 'clerk');
				try {
					await printPaper(ctx.settings, {file, text, paper: (width) => receiptPaper(doc, ctx.lang, width)});
					await audit.record({action: 'receipt.print', outcome: 'ok', target: {caseId: doc.caseId, itemCode: doc.itemCode}, details: {via: 'cli', ...(args.supplement ? {kind: 'supplement'} : {})}});
				} catch (error) {
					// A paper the printer cannot take (escpos_qr_too_long) is an AppError too, refused before printing.
					const code = error instanceof PrintError || isAppError(error) ? error.code : 'print_failed';
					await audit.record({action: 'receipt.print', outcome: 'failed', target: {caseId: doc.caseId, itemCode: doc.itemCode}, details: {via: 'cli', code, ...(args.supplement ? {kind: 'supplement'} : {})}});
					throw error;
				} finally {
					await audit.close();
				}
				ctx.out(ctx.json ? JSON.stringify({printed: doc.caseId}) : hubText(ctx.lang, 'receipt.printed', {caseId: doc.caseId}));
				return EXIT.ok;
			}),
	};
}

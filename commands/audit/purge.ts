import type {Argv, CommandModule} from 'yargs';
import {MAX_RETENTION_DAYS, MIN_RETENTION_DAYS} from '../../src/core/audit/retention.js';
import {InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {auditText} from '../../src/i18n/audit.js';
import {openCommandAudit} from '../cases/audit-session.js';
import {casesIndexAcceptance} from '../../src/store/case-acceptance.js';
import {runPurge, type CaseAcceptancePort} from '../../src/store/retention.js';
import {runHandler, type GlobalArgs} from '../context.js';
import {formatStamp} from '../../src/text/time.js';

interface PurgeArgs extends GlobalArgs {
	dryRun?: boolean;
	days?: number;
}

/** The setting's default (src/store/settings-schema.ts), shown in --help. */
const DEFAULT_RETENTION_DAYS = 30;

/**
 * `acceptance` says when the hub accepted each case; by default the data dir's case index, which
 * the console and `cases outbox` keep current.
 */
export function auditPurgeCommand(lang: Lang, acceptance: CaseAcceptancePort | ((dataDir: string) => CaseAcceptancePort) = casesIndexAcceptance): CommandModule<GlobalArgs, PurgeArgs> {
	return {
		command: 'purge',
		describe: auditText(lang, 'cmd.audit.purge'),
		builder: (y: Argv<GlobalArgs>) =>
			y
				.option('dry-run', {type: 'boolean', describe: auditText(lang, 'opt.dryRun')})
				.option('days', {type: 'number', describe: auditText(lang, 'opt.days', {default: DEFAULT_RETENTION_DAYS})}) as unknown as Argv<PurgeArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const days = args.days ?? ctx.settings.retentionDays;
				if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) throw new InputError('audit_bad_days');
				const port = typeof acceptance === 'function' ? acceptance(ctx.dataDir) : acceptance;
				const dryRun = Boolean(args.dryRun);
				// Take the audit writer lock first: a purge that could not be audited must not run.
				// (A log that does not match its head anchor refuses too: exit 5, nothing purged.)
				const audit = dryRun ? undefined : await openCommandAudit(ctx, 'admin', 5_000);
				try {
					// The demo hub keeps its state (and so the demo citizens' data) in the data folder too.
					const {purgeDemoHub} = await import('../../src/wiring/demo-retention.js');
					const copies = {demoHub: (cutoff: Date, dry: boolean) => purgeDemoHub(ctx.dataDir, cutoff, dry)};
					const result = await runPurge({dataDir: ctx.dataDir, retentionDays: days, acceptance: port, dryRun, copies, ...(audit ? {audit} : {})});
					const counts = {files: dryRun ? result.plan.purge.length : result.deleted, cases: result.plan.cases.length, kept: result.plan.keep.length, cutoff: result.plan.cutoff.toISOString()};
					const others = result.copies;
					// Counts only: case ids and file names stay out of the output.
					if (ctx.json) ctx.out(JSON.stringify({dryRun, retentionDays: days, ...counts, copies: others}));
					else {
						ctx.out(auditText(ctx.lang, dryRun ? 'purge.dry' : 'purge.done', {...counts, cutoff: formatStamp(result.plan.cutoff)}));
						ctx.out(auditText(ctx.lang, 'purge.copies', {entries: others['outboxEntries'] ?? 0, blobs: others['outboxBlobs'] ?? 0, quarantined: others['quarantined'] ?? 0, demo: others['demoHubCases'] ?? 0}));
					}
				} finally {
					await audit?.close();
				}
			}),
	};
}

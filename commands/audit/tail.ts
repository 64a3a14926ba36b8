import type {Argv, CommandModule} from 'yargs';
import {EXIT, InputError} from '../../src/core/errors.js';
import type {AuditEntry} from '../../src/core/audit/model.js';
import type {Lang} from '../../src/core/lang.js';
import {auditText} from '../../src/i18n/audit.js';
import {followAudit, listRecent} from '../../src/store/audit-store.js';
import {runHandler, type CommandContext, type GlobalArgs} from '../context.js';
import {entryLine, safeEntry} from './format.js';

interface TailArgs extends GlobalArgs {
	follow?: boolean;
	n: number;
	interval?: number;
}

export function auditTailCommand(lang: Lang): CommandModule<GlobalArgs, TailArgs> {
	return {
		command: 'tail',
		describe: auditText(lang, 'cmd.audit.tail'),
		builder: (y: Argv<GlobalArgs>) =>
			y
				.option('follow', {alias: 'f', type: 'boolean', describe: auditText(lang, 'opt.follow')})
				.option('n', {type: 'number', default: 20, describe: auditText(lang, 'opt.lines')})
				.option('interval', {type: 'number', default: 500, hidden: true}) as unknown as Argv<TailArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const n = Number(args.n);
				if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InputError('audit_bad_lines');
				const recent = await listRecent(ctx.dataDir, n);
				const print = (entries: AuditEntry[]) => printEntries(ctx, entries);
				if (recent.length === 0 && !args.follow && !ctx.json) ctx.err(auditText(ctx.lang, 'tail.empty'));
				print(recent);
				if (!args.follow) return EXIT.ok;
				const controller = new AbortController();
				const stop = () => controller.abort();
				process.once('SIGINT', stop);
				try {
					await followAudit(ctx.dataDir, {afterSeq: recent[recent.length - 1]?.seq ?? 0, intervalMs: Math.max(50, Number(args.interval) || 500), signal: controller.signal, onEntries: print});
				} finally {
					process.off('SIGINT', stop);
				}
				return EXIT.interrupted;
			}),
	};
}

function printEntries(ctx: CommandContext, entries: AuditEntry[]): void {
	for (const e of entries) ctx.out(ctx.json ? JSON.stringify(safeEntry(e)) : entryLine(ctx.lang, e));
}

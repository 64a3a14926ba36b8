/**
 * `tongban quarantine [list] [--all] [--json]` and `tongban quarantine ack <id…> | --all`:
 * the damaged data files the console and the commands set aside (src/store/quarantine.ts).
 * `list` exits 5 while any notice is unacknowledged, so a monitoring script sees it; acknowledging
 * is audited (the files themselves stay until the retention purge).
 */
import type {Argv, CommandModule} from 'yargs';
import {EXIT, InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {quarantineText} from '../../src/i18n/quarantine.js';
import {messageText} from '../../src/i18n/errors.js';
import {damageReason} from '../../src/store/durable-json.js';
import {acknowledgeNotices, listQuarantine, type QuarantineNotice} from '../../src/store/quarantine.js';
import {osActor} from '../../src/store/audit-store.js';
import {openCommandAudit} from '../cases/audit-session.js';
import {runHandler, type CommandContext, type GlobalArgs} from '../context.js';
import {formatStamp} from '../../src/text/time.js';

interface ListArgs extends GlobalArgs {
	all?: boolean;
}
interface AckArgs extends GlobalArgs {
	ids?: string[];
	all?: boolean;
}

function row(ctx: CommandContext, n: QuarantineNotice): string {
	return quarantineText(ctx.lang, 'list.row', {
		id: n.id,
		original: n.original,
		reason: messageText(damageReason(n.reason), ctx.lang),
		moved: n.moved.join(', '),
		acked: n.acknowledgedAt ? quarantineText(ctx.lang, 'list.acked', {by: n.acknowledgedBy ?? '', at: formatStamp(n.acknowledgedAt)}) : '',
	});
}

function listCommand(lang: Lang): CommandModule<GlobalArgs, ListArgs> {
	return {
		command: ['list', '$0'],
		describe: quarantineText(lang, 'cmd.quarantine.list'),
		builder: (y: Argv<GlobalArgs>) => y.option('all', {type: 'boolean', describe: quarantineText(lang, 'opt.all')}) as unknown as Argv<ListArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const {notices, unreadable} = await listQuarantine(ctx.dataDir);
				const open = notices.filter((n) => !n.acknowledgedAt);
				const shown = args.all ? notices : open;
				if (ctx.json) ctx.out(JSON.stringify({notices: shown, unreadable}, null, 2));
				else {
					if (shown.length === 0) ctx.out(quarantineText(ctx.lang, args.all ? 'list.noneAll' : 'list.none'));
					for (const n of shown) ctx.out(row(ctx, n));
					for (const file of unreadable) ctx.err(quarantineText(ctx.lang, 'list.unreadable', {file}));
				}
				return open.length > 0 || unreadable.length > 0 ? EXIT.integrity : EXIT.ok;
			}),
	};
}

function ackCommand(lang: Lang): CommandModule<GlobalArgs, AckArgs> {
	return {
		command: 'ack [ids..]',
		describe: quarantineText(lang, 'cmd.quarantine.ack'),
		builder: (y: Argv<GlobalArgs>) =>
			y.positional('ids', {type: 'string', array: true, describe: quarantineText(lang, 'opt.ids')}).option('all', {type: 'boolean', describe: quarantineText(lang, 'opt.all')}) as unknown as Argv<AckArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const ids = (args.ids ?? []).map(String);
				if (!args.all && ids.length === 0) throw new InputError('quarantine_ack_what');
				// Audited first (refused, nothing acknowledged, when the audit log is busy).
				const audit = await openCommandAudit(ctx, 'technician');
				try {
					const chosen = (await listQuarantine(ctx.dataDir)).notices.filter((n) => !n.acknowledgedAt && (args.all || ids.includes(n.id)));
					if (chosen.length === 0) {
						ctx.err(quarantineText(ctx.lang, 'ack.none', {ids: args.all ? '--all' : ids.join(', ')}));
						return EXIT.partial;
					}
					await audit.record({action: 'data.quarantine_ack', outcome: 'ok', details: {notices: chosen.map((n) => n.id), files: chosen.map((n) => n.original)}});
					const acked = await acknowledgeNotices(
						ctx.dataDir,
						chosen.map((n) => n.id),
						osActor('technician').id,
					);
					ctx.out(ctx.json ? JSON.stringify({acknowledged: acked.map((n) => n.id)}) : quarantineText(ctx.lang, 'ack.done', {count: acked.length}));
					return EXIT.ok;
				} finally {
					await audit.close();
				}
			}),
	};
}

export function quarantineCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'quarantine',
		describe: quarantineText(lang, 'cmd.quarantine'),
		builder: (y: Argv<GlobalArgs>) => y.command(listCommand(lang)).command(ackCommand(lang)),
		handler: () => {},
	};
}

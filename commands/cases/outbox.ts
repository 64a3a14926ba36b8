import type {Argv, CommandModule} from 'yargs';
import type {OutboxEntry} from '../../src/core/cases/outbox-machine.js';
import {EXIT} from '../../src/core/errors.js';
import {systemClock} from '../../src/core/ports/clock.js';
import type {Lang} from '../../src/core/lang.js';
import {hubText} from '../../src/i18n/hub.js';
import {maskName} from '../../src/core/identity/mask.js';
import {openCasesIndex} from '../../src/store/cases-index.js';
import {openOutbox, openOutboxStore} from '../../src/store/outbox.js';
import {auditOutbox} from '../../src/core/cases/audit.js';
import {runHandler, type CommandContext} from '../context.js';
import {openSendingSession} from './audit-session.js';
import {retriesOf, withHubOptions, type HubArgs} from './hub-args.js';
import {messageText} from '../../src/i18n/errors.js';
import {formatStamp} from '../../src/text/time.js';

interface OutboxArgs extends HubArgs {
	drain?: boolean;
}

/** An entry as scripts see it: no ID number, a masked name. */
function entryToJson(e: OutboxEntry): Record<string, unknown> {
	return {
		id: e.id,
		phase: e.phase,
		attempts: e.attempts,
		maybeSent: e.maybeSent,
		nextAttemptAt: e.nextAttemptAt,
		enqueuedAt: e.enqueuedAt,
		itemCode: e.submission.itemCode,
		applicant: maskName(e.submission.applicant.name),
		materials: e.blobs.length,
		blobsConfirmed: e.blobsConfirmed.length,
		lastError: e.lastError ?? null,
		caseId: e.supplementFor ?? e.receipt?.caseId ?? null,
		// A supplement (补正) to that case, not a case of its own.
		supplementFor: e.supplementFor ?? null,
	};
}

function printEntries(ctx: CommandContext, entries: OutboxEntry[]): void {
	if (entries.length === 0) return ctx.out(hubText(ctx.lang, 'outbox.empty'));
	ctx.out(hubText(ctx.lang, 'outbox.head', {count: entries.length}));
	for (const e of entries) {
		ctx.out(
			hubText(ctx.lang, 'outbox.row', {
				id: e.id,
				phase: hubText(ctx.lang, `phase.${e.phase}`),
				attempts: e.attempts,
				next: formatStamp(e.nextAttemptAt),
				item: e.supplementFor !== undefined ? `${hubText(ctx.lang, 'outbox.supplementOf', {caseId: e.supplementFor})} ${e.submission.itemCode}` : e.submission.itemCode,
				applicant: maskName(e.submission.applicant.name),
				error: e.lastError ? messageText(e.lastError, ctx.lang) : '',
			}),
		);
	}
}

export function casesOutboxCommand(lang: Lang): CommandModule<HubArgs, OutboxArgs> {
	return {
		command: 'outbox',
		describe: hubText(lang, 'cmd.cases.outbox'),
		builder: (y: Argv<HubArgs>) =>
			withHubOptions(y, lang).option('drain', {type: 'boolean', describe: hubText(lang, 'opt.drain')}) as unknown as Argv<OutboxArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				let summary;
				if (args.drain) {
					const {hub, audit} = await openSendingSession(ctx, args);
					let outboxAudit: ReturnType<typeof auditOutbox> | undefined;
					try {
						const outbox = await openOutbox({dataDir: ctx.dataDir, hub, clock: systemClock});
						outboxAudit = auditOutbox(outbox, audit);
						const index = await openCasesIndex(ctx.dataDir);
						const recorded: Array<Promise<unknown>> = [];
						for (const event of ['submitted', 'supplemented'] as const) outbox.on(event, (entry) => void recorded.push(index.recordSubmitted(entry, systemClock.now())));
						// --drain means "send now": entries waiting out a backoff go too.
						summary = await outbox.drain({now: true, retries: retriesOf(args)});
						// Let the index writes of what this drain delivered land, and record the deliveries
						// since the last compaction too: a drain killed after a delivery and before its
						// index write is made good by the next one (the archive is not read).
						await Promise.all(recorded);
						for (const e of await outbox.recent()) if (e.phase === 'done') await index.recordSubmitted(e, systemClock.now());
					} finally {
						outboxAudit?.stop();
						try {
							await outboxAudit?.flush();
						} finally {
							await Promise.all([hub.close(), audit.close()]);
						}
					}
				}
				const pending = await (await openOutboxStore(ctx.dataDir)).pending();
				if (ctx.json) ctx.out(JSON.stringify({...(summary ? {drained: summary} : {}), pending: pending.map(entryToJson)}, null, 2));
				else {
					if (summary) ctx.err(hubText(ctx.lang, 'outbox.drained', {...summary}));
					printEntries(ctx, pending);
				}
				if (pending.some((e) => e.phase === 'failed')) return EXIT.partial;
				// Drained but the hub stayed out of reach: cases still wait.
				if (summary && summary.waiting > 0) return EXIT.hub;
				return EXIT.ok;
			}),
	};
}

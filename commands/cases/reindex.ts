/**
 * `tongban cases reindex [--since T]`: rebuilds the terminal's case index (`cases.json`) from the
 * two records it is derived from: the outbox (every case this terminal delivered, under its key)
 * and the hub (each case's status and timeline, from `GET /cases?terminalId=&since=`). This is the
 * repair for a damaged index: that one is set aside first (quarantine) and named, then rebuilt.
 * Cases the index knew from elsewhere (`cases show` of another terminal's case) are kept.
 * Exit 0 when the hub answered, 3 when only the outbox could be used (the index is still rebuilt).
 */
import type {Argv, CommandModule} from 'yargs';
import type {CaseRecord} from '../../src/core/cases/model.js';
import {EXIT, HubError, InputError} from '../../src/core/errors.js';
import {errorText} from '../../src/i18n/errors.js';
import {systemClock} from '../../src/core/ports/clock.js';
import type {Lang} from '../../src/core/lang.js';
import {hubText} from '../../src/i18n/hub.js';
import {casesFromOutbox, indexedFromHub, openCasesIndex, type CasesIndex} from '../../src/store/cases-index.js';
import {DataFileQuarantinedError} from '../../src/store/quarantine.js';
import {runHandler, type CommandContext} from '../context.js';
import {hubClientFor, withHubOptions, type HubArgs} from './hub-args.js';

interface ReindexArgs extends HubArgs {
	since?: string;
}

/** Opens the index; a damaged one is set aside and named (the rebuild that follows is the repair). */
async function openForRepair(ctx: CommandContext): Promise<CasesIndex> {
	try {
		return await openCasesIndex(ctx.dataDir);
	} catch (error) {
		if (!(error instanceof DataFileQuarantinedError)) throw error;
		ctx.err(errorText(error, ctx.lang));
		return openCasesIndex(ctx.dataDir);
	}
}

export function casesReindexCommand(lang: Lang): CommandModule<HubArgs, ReindexArgs> {
	return {
		command: 'reindex',
		describe: hubText(lang, 'cmd.cases.reindex'),
		builder: (y: Argv<HubArgs>) => withHubOptions(y, lang).option('since', {type: 'string', describe: hubText(lang, 'opt.since')}) as unknown as Argv<ReindexArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const now = systemClock.now();
				if (args.since !== undefined && Number.isNaN(Date.parse(String(args.since)))) throw new InputError('bad_since', {value: String(args.since)});
				// The index first: a damaged index or fingerprint key is set aside and named here.
				const index = await openForRepair(ctx);
				const fromOutbox = await casesFromOutbox(ctx.dataDir, now);
				const known = new Map(index.list().map((c) => [c.caseId, c]));
				for (const c of Object.values(fromOutbox)) known.set(c.caseId, {...known.get(c.caseId), ...c, applicantMasked: c.applicantMasked || known.get(c.caseId)?.applicantMasked || ''});
				// From the oldest case the outbox knows (a year back when it knows none).
				const oldest = Object.values(fromOutbox).map((c) => c.receivedAt).sort()[0];
				const since = args.since ?? oldest ?? new Date(now.getTime() - 365 * 86_400_000).toISOString();
				const fromHub: CaseRecord[] = [];
				let hubFailure: HubError | undefined;
				const askHub = args.hub !== undefined || ctx.settings.hubUrl !== '';
				if (askHub) {
					const hub = hubClientFor(ctx, args, {retries: 2});
					try {
						let cursor: string | undefined;
						do {
							const page = await hub.listCases({terminalId: ctx.settings.terminalId, since: new Date(since).toISOString(), ...(cursor ? {cursor} : {})});
							fromHub.push(...page.cases);
							cursor = page.nextCursor ?? undefined;
						} while (cursor);
					} catch (error) {
						if (!(error instanceof HubError)) throw error;
						hubFailure = error;
					} finally {
						await hub.close();
					}
				}
				for (const record of fromHub) known.set(record.caseId, indexedFromHub(record, known.get(record.caseId), now));
				await index.merge([...known.values()]);
				const counts = {cases: known.size, outbox: Object.keys(fromOutbox).length, hub: fromHub.length};
				if (ctx.json) ctx.out(JSON.stringify({...counts, hubReached: askHub && !hubFailure}));
				else ctx.out(hubText(ctx.lang, 'reindex.done', counts));
				if (!askHub) ctx.err(hubText(ctx.lang, 'reindex.noHub'));
				if (hubFailure) {
					ctx.err(hubText(ctx.lang, 'reindex.hubFailed', {reason: errorText(hubFailure, ctx.lang)}));
					return EXIT.hub;
				}
				return EXIT.ok;
			}),
	};
}

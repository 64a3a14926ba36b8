/**
 * `tongban cases work [--needs …] [--ship-after H] [--json]`: what this branch must act on
 * (docs/return-trips.md), every page of GET /branches/{branchCode}/work, most urgent first.
 * Exit 0 when the list was read (even when empty); hub failures exit as every hub command does.
 */
import type {Argv, CommandModule} from 'yargs';
import {countWork, dueAt, isActionable, parseWorkNeeds, rankWork, urgencyFromSettings, type UrgencyPolicy, type WorkItem, type WorkNeed} from '../../src/core/cases/return-trips.js';
import {EXIT, InputError} from '../../src/core/errors.js';
import {systemClock} from '../../src/core/ports/clock.js';
import type {Lang} from '../../src/core/lang.js';
import {hubText} from '../../src/i18n/hub.js';
import {formatStamp} from '../../src/text/time.js';
import {runHandler, type CommandContext} from '../context.js';
import {hubClientFor, withHubOptions, type HubArgs} from './hub-args.js';

interface WorkArgs extends HubArgs {
	needs?: string;
	shipAfter?: number;
}

/** Pages are fetched until the hub says there are no more; a branch's list is small, but never assumed so. */
const PAGE = 200;
const MAX_PAGES = 1000;

function needsOf(text: string | undefined): WorkNeed[] | undefined {
	const needs = parseWorkNeeds(text);
	if (needs === null) throw new InputError('bad_needs');
	return needs;
}

function policyOf(args: WorkArgs, settings: {shipWithinHours: number}): UrgencyPolicy {
	if (args.shipAfter === undefined) return urgencyFromSettings(settings);
	if (!Number.isInteger(args.shipAfter) || args.shipAfter < 0 || args.shipAfter > 720) throw new InputError('bad_ship_after');
	return urgencyFromSettings({shipWithinHours: args.shipAfter});
}

function row(ctx: CommandContext, item: WorkItem, now: Date, policy: UrgencyPolicy): string {
	const due = dueAt(item, policy);
	const detail = item.reason
		? hubText(ctx.lang, 'work.detail', {reason: item.reason, materials: (item.materials ?? []).map((m) => `${m.code} ${m.name}`).join('、')})
		: item.evaluation
			? hubText(ctx.lang, 'work.detailFollowUp', {level: hubText(ctx.lang, `eval.${item.evaluation.level}`), reason: item.evaluation.reason})
			: '';
	return hubText(ctx.lang, 'work.row', {
		due: due <= now.getTime() ? hubText(ctx.lang, 'work.overdue') : hubText(ctx.lang, 'work.dueAt', {at: formatStamp(new Date(due))}),
		need: hubText(ctx.lang, `work.need.${item.need}`),
		caseId: item.caseId,
		itemCode: item.itemCode,
		since: formatStamp(new Date(item.since)),
		detail,
	});
}

export function casesWorkCommand(lang: Lang): CommandModule<HubArgs, WorkArgs> {
	return {
		command: 'work',
		describe: hubText(lang, 'cmd.cases.work'),
		builder: (y: Argv<HubArgs>) =>
			withHubOptions(y, lang)
				.option('needs', {type: 'string', describe: hubText(lang, 'opt.needs')})
				.option('ship-after', {type: 'number', describe: hubText(lang, 'opt.shipAfter')}) as unknown as Argv<WorkArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const needs = needsOf(args.needs);
				const policy = policyOf(args, ctx.settings);
				const hub = hubClientFor(ctx, args, {retries: 2});
				try {
					const all: WorkItem[] = [];
					let cursor: string | undefined;
					for (let page = 0; page < MAX_PAGES; page++) {
						const fetched = await hub.branchWork({branchCode: ctx.settings.branchCode, ...(needs ? {needs} : {}), limit: PAGE, ...(cursor ? {cursor} : {})});
						if (fetched.notModified) break; // never without an ETag sent; kept for the type
						all.push(...fetched.items);
						if (fetched.nextCursor === null) break;
						cursor = fetched.nextCursor;
					}
					const now = systemClock.now();
					const ranked = rankWork(all.filter((item) => isActionable(item, now, policy)), policy);
					const counts = countWork(ranked, now, policy);
					if (ctx.json) {
						ctx.out(JSON.stringify({branchCode: ctx.settings.branchCode, counts, items: ranked.map((item) => ({...item, dueAt: new Date(dueAt(item, policy)).toISOString()}))}, null, 2));
						return EXIT.ok;
					}
					if (ranked.length === 0) {
						ctx.out(hubText(ctx.lang, 'work.none'));
						return EXIT.ok;
					}
					ctx.out(hubText(ctx.lang, 'work.header', {total: ranked.length, ...counts}));
					for (const item of ranked) ctx.out(row(ctx, item, now, policy));
					return EXIT.ok;
				} finally {
					await hub.close();
				}
			}),
	};
}

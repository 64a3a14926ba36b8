import type {Argv, CommandModule} from 'yargs';
import {timeline} from '../../src/core/cases/tracking.js';
import {trackingLines} from '../../src/text/tracking-lines.js';
import {EXIT, HubError, HubRejectedError, NotFoundError} from '../../src/core/errors.js';
import {systemClock} from '../../src/core/ports/clock.js';
import type {Lang} from '../../src/core/lang.js';
import {hubText} from '../../src/i18n/hub.js';
import {openCasesIndex, type IndexedCase, type IndexedEvaluation} from '../../src/store/cases-index.js';
import {needsFollowUp} from '../../src/core/cases/evaluation.js';
import {runHandler, type CommandContext} from '../context.js';
import {hubClientFor, withHubOptions, type HubArgs} from './hub-args.js';
import {errorText} from '../../src/i18n/errors.js';
import {formatStamp} from '../../src/text/time.js';

interface ShowArgs extends HubArgs {
	id: string;
}

/**
 * `evaluation` is the hub's (with the citizen's reason) when it answered; offline, the index's,
 * which never keeps the reason (store/cases-index.ts).
 */
function print(ctx: CommandContext, c: IndexedCase, stale: boolean, evaluation: (IndexedEvaluation & {reason?: string}) | null | undefined = c.evaluation): void {
	const steps = timeline(c);
	if (ctx.json) {
		// The applicant fingerprint is the duplicate guard's, not output: a script has no use for it.
		ctx.out(JSON.stringify({case: {...c, history: undefined, applicantFingerprint: undefined, evaluation: evaluation ?? null}, timeline: steps, stale}, null, 2));
		return;
	}
	ctx.out(hubText(ctx.lang, 'show.case', {caseId: c.caseId, status: hubText(ctx.lang, `status.${c.status}`), receiving: c.receivingNode, handling: c.handlingNode, updated: formatStamp(c.updatedAt)}));
	// 委托代办 (docs/people.md#agents-委托代办): both people, masked as the index keeps them.
	if (c.agentMasked) ctx.out(hubText(ctx.lang, 'show.agent', {applicant: c.applicantMasked, agent: c.agentMasked}));
	for (const s of steps) {
		ctx.out(`  ${formatStamp(s.at)}  ${s.stage}  ${hubText(ctx.lang, `status.${s.status}`)}  [${s.node}]${s.note ? `  ${s.note}` : ''}`);
	}
	// The return trips (补正, 寄递, 送达, 领取) after the steps; in --json they are the case's returnTrips.
	for (const line of c.returnTrips ? trackingLines(c.returnTrips, ctx.lang, formatStamp) : []) ctx.out(`  ${line}`);
	// 好差评 (docs/people.md#好差评-evaluation): the level, the citizen's words, the follow-up or that one is due.
	if (evaluation) {
		const reason = evaluation.reason ? `  “${evaluation.reason}”` : '';
		ctx.out(hubText(ctx.lang, 'show.evaluation', {level: hubText(ctx.lang, `eval.${evaluation.level}`), at: formatStamp(evaluation.evaluatedAt), reason}));
		if (evaluation.followUp) ctx.out(hubText(ctx.lang, 'show.followUp', {...evaluation.followUp, at: formatStamp(evaluation.followUp.at)}));
		else if (needsFollowUp(evaluation)) ctx.out(hubText(ctx.lang, 'show.followUpDue'));
	}
}

export function casesShowCommand(lang: Lang): CommandModule<HubArgs, ShowArgs> {
	return {
		command: 'show <id>',
		describe: hubText(lang, 'cmd.cases.show'),
		builder: (y: Argv<HubArgs>) => withHubOptions(y, lang).positional('id', {type: 'string', demandOption: true}) as unknown as Argv<ShowArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const index = await openCasesIndex(ctx.dataDir);
				const hub = hubClientFor(ctx, args, {retries: 1});
				try {
					const record = await hub.getCase(args.id);
					print(ctx, await index.recordFromHub(record, systemClock.now()), false, record.evaluation);
					return EXIT.ok;
				} catch (error) {
					const cached = index.get(args.id);
					if (error instanceof HubError && cached) {
						// Offline: the last known state is better than nothing, and says how old it is.
						ctx.err(hubText(ctx.lang, 'show.stale', {reason: errorText(error, ctx.lang), checkedAt: formatStamp(cached.checkedAt)}));
						print(ctx, cached, true);
						return EXIT.ok;
					}
					if (error instanceof HubRejectedError && error.problemCode === 'case_not_found') {
						throw new NotFoundError('case_not_found', {caseId: args.id}, {caseId: args.id});
					}
					throw error;
				} finally {
					await hub.close();
				}
			}),
	};
}

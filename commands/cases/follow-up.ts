/**
 * `tongban cases follow-up <id> --note TEXT [--operator ID] [--json]`: records a supervisor's
 * follow-up (整改) of a citizen's bad evaluation (不满意, 非常不满意) on the hub
 * (docs/people.md#好差评-evaluation).
 *
 * The hub records the session's operator, so only a supervisor's session does it: with
 * `--operator` the command signs that supervisor in with the PIN read as one line from standard
 * input (never an argument: arguments show up in `ps` and history) and out again when done;
 * without it the session token in TONGBAN_HUB_TOKEN is used. A clerk's session or an API token is
 * refused by the hub (403, exit 2, nothing changed). The note is checked before anything is sent;
 * its idempotency key is derived from the case and the note, so running the command again (after
 * a timeout, from a script's retry) never records a second follow-up. Audited as case.follow_up
 * (the note's digest, never its words).
 */
import type {Argv, CommandModule} from 'yargs';
import {checkFollowUpNote, followUpAuditDetails, followUpIdempotencyKey, FOLLOW_UP_NOTE_MAX} from '../../src/core/cases/evaluation.js';
import {CASE_ID_PATTERN} from '../../src/core/cases/model.js';
import {EXIT, failureCode, HubRejectedError, InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {systemClock} from '../../src/core/ports/clock.js';
import {hubText} from '../../src/i18n/hub.js';
import type {AuditStore} from '../../src/store/audit-store.js';
import {openCasesIndex} from '../../src/store/cases-index.js';
import {runHandler} from '../context.js';
import {openCommandAudit} from './audit-session.js';
import {hubClientFor, withHubOptions, type HubArgs} from './hub-args.js';

interface FollowUpArgs extends HubArgs {
	id: string;
	note?: string;
	operator?: string;
}

/** The first line of standard input (the PIN), or undefined when there is none (a terminal, nothing piped). */
async function readPin(): Promise<string | undefined> {
	if (process.stdin.isTTY) return undefined;
	let text = '';
	for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
		text += chunk.toString('utf8');
		if (text.includes('\n') || text.length > 64) break;
	}
	const pin = text.split(/\r?\n/)[0]!.trim();
	return pin === '' ? undefined : pin;
}

export function casesFollowUpCommand(lang: Lang): CommandModule<HubArgs, FollowUpArgs> {
	return {
		command: 'follow-up <id>',
		describe: hubText(lang, 'cmd.cases.followUp'),
		builder: (y: Argv<HubArgs>) =>
			withHubOptions(y, lang)
				.positional('id', {type: 'string', demandOption: true, describe: hubText(lang, 'opt.caseId')})
				.option('note', {type: 'string', describe: hubText(lang, 'opt.note')})
				.option('operator', {type: 'string', describe: hubText(lang, 'opt.operator')}) as unknown as Argv<FollowUpArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const caseId = String(args.id);
				if (!CASE_ID_PATTERN.test(caseId)) throw new InputError('bad_case_id', {caseId});
				const check = checkFollowUpNote(args.note === undefined ? '' : String(args.note));
				if (!check.ok) throw new InputError(check.reason, {max: FOLLOW_UP_NOTE_MAX});
				const {note} = check;
				const operator = args.operator === undefined ? undefined : String(args.operator);
				const pin = operator === undefined ? undefined : await readPin();
				if (operator !== undefined && pin === undefined) throw new InputError('follow_up_pin_missing');

				// Not done at all when it cannot be audited (audit-session.ts).
				let audit: AuditStore | undefined;
				const hub = hubClientFor(ctx, args, {retries: 2, auditHead: () => audit?.last});
				try {
					audit = await openCommandAudit(ctx, 'supervisor');
					if (operator !== undefined) {
						const session = await hub.signIn({operatorId: operator, pin: pin!, terminalId: ctx.settings.terminalId});
						audit.setActor({id: session.operator.id, role: session.operator.roles.includes('supervisor') ? 'supervisor' : 'clerk'});
					}
					try {
						const before = await hub.getCase(caseId);
						const details = followUpAuditDetails(caseId, before.evaluation?.level ?? 'none', note);
						const target = {caseId, itemCode: before.itemCode};
						const record = await hub.followUpEvaluation(caseId, followUpIdempotencyKey(caseId, note), note).catch(async (error: unknown) => {
							const denied = error instanceof HubRejectedError && (error.status === 403 || error.status === 409);
							await audit!.record({action: 'case.follow_up', outcome: denied ? 'denied' : 'failed', target, details: {...details, error: failureCode(error)}}).catch(() => undefined);
							throw error;
						});
						await audit.record({action: 'case.follow_up', outcome: 'ok', target, details});
						// The index is derived data: a failure to write it changes nothing on the hub.
						const index = await openCasesIndex(ctx.dataDir).catch(() => undefined);
						if (index) await index.recordFromHub(record, systemClock.now()).catch(() => undefined);
						await index?.close();
						if (ctx.json) ctx.out(JSON.stringify({caseId, evaluation: record.evaluation ?? null}));
						else ctx.out(hubText(ctx.lang, 'followUp.done', {caseId, level: record.evaluation ? hubText(ctx.lang, `eval.${record.evaluation.level}`) : ''}));
						return EXIT.ok;
					} finally {
						if (operator !== undefined) await hub.signOut().catch(() => undefined);
					}
				} finally {
					await hub.close();
					await audit?.close();
				}
			}),
	};
}

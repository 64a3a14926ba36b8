import {createHash} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {dirname, resolve} from 'node:path';
import type {Argv, CommandModule} from 'yargs';
import type {CaseDraft, MaterialInput} from '../../src/core/cases/outbox.js';
import {IDEMPOTENCY_KEY_PATTERN, derivedIdempotencyKey, type KeyedContent} from '../../src/core/cases/idempotency.js';
import type {OutboxEntry} from '../../src/core/cases/outbox-machine.js';
import {canonicalJson} from '../../src/core/audit/canonical.js';
import {checkDuplicates, duplicateCaseIds, queuedCasesFor} from '../../src/core/cases/duplicates.js';
import type {Outbox} from '../../src/core/cases/outbox.js';
import {AppError, EXIT, InputError, isAppError} from '../../src/core/errors.js';
import type {HubApi} from '../../src/core/ports/hub.js';
import type {AuditStore} from '../../src/store/audit-store.js';
import {systemReason} from '../../src/core/reasons.js';
import type {NestedMessage} from '../../src/core/template.js';
import {errorText, messageText} from '../../src/i18n/errors.js';
import {systemClock} from '../../src/core/ports/clock.js';
import type {Lang} from '../../src/core/lang.js';
import {hubText} from '../../src/i18n/hub.js';
import {openCasesIndex, type CasesIndex} from '../../src/store/cases-index.js';
import {openOutbox} from '../../src/store/outbox.js';
import {auditOutbox} from '../../src/core/cases/audit.js';
import {runHandler, type CommandContext} from '../context.js';
import {openSendingSession} from './audit-session.js';
import {retriesOf, withHubOptions, type HubArgs} from './hub-args.js';

interface SubmitArgs extends HubArgs {
	file: string;
	'allow-duplicate'?: boolean;
}

/**
 * CASE.json: the case fields of the contract (itemCode, implementationCode, receivingNode,
 * applicant, answers, eligibility; operatorId/terminalId/createdAt default from the settings and
 * the clock) plus `materials: [{code, file, contentType?, pages?, originalVerified?}]`, where
 * `file` is relative to CASE.json, and an optional `idempotencyKey`.
 *
 * The key makes a re-run the same case: the file's own key, else one derived from the case's
 * content and the terminal id (core/cases/idempotency.ts). `createdAt` is left out of the derived
 * key, so a re-run that defaults it to a new time is still the same request.
 */
async function readCaseFile(ctx: CommandContext, file: string): Promise<{draft: CaseDraft; materials: MaterialInput[]; idempotencyKey: string; content: KeyedContent}> {
	/** What is wrong, as a reason (worded at the edge) and, for a field, its path. */
	const fail = (why: NestedMessage, detail?: string): never => {
		throw new InputError('case_file_invalid', {file, reason: why}, {file, ...(detail ? {detail} : {})});
	};
	const missing = (field: string): NestedMessage => ({code: 'reason_field_required', params: {field}});
	let raw: Record<string, unknown>;
	try {
		raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
	} catch (error) {
		return error instanceof SyntaxError ? fail({code: 'reason_damaged_syntax'}, error.message) : fail(systemReason(error));
	}
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail({code: 'reason_not_object'});
	for (const key of ['itemCode', 'implementationCode', 'receivingNode'] as const) if (typeof raw[key] !== 'string') fail(missing(key));
	const applicant = raw['applicant'] as Record<string, unknown> | undefined;
	if (!applicant || typeof applicant['idNumber'] !== 'string' || typeof applicant['name'] !== 'string') fail(missing('applicant.idNumber, applicant.name'));
	const list = (raw['materials'] ?? []) as Array<Record<string, unknown>>;
	if (!Array.isArray(list)) fail({code: 'reason_not_list', params: {field: 'materials'}});
	const materials: MaterialInput[] = [];
	for (const [i, m] of list.entries()) {
		if (typeof m['code'] !== 'string' || typeof m['file'] !== 'string') fail(missing(`materials[${i}].code, materials[${i}].file`));
		const path = resolve(dirname(file), m['file'] as string);
		let bytes: Uint8Array;
		try {
			bytes = await readFile(path);
		} catch (error) {
			return fail({code: 'reason_material_file', params: {field: `materials[${i}].file`, reason: systemReason(error)}});
		}
		materials.push({
			code: m['code'] as string,
			bytes,
			contentType: typeof m['contentType'] === 'string' ? m['contentType'] : path.endsWith('.jpg') || path.endsWith('.jpeg') ? 'image/jpeg' : 'application/octet-stream',
			pages: typeof m['pages'] === 'number' ? m['pages'] : 1,
			originalVerified: m['originalVerified'] === true,
		});
	}
	// 委托代办 (docs/people.md#agents-委托代办): the agent who acts for the applicant, as their card says.
	const agent = raw['agent'] as Record<string, unknown> | undefined;
	if (agent !== undefined && (typeof agent !== 'object' || agent === null || typeof agent['idNumber'] !== 'string' || typeof agent['name'] !== 'string')) fail(missing('agent.idNumber, agent.name'));
	const explicitKey = raw['idempotencyKey'];
	if (explicitKey !== undefined && (typeof explicitKey !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(explicitKey))) fail({code: 'reason_bad_key'});
	const draft: CaseDraft = {
		itemCode: raw['itemCode'] as string,
		implementationCode: raw['implementationCode'] as string,
		receivingNode: raw['receivingNode'] as string,
		applicant: {idNumber: applicant!['idNumber'] as string, name: applicant!['name'] as string, cardType: typeof applicant!['cardType'] === 'string' ? applicant!['cardType'] : 'resident'},
		answers: (raw['answers'] as Record<string, unknown>) ?? {},
		eligibility: (raw['eligibility'] as CaseDraft['eligibility']) ?? {result: 'unknown', ruleVersion: 'none'},
		operatorId: typeof raw['operatorId'] === 'string' ? raw['operatorId'] : 'cli',
		terminalId: typeof raw['terminalId'] === 'string' ? raw['terminalId'] : ctx.settings.terminalId,
		createdAt: typeof raw['createdAt'] === 'string' ? raw['createdAt'] : systemClock.now().toISOString(),
		branchCode: typeof raw['branchCode'] === 'string' ? raw['branchCode'] : ctx.settings.branchCode,
		...(agent ? {agent: {name: agent['name'] as string, idNumber: agent['idNumber'] as string, cardType: typeof agent['cardType'] === 'string' ? agent['cardType'] : 'resident'}} : {}),
	};
	// The branch is the terminal's, not the case's content: a case file keeps its key (and an
	// entry queued before the branch was sent stays the same case).
	const {createdAt: _createdAt, branchCode: _branchCode, ...fields} = draft;
	const content: KeyedContent = {
		...fields,
		materials: materials.map((m) => ({code: m.code, sha256: createHash('sha256').update(m.bytes).digest('hex'), pages: m.pages, originalVerified: m.originalVerified})),
	};
	return {draft, materials, idempotencyKey: (explicitKey as string | undefined) ?? derivedIdempotencyKey(content), content};
}

/** Whether an entry already queued under the key is this same case (its time aside). */
function sameCase(entry: OutboxEntry, content: KeyedContent): boolean {
	const {createdAt: _createdAt, branchCode: _branchCode, ...queued} = entry.submission;
	return canonicalJson(queued) === canonicalJson(content);
}

/**
 * The duplicate guard (docs/return-trips.md#no-accidental-second-case): an applicant's open case
 * for the item, in this terminal's index or outbox or on the hub (asked within a deadline; a hub
 * that cannot be asked is said, and the local answer still counts), stops the submission with
 * exit 6 unless --allow-duplicate is given, which is audited. A run under a key already queued is
 * the same case again, not a second one, and is not checked.
 */
async function guardAgainstDuplicate(
	ctx: CommandContext,
	input: {draft: CaseDraft; idempotencyKey: string; outbox: Outbox; index: CasesIndex; hub: HubApi; audit: AuditStore; allow: boolean},
): Promise<void> {
	const {draft, idempotencyKey, outbox, index} = input;
	if (await outbox.get(idempotencyKey)) return;
	const entries = await outbox.pending();
	const applicant = {cardType: draft.applicant.cardType, idNumber: draft.applicant.idNumber};
	const local = [...index.openCasesFor(applicant, draft.itemCode), ...queuedCasesFor(entries, index.fingerprint, applicant, draft.itemCode, idempotencyKey)];
	let hubFailure: unknown;
	const check = await checkDuplicates({
		applicant,
		itemCode: draft.itemCode,
		local,
		hub: {findOpenCases: (query, options) => input.hub.findOpenCases(query, options).catch((error: unknown) => Promise.reject((hubFailure = error)))},
	});
	if (check.hub === 'unavailable') ctx.err(hubText(ctx.lang, 'submit.duplicateHubUnavailable', {reason: hubFailure instanceof Error && isAppError(hubFailure) ? errorText(hubFailure, ctx.lang) : hubText(ctx.lang, 'submit.hubNoAnswer')}));
	if (check.cases.length === 0) return;
	const caseIds = duplicateCaseIds(check);
	const queued = check.cases.length - caseIds.length;
	if (!input.allow) {
		throw new AppError('duplicate_case', EXIT.duplicate, {count: check.cases.length, caseIds: caseIds.join(', ') || '-', queued}, {caseIds, queued, hub: check.hub});
	}
	// Audited before anything is sent: a second case nobody is on record for confirming is not taken.
	await input.audit.record({action: 'case.duplicate_confirmed', outcome: 'ok', target: {itemCode: draft.itemCode}, details: {caseIds, itemCode: draft.itemCode, found: check.cases.length, hub: check.hub, idempotencyKey}});
	ctx.err(hubText(ctx.lang, 'submit.duplicateAllowed', {caseIds: caseIds.join(', ') || '-'}));
}

export function casesSubmitCommand(lang: Lang): CommandModule<HubArgs, SubmitArgs> {
	return {
		command: 'submit',
		describe: hubText(lang, 'cmd.cases.submit'),
		builder: (y: Argv<HubArgs>) =>
			withHubOptions(y, lang)
				.option('file', {type: 'string', nargs: 1, demandOption: true, describe: hubText(lang, 'opt.file')})
				.option('allow-duplicate', {type: 'boolean', default: false, describe: hubText(lang, 'opt.allowDuplicate')}) as unknown as Argv<SubmitArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const {draft, materials, idempotencyKey, content} = await readCaseFile(ctx, args.file);
				// A submission that cannot be audited is not queued at all (see audit-session.ts).
				const {hub, audit} = await openSendingSession(ctx, args);
				const outbox = await openOutbox({dataDir: ctx.dataDir, hub, clock: systemClock}).catch(async (error: unknown) => {
					await Promise.all([hub.close(), audit.close()]);
					throw error;
				});
				// The case index before anything is sent: a damaged one is set aside and rebuilt from
				// the outbox now (exit 5, nothing sent), never found broken after the hub took the case.
				const index = await openCasesIndex(ctx.dataDir).catch(async (error: unknown) => {
					await Promise.all([hub.close(), audit.close()]);
					throw error;
				});
				const outboxAudit = auditOutbox(outbox, audit);
				try {
					await guardAgainstDuplicate(ctx, {draft, idempotencyKey, outbox, index, hub, audit, allow: args['allow-duplicate'] === true});
					// Same key as an earlier run: the entry already queued (or delivered) is this case.
					const entry = await outbox.enqueue(draft, materials, {idempotencyKey});
					// A key given in the file and used before for another case: refuse, never send the old one as if it were this.
					if (!sameCase(entry, content)) throw new InputError('idempotency_key_reused', {key: idempotencyKey, id: entry.id}, {idempotencyKey});
					// The outbox retries (and resolves a lost answer) within this run, --retries times.
					// The "queued" entry is on the audit trail before anything is sent, so the audit head
					// the hub receives with the POST (its anchor) already covers this run.
					await outboxAudit.flush();
					if (entry.phase !== 'done') await outbox.drain({retries: retriesOf(args)});
					const after = (await outbox.get(entry.id))!;
					if (after.phase === 'done' && after.receipt) {
						await index.recordSubmitted(after, systemClock.now()).catch((error: unknown) => {
							// Delivered: the index is derived data and `cases reindex` rebuilds it. Say so, and
							// do not turn a delivered case into an error a script would retry.
							ctx.err(hubText(ctx.lang, 'submit.indexFailed', {caseId: after.receipt!.caseId, reason: errorText(error, ctx.lang)}));
						});
						const r = after.receipt;
						if (ctx.json) ctx.out(JSON.stringify({outboxId: after.id, idempotencyKey: after.idempotencyKey, ...r}));
						else ctx.out(hubText(ctx.lang, 'submit.done', {caseId: r.caseId, status: hubText(ctx.lang, `status.${r.status}`), receiving: r.receivingNode, handling: r.handlingNode}));
						return EXIT.ok;
					}
					const reason = after.lastError ? messageText(after.lastError, ctx.lang) : '';
					if (ctx.json) ctx.out(JSON.stringify({outboxId: after.id, phase: after.phase, error: after.lastError ?? null}));
					if (after.phase === 'failed') {
						ctx.err(hubText(ctx.lang, 'submit.failed', {reason}));
						return EXIT.usage;
					}
					ctx.err(hubText(ctx.lang, 'submit.queued', {id: after.id, reason}));
					return EXIT.hub;
				} finally {
					outboxAudit.stop();
					try {
						await outboxAudit.flush();
					} finally {
						await Promise.all([hub.close(), audit.close()]);
					}
				}
			}),
	};
}

import type {Argv, CommandModule} from 'yargs';
import {judgeAnchor, type AnchorVerdict} from '../../src/core/audit/anchor.js';
import type {VerifyReport} from '../../src/core/audit/verify.js';
import {AppError, EXIT, HubError, HubRejectedError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {auditText, type AuditMessageKey} from '../../src/i18n/audit.js';
import type {AuditAnchor, HubClient} from '../../src/hub/client.js';
import {readEntryAt, verifyAuditLog} from '../../src/store/audit-store.js';
import {runHandler, type CommandContext} from '../context.js';
import {hubClientFor, withHubOptions, type HubArgs} from '../cases/hub-args.js';
import {verifyMessage} from './format.js';
import {errorText} from '../../src/i18n/errors.js';
import {formatStamp} from '../../src/text/time.js';

/** What `--hub` found, as `--json` carries it. */
interface HubCheck {
	status: 'ok' | 'mismatch' | 'no_anchor' | 'unreachable' | 'error';
	terminalId: string;
	anchor?: AuditAnchor;
	problem?: Exclude<AnchorVerdict, {ok: true}>;
	error?: {code: string; exitCode: number};
	message: string;
}

export function auditVerifyCommand(lang: Lang): CommandModule<HubArgs, HubArgs> {
	return {
		command: 'verify',
		describe: auditText(lang, 'cmd.audit.verify'),
		builder: (y: Argv<HubArgs>) => withHubOptions(y, lang).option('hub', {type: 'string', describe: auditText(lang, 'opt.verifyHub')}) as unknown as Argv<HubArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const started = performance.now();
				// `--hub` alone: the hubUrl setting. The client is built first, so a bad URL is a usage error before anything runs.
				const client = args.hub === undefined ? undefined : hubClientFor(ctx, {...args, hub: args.hub || undefined}, {retries: args.retries ?? 2});
				try {
					const report = await verifyAuditLog(ctx.dataDir);
					const message = verifyMessage(ctx.lang, report);
					const hub = client ? await checkWithHub(ctx, client, report) : undefined;
					if (ctx.json) ctx.out(JSON.stringify({...report, message, ...(hub ? {hub} : {}), ms: Math.round(performance.now() - started)}, null, 2));
					else {
						if (report.ok) ctx.out(message);
						if (hub && (hub.status === 'ok' || hub.status === 'no_anchor')) ctx.out(hub.message);
					}
					// Like every error: the verdicts go to stderr too, so a script's log shows them.
					if (!report.ok) ctx.err(message);
					if (hub && hub.status !== 'ok' && hub.status !== 'no_anchor') ctx.err(hub.message);
					return exitCode(report, hub);
				} finally {
					await client?.close();
				}
			}),
	};
}

/** Integrity first (local or hub: exit 5), then the hub's own failure (unreachable: 3). */
function exitCode(report: VerifyReport, hub: HubCheck | undefined): number {
	if (!report.ok || hub?.status === 'mismatch') return EXIT.integrity;
	if (hub?.status === 'unreachable') return EXIT.hub;
	if (hub?.status === 'error') return hub.error?.exitCode ?? EXIT.partial;
	return EXIT.ok;
}

async function checkWithHub(ctx: CommandContext, client: HubClient, report: VerifyReport): Promise<HubCheck> {
	const terminalId = ctx.settings.terminalId;
	let anchor: AuditAnchor | null;
	try {
		anchor = await client.getAuditHead(terminalId);
	} catch (error) {
		if (!(error instanceof HubError) && !(error instanceof HubRejectedError)) throw error;
		const reason = errorText(error, ctx.lang);
		return {status: error instanceof HubError ? 'unreachable' : 'error', terminalId, error: {code: (error as AppError).code, exitCode: (error as AppError).exitCode}, message: auditText(ctx.lang, 'verify.hub.unreachable', {reason})};
	}
	if (!anchor) return {status: 'no_anchor', terminalId, message: auditText(ctx.lang, 'verify.hub.none', {terminal: terminalId})};
	const lastSeq = report.lastSeq ?? 0;
	const atSeq = lastSeq >= anchor.seq ? await readEntryAt(ctx.dataDir, anchor.seq) : undefined;
	const verdict = judgeAnchor(anchor, {lastSeq, hashAtSeq: atSeq?.hash});
	if (verdict.ok) return {status: 'ok', terminalId, anchor, message: auditText(ctx.lang, 'verify.hub.ok', {seq: anchor.seq, receivedAt: formatStamp(anchor.receivedAt)})};
	const what = auditText(ctx.lang, `verify.hub.kind.${verdict.kind}` as AuditMessageKey, {seq: verdict.seq, last: verdict.kind === 'truncated' ? verdict.last : ''});
	return {status: 'mismatch', terminalId, anchor, problem: verdict, message: auditText(ctx.lang, 'verify.hub.broken', {what})};
}

/**
 * Opening the audit log from a command-line run (cases, config, devices). The console holds the
 * audit writer lock while it runs, so a command waits a little for it and then refuses BEFORE it
 * acts: an action that cannot be written to the audit trail is not done at all (exit 1, with
 * the holder's pid), rather than done and left unattributable. A log that does not match its head
 * anchor (store/audit-store.ts) is refused the same way, with exit 5. See each caller for why
 * refusing is right for it.
 */
import {AppError, EXIT, StoreBusyError} from '../../src/core/errors.js';
import type {AuditActor} from '../../src/core/audit/model.js';
import {AuditIntegrityError, AuditStore, osActor} from '../../src/store/audit-store.js';
import type {HubClient} from '../../src/hub/client.js';
import type {CommandContext} from '../context.js';
import {hubClientFor, type HubArgs} from './hub-args.js';

/** Long enough for a console that is just closing (or another short command) to let go. */
const COMMAND_AUDIT_WAIT_MS = 3_000;

/** TONGBAN_AUDIT_WAIT_MS overrides the wait (scripts that prefer to fail at once: 0). */
function auditWaitMs(env: NodeJS.ProcessEnv = process.env): number {
	const value = Number(env.TONGBAN_AUDIT_WAIT_MS);
	return env.TONGBAN_AUDIT_WAIT_MS !== undefined && env.TONGBAN_AUDIT_WAIT_MS !== '' && Number.isInteger(value) && value >= 0 ? Math.min(value, 60_000) : COMMAND_AUDIT_WAIT_MS;
}

/** The audit store for this run, acting as the OS user in `role`; refuses clearly when it is busy. */
export async function openCommandAudit(ctx: Pick<CommandContext, 'dataDir' | 'settings' | 'lang'>, role: AuditActor['role'], waitMs = auditWaitMs()): Promise<AuditStore> {
	try {
		return await AuditStore.open({dataDir: ctx.dataDir, terminal: ctx.settings.terminalId, actor: osActor(role), lockWaitMs: waitMs});
	} catch (error) {
		// "Not done: this must be audited, but …": the reason is the store's error, worded with it.
		if (error instanceof StoreBusyError) {
			throw new AppError('audit_busy', EXIT.partial, {reason: {code: error.code, params: error.params}}, error.details);
		}
		// The log does not match its head anchor: nothing is done, and it is an integrity error (exit 5).
		if (error instanceof AuditIntegrityError) {
			throw new AppError('audit_refused', EXIT.integrity, {reason: {code: error.code, params: error.params}}, {cause: error.code, ...error.details});
		}
		throw error;
	}
}

/**
 * The hub client and the audit session of a command that sends cases (`cases submit`, `cases
 * outbox --drain`). Each case sent carries this terminal's audit head (the hub's anchor, `audit
 * verify --hub`). Sending is refused (exit 1, nothing sent) when the audit log is busy: the case
 * would otherwise reach the hub with nobody on record for sending it.
 */
export async function openSendingSession(ctx: CommandContext, args: HubArgs): Promise<{hub: HubClient; audit: AuditStore}> {
	let openAudit: AuditStore | undefined;
	const hub = hubClientFor(ctx, args, {retries: 2, auditHead: () => openAudit?.last});
	const audit = await openCommandAudit(ctx, 'clerk').catch(async (error: unknown) => {
		await hub.close();
		throw error;
	});
	openAudit = audit;
	return {hub, audit};
}

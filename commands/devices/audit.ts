/**
 * `device.diagnose` for the technician commands: which device path, which command, how it went and
 * counts. The audit log is opened BEFORE the device is touched and a busy log refuses the command
 * (exit 1): when the console holds the audit lock it also holds the serial ports, so the
 * diagnosis could not run anyway, and an `idreader read` reads a citizen's card, which must never
 * happen unrecorded. Usage mistakes (bad --baud, --size…) did nothing and are not recorded.
 */
import type {AuditOutcome, AuditValue} from '../../src/core/audit/model.js';
import type {AuditRecorder} from '../../src/core/ports/audit.js';
import {AppError, InputError} from '../../src/core/errors.js';
import {openCommandAudit} from '../cases/audit-session.js';
import type {CommandContext} from '../context.js';

export interface DiagnosisTarget {
	device: 'idreader' | 'camera';
	devicePath: string;
	/** e.g. "idreader read", "camera selftest", "monitor". */
	command: string;
	/** The line speed the command used: every diagnosis records it. */
	baud: number;
}

/** What the command fills in while it runs: counts and digests, never card fields in clear. */
export interface DiagnosisNote {
	outcome: AuditOutcome;
	details: Record<string, AuditValue>;
}

/** For an extra entry of another action (e.g. `card.reveal` when a read shows the card unmasked). */
export type DiagnosisRecorder = AuditRecorder['record'];

/** Runs `body` with the audit log open and records one `device.diagnose` entry whatever happens. */
export async function diagnose<T>(ctx: CommandContext, target: DiagnosisTarget, body: (note: DiagnosisNote, record: DiagnosisRecorder) => Promise<T>): Promise<T> {
	const audit = await openCommandAudit(ctx, 'technician');
	const note: DiagnosisNote = {outcome: 'ok', details: {}};
	const entry = (outcome: AuditOutcome, extra: Record<string, AuditValue>) => ({
		action: 'device.diagnose' as const,
		outcome,
		target: {devicePath: target.devicePath},
		details: {device: target.device, command: target.command, baud: target.baud, ...note.details, ...extra},
	});
	try {
		const result = await body(note, (input) => audit.record(input));
		await audit.record(entry(note.outcome, {}));
		return result;
	} catch (error) {
		if (!(error instanceof InputError)) await audit.record(entry('failed', {errorCode: error instanceof AppError ? error.code : 'unexpected'}));
		throw error;
	} finally {
		await audit.close();
	}
}

/**
 * `tongban doctor` (docs/technician-guide.md#13-the-first-check-doctor): what one check found,
 * the thresholds each finding is judged by, the exit code of a whole run and the masking of free
 * text that goes into a support bundle. Pure: the command gathers the facts, this judges them.
 *
 * Exit codes (docs/architecture.md#exit-codes): every failed finding carries the code of its kind
 * (5 data integrity, 3 hub, 4 device, 2 a setting the console cannot run without, 1 needs
 * attention); the run exits with the failure that ranks first in FAIL_RANK, else 1 when anything
 * warned, else 0.
 */
import type {ExitCode} from '../errors.js';
import type {TemplateParams} from '../template.js';

export type FindingStatus = 'ok' | 'warn' | 'fail';

export interface Finding {
	/** Which check, e.g. "hub.tls" (stable, for scripts). */
	check: string;
	status: FindingStatus;
	/** The message key in src/i18n/doctor.ts (stable, for scripts). */
	code: string;
	/** The values the message is filled with: counts, paths inside the data folder, codes; never personal data. */
	params: TemplateParams;
	/** The exit code this finding asks for (0 unless it failed). */
	exitCode: ExitCode;
}

export function finding(check: string, status: FindingStatus, code: string, params: TemplateParams = {}, exitCode: ExitCode = status === 'fail' ? 1 : 0): Finding {
	return {check, status, code, params, exitCode: status === 'fail' ? exitCode : 0};
}

/** The order failures decide the exit code in: integrity first (it must never be hidden by a hub or a device). */
const FAIL_RANK: readonly ExitCode[] = [5, 3, 4, 2, 1];

export function doctorExitCode(findings: readonly Finding[]): ExitCode {
	const failed = new Set(findings.filter((f) => f.status === 'fail').map((f) => f.exitCode));
	for (const code of FAIL_RANK) if (failed.has(code)) return code;
	if (failed.size > 0) return 1;
	return findings.some((f) => f.status === 'warn') ? 1 : 0;
}

const THRESHOLDS = {
	/** Free space in the data folder: a capture is ~50 KB, a day's cases a few MB. */
	freeWarnBytes: 500 * 1024 * 1024,
	freeFailBytes: 50 * 1024 * 1024,
	/** Clock skew against the hub's Date header (1 s resolution). */
	skewWarnMs: 30_000,
	skewFailMs: 300_000,
	/** Days to the expiry of the hub's certificate chain. */
	certWarnDays: 30,
	/** Age of the oldest outbox entry still waiting to be sent. */
	outboxWarnMs: 60 * 60_000,
	outboxFailMs: 24 * 60 * 60_000,
} as const;

export function judgeFreeSpace(freeBytes: number): Finding {
	const mb = Math.floor(freeBytes / (1024 * 1024));
	if (freeBytes < THRESHOLDS.freeFailBytes) return finding('data.space', 'fail', 'space.fail', {mb}, 1);
	if (freeBytes < THRESHOLDS.freeWarnBytes) return finding('data.space', 'warn', 'space.warn', {mb});
	return finding('data.space', 'ok', 'space.ok', {mb});
}

/**
 * Skew of the local clock against the hub's: `hubDate` is the Date header, `sentAt`/`answeredAt`
 * the local clock around the request (the hub stamped its answer in between). Positive: the
 * terminal is ahead.
 */
export function clockSkewMs(hubDate: Date, sentAt: Date, answeredAt: Date): number {
	const local = (sentAt.getTime() + answeredAt.getTime()) / 2;
	// The header has whole seconds: the hub's time is anywhere in [date, date + 1 s).
	const hub = hubDate.getTime() + 500;
	const skew = local - hub;
	return Math.abs(skew) <= 500 ? 0 : skew;
}

export function judgeSkew(skewMs: number): Finding {
	const seconds = Math.round(Math.abs(skewMs) / 1000);
	const params = {seconds, direction: skewMs > 0 ? 'ahead' : 'behind'};
	if (Math.abs(skewMs) > THRESHOLDS.skewFailMs) return finding('hub.clock', 'fail', 'clock.fail', params, 1);
	if (Math.abs(skewMs) > THRESHOLDS.skewWarnMs) return finding('hub.clock', 'warn', 'clock.warn', params);
	return finding('hub.clock', 'ok', 'clock.ok', params);
}

/** A verified chain: the certificate of it that expires first. */
export function judgeCertificate(validTo: Date, now: Date, chainLength: number): Finding {
	const days = Math.floor((validTo.getTime() - now.getTime()) / 86_400_000);
	const params = {days, validTo: validTo.toISOString().slice(0, 10), chain: chainLength};
	if (days < THRESHOLDS.certWarnDays) return finding('hub.tls', 'warn', 'tls.expiring', params);
	return finding('hub.tls', 'ok', 'tls.ok', params);
}

export interface OutboxFacts {
	/** Entries still to be sent (uploading or posting). */
	pending: number;
	/** Entries the hub refused for good. */
	failed: number;
	/** When the oldest pending entry was queued. */
	oldestPendingAt?: Date;
}

export function judgeOutbox(facts: OutboxFacts, now: Date): Finding {
	const age = facts.oldestPendingAt ? Math.max(0, now.getTime() - facts.oldestPendingAt.getTime()) : 0;
	const params = {pending: facts.pending, failed: facts.failed, minutes: Math.floor(age / 60_000), oldest: facts.oldestPendingAt?.toISOString() ?? ''};
	if (facts.pending > 0 && age > THRESHOLDS.outboxFailMs) return finding('outbox', 'fail', 'outbox.stuck', params, 1);
	if (facts.pending > 0 && age > THRESHOLDS.outboxWarnMs) return finding('outbox', 'warn', 'outbox.old', params);
	if (facts.failed > 0) return finding('outbox', 'warn', 'outbox.failed', params);
	if (facts.pending > 0) return finding('outbox', 'ok', 'outbox.pending', params);
	return finding('outbox', 'ok', 'outbox.empty', params);
}

/**
 * A name or a line of free text as a support bundle may carry it. What could be an ID number
 * (a run of 9 or more digits, with a check character X, or a letter and 8 digits as on permits)
 * is masked to its first 2 and last 2 characters; any run of Chinese characters (a name, an
 * address) becomes one `＊` per character; SHA-256 digests stay (they identify files, not people).
 */
export function maskFreeText(text: string): string {
	return text.replace(/[0-9a-f]{64}|[A-Za-z]?\d{8,}[0-9Xx]?|[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}·]+/gu, (run) => {
		if (/^[0-9a-f]{64}$/.test(run)) return run;
		if (/^[A-Za-z]?\d{8,}[0-9Xx]?$/.test(run)) {
			// 8-digit runs alone (dates, case serials) are kept; a letter and 8 digits is a permit number.
			if (/^\d{8}$/.test(run)) return run;
			return `${run.slice(0, 2)}${'*'.repeat(run.length - 4)}${run.slice(-2)}`;
		}
		return '＊'.repeat([...run].length);
	});
}

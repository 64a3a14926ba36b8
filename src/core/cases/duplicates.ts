/**
 * No accidental second case (docs/return-trips.md#no-accidental-second-case): before a case is
 * sent, the counter asks whether the same applicant already has an open case for the same item,
 * in this terminal's case index (by an applicant fingerprint, below), in its outbox, and on the
 * hub (cases received at other terminals or branches). Pure: the key, the index rows, the outbox
 * entries and the hub's answer are handed in.
 *
 * The fingerprint is an HMAC-SHA256 under a per-installation secret (store/applicant-key.ts), so
 * the index can tell "same applicant" without holding an ID number: without the key the
 * fingerprint cannot be tried against a list of likely numbers, as a plain hash could.
 */
import {createHmac} from 'node:crypto';
import {upgradeFrom15} from '../identity/idnumber.js';
import type {HubApi} from '../ports/hub.js';
import {isOpenStatus} from './lifecycle.js';
import type {CaseStatus} from './model.js';
import type {OutboxEntry} from './outbox-machine.js';

export interface ApplicantRef {
	/** The card kind as recorded (resident, hkmotw, foreign2017, foreign2023). */
	cardType: string;
	idNumber: string;
}

/** The secret behind the fingerprints and its short id (which key a fingerprint was made with). */
export interface FingerprintKey {
	id: string;
	secret: Uint8Array;
}

/** Upper case, no spaces; a legacy 15-digit resident number becomes its 18-digit form (the same person). */
function normalizedNumber(idNumber: string): string {
	const text = idNumber.replace(/\s+/g, '').toUpperCase();
	return /^\d{15}$/.test(text) ? upgradeFrom15(text) : text;
}

/**
 * The card kind the number itself shows, else the one recorded: a number typed by hand carries no
 * kind (the draft then says "resident"), and a read card must still match the typed number.
 */
function cardKindOf(cardType: string, number: string): string {
	if (/^[A-Z]{3}\d{12}$/.test(number)) return 'foreign2017';
	if (/^9\d{16}[\dX]$/.test(number)) return 'foreign2023';
	if (/^8[123]\d{15}[\dX]$/.test(number)) return 'hkmotw';
	if (/^\d{17}[\dX]$/.test(number)) return 'resident';
	return cardType.trim().toLowerCase();
}

/** `<key id>:<hex>`: fingerprints of another key never match (a replaced key, store/applicant-key.ts). */
export function applicantFingerprint(key: FingerprintKey, applicant: ApplicantRef): string {
	const number = normalizedNumber(applicant.idNumber);
	const mac = createHmac('sha256', key.secret).update(`${cardKindOf(applicant.cardType, number)}\n${number}`).digest('hex');
	return `${key.id}:${mac}`;
}

/** Where an open case was found. `outbox`: queued here, not yet on the hub (no case number yet). */
type OpenCaseSource = 'local' | 'hub' | 'outbox';

export interface OpenCase {
	/** Undefined for a case still in the outbox. */
	caseId?: string;
	/** Undefined for a case still in the outbox. */
	status?: CaseStatus;
	receivedAt?: string;
	receivingNode?: string;
	sources: OpenCaseSource[];
}

/** One row of the case index as the guard reads it. */
export interface FingerprintedCase {
	caseId: string;
	itemCode: string;
	status: CaseStatus;
	receivedAt: string;
	receivingNode: string;
	/** Absent (rows from before fingerprints) or null (no number was left to make one): never matches. */
	applicantFingerprint?: string | null;
}

/** The index rows of open cases of this applicant (by fingerprint) and item, oldest first. */
export function openCasesFor(rows: readonly FingerprintedCase[], fingerprint: string, itemCode: string): OpenCase[] {
	return rows
		.filter((row) => row.applicantFingerprint === fingerprint && row.itemCode === itemCode && isOpenStatus(row.status))
		.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
		.map((row) => ({caseId: row.caseId, status: row.status, receivedAt: row.receivedAt, receivingNode: row.receivingNode, sources: ['local']}));
}

/** What the guard found: the open cases, and whether the hub could be asked. */
export interface DuplicateCheck {
	cases: OpenCase[];
	/** `unavailable`: the hub failed or did not answer within the deadline; the local answer still counts. */
	hub: 'asked' | 'unavailable' | 'not_asked';
}

/**
 * The local answer and the hub's, one entry per case; where both know a case the hub's status is
 * kept (it is the fresher). A case the index holds open but the hub does not list stays: a false
 * warning costs the clerk one key, a missed one a second case. Outbox entries (no case id yet)
 * come last.
 */
export function mergeOpenCases(local: readonly OpenCase[], hub: readonly OpenCase[] | undefined): OpenCase[] {
	const byId = new Map<string, OpenCase>();
	const queued: OpenCase[] = [];
	for (const c of [...local, ...(hub ?? [])]) {
		if (c.caseId === undefined) {
			queued.push(c);
			continue;
		}
		const known = byId.get(c.caseId);
		byId.set(c.caseId, known ? {...known, ...c, sources: [...new Set([...known.sources, ...c.sources])]} : c);
	}
	return [...[...byId.values()].sort((a, b) => (a.receivedAt ?? '').localeCompare(b.receivedAt ?? '')), ...queued];
}

/** The case ids of a check (for the audit entry of a confirmed second case: ids, never people). */
export function duplicateCaseIds(check: DuplicateCheck): string[] {
	return check.cases.flatMap((c) => (c.caseId ? [c.caseId] : []));
}

/**
 * Cases queued in this terminal's outbox for the applicant and item, not yet on the hub (so in no
 * index and unknown to the hub): `exceptKey` is the submission being checked, which is itself,
 * not a second case. Entries done are in the index; failed ones were refused and made no case.
 */
export function queuedCasesFor(entries: readonly OutboxEntry[], fingerprintOf: (applicant: ApplicantRef) => string, applicant: ApplicantRef, itemCode: string, exceptKey?: string): OpenCase[] {
	const fingerprint = fingerprintOf(applicant);
	return entries
		.filter((e) => (e.phase === 'uploading' || e.phase === 'posting') && e.idempotencyKey !== exceptKey && e.submission.itemCode === itemCode && e.submission.applicant.idNumber !== '')
		.filter((e) => fingerprintOf(e.submission.applicant) === fingerprint)
		.map(() => ({sources: ['outbox'] as OpenCaseSource[]}));
}

/** How long the guard waits for the hub before it goes on with the local answer (docs/return-trips.md). */
const DUPLICATE_HUB_DEADLINE_MS = 3_000;

/**
 * The whole check: the local answer (index and outbox, handed in) and the hub's, which is asked
 * under a deadline. A hub that fails or does not answer in time never blocks the counter: the
 * check says it could not be asked, and the local answer still counts.
 */
export async function checkDuplicates(input: {
	applicant: ApplicantRef;
	itemCode: string;
	local: readonly OpenCase[];
	hub?: Pick<HubApi, 'findOpenCases'>;
	deadlineMs?: number;
}): Promise<DuplicateCheck> {
	if (!input.hub) return {cases: mergeOpenCases(input.local, undefined), hub: 'not_asked'};
	const signal = AbortSignal.timeout(input.deadlineMs ?? DUPLICATE_HUB_DEADLINE_MS);
	try {
		const found = await input.hub.findOpenCases({applicant: {cardType: input.applicant.cardType, idNumber: input.applicant.idNumber}, itemCode: input.itemCode}, {signal});
		return {cases: mergeOpenCases(input.local, found.map((c) => ({...c, sources: ['hub']}))), hub: 'asked'};
	} catch {
		// Any failure (unreachable, refused, late, an answer off the contract) means the same here:
		// the hub's part is unknown, the local part stands.
		return {cases: mergeOpenCases(input.local, undefined), hub: 'unavailable'};
	}
}

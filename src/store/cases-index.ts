/**
 * The terminal's own index of its cases (lowdb, durable writes): what was submitted, the last
 * status seen and the history timeline, so `cases show` and the console work offline and admins
 * can list a terminal's cases without asking the hub. Holds no personal data beyond a masked name
 * and an applicant fingerprint (an HMAC under the installation's key, store/applicant-key.ts), by
 * which the duplicate guard finds an applicant's open cases (docs/return-trips.md#no-accidental-second-case).
 *
 * It is derived data: the outbox is the record of what was sent, the hub of where each case is.
 * So a damaged `cases.json` is set aside (quarantine.ts) and rebuilt from the outbox at once;
 * `tongban cases reindex` also brings every status and timeline back from the hub.
 *
 * Several processes write it (the console, `cases show`, `cases outbox --drain`, `cases submit`,
 * `cases reindex`), so every write takes `cases.json.lock`, reads the file again and changes only
 * its own cases before writing it back: one writer at a time, and no write loses another's.
 */
import {returnTripsOf, type ReturnTrips} from '../core/cases/tracking.js';
import type {Evaluation} from '../core/cases/evaluation.js';
import {join} from 'node:path';
import {Low} from 'lowdb';
import {applicantFingerprint, openCasesFor, type ApplicantRef, type FingerprintKey, type OpenCase} from '../core/cases/duplicates.js';
import type {CaseReceipt, CaseRecord, CaseStatus, HistoryEntry} from '../core/cases/model.js';
import type {OutboxEntry} from '../core/cases/outbox-machine.js';
import {maskName} from '../core/identity/mask.js';
import {systemClock, type Clock} from '../core/ports/clock.js';
import {CheckedJSONFile, DataFileCorruptError, removeStaleTemps} from './durable-json.js';
import {openApplicantKey} from './applicant-key.js';
import {acquireLock} from './lock.js';
import {openOutboxStore} from './outbox.js';
import {DataFileQuarantinedError, quarantineFile, type QuarantineNotice} from './quarantine.js';
import {casesIndexFileSchema, shapeCheck} from './shapes.js';
import {SerialQueue} from '../core/serial-queue.js';

export interface IndexedCase {
	caseId: string;
	idempotencyKey: string;
	itemCode: string;
	implementationCode: string;
	/** e.g. "陈*明" — never the full name or the ID number. */
	applicantMasked: string;
	/** The agent who acted for the applicant (委托代办), masked like the applicant; absent when none. */
	agentMasked?: string;
	receivingNode: string;
	handlingNode: string;
	status: CaseStatus;
	receivedAt: string;
	updatedAt: string;
	history: HistoryEntry[];
	/** When the hub was last asked. */
	checkedAt: string;
	/**
	 * HMAC of the applicant's card kind and number (core/cases/duplicates.ts), `<key id>:<hex>`.
	 * Absent in rows from before fingerprints (made from the outbox when it still has the number);
	 * null when no number is left to make one from (purged, or a case known only from the hub).
	 */
	applicantFingerprint?: string | null;
	/**
	 * When the hub last took a supplement (补正) to this case from this terminal. A supplement is
	 * an outbox entry of its own but never a case of its own in the index: it marks its case.
	 */
	supplementedAt?: string;
	/** The return trips the hub last told (core/cases/tracking.ts returnTripsOf); absent when none. */
	returnTrips?: ReturnTrips;
	/**
	 * The citizen's 好差评 as the hub last told it, without their words (the reason is personal
	 * data: shown from the hub's answer, never kept on the terminal); absent until given.
	 */
	evaluation?: IndexedEvaluation;
}

export type IndexedEvaluation = Omit<Evaluation, 'reason'>;

interface IndexFile {
	version: 1;
	cases: Record<string, IndexedCase>;
}

export interface CasesIndex {
	get(caseId: string): IndexedCase | undefined;
	list(): IndexedCase[];
	/**
	 * Records a case the outbox just got onto the hub; for a supplement entry, marks its case
	 * (`supplementedAt`) instead of adding one.
	 */
	recordSubmitted(entry: OutboxEntry, now: Date): Promise<IndexedCase | undefined>;
	/** The fingerprint of an applicant under this installation's key (never stored with the number). */
	fingerprint(applicant: ApplicantRef): string;
	/** This terminal's open cases of the applicant for the item (core/cases/duplicates.ts), oldest first. */
	openCasesFor(applicant: ApplicantRef, itemCode: string): OpenCase[];
	/** Updates the status and history from a fresh GET /cases/{id}. */
	recordFromHub(record: CaseRecord, now: Date): Promise<IndexedCase>;
	/** Reads the file again (another process may have written it). */
	reload(): Promise<void>;
	/** Writes many cases in one go (`cases reindex`): each replaces the case with its id. */
	merge(cases: readonly IndexedCase[]): Promise<void>;
	/**
	 * Waits for the writes already asked for and refuses any later one (IndexClosedError), so
	 * nothing writes into the data folder once the owner has closed it.
	 */
	close(): Promise<void>;
}

export interface CasesIndexOptions {
	/** How long a write waits for another process's write (default 5 s). */
	lockWaitMs?: number;
	/**
	 * Called when the file was found damaged while running, set aside and rebuilt (the console
	 * shows the notice; a command reports it and exits 5).
	 */
	onQuarantined?: (notice: QuarantineNotice) => void;
	clock?: Clock;
	/** The fingerprint key (default: the data folder's own, store/applicant-key.ts). */
	key?: FingerprintKey;
}

/** A write asked for after close(): a bug in the caller's shutdown order, never a lost write in silence. */
class IndexClosedError extends Error {
	constructor() {
		super('the case index is closed');
	}
}

function casesIndexPath(dataDir: string): string {
	return join(dataDir, 'cases.json');
}

const LOCK_WAIT_MS = 5_000;

/** The fingerprint of an outbox entry's applicant; null once retention has purged the number. */
function entryFingerprint(entry: OutboxEntry, key: FingerprintKey): string | null {
	const {idNumber, cardType} = entry.submission.applicant;
	return idNumber ? applicantFingerprint(key, {idNumber, cardType}) : null;
}

/** A row that has no fingerprint under `key` yet (absent, or made with a replaced key). */
function needsFingerprint(row: IndexedCase, key: FingerprintKey): boolean {
	const fingerprint = row.applicantFingerprint;
	return fingerprint === undefined || (fingerprint !== null && !fingerprint.startsWith(`${key.id}:`));
}

/** The index entry of a case the outbox delivered (only what the outbox entry knows). */
function indexedFromOutbox(entry: OutboxEntry, now: Date, key: FingerprintKey): IndexedCase | undefined {
	const receipt = entry.receipt;
	if (!receipt || entry.supplementFor !== undefined) return undefined;
	return {
		...rowOf(entry, receipt, receipt.caseId, now),
		idempotencyKey: entry.idempotencyKey,
		history: [{status: receipt.status, node: receipt.receivingNode, at: receipt.receivedAt}],
		applicantFingerprint: entryFingerprint(entry, key),
	};
}

/** What an outbox entry and the hub's answer to it say of a case (key and history are the caller's). */
function rowOf(entry: OutboxEntry, receipt: CaseReceipt, caseId: string, now: Date): IndexedCase {
	return {
		caseId,
		idempotencyKey: '',
		itemCode: entry.submission.itemCode,
		implementationCode: entry.submission.implementationCode,
		// A purged entry has no name left (retention): nothing to mask.
		applicantMasked: entry.submission.applicant.name ? maskName(entry.submission.applicant.name) : '',
		...(entry.submission.agent?.name ? {agentMasked: maskName(entry.submission.agent.name)} : {}),
		receivingNode: receipt.receivingNode,
		handlingNode: receipt.handlingNode,
		status: receipt.status,
		receivedAt: receipt.receivedAt,
		updatedAt: receipt.receivedAt,
		history: [],
		checkedAt: now.toISOString(),
	};
}

/**
 * The case a delivered supplement entry belongs to, marked as supplemented. A case the index does
 * not hold yet (its own entry purged, or submitted elsewhere) is added from what the supplement
 * knows, under no key: the supplement's key is not the case's.
 */
function withSupplement(entry: OutboxEntry, known: IndexedCase | undefined, now: Date): IndexedCase | undefined {
	const receipt = entry.receipt;
	if (!receipt || entry.supplementFor === undefined) return undefined;
	const at = entry.deliveredAt ?? entry.updatedAt;
	const base: IndexedCase = known ?? {...rowOf(entry, receipt, entry.supplementFor, now), updatedAt: at};
	return {...base, supplementedAt: base.supplementedAt !== undefined && base.supplementedAt > at ? base.supplementedAt : at};
}

/** A case as the hub tells it, keeping what only this terminal knows (the key, the masked name, its supplement). */
export function indexedFromHub(record: CaseRecord, known: IndexedCase | undefined, now: Date): IndexedCase {
	const trips = returnTripsOf(record);
	return {
		...(known?.supplementedAt !== undefined ? {supplementedAt: known.supplementedAt} : {}),
		caseId: record.caseId,
		idempotencyKey: known?.idempotencyKey ?? '',
		itemCode: record.itemCode,
		implementationCode: record.implementationCode,
		applicantMasked: known?.applicantMasked ?? '',
		...(known?.agentMasked ? {agentMasked: known.agentMasked} : {}),
		receivingNode: record.receivingNode,
		handlingNode: record.handlingNode,
		status: record.status,
		receivedAt: record.receivedAt,
		updatedAt: record.updatedAt,
		history: record.history,
		checkedAt: now.toISOString(),
		...(known && known.applicantFingerprint !== undefined ? {applicantFingerprint: known.applicantFingerprint} : {}),
		...(trips ? {returnTrips: trips} : {}),
		...(record.evaluation ? {evaluation: {level: record.evaluation.level, evaluatedAt: record.evaluation.evaluatedAt, followUp: record.evaluation.followUp}} : {}),
	};
}

/**
 * The index as the outbox alone tells it: every delivered case, at the status it was received in,
 * marked with the supplements delivered to it.
 */
export async function casesFromOutbox(dataDir: string, now: Date, key?: FingerprintKey): Promise<Record<string, IndexedCase>> {
	const fingerprintKey = key ?? (await openApplicantKey(dataDir));
	const cases: Record<string, IndexedCase> = {};
	const entries = await (await openOutboxStore(dataDir)).list();
	for (const entry of entries) {
		const indexed = indexedFromOutbox(entry, now, fingerprintKey);
		if (indexed) cases[indexed.caseId] = indexed;
	}
	for (const entry of entries) {
		const marked = withSupplement(entry, entry.supplementFor !== undefined ? cases[entry.supplementFor] : undefined, now);
		if (marked) cases[marked.caseId] = marked;
	}
	return cases;
}

/**
 * Opens the index. A damaged file is set aside and the index rebuilt from the outbox, then
 * DataFileQuarantinedError is thrown (exit 5: the command did nothing else); opening again
 * finds the rebuilt file. The console catches it, shows the notice and opens again.
 */
export async function openCasesIndex(dataDir: string, options: CasesIndexOptions = {}): Promise<CasesIndex> {
	const path = casesIndexPath(dataDir);
	const db = new Low<IndexFile>(new CheckedJSONFile<IndexFile>(path, shapeCheck(casesIndexFileSchema)), {version: 1, cases: {}});
	const lockPath = `${path}.lock`;
	const lockWaitMs = options.lockWaitMs ?? LOCK_WAIT_MS;
	const queue = new SerialQueue();
	let closed = false;
	const key = options.key ?? (await openApplicantKey(dataDir, options.clock ? {clock: options.clock} : {}));

	/**
	 * Gives rows without a fingerprint under the current key one from their outbox entry (rows
	 * from before fingerprints, or after a replaced key); a row whose entry holds no number any
	 * more gets null, so it is not looked for again. A damaged outbox leaves the rows as they
	 * are: whoever needs the outbox reports it.
	 */
	async function fillFingerprints(cases: Record<string, IndexedCase>): Promise<void> {
		const missing = Object.values(cases).filter((row) => needsFingerprint(row, key));
		if (missing.length === 0) return;
		let entries: OutboxEntry[];
		try {
			entries = await (await openOutboxStore(dataDir)).list();
		} catch (error) {
			if (error instanceof DataFileCorruptError) return;
			throw error;
		}
		const byKey = new Map(entries.map((e) => [e.idempotencyKey, e]));
		for (const row of missing) {
			const entry = row.idempotencyKey ? byKey.get(row.idempotencyKey) : undefined;
			row.applicantFingerprint = entry ? entryFingerprint(entry, key) : null;
		}
	}

	/** Sets the damaged file aside and writes the index rebuilt from the outbox (lock held). */
	async function rebuild(error: DataFileCorruptError): Promise<QuarantineNotice> {
		const reason = (error.details?.['reason'] as Parameters<typeof quarantineFile>[2] | undefined) ?? {kind: 'syntax' as const};
		const clock = options.clock ?? systemClock;
		const notice = await quarantineFile(dataDir, path, reason, {clock});
		db.data = {version: 1, cases: await casesFromOutbox(dataDir, clock.now(), key)};
		await db.write();
		return notice;
	}

	async function read(): Promise<QuarantineNotice | undefined> {
		try {
			await db.read();
			return undefined;
		} catch (error) {
			if (!(error instanceof DataFileCorruptError)) throw error;
			return rebuild(error);
		}
	}

	/** One write: lock, read what is on disk now, change our cases, write, unlock. */
	function mutate<T>(change: (cases: Record<string, IndexedCase>) => T): Promise<T> {
		if (closed) return Promise.reject(new IndexClosedError());
		return queue.run(async () => {
			const lock = await acquireLock(lockPath, {waitMs: lockWaitMs, what: {'zh-CN': '办件索引', en: 'The case index'}});
			try {
				const notice = await read();
				if (notice) options.onQuarantined?.(notice);
				const result = change(db.data.cases);
				await fillFingerprints(db.data.cases);
				await db.write();
				return result;
			} finally {
				await lock.release();
			}
		});
	}

	await removeStaleTemps(dataDir, 'cases.json');
	try {
		await db.read();
	} catch (error) {
		if (!(error instanceof DataFileCorruptError)) throw error;
		const lock = await acquireLock(lockPath, {waitMs: lockWaitMs, what: {'zh-CN': '办件索引', en: 'The case index'}});
		let notice: QuarantineNotice | undefined;
		try {
			// Another process may have rebuilt it while we waited for the lock.
			notice = await read();
		} finally {
			await lock.release();
		}
		if (notice) throw new DataFileQuarantinedError(notice);
	}
	if (Object.values(db.data.cases).some((row) => needsFingerprint(row, key))) await mutate(() => undefined);

	return {
		get: (caseId) => db.data.cases[caseId],
		list: () => Object.values(db.data.cases).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)),
		fingerprint: (applicant) => applicantFingerprint(key, applicant),
		openCasesFor: (applicant, itemCode) => openCasesFor(Object.values(db.data.cases), applicantFingerprint(key, applicant), itemCode),
		reload: async () => {
			await queue.idle();
			const notice = await read();
			if (notice) options.onQuarantined?.(notice);
		},
		async close() {
			closed = true;
			await queue.idle();
		},
		merge(list) {
			return mutate((cases) => {
				for (const c of list) cases[c.caseId] = c;
			});
		},
		recordSubmitted(entry, now) {
			if (entry.supplementFor !== undefined) {
				if (!entry.receipt) return Promise.resolve(undefined);
				return mutate((cases) => {
					const marked = withSupplement(entry, cases[entry.supplementFor!], now)!;
					cases[marked.caseId] = marked;
					return marked;
				});
			}
			const fresh = indexedFromOutbox(entry, now, key);
			if (!fresh) return Promise.resolve(undefined);
			return mutate((cases) => {
				const known = cases[fresh.caseId];
				// A case first seen through a status poll has no key yet: the outbox entry brings it.
				const indexed = known
					? {...known, idempotencyKey: known.idempotencyKey || entry.idempotencyKey, ...(known.applicantFingerprint ? {} : {applicantFingerprint: fresh.applicantFingerprint ?? null})}
					: fresh;
				cases[fresh.caseId] = indexed;
				return indexed;
			});
		},
		recordFromHub(record, now) {
			return mutate((cases) => {
				const indexed = indexedFromHub(record, cases[record.caseId], now);
				cases[record.caseId] = indexed;
				return indexed;
			});
		},
	};
}

/**
 * The audit log on disk: lowdb segments under `<dataDir>/audit/`, one writer process at a time.
 *
 *   audit/2026-11-26.0001.json   a day's first part: {format, name, prevSegment, entries[]}
 *   audit/2026-11-26.0002.json   the next part once the first holds `maxEntriesPerPart` entries
 *   audit/head.json              the truncation anchor (audit-head.ts, core/audit/head.ts)
 *   audit/writer.lock            O_EXCL lock with the writer's pid
 *
 * lowdb rewrites the whole file on every write, so a part is bounded (DEFAULT_MAX_ENTRIES_PER_PART)
 * and only the current part is held in memory; opening reads only that part (the tail seq and
 * hash), never the whole history. An append:
 *  0. checks that the files are as this writer left them: head.json the same inode and bytes, the
 *     tail part the same inode, size and times, the next part (if one starts) absent. Anything
 *     else refuses the append (AuditIntegrityError, exit 5, nothing written): a long-running
 *     console must never extend, and so re-anchor, a chain someone edited under it;
 *  1. writes the head's intent {N → N+1} in place and makes it durable (fdatasync);
 *  2. writes the part durably through AuditSegmentFile (temp, fsync, rename, fsync dir), which
 *     serialises only the new entry; nothing is read back or re-hashed;
 *  3. writes the head's done {N+1} in place, without fsync: if a power cut loses it, the disk holds
 *     intent + entry N+1, the crash window that opening settles.
 * With one head write after the part, a crash between the two would look exactly like a forged
 * entry appended; with one before, like the last entry deleted. The intent tells the crash window
 * apart, and it is the only lag accepted: opening the log refuses (exit 5, writing nothing) a head
 * that is missing, unreadable, behind or ahead of the chain, or that names another hash.
 * What the crash window cannot tell is documented in core/audit/head.ts. A crash inside a part
 * write leaves the old part and a temp file, removed at open.
 *
 * A log written by the previous version (one head write after the part, 256-byte record) opens
 * as is when that version closed cleanly (its record is a done record here); one it left with the
 * head a step behind (a crash between its two writes) cannot be told from a forged append and is
 * refused like one.
 */
import {chmod, mkdir, readdir, rm, stat} from 'node:fs/promises';
import {userInfo} from 'node:os';
import {join} from 'node:path';
import {Low, type Adapter} from 'lowdb';
import {isAuditAction, missingDetails} from '../core/audit/actions.js';
import {hashMatches, sealEntry} from '../core/audit/hash.js';
import {judgeHead, type HeadVerdict} from '../core/audit/head.js';
import {AUDIT_FORMAT, AUDIT_OUTCOMES, GENESIS_HASH, isEntryShaped, type AuditActor, type AuditEntry, type AuditInput, type AuditIntent, type AuditTarget, type AuditValue} from '../core/audit/model.js';
import {type AuditRecorder} from '../core/ports/audit.js';
import {redactDetails, redactValue} from '../core/audit/redact.js';
import {SEGMENT_FORMAT, localDay, nextSegment, parseSegment, segmentFileName, type SegmentData} from '../core/audit/segments.js';
import {ChainVerifier, type VerifyReport} from '../core/audit/verify.js';
import {AppError, EXIT, IntegrityError} from '../core/errors.js';
import {systemClock, type Clock} from '../core/ports/clock.js';
import type {Lang} from '../core/lang.js';
import {auditText, type AuditMessageKey} from '../i18n/audit.js';
import {HEAD_FILE, HeadFile, encodeHead, parseHead, readHeadSnapshot, type HeadChange} from './audit-head.js';
import {AuditSegmentFile} from './audit-segment-file.js';
import {DataFileCorruptError} from './durable-json.js';
import {acquireLock, type LockHandle} from './lock.js';
import {SerialQueue} from '../core/serial-queue.js';

type Segment = SegmentData<AuditEntry>;

/**
 * A day is split into parts of at most this many entries. lowdb writes whole files and every
 * append is durable, so an append writes and fsyncs the whole part it lands in (~470 bytes per
 * entry: ~47 KB for a full part of 100, ~235 KB at the earlier 500). Once serialising is out of
 * the way (AuditSegmentFile), that size is what is left above the disk's durable-write floor:
 * writing, fsyncing and the rename that frees the old copy's blocks. Measured here, a nearly full
 * part of 500 costs ~0.7–0.9 ms more per append than an empty one, a part of 100 ~0.2 ms (and a
 * slower disk or a flash card pays more per byte). Smaller parts buy nothing measurable and
 * multiply files: a busy day of 20k entries is already 200 parts, and verify, export and tail
 * open one file per part.
 */
export const DEFAULT_MAX_ENTRIES_PER_PART = 100;
const LOCK_FILE = 'writer.lock';

export function auditDir(dataDir: string): string {
	return join(dataDir, 'audit');
}

/** The actor of a command-line run without a hub session: the OS user, as `os:<name>`. */
export function osActor(role: AuditActor['role'] = 'system'): AuditActor {
	let name = 'unknown';
	try {
		name = userInfo().username || name;
	} catch {
		// no passwd entry (containers): keep "unknown"
	}
	return {id: `os:${name}`, role};
}

/** Segment names in chain order. */
export async function listSegmentNames(dataDir: string): Promise<string[]> {
	let files: string[];
	try {
		files = await readdir(auditDir(dataDir));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
	return files
		.filter((f) => parseSegment(f))
		.map((f) => f.slice(0, -'.json'.length))
		.sort();
}

async function readSegment(dataDir: string, name: string): Promise<Segment> {
	return (await openSegment(dataDir, name)).data;
}

/** A part as a lowdb instance (the writer extends the tail part through it). */
async function openSegment(dataDir: string, name: string): Promise<Low<Segment>> {
	const path = join(auditDir(dataDir), segmentFileName(name));
	const db = new Low<Segment | null>(new AuditSegmentFile<AuditEntry>(path) as Adapter<Segment | null>, null);
	await db.read();
	const data = db.data;
	if (!data || data.format !== SEGMENT_FORMAT || !Array.isArray(data.entries) || (data.prevSegment !== null && typeof data.prevSegment !== 'string')) {
		throw new DataFileCorruptError(path, data ? {kind: 'shape', path: data.format !== SEGMENT_FORMAT ? 'format' : !Array.isArray(data.entries) ? 'entries' : 'prevSegment'} : {kind: 'empty'});
	}
	return db as Low<Segment>;
}

/**
 * A part's entries for the readers (tail, export, follow, the console's audit view): an entry of
 * the wrong shape (a field of the wrong type, not an object) names the part and stops the reader
 * with exit 5, instead of being printed as if it were an entry or crashing the formatter.
 * `audit verify` reads the raw part to say what happened.
 */
async function readEntries(dataDir: string, name: string): Promise<AuditEntry[]> {
	const entries: unknown[] = (await readSegment(dataDir, name)).entries;
	const bad = entries.findIndex((e) => !isEntryShaped(e));
	if (bad >= 0) throw new DataFileCorruptError(join(auditDir(dataDir), segmentFileName(name)), {kind: 'shape', path: `entries.${bad}`});
	return entries as AuditEntry[];
}

/**
 * The audit log is not what an honest writer leaves: exit 5. `messages` holds the text in both
 * languages (commands and the console show the operator's); `message` is the zh-CN one.
 */
export class AuditIntegrityError extends IntegrityError {
	/** `text`: the verdict in both languages, worded by the audit texts (src/i18n/audit.ts). */
	constructor(code: string, text: Record<Lang, string>, details?: Record<string, unknown>) {
		super(code, {text}, details);
	}
}

function bothLanguages(text: (lang: Lang) => string): Record<Lang, string> {
	return {'zh-CN': text('zh-CN'), en: text('en')};
}

/** What a failed head verdict means, in the words `audit verify` uses. */
function verdictText(lang: Lang, verdict: Exclude<HeadVerdict, {ok: true}>): string {
	const range = verdict.kind === 'truncated' ? verdict.missing : verdict.kind === 'appended' ? verdict.beyond : undefined;
	const what = auditText(lang, `verify.kind.${verdict.kind}` as AuditMessageKey, range ? {from: range.from, to: range.to} : {});
	return verdict.kind === 'modified' ? `${what}${auditText(lang, 'verify.seq', {seq: verdict.seq})}` : what;
}

function anchorMismatch(verdict: Exclude<HeadVerdict, {ok: true}>, tail: {seq: number}): AuditIntegrityError {
	return new AuditIntegrityError('audit_anchor_mismatch', bothLanguages((lang) => auditText(lang, 'store.anchor', {what: verdictText(lang, verdict)})), {kind: verdict.kind, lastSeq: tail.seq});
}

function changedUnderWriter(key: AuditMessageKey, params: Record<string, string>, what: string): AuditIntegrityError {
	return new AuditIntegrityError('audit_changed_under_writer', bothLanguages((lang) => auditText(lang, 'store.changed', {what: auditText(lang, key, params)})), {what});
}

export interface AuditStoreOptions {
	dataDir: string;
	terminal: string;
	/** Who acts until `setActor` (after sign-in); default the OS user as `system`. */
	actor?: AuditActor;
	clock?: Clock;
	maxEntriesPerPart?: number;
	/** How long to wait for another writer process; default 0 (fail at once with its pid). */
	lockWaitMs?: number;
	/**
	 * Called once the intent is durable ('intent') and once the part is ('part'): crash tests kill
	 * the process there to leave the crash window on disk (src/store/audit-crash.test.ts).
	 */
	onAppendStep?: (step: 'intent' | 'part') => void;
}

interface Tail {
	seq: number;
	hash: string;
	db: Low<Segment> | undefined;
}

/** What identifies the tail part as this writer left it (every write renames a new inode in). */
interface PartStamp {
	ino: number;
	size: number;
	mtimeMs: number;
	ctimeMs: number;
}

export class AuditStore implements AuditRecorder {
	readonly dataDir: string;
	readonly #dir: string;
	readonly #terminal: string;
	readonly #clock: Clock;
	readonly #maxEntries: number;
	readonly #onStep: AuditStoreOptions['onAppendStep'];
	#actor: AuditActor;
	#lock: LockHandle | undefined;
	readonly #head: HeadFile;
	#tail: Tail = {seq: 0, hash: GENESIS_HASH, db: undefined};
	#tailStamp: PartStamp | undefined;
	/** Set while an append is under way or after one failed: the files must be read again first. */
	#resync = true;
	readonly #queue = new SerialQueue();

	private constructor(options: AuditStoreOptions, lock: LockHandle, head: HeadFile) {
		this.dataDir = options.dataDir;
		this.#dir = auditDir(options.dataDir);
		this.#terminal = options.terminal;
		this.#clock = options.clock ?? systemClock;
		this.#maxEntries = options.maxEntriesPerPart ?? DEFAULT_MAX_ENTRIES_PER_PART;
		this.#onStep = options.onAppendStep;
		this.#actor = options.actor ?? osActor();
		this.#lock = lock;
		this.#head = head;
	}

	/**
	 * Takes the writer lock, loads the tail (the last part only) and checks it against the head:
	 * the crash window is settled, anything else that is not an honest state refuses with an
	 * AuditIntegrityError (exit 5) and writes nothing.
	 */
	static async open(options: AuditStoreOptions): Promise<AuditStore> {
		const dir = auditDir(options.dataDir);
		await mkdir(dir, {recursive: true, mode: 0o700});
		await chmod(dir, 0o700);
		const lock = await acquireLock(join(dir, LOCK_FILE), {waitMs: options.lockWaitMs ?? 0, what: {'zh-CN': '审计日志', en: 'The audit log'}});
		const head = new HeadFile(dir);
		try {
			await removeTempFiles(dir);
			const store = new AuditStore(options, lock, head);
			await store.#sync();
			return store;
		} catch (error) {
			await head.close();
			await lock.release();
			throw error;
		}
	}

	setActor(actor: AuditActor): void {
		this.#actor = actor;
	}

	/** The last entry written (seq 0 and the genesis hash before the first). */
	get last(): {seq: number; hash: string; segment: string | undefined} {
		return {seq: this.#tail.seq, hash: this.#tail.hash, segment: this.#tail.db?.data.name};
	}

	/** Appends one entry durably; calls are serialised so seqs follow the order of the calls. */
	record(input: AuditInput): Promise<AuditEntry> {
		return this.#queue.run(() => this.#append(input));
	}

	async close(): Promise<void> {
		await this.#queue.idle();
		if (!this.#lock) return;
		await this.#head.close();
		await this.#lock.release();
		this.#lock = undefined;
	}

	/** Reads the tail and the head from disk and judges them (core/audit/head.ts). */
	async #sync(): Promise<void> {
		const tail = await loadTail(this.dataDir);
		const text = await this.#head.adopt();
		const head = text === null ? 'missing' : parseHead(text);
		const verdict = judgeHead(head, tail);
		if (!verdict.ok) throw anchorMismatch(verdict, tail);
		if (verdict.status === 'pending') {
			// The crash window: an append cut between its intent and its done. Settle it.
			if (verdict.settle) await this.#head.write(verdict.settle, {durable: false});
			else await this.#head.remove();
		} else if (typeof head === 'object' && text !== encodeHead(head).toString('utf8')) {
			// Agrees, in another layout (the previous version's 256 bytes, or spaced by hand).
			await this.#head.write(head, {durable: false});
		}
		this.#tail = tail;
		this.#tailStamp = tail.db ? await partStamp(this.#partPath(tail.db.data.name)) : undefined;
		this.#resync = false;
	}

	#partPath(name: string): string {
		return join(this.#dir, segmentFileName(name));
	}

	/** Step 0: refuses when the files are not exactly as this writer left them. */
	async #checkUnchanged(target: {name: string; fresh: boolean}): Promise<void> {
		const change: HeadChange | undefined = await this.#head.check();
		if (change) throw changedUnderWriter(`store.changed.head.${change}`, {}, `head_${change}`);
		const current = this.#tail.db?.data.name;
		if (current) {
			const now = await partStamp(this.#partPath(current));
			const was = this.#tailStamp;
			if (!now || !was || now.ino !== was.ino || now.size !== was.size || now.mtimeMs !== was.mtimeMs || now.ctimeMs !== was.ctimeMs) {
				throw changedUnderWriter('store.changed.part', {segment: current}, 'tail_part');
			}
		}
		if (target.fresh && (await partStamp(this.#partPath(target.name)))) throw changedUnderWriter('store.changed.fresh', {segment: target.name}, 'next_part');
	}

	async #append(input: AuditInput): Promise<AuditEntry> {
		if (!this.#lock) throw new AppError('audit_closed', EXIT.partial);
		if (!isAuditAction(input.action)) throw new AppError('audit_unknown_action', EXIT.usage, {action: String(input.action)});
		if (!AUDIT_OUTCOMES.includes(input.outcome)) throw new AppError('audit_bad_outcome', EXIT.usage, {outcome: String(input.outcome)});
		const details = redactDetails(input.details) as Record<string, AuditValue>;
		const missing = missingDetails(input.action, details);
		if (missing.length > 0) {
			throw new AppError('audit_details_missing', EXIT.usage, {action: input.action, missing: missing.join(', ')}, {action: input.action, missing});
		}
		// After a failed append the files are read again, like at open (and judged the same way).
		if (this.#resync) await this.#sync();
		const now = this.#clock.now();
		const tail = this.#tail;
		const current = tail.db ? {name: tail.db.data.name, entries: tail.db.data.entries.length} : undefined;
		const target = nextSegment(current, now, this.#maxEntries);
		await this.#checkUnchanged(target);
		const entry = sealEntry(
			{
				v: AUDIT_FORMAT,
				seq: tail.seq + 1,
				ts: now.toISOString(),
				operator: input.operator ?? this.#actor,
				terminal: this.#terminal,
				action: input.action,
				target: cleanTarget(input.target),
				outcome: input.outcome,
				details,
			},
			tail.hash,
		);
		const db = target.fresh
			? new Low<Segment>(new AuditSegmentFile<AuditEntry>(this.#partPath(target.name)), {format: SEGMENT_FORMAT, name: target.name, prevSegment: current?.name ?? null, entries: []})
			: tail.db!;
		const intent: AuditIntent = {seq: tail.seq, hash: tail.hash, segment: current?.name ?? null, next: {seq: entry.seq, hash: entry.hash, segment: target.name}};
		// Until the done record is written, what is on disk is not known to be what this writer left.
		this.#resync = true;
		await this.#head.write(intent, {durable: true});
		this.#onStep?.('intent');
		db.data.entries.push(entry);
		try {
			await db.write();
		} catch (error) {
			db.data.entries.pop(); // the rename did not happen: the file still holds the old part
			throw error;
		}
		this.#tail = {seq: entry.seq, hash: entry.hash, db};
		this.#onStep?.('part');
		try {
			await this.#head.write({seq: entry.seq, hash: entry.hash, segment: target.name}, {durable: false});
			this.#tailStamp = await partStamp(this.#partPath(target.name));
			if (this.#tailStamp) this.#resync = false;
		} catch {
			// The entry is durable and the head holds its intent, the accepted crash window: the next
			// append reads the files again (#sync) and settles it.
		}
		return entry;
	}
}

async function partStamp(path: string): Promise<PartStamp | undefined> {
	try {
		const info = await stat(path);
		return {ino: info.ino, size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs};
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

function cleanTarget(target: AuditTarget | undefined): AuditTarget {
	const out: AuditTarget = {};
	if (!target) return out;
	for (const key of ['caseId', 'itemCode', 'devicePath'] as const) {
		const value = target[key];
		if (typeof value === 'string' && value !== '') out[key] = redactValue(value, key) as string;
	}
	return out;
}

/** Temp files of part writes cut short by a crash, and of head writes by versions that renamed it. */
async function removeTempFiles(dir: string): Promise<void> {
	for (const name of await readdir(dir)) {
		if (name.startsWith('.') && name.endsWith('.tmp')) await rm(join(dir, name), {force: true});
		else if (name.startsWith(`${HEAD_FILE}.`) && name.endsWith('.tmp')) await rm(join(dir, name), {force: true});
	}
}

/** The last written entry, from the newest non-empty part; refuses to chain onto a damaged tail. */
async function loadTail(dataDir: string): Promise<Tail> {
	const names = await listSegmentNames(dataDir);
	for (let i = names.length - 1; i >= 0; i--) {
		const name = names[i]!;
		const db = await openSegment(dataDir, name);
		const data = db.data;
		const last = data.entries[data.entries.length - 1];
		if (!last) continue;
		if (!hashMatches(last)) {
			throw new AuditIntegrityError('audit_tail_damaged', bothLanguages((lang) => auditText(lang, 'store.tailDamaged', {segment: name, position: data.entries.length})), {segment: name});
		}
		return {seq: last.seq, hash: last.hash, db};
	}
	return {seq: 0, hash: GENESIS_HASH, db: undefined};
}

/** How often verify starts over when the log shrank under it (no writer does that). */
const VERIFY_ATTEMPTS = 5;
/** How often verify catches up with a live writer before judging against either head reading. */
const CATCH_UP_ROUNDS = 50;

/**
 * Reads the parts into a ChainVerifier, and later only what a live writer added since: the writer
 * only ever appends (to the last part, or a new one), so what was read stays true.
 */
class LogReader {
	readonly verifier = new ChainVerifier();
	readonly #dataDir: string;
	#fed: {name: string; count: number; lastHash: unknown; corrupt: boolean} | undefined;

	constructor(dataDir: string) {
		this.#dataDir = dataDir;
	}

	/** Feeds what is new since the last call; false when the log changed in a way no writer does. */
	async catchUp(): Promise<boolean> {
		const fed = this.#fed;
		for (const name of await listSegmentNames(this.#dataDir)) {
			if (fed && name < fed.name) continue;
			let segment: Segment | undefined;
			try {
				segment = await readSegment(this.#dataDir, name);
			} catch (error) {
				if (!(error instanceof DataFileCorruptError)) throw error;
			}
			if (fed && name === fed.name) {
				if (fed.corrupt || !segment) {
					if (fed.corrupt !== !segment) return false;
					continue;
				}
				const seen = segment.entries[fed.count - 1] as {hash?: unknown} | undefined;
				if (segment.entries.length < fed.count || (fed.count > 0 && seen?.hash !== fed.lastHash)) return false;
				this.verifier.addSegment({name, prevSegment: segment.prevSegment, entries: segment.entries}, fed.count);
			} else if (segment) this.verifier.addSegment({name, prevSegment: segment.prevSegment, entries: segment.entries});
			else this.verifier.addCorruptSegment(name);
			this.#fed = {name, count: segment?.entries.length ?? 0, lastHash: (segment?.entries.at(-1) as {hash?: unknown} | undefined)?.hash, corrupt: !segment};
		}
		return true;
	}
}

/**
 * Verifies the whole chain and the head anchor; reads one part at a time. A console may be
 * appending meanwhile, so the head is read before the parts and again after: an append changes
 * the head before its part (intent) and after it (done), so when both readings agree no append
 * touched the parts in between and they belong with that head. When they differ, verify reads
 * only what the writer added since (the tail part, any new one) and looks at the head again,
 * until two readings agree (bounded; then the chain is judged against either reading, ok when one
 * fits). So a live writer never causes a false alarm, and a busy one costs a few small reads.
 */
export async function verifyAuditLog(dataDir: string, options: {attempts?: number} = {}): Promise<VerifyReport> {
	const dir = auditDir(dataDir);
	const attempts = Math.max(1, options.attempts ?? VERIFY_ATTEMPTS);
	for (let attempt = 1; ; attempt++) {
		const reader = new LogReader(dataDir);
		let head = await readHeadSnapshot(dir);
		let consistent = await reader.catchUp();
		for (let round = 0; consistent && round < CATCH_UP_ROUNDS; round++) {
			const again = await readHeadSnapshot(dir);
			if (again.text === head.text) return reader.verifier.result(head.head);
			head = again;
			consistent = await reader.catchUp();
		}
		if (consistent || attempt >= attempts) {
			const first = reader.verifier.result(head.head);
			return first.ok ? first : reader.verifier.result((await readHeadSnapshot(dir)).head);
		}
	}
}

/**
 * The entry with `seq`, looked for from the newest part back (an anchor is usually near the end);
 * undefined when no part holds it.
 */
export async function readEntryAt(dataDir: string, seq: number): Promise<AuditEntry | undefined> {
	const names = await listSegmentNames(dataDir);
	for (let i = names.length - 1; i >= 0; i--) {
		let entries: unknown[];
		try {
			entries = (await readSegment(dataDir, names[i]!)).entries;
		} catch (error) {
			if (error instanceof DataFileCorruptError) continue;
			throw error;
		}
		const found = entries.find((e): e is AuditEntry => isEntryShaped(e) && e.seq === seq);
		if (found) return found;
		const first = entries.find(isEntryShaped);
		if (first && first.seq < seq) return undefined; // older parts hold only smaller seqs
	}
	return undefined;
}

/** The newest `n` entries, oldest first: for `audit tail` and the console's audit view. */
export async function listRecent(dataDir: string, n: number): Promise<AuditEntry[]> {
	const out: AuditEntry[] = [];
	const names = await listSegmentNames(dataDir);
	for (let i = names.length - 1; i >= 0 && out.length < n; i--) {
		const entries = await readEntries(dataDir, names[i]!);
		out.unshift(...entries.slice(Math.max(0, entries.length - (n - out.length))));
	}
	return out;
}

/**
 * Entries with since ≤ ts < until, in chain order. A part named day D only holds entries whose
 * clock day is ≤ D (the store never goes back to an older part), so parts before `since`'s day
 * are skipped without reading.
 */
export async function* readEntriesBetween(dataDir: string, since: Date, until: Date): AsyncGenerator<AuditEntry> {
	const firstDay = localDay(since);
	for (const name of await listSegmentNames(dataDir)) {
		if (parseSegment(name)!.day < firstDay) continue;
		for (const entry of await readEntries(dataDir, name)) {
			const t = Date.parse(entry.ts);
			if (t >= since.getTime() && t < until.getTime()) yield entry;
		}
	}
}

/**
 * Calls `onEntries` with every entry after `afterSeq` as it appears, polling the newest parts
 * every `intervalMs` (cheap: a directory listing and a stat while nothing changes). Runs until
 * `signal` aborts; no deadline.
 */
export async function followAudit(
	dataDir: string,
	options: {afterSeq: number; intervalMs?: number; signal: AbortSignal; onEntries: (entries: AuditEntry[]) => void},
): Promise<void> {
	let lastSeq = options.afterSeq;
	let lastName: string | undefined;
	let lastStamp = '';
	while (!options.signal.aborted) {
		const names = await listSegmentNames(dataDir);
		const newest = names[names.length - 1];
		if (newest) {
			const info = await stat(join(auditDir(dataDir), segmentFileName(newest))).catch(() => undefined);
			const stamp = `${newest}:${info?.mtimeMs ?? 0}:${info?.size ?? 0}`;
			if (stamp !== lastStamp) {
				lastStamp = stamp;
				const fresh: AuditEntry[] = [];
				// First look: the two newest parts (a part may have filled since the caller's read).
				const from = lastName ?? names[Math.max(0, names.length - 2)]!;
				for (const name of names.filter((n) => n >= from)) {
					for (const entry of await readEntries(dataDir, name)) if (entry.seq > lastSeq) fresh.push(entry);
				}
				if (fresh.length > 0) {
					lastSeq = fresh[fresh.length - 1]!.seq;
					options.onEntries(fresh);
				}
				lastName = newest;
			}
		}
		await new Promise<void>((resolve) => {
			const done = () => {
				clearTimeout(timer);
				options.signal.removeEventListener('abort', done);
				resolve();
			};
			const timer = setTimeout(done, options.intervalMs ?? 500);
			options.signal.addEventListener('abort', done, {once: true});
		});
	}
}

/**
 * The audit log on disk: lowdb segments under `<dataDir>/audit/`, one writer process at a time.
 *
 *   audit/2026-11-26.0001.json   a day's first part: {format, name, prevSegment, entries[]}
 *   audit/2026-11-26.0002.json   the next part once the first holds `maxEntriesPerPart` entries
 *   audit/head.json              {seq, hash, segment} of the last entry: the truncation anchor
 *   audit/writer.lock            O_EXCL lock with the writer's pid
 *
 * lowdb rewrites the whole file on every write, so a part is bounded (DEFAULT_MAX_ENTRIES_PER_PART)
 * and only the current part is held in memory; opening reads only that part (the tail seq and
 * hash), never the whole history. An append costs what the disk's durable write costs plus little:
 *  - the part goes through AuditSegmentFile, which keeps the bytes it wrote last and serialises
 *    only the new entry, then writes the whole part durably (temp, fsync, rename, fsync dir);
 *  - nothing is read back or re-hashed: the tail's seq and hash are kept in memory;
 *  - then the head (audit-head.ts): one pwrite in place, no fsync: a head that lags after a crash
 *    or a power cut is harmless, verify accepts a head behind the chain and open() catches it up.
 * A crash between the two leaves the head one entry behind; a crash inside a part write leaves
 * the old part and a temp file we remove.
 */
import {chmod, mkdir, readdir, rm, stat} from 'node:fs/promises';
import {userInfo} from 'node:os';
import {join} from 'node:path';
import {Low, type Adapter} from 'lowdb';
import {AUDIT_ACTIONS, isAuditAction, missingDetails} from '../core/audit/actions.js';
import {hashMatches, sealEntry} from '../core/audit/hash.js';
import {AUDIT_FORMAT, AUDIT_OUTCOMES, GENESIS_HASH, type AuditActor, type AuditEntry, type AuditHead, type AuditInput, type AuditRecorder, type AuditTarget, type AuditValue} from '../core/audit/model.js';
import {redactDetails, redactValue} from '../core/audit/redact.js';
import {SEGMENT_FORMAT, localDay, nextSegment, parseSegment, segmentFileName, type SegmentData} from '../core/audit/segments.js';
import {ChainVerifier, type VerifyReport} from '../core/audit/verify.js';
import {AppError, EXIT, IntegrityError} from '../core/errors.js';
import {systemClock, type Clock} from '../core/ports.js';
import {HEAD_FILE, HeadWriter, readHead as readHeadFile} from './audit-head.js';
import {AuditSegmentFile} from './audit-segment-file.js';
import {DataFileCorruptError} from './durable-json.js';
import {acquireLock, type LockHandle} from './lock.js';

export type Segment = SegmentData<AuditEntry>;

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

export async function readSegment(dataDir: string, name: string): Promise<Segment> {
	return (await openSegment(dataDir, name)).data;
}

/** A part as a lowdb instance (the writer extends the tail part through it). */
async function openSegment(dataDir: string, name: string): Promise<Low<Segment>> {
	const path = join(auditDir(dataDir), segmentFileName(name));
	const db = new Low<Segment | null>(new AuditSegmentFile<AuditEntry>(path) as Adapter<Segment | null>, null);
	await db.read();
	const data = db.data;
	if (!data || data.format !== SEGMENT_FORMAT || !Array.isArray(data.entries) || (data.prevSegment !== null && typeof data.prevSegment !== 'string')) {
		throw new DataFileCorruptError(path, data ? 'not an audit segment' : 'missing');
	}
	return db as Low<Segment>;
}

export function readHead(dataDir: string): Promise<AuditHead | 'missing' | 'unreadable'> {
	return readHeadFile(auditDir(dataDir));
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
}

interface Tail {
	seq: number;
	hash: string;
	db: Low<Segment> | undefined;
}

export class AuditStore implements AuditRecorder {
	readonly dataDir: string;
	readonly #terminal: string;
	readonly #clock: Clock;
	readonly #maxEntries: number;
	#actor: AuditActor;
	#lock: LockHandle | undefined;
	readonly #head: HeadWriter;
	#tail: Tail;
	#queue: Promise<unknown> = Promise.resolve();

	private constructor(options: AuditStoreOptions, lock: LockHandle, head: HeadWriter, tail: Tail) {
		this.dataDir = options.dataDir;
		this.#terminal = options.terminal;
		this.#clock = options.clock ?? systemClock;
		this.#maxEntries = options.maxEntriesPerPart ?? DEFAULT_MAX_ENTRIES_PER_PART;
		this.#actor = options.actor ?? osActor();
		this.#lock = lock;
		this.#head = head;
		this.#tail = tail;
	}

	/** Takes the writer lock and loads the tail (the last part only). */
	static async open(options: AuditStoreOptions): Promise<AuditStore> {
		const dir = auditDir(options.dataDir);
		await mkdir(dir, {recursive: true, mode: 0o700});
		await chmod(dir, 0o700);
		const lock = await acquireLock(join(dir, LOCK_FILE), {waitMs: options.lockWaitMs ?? 0, what: {'zh-CN': '审计日志', en: 'The audit log'}});
		const head = new HeadWriter(dir);
		try {
			await removeTempFiles(dir);
			const tail = await loadTail(options.dataDir);
			const store = new AuditStore(options, lock, head, tail);
			await store.#repairHead();
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
		const run = this.#queue.then(() => this.#append(input));
		this.#queue = run.catch(() => {});
		return run;
	}

	async close(): Promise<void> {
		await this.#queue;
		if (!this.#lock) return;
		await this.#head.close();
		await this.#lock.release();
		this.#lock = undefined;
	}

	async #append(input: AuditInput): Promise<AuditEntry> {
		if (!this.#lock) throw new AppError('audit_closed', 'audit store is closed', EXIT.partial);
		if (!isAuditAction(input.action)) throw new AppError('audit_unknown_action', `unknown audit action ${String(input.action)}`, EXIT.usage);
		if (!AUDIT_OUTCOMES.includes(input.outcome)) throw new AppError('audit_bad_outcome', `unknown audit outcome ${String(input.outcome)}`, EXIT.usage);
		const details = redactDetails(input.details) as Record<string, AuditValue>;
		const missing = missingDetails(input.action, details);
		if (missing.length > 0) {
			throw new AppError('audit_details_missing', `audit action ${input.action} needs details: ${missing.join(', ')}`, EXIT.usage, {action: input.action, missing});
		}
		const now = this.#clock.now();
		const tail = this.#tail;
		const current = tail.db ? {name: tail.db.data.name, entries: tail.db.data.entries.length} : undefined;
		const target = nextSegment(current, now, this.#maxEntries);
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
			? new Low<Segment>(new AuditSegmentFile<AuditEntry>(join(auditDir(this.dataDir), segmentFileName(target.name))), {format: SEGMENT_FORMAT, name: target.name, prevSegment: current?.name ?? null, entries: []})
			: tail.db!;
		db.data.entries.push(entry);
		try {
			await db.write();
		} catch (error) {
			db.data.entries.pop(); // the rename did not happen: the file still holds the old part
			throw error;
		}
		this.#tail = {seq: entry.seq, hash: entry.hash, db};
		await this.#writeHead().catch(() => {
			// The entry is durable; a head that lags is accepted by verify and rewritten next time.
		});
		return entry;
	}

	async #writeHead(): Promise<void> {
		const segment = this.#tail.db?.data.name;
		if (segment) await this.#head.write({seq: this.#tail.seq, hash: this.#tail.hash, segment});
	}

	/** After a crash between a part write and the head write, the head is one behind: catch up. */
	async #repairHead(): Promise<void> {
		const head = await readHead(this.dataDir);
		if (this.#tail.seq === 0) return;
		if (typeof head === 'object' && head.seq === this.#tail.seq && head.hash === this.#tail.hash) return;
		if (typeof head === 'object' && head.seq > this.#tail.seq) return; // truncated: leave the evidence for verify
		await this.#writeHead();
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
			throw new IntegrityError('audit_tail_damaged', `审计日志最后一条记录（${name} 第 ${data.entries.length} 条）校验失败，已停止写入。请运行 tongban audit verify 并联系技术人员`, {segment: name});
		}
		return {seq: last.seq, hash: last.hash, db};
	}
	return {seq: 0, hash: GENESIS_HASH, db: undefined};
}

/** Verifies the whole chain and the head anchor; reads one part at a time. */
export async function verifyAuditLog(dataDir: string): Promise<VerifyReport> {
	// Head first: a writer appending meanwhile only makes the head lag behind what we read next.
	const verifier = new ChainVerifier(await readHead(dataDir));
	for (const name of await listSegmentNames(dataDir)) {
		let segment: Segment;
		try {
			segment = await readSegment(dataDir, name);
		} catch (error) {
			if (error instanceof DataFileCorruptError) {
				verifier.addCorruptSegment(name);
				continue;
			}
			throw error;
		}
		verifier.addSegment({name, prevSegment: segment.prevSegment, entries: segment.entries});
	}
	return verifier.result();
}

/** The newest `n` entries, oldest first: for `audit tail` and the console's audit view. */
export async function listRecent(dataDir: string, n: number): Promise<AuditEntry[]> {
	const out: AuditEntry[] = [];
	const names = await listSegmentNames(dataDir);
	for (let i = names.length - 1; i >= 0 && out.length < n; i--) {
		const entries = (await readSegment(dataDir, names[i]!)).entries;
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
		for (const entry of (await readSegment(dataDir, name)).entries) {
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
					for (const entry of (await readSegment(dataDir, name)).entries) if (entry.seq > lastSeq) fresh.push(entry);
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

export {AUDIT_ACTIONS};

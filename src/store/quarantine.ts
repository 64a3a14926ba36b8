/**
 * Damaged data files are set aside, never silently replaced and never allowed to hide the good
 * ones. A file that does not parse, or parses into the wrong shape, is moved into
 * `<dataDir>/quarantine/` together with a notice that names it, says why, and stays until a
 * person acknowledges it (`tongban quarantine ack`, audited). The console shows unacknowledged
 * notices; every command that met the file names it and exits 5.
 *
 *   quarantine/20261201T101500Z-3f9a1c.drafts__1b2c….json     the file as it was found
 *   quarantine/20261201T101500Z-3f9a1c.notice.json             {id, original, moved, reason, at, acknowledgedAt?}
 *
 * The folder is 0700 and moved files keep their 0600 mode: a quarantined draft still holds the
 * citizen's data, and the retention purge reaches it like any other copy (store/retention.ts).
 */
import {randomBytes} from 'node:crypto';
import {chmod, mkdir, readdir, rename, rm} from 'node:fs/promises';
import {join, relative, sep} from 'node:path';
import {IntegrityError} from '../core/errors.js';
import {systemClock, type Clock} from '../core/ports/clock.js';
import {damageReason, readTextIfExists, writeFileDurable, type DamageReason} from './durable-json.js';

export interface QuarantineNotice {
	/** `20261201T101500Z-3f9a1c`: sorts by time. */
	id: string;
	/** Where the file was, relative to the data folder (`drafts/…json`). */
	original: string;
	/** Where it is now, relative to the data folder; more than one when a folder went with it. */
	moved: string[];
	/** What was wrong (no personal data: a kind and, for a wrong shape, the field's path). */
	reason: DamageReason;
	at: string;
	acknowledgedAt?: string;
	acknowledgedBy?: string;
}

const QUARANTINE_DIR = 'quarantine';
const NOTICE_SUFFIX = '.notice.json';

function quarantineDir(dataDir: string): string {
	return join(dataDir, QUARANTINE_DIR);
}

/** A damaged file was set aside: exit 5, naming it and where it went. */
export class DataFileQuarantinedError extends IntegrityError {
	readonly notice: QuarantineNotice;

	constructor(notice: QuarantineNotice) {
		super('data_file_quarantined', {file: notice.original, reason: damageReason(notice.reason), moved: notice.moved[0] ?? QUARANTINE_DIR, id: notice.id}, {file: notice.original, moved: notice.moved, notice: notice.id, reason: notice.reason});
		this.notice = notice;
	}
}

function stamp(date: Date): string {
	return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** `drafts/abc.json` → `drafts__abc.json`: one flat folder, names that still say where they came from. */
function flatName(dataDir: string, path: string): string {
	return relative(dataDir, path).split(sep).join('__');
}

/**
 * Moves `path` (and any `companions`, e.g. a draft's capture folder) into the quarantine folder
 * and writes the notice. Paths that no longer exist are skipped (another process got there first).
 */
export async function quarantineFile(dataDir: string, path: string, reason: DamageReason, options: {companions?: string[]; clock?: Clock} = {}): Promise<QuarantineNotice> {
	const dir = quarantineDir(dataDir);
	await mkdir(dir, {recursive: true, mode: 0o700});
	await chmod(dir, 0o700);
	const at = (options.clock ?? systemClock).now();
	const id = `${stamp(at)}-${randomBytes(3).toString('hex')}`;
	const sources = [path, ...(options.companions ?? [])];
	const targets = sources.map((source) => join(dir, `${id}.${flatName(dataDir, source)}`));
	// The notice first: a crash before the move leaves a notice and the file still in place (it is
	// found again next time), never a moved file that no notice names.
	const notice: QuarantineNotice = {id, original: relative(dataDir, path), moved: targets.map((t) => relative(dataDir, t)), reason, at: at.toISOString()};
	await writeNotice(dataDir, notice);
	const moved: string[] = [];
	for (const [i, source] of sources.entries()) {
		try {
			await rename(source, targets[i]!);
			moved.push(notice.moved[i]!);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
	}
	if (moved.length !== notice.moved.length) {
		notice.moved = moved;
		await writeNotice(dataDir, notice);
	}
	return notice;
}

function writeNotice(dataDir: string, notice: QuarantineNotice): Promise<void> {
	return writeFileDurable(join(quarantineDir(dataDir), `${notice.id}${NOTICE_SUFFIX}`), JSON.stringify(notice, null, '\t'));
}

function isNotice(value: unknown): value is QuarantineNotice {
	const n = value as QuarantineNotice | null;
	return typeof n === 'object' && n !== null && typeof n.id === 'string' && typeof n.original === 'string' && Array.isArray(n.moved) && typeof n.reason === 'object' && n.reason !== null && typeof n.at === 'string';
}

export interface QuarantineListing {
	notices: QuarantineNotice[];
	/** Notice files that could not be read: named, so they are not lost from view either. */
	unreadable: string[];
}

export async function listQuarantine(dataDir: string): Promise<QuarantineListing> {
	let names: string[];
	try {
		names = await readdir(quarantineDir(dataDir));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {notices: [], unreadable: []};
		throw error;
	}
	const notices: QuarantineNotice[] = [];
	const unreadable: string[] = [];
	for (const name of names.filter((n) => n.endsWith(NOTICE_SUFFIX)).sort()) {
		const file = join(quarantineDir(dataDir), name);
		try {
			const value: unknown = JSON.parse((await readTextIfExists(file)) ?? 'null');
			if (isNotice(value)) notices.push(value);
			else unreadable.push(relative(dataDir, file));
		} catch {
			unreadable.push(relative(dataDir, file));
		}
	}
	return {notices, unreadable};
}

/** Notices nobody has acknowledged yet (what the console and the commands keep showing). */
export async function openNotices(dataDir: string): Promise<QuarantineNotice[]> {
	return (await listQuarantine(dataDir)).notices.filter((n) => !n.acknowledgedAt);
}

/** Marks notices acknowledged (the files stay until the retention purge). */
export async function acknowledgeNotices(dataDir: string, ids: readonly string[] | 'all', by: string, clock: Clock = systemClock): Promise<QuarantineNotice[]> {
	const {notices} = await listQuarantine(dataDir);
	const chosen = notices.filter((n) => !n.acknowledgedAt && (ids === 'all' || ids.includes(n.id)));
	const at = clock.now().toISOString();
	for (const notice of chosen) {
		const next: QuarantineNotice = {...notice, acknowledgedAt: at, acknowledgedBy: by};
		await writeNotice(dataDir, next);
		Object.assign(notice, next);
	}
	return chosen;
}

/**
 * Removes quarantined files (and their notices) set aside before `cutoff`: a quarantined draft
 * or capture is a copy of a citizen's data like any other, and retention reaches every copy.
 */
export async function purgeQuarantine(dataDir: string, cutoff: Date, dryRun: boolean): Promise<number> {
	const {notices} = await listQuarantine(dataDir);
	let removed = 0;
	for (const notice of notices) {
		if (Date.parse(notice.at) > cutoff.getTime()) continue;
		removed += notice.moved.length;
		if (dryRun) continue;
		for (const moved of notice.moved) await rm(join(dataDir, moved), {recursive: true, force: true});
		await rm(join(quarantineDir(dataDir), `${notice.id}${NOTICE_SUFFIX}`), {force: true});
	}
	return removed;
}

/**
 * A lowdb adapter whose writes survive power loss: write a temp file in the same directory,
 * fsync it, rename it over the target, fsync the directory. lowdb's own TextFile (steno) renames
 * without fsync, so a crash right after a write can leave an empty or old file on some filesystems.
 *
 * Files are created 0600 and directories 0700 (they may hold personal data). A file that is not
 * valid JSON is never silently replaced: read() throws a DataFileCorruptError naming the file.
 */
import {constants} from 'node:fs';
import {mkdir, open, readdir, readFile, rename, rm, type FileHandle} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import type {Adapter} from 'lowdb';
import {IntegrityError} from '../core/errors.js';
import {pidAlive} from './lock.js';
import {SerialQueue} from '../core/serial-queue.js';
import type {NestedMessage} from '../core/template.js';

/**
 * A data file that cannot be used, left where it is (for the files that must never be moved or
 * replaced: the outbox, an audit part): exit 5, naming the file, in both languages.
 */
export class DataFileCorruptError extends IntegrityError {
	readonly file: string;
	readonly reason: DamageReason;

	constructor(file: string, reason: DamageReason | string) {
		// A string is a parser's own (English) text: kept in the details, never shown on a zh-CN screen.
		const why: DamageReason = typeof reason === 'string' ? {kind: 'syntax'} : reason;
		super('data_file_corrupt', {file, reason: damageReason(why)}, {file, reason: why, ...(typeof reason === 'string' ? {detail: reason} : {})});
		this.file = file;
		this.reason = why;
	}
}

let tempCounter = 0;

/** Writes `data` to `path` durably (temp + fsync + rename + directory fsync). */
export async function writeFileDurable(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
	await replaceDurably(path, mode, (handle) => handle.writeFile(data));
}

/**
 * writeFileDurable for data given in pieces (e.g. a large JSON document serialised value by
 * value): the pieces are written as they come, so the whole text is never one string in memory.
 */
export async function writeChunksDurable(path: string, chunks: Iterable<string>, mode = 0o600): Promise<void> {
	await replaceDurably(path, mode, async (handle) => {
		let batch = '';
		for (const chunk of chunks) {
			batch += chunk;
			if (batch.length >= 1 << 20) {
				await handle.write(batch);
				batch = '';
			}
		}
		if (batch) await handle.write(batch);
	});
}

/** A temp file in the same folder, written by `write`, fsynced, renamed over `path`, the folder fsynced. */
async function replaceDurably(path: string, mode: number, write: (handle: FileHandle) => Promise<unknown>): Promise<void> {
	const dir = dirname(path);
	await mkdir(dir, {recursive: true, mode: 0o700});
	const temp = join(dir, `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`);
	const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, mode);
	try {
		await write(handle);
		await handle.sync();
	} catch (error) {
		await handle.close();
		await rm(temp, {force: true});
		throw error;
	}
	await handle.close();
	try {
		await rename(temp, path);
	} catch (error) {
		await rm(temp, {force: true});
		throw error;
	}
	await syncDirectory(dir);
}

/**
 * JSON.stringify(value) in pieces: the same text, with arrays at the top two levels written
 * element by element (a catalog's million implementations never become one string).
 */
export function* jsonPieces(value: unknown, depth = 2): Generator<string> {
	if (depth > 0 && Array.isArray(value)) {
		yield '[';
		for (let i = 0; i < value.length; i++) {
			if (i > 0) yield ',';
			yield* jsonPieces(value[i] === undefined || typeof value[i] === 'function' ? null : value[i], depth - 1);
		}
		yield ']';
		return;
	}
	if (depth > 0 && value !== null && typeof value === 'object' && !('toJSON' in value)) {
		yield '{';
		let first = true;
		for (const [key, v] of Object.entries(value)) {
			if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
			yield `${first ? '' : ','}${JSON.stringify(key)}:`;
			first = false;
			yield* jsonPieces(v, depth - 1);
		}
		yield '}';
		return;
	}
	yield JSON.stringify(value) ?? 'null';
}

/** fsync of a directory, so a rename or a new file in it survives a power cut. */
export async function syncDirectory(dir: string): Promise<void> {
	let handle;
	try {
		handle = await open(dir, constants.O_RDONLY);
		await handle.sync();
	} catch {
		// Some filesystems refuse fsync on a directory; the rename is still atomic there.
	} finally {
		await handle?.close();
	}
}

/** A file's text, or null when it does not exist (any other failure is thrown). */
export async function readTextIfExists(path: string): Promise<string | null> {
	try {
		return await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

/**
 * Why a data file cannot be used, as data (the text is chosen where it is shown, in the user's
 * language: a JSON parser's English never reaches a zh-CN screen).
 */
export type DamageReason = {kind: 'empty'} | {kind: 'syntax'} | {kind: 'shape'; path: string} | {kind: 'missing'} | {kind: 'short'};

/** The damage as a reason code (worded by src/i18n/errors.ts). */
export function damageReason(reason: DamageReason): NestedMessage {
	return reason.kind === 'shape' ? {code: 'reason_damaged_shape', params: {path: reason.path}} : {code: `reason_damaged_${reason.kind}`};
}

/** What a strict read of a data file found. */
export type DataFileRead<T> = {kind: 'absent'} | {kind: 'ok'; value: T} | {kind: 'damaged'; reason: DamageReason};

/**
 * Reads a JSON data file and checks its shape. `check` returns where the value is not what the
 * file must hold (a path such as `entries.x.phase`, or `file`; undefined when it is): a file that
 * parses into the wrong shape (`null`, an array where a map belongs, a field of the wrong type) is
 * as damaged as one cut short, and must never be read as "empty" (that is how a damaged file
 * turns into silently lost data).
 */
export async function readJsonChecked<T>(path: string, check: (value: unknown) => string | undefined): Promise<DataFileRead<T>> {
	const text = await readTextIfExists(path);
	if (text === null) return {kind: 'absent'};
	if (text.trim() === '') return {kind: 'damaged', reason: {kind: 'empty'}};
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return {kind: 'damaged', reason: {kind: 'syntax'}};
	}
	const where = check(value);
	return where === undefined ? {kind: 'ok', value: value as T} : {kind: 'damaged', reason: {kind: 'shape', path: where}};
}

/** Temp files of durable writes (writeFileDurable above): `.<name>.<pid>.<n>.tmp`. */
const TEMP_FILE = /^\.(.+)\.(\d+)\.[0-9a-z]+\.tmp$/;

/** A temp file of a durable write whose writer is gone (what removeStaleTemps removes): `tongban doctor` counts them. */
export function isStaleTemp(name: string): boolean {
	const m = TEMP_FILE.exec(name);
	if (!m) return false;
	const pid = Number(m[2]);
	return pid !== process.pid && !pidAlive(pid);
}

/**
 * Removes temp files a killed writer left in `dir` (they may hold a citizen's data: a draft, an
 * outbox payload, a capture). Only those of processes that are gone: a live writer's temp file is
 * about to be renamed. With `target`, only temp files of that one file name.
 */
export async function removeStaleTemps(dir: string, target?: string): Promise<number> {
	let names: string[];
	try {
		names = await readdir(dir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
		throw error;
	}
	let removed = 0;
	for (const name of names) {
		const m = TEMP_FILE.exec(name);
		if (!m || (target !== undefined && m[1] !== target)) continue;
		const pid = Number(m[2]);
		if (pid === process.pid || pidAlive(pid)) continue;
		await rm(join(dir, name), {force: true});
		removed++;
	}
	return removed;
}

export class DurableJSONFile<T> implements Adapter<T> {
	readonly path: string;
	readonly #mode: number;
	readonly #queue = new SerialQueue();

	constructor(path: string, options: {mode?: number} = {}) {
		this.path = path;
		this.#mode = options.mode ?? 0o600;
	}

	async read(): Promise<T | null> {
		const text = await readTextIfExists(this.path);
		if (text === null) return null;
		try {
			return JSON.parse(text) as T;
		} catch (error) {
			throw new DataFileCorruptError(this.path, error instanceof Error ? error.message : String(error));
		}
	}

	/** Writes are serialised: each one completes (durably) before the next starts. */
	write(data: T): Promise<void> {
		const text = JSON.stringify(data);
		return this.#queue.run(() => writeFileDurable(this.path, text, this.#mode));
	}
}

/**
 * DurableJSONFile that refuses what is not the file it must be: read() returns null only when the
 * file does not exist, and throws DataFileCorruptError for an empty, unparsable or wrongly shaped
 * one (lowdb would otherwise take a `null` file for "no data yet" and start again from defaults).
 */
export class CheckedJSONFile<T> extends DurableJSONFile<T> {
	readonly #check: (value: unknown) => string | undefined;

	constructor(path: string, check: (value: unknown) => string | undefined, options: {mode?: number} = {}) {
		super(path, options);
		this.#check = check;
	}

	override async read(): Promise<T | null> {
		const found = await readJsonChecked<T>(this.path, this.#check);
		if (found.kind === 'absent') return null;
		if (found.kind === 'damaged') throw new DataFileCorruptError(this.path, found.reason);
		return found.value;
	}
}


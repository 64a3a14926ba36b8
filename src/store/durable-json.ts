/**
 * A lowdb adapter whose writes survive power loss: write a temp file in the same directory,
 * fsync it, rename it over the target, fsync the directory. lowdb's own TextFile (steno) renames
 * without fsync, so a crash right after a write can leave an empty or old file on some filesystems.
 *
 * Files are created 0600 and directories 0700 (they may hold personal data). A file that is not
 * valid JSON is never silently replaced: read() throws a DataFileCorruptError naming the file.
 */
import {constants} from 'node:fs';
import {mkdir, open, readFile, rename, rm} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import type {Adapter} from 'lowdb';
import {IntegrityError} from '../core/errors.js';

export class DataFileCorruptError extends IntegrityError {
	constructor(file: string, detail: string) {
		super('data_file_corrupt', `数据文件 ${file} 已损坏（${detail}），未做任何改动，请联系技术人员`, {file});
	}
}

let tempCounter = 0;

/** Writes `data` to `path` durably (temp + fsync + rename + directory fsync). */
export async function writeFileDurable(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
	const dir = dirname(path);
	await mkdir(dir, {recursive: true, mode: 0o700});
	const temp = join(dir, `.${basename(path)}.${process.pid}.${++tempCounter}.tmp`);
	const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, mode);
	try {
		await handle.writeFile(data);
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

async function syncDirectory(dir: string): Promise<void> {
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

export class DurableJSONFile<T> implements Adapter<T> {
	readonly path: string;
	readonly #mode: number;
	#queue: Promise<void> = Promise.resolve();

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
		const next = this.#queue.then(() => writeFileDurable(this.path, text, this.#mode));
		this.#queue = next.catch(() => {});
		return next;
	}
}

/**
 * Durable file replacement: write a temp file in the same directory, fsync it, rename it over
 * the target, then fsync the directory so the rename itself survives power loss.
 */
import {closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';

export interface AtomicWriteOptions {
	/** File mode for a new file; personal data uses 0o600 (the default). */
	mode?: number;
	/** Mode for directories created on the way (default 0o700). */
	dirMode?: number;
}

export function writeFileAtomicSync(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
	const dir = dirname(path);
	mkdirSync(dir, {recursive: true, mode: options.dirMode ?? 0o700});
	const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
	const fd = openSync(temp, 'w', options.mode ?? 0o600);
	try {
		const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
		let offset = 0;
		while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
		fsyncSync(fd);
	} catch (error) {
		closeSync(fd);
		rmSync(temp, {force: true});
		throw error;
	}
	closeSync(fd);
	try {
		renameSync(temp, path);
	} catch (error) {
		rmSync(temp, {force: true});
		throw error;
	}
	fsyncDirectory(dir);
}

function fsyncDirectory(dir: string): void {
	let fd: number | undefined;
	try {
		fd = openSync(dir, 'r');
		fsyncSync(fd);
	} catch {
		// Some filesystems refuse fsync on a directory (EISDIR/EINVAL); the rename is still atomic.
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

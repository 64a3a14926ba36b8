/**
 * One writer at a time across processes: a lock file created with O_EXCL that holds the owner's
 * pid and host. A second process either fails at once with a clear error naming the holder, or
 * waits up to a deadline. A lock left by a process that died (SIGKILL, power cut) is taken over:
 * same host and the pid no longer exists. Takeovers are serialised by a second O_EXCL file so two
 * newcomers cannot both delete the stale lock and both believe they own the fresh one.
 */
import {constants, unlinkSync} from 'node:fs';
import {mkdir, open, readFile, stat, unlink} from 'node:fs/promises';
import {hostname} from 'node:os';
import {dirname} from 'node:path';
import {StoreBusyError} from '../core/errors.js';

interface LockOwner {
	pid: number;
	host: string;
	since: string;
}

export interface LockHandle {
	readonly path: string;
	release(): Promise<void>;
}

export interface LockOptions {
	/**
	 * How long to wait for one live holder to let go; 0 fails at once. While the lock changes hands
	 * (others are getting their turns) the wait goes on, up to PROGRESS_WAITS times this in all.
	 */
	waitMs?: number;
	pollMs?: number;
	/** The clock and the pause between polls (injectable: tests drive a fake clock, never sleep). */
	now?: () => number;
	sleep?: (ms: number) => Promise<void>;
	/** Whether a pid is alive (injectable for tests). */
	isAlive?: (pid: number) => boolean;
	/** What the lock protects, for the error message (e.g. "审计日志 / audit log"). */
	what?: {'zh-CN': string; en: string};
}

/**
 * A busy lock that keeps changing hands is progress, not a stuck holder: twenty `cases show`
 * beside a drain each hold the case index for a few milliseconds, and a waiter polling beside
 * them can lose several turns in a row on a loaded machine. Each new holder renews the wait, up
 * to this many times `waitMs` from the start (so a waiter never waits without bound).
 */
const PROGRESS_WAITS = 4;
/** An unreadable lock file (crash between create and write) younger than this is treated as live. */
const UNREADABLE_GRACE_MS = 5_000;
const held = new Set<string>();

export function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function readOwner(path: string): Promise<LockOwner | 'unreadable' | 'gone'> {
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
		throw error;
	}
	try {
		const owner = JSON.parse(text) as LockOwner;
		return Number.isSafeInteger(owner.pid) && typeof owner.host === 'string' ? owner : 'unreadable';
	} catch {
		return 'unreadable';
	}
}

async function tryCreate(path: string): Promise<boolean> {
	let handle;
	try {
		handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
		throw error;
	}
	try {
		const owner: LockOwner = {pid: process.pid, host: hostname(), since: new Date().toISOString()};
		await handle.writeFile(JSON.stringify(owner));
		await handle.sync();
	} finally {
		await handle.close();
	}
	return true;
}

async function isStale(path: string, owner: LockOwner | 'unreadable', isAlive: (pid: number) => boolean): Promise<boolean> {
	if (owner === 'unreadable') {
		try {
			return Date.now() - (await stat(path)).mtimeMs > UNREADABLE_GRACE_MS;
		} catch {
			return true;
		}
	}
	if (owner.host !== hostname()) return false; // another machine on a shared disk: never guess
	if (owner.pid === process.pid) return !held.has(path); // a previous life of this pid
	return !isAlive(owner.pid);
}

/** Removes a stale lock, with a takeover file so only one process does it. */
async function takeOver(path: string, isAlive: (pid: number) => boolean): Promise<void> {
	const guard = `${path}.takeover`;
	if (!(await tryCreate(guard))) {
		const guardOwner = await readOwner(guard);
		if (guardOwner !== 'gone' && (await isStale(guard, guardOwner, isAlive))) await unlink(guard).catch(() => {});
		return;
	}
	try {
		const owner = await readOwner(path);
		if (owner !== 'gone' && (await isStale(path, owner, isAlive))) await unlink(path).catch(() => {});
	} finally {
		await unlink(guard).catch(() => {});
	}
}

export async function acquireLock(path: string, options: LockOptions = {}): Promise<LockHandle> {
	const isAlive = options.isAlive ?? pidAlive;
	const now = options.now ?? Date.now;
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const waitMs = options.waitMs ?? 0;
	const started = now();
	const cap = started + PROGRESS_WAITS * waitMs;
	let deadline = started + waitMs;
	let lastHolder: string | undefined;
	const pollMs = options.pollMs ?? 50;
	await mkdir(dirname(path), {recursive: true, mode: 0o700});
	for (;;) {
		if (!held.has(path) && (await tryCreate(path))) break;
		const owner = await readOwner(path);
		if (owner === 'gone') continue;
		if (await isStale(path, owner, isAlive)) {
			await takeOver(path, isAlive);
			continue;
		}
		const holder = owner === 'unreadable' ? 'unreadable' : `${owner.host}/${owner.pid}/${owner.since}`;
		if (lastHolder !== undefined && holder !== lastHolder && waitMs > 0) deadline = Math.min(cap, now() + waitMs);
		lastHolder = holder;
		if (now() >= deadline) {
			const what = options.what ?? {'zh-CN': '数据', en: 'data'};
			const pid = owner === 'unreadable' ? '?' : String(owner.pid);
			throw new StoreBusyError('store_locked', {what, pid, lock: path}, {pid: owner === 'unreadable' ? null : owner.pid, lock: path});
		}
		// Jittered polls, so waiters that started together do not keep colliding on the same turn.
		// Never past the deadline (a 1 ms floor here overslept it when less than 1 ms was left);
		// a pause of 0 cannot spin: the next round is past the deadline and refuses.
		const poll = pollMs * (0.5 + Math.random());
		await sleep(Math.max(0, Math.min(poll, deadline - now())));
	}
	held.add(path);
	const onExit = () => {
		// A normal exit without close(): do not leave the lock for the next process to age out.
		try {
			unlinkSync(path);
		} catch {
			// already gone
		}
	};
	process.once('exit', onExit);
	let released = false;
	return {
		path,
		async release() {
			if (released) return;
			released = true;
			process.off('exit', onExit);
			held.delete(path);
			const owner = await readOwner(path);
			if (owner !== 'gone' && owner !== 'unreadable' && owner.pid === process.pid) await unlink(path).catch(() => {});
		},
	};
}

import {readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {StoreBusyError} from '../core/errors.js';
import {acquireLock} from './lock.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-lock-');
const lockPath = () => join(tempDir(), 'sub', 'writer.lock');

describe('acquireLock', () => {
	it('writes the pid into a 0600 file and removes it on release', async () => {
		const path = lockPath();
		const lock = await acquireLock(path);
		expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({pid: process.pid, host: hostname()});
		expect(statSync(path).mode & 0o777).toBe(0o600);
		await lock.release();
		expect(() => statSync(path)).toThrow();
	});

	it('refuses a second holder while the first is alive', async () => {
		const path = lockPath();
		const lock = await acquireLock(path);
		await expect(acquireLock(path)).rejects.toBeInstanceOf(StoreBusyError);
		await lock.release();
	});

	it('takes over the lock of a dead pid', async () => {
		const path = lockPath();
		await acquireLock(path).then((l) => l.release()); // creates the folder
		writeFileSync(path, JSON.stringify({pid: 4_000_000, host: hostname(), since: '2026-01-01T00:00:00Z'}));
		const lock = await acquireLock(path, {isAlive: (pid) => pid !== 4_000_000});
		expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
		await lock.release();
	});

	it('never takes over a lock held on another host', async () => {
		const path = lockPath();
		await acquireLock(path).then((l) => l.release());
		writeFileSync(path, JSON.stringify({pid: 4_000_000, host: `${hostname()}-other`, since: '2026-01-01T00:00:00Z'}));
		await expect(acquireLock(path, {isAlive: () => false})).rejects.toMatchObject({details: {pid: 4_000_000}});
	});

	it('waits on while the lock changes hands (others get their turns), up to four waits in all; one holder past the wait fails', async () => {
		const path = lockPath();
		await acquireLock(path).then((l) => l.release());
		// A fake clock: each poll's pause moves it on; the holders change between polls.
		let clock = 0;
		const now = () => clock;
		const hold = (pid: number) => writeFileSync(path, JSON.stringify({pid, host: hostname(), since: `2026-01-01T00:00:00.${String(pid % 1000).padStart(3, '0')}Z`}));
		const handing = (turns: number) => {
			let pid = 4_000_000;
			hold(pid);
			return async (ms: number) => {
				clock += ms;
				if (pid - 4_000_000 < turns) hold(++pid);
				else if (turns >= 0) rmSync(path, {force: true});
			};
		};
		const options = {waitMs: 100, pollMs: 50, now, isAlive: () => true};
		// Five holders in turn, past one wait of 100 (each pause is 25..75): still waiting, then acquired when the last lets go.
		const lock = await acquireLock(path, {...options, sleep: handing(5)});
		expect(clock).toBeGreaterThan(100);
		expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
		await lock.release();
		// Holders that never stop changing: refused at four waits from the start.
		clock = 0;
		await expect(acquireLock(path, {...options, sleep: handing(Number.MAX_SAFE_INTEGER)})).rejects.toBeInstanceOf(StoreBusyError);
		expect(clock).toBe(400);
		// One holder that keeps it: refused after one wait.
		clock = 0;
		await expect(acquireLock(path, {...options, sleep: async (ms) => void (clock += ms)})).rejects.toBeInstanceOf(StoreBusyError);
		expect(clock).toBe(100);
	});

	it('never sleeps past the deadline, even when less than 1 ms of it is left', async () => {
		const path = lockPath();
		await acquireLock(path).then((l) => l.release());
		writeFileSync(path, JSON.stringify({pid: 4_000_001, host: hostname(), since: '2026-01-01T00:00:00Z'}));
		// Polls of 49.92 ms: two leave 0.16 ms of the 100 ms wait (a 1 ms floor overslept it).
		const random = vi.spyOn(Math, 'random').mockReturnValue(0.4984);
		let clock = 0;
		try {
			await expect(acquireLock(path, {waitMs: 100, pollMs: 50, now: () => clock, isAlive: () => true, sleep: async (ms) => void (clock += ms)})).rejects.toBeInstanceOf(StoreBusyError);
		} finally {
			random.mockRestore();
			rmSync(path, {force: true});
		}
		expect(clock).toBe(100);
	});
});

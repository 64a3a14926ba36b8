/**
 * The built console in a real terminal: tmux runs `tongban console` on a pseudo-terminal, the
 * test types keys with send-keys and reads the screen with capture-pane.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it, vi} from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'bundle', 'tongban.js');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

const sessions: string[] = [];
const dirs: string[] = [];
afterEach(() => {
	for (const s of sessions.splice(0)) spawnSync('tmux', ['kill-session', '-t', s]);
	for (const d of dirs.splice(0)) rmSync(d, {recursive: true, force: true});
});

function tmux(...args: string[]): string {
	return execFileSync('tmux', args, {encoding: 'utf8'});
}

function screen(session: string): string {
	return tmux('capture-pane', '-p', '-t', session);
}

async function waitForScreen(session: string, text: string): Promise<string> {
	let last = '';
	await vi.waitFor(
		() => {
			last = screen(session);
			if (!last.includes(text)) throw new Error(`"${text}" not on screen:\n${last}`);
		},
		{timeout: 15_000, interval: 100},
	);
	return last;
}

function start(columns: number, rows: number): string {
	const session = `tongban-test-${process.pid}-${sessions.length}-${columns}`;
	const dataDir = mkdtempSync(join(tmpdir(), 'tongban-tmux-'));
	dirs.push(dataDir);
	sessions.push(session);
	// The shell prints the exit code after the console ends, then waits, so the screen can be read.
	const command = `TONGBAN_DATA_DIR=${dataDir} ${process.execPath} ${cli} console; echo "exit=$?"; sleep 30`;
	tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), command);
	return session;
}

describe.skipIf(!hasTmux)('console in a real terminal (tmux)', () => {
	it.each([
		[80, 24],
		[120, 40],
	])('starts, searches, opens a detail and quits cleanly at %ix%i', async (columns, rows) => {
		const session = start(columns, rows);
		// Sign-in comes first: the demo clerk op-1001 / 246810 (demo credentials, printed in the docs).
		await waitForScreen(session, '操作员编号');
		tmux('send-keys', '-t', session, '-l', 'op-1001');
		tmux('send-keys', '-t', session, 'Enter');
		tmux('send-keys', '-t', session, '-l', '246810');
		tmux('send-keys', '-t', session, 'Enter');
		const first = await waitForScreen(session, '事项检索');
		expect(first).toContain('陈晓丽');

		tmux('send-keys', '-t', session, '/');
		tmux('send-keys', '-t', session, '-l', 'ylbx');
		const results = await waitForScreen(session, '别名 ylbx');
		expect(results).toContain('企业职工基本养老');
		for (const line of results.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(columns);

		tmux('send-keys', '-t', session, 'Enter');
		const detail = await waitForScreen(session, '受理条件');
		for (const line of detail.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
		expect(detail.replace(/\n$/, '').split('\n').length).toBeLessThanOrEqual(rows);

		tmux('send-keys', '-t', session, 'C-c');
		const after = await waitForScreen(session, 'exit=0');
		// The alternate screen was left: the console's frame is gone from the visible screen.
		expect(after).not.toContain('受理条件');
	});
});

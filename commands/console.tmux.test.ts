/**
 * The built console in a real terminal: tmux runs `tongban console --demo` on a pseudo-terminal, the
 * test types keys with send-keys and reads the screen with capture-pane.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {BUILT_CLI} from '../src/test-utils/cli-process.js';
import {tempDirs} from '../src/test-utils/temp-dirs.js';

const cli = BUILT_CLI;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

// Registered after tempDirs' own afterEach, so it runs first: the sessions end before their folders go.
const newDataDir = tempDirs('tongban-tmux-');
const sessions: string[] = [];
afterEach(() => {
	for (const s of sessions.splice(0)) spawnSync('tmux', ['kill-session', '-t', s]);
});

function tmux(...args: string[]): string {
	return execFileSync('tmux', args, {encoding: 'utf8'});
}

function screen(session: string): string {
	return tmux('capture-pane', '-p', '-t', session);
}

async function waitForScreen(session: string, text: string, timeout = 15_000): Promise<string> {
	let last = '';
	await vi.waitFor(
		() => {
			last = screen(session);
			if (!last.includes(text)) throw new Error(`"${text}" not on screen:\n${last}`);
		},
		{timeout, interval: 100},
	);
	return last;
}

function start(columns: number, rows: number, dataDir = newDataDir()): string {
	const session = `tongban-test-${process.pid}-${sessions.length}-${columns}`;
	sessions.push(session);
	// The shell prints the exit code after the console ends, then waits, so the screen can be read.
	// The demo hub moves a case one status every second here (20 s in a demo).
	const command = `TONGBAN_DATA_DIR=${dataDir} TONGBAN_DEMO_STEP_MS=1000 ${process.execPath} ${cli} console --demo; echo "exit=$?"; sleep 60`;
	tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), command);
	return session;
}

function keys(session: string, ...names: string[]): void {
	for (const name of names) tmux('send-keys', '-t', session, name);
}

/** Presses one key and waits until the screen shows `text`; returns that screen. */
async function press(session: string, key: string, text: string, timeout?: number): Promise<string> {
	keys(session, key);
	return waitForScreen(session, text, timeout);
}

function type(session: string, text: string): void {
	tmux('send-keys', '-t', session, '-l', text);
}

/** Every line of the screen fits the terminal's width, and the frame its height. */
function expectFits(text: string, columns: number, rows: number): void {
	for (const line of text.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
	expect(text.replace(/\n$/, '').split('\n').length).toBeLessThanOrEqual(rows);
}

/** A 320x240 page through the demo camera at 115200 baud: ~1.2 s, more on a loaded machine. */
const CAPTURE_TIMEOUT = 30_000;

async function signIn(session: string): Promise<void> {
	await waitForScreen(session, '操作员编号');
	type(session, 'op-1001');
	keys(session, 'Enter');
	type(session, '246810');
	keys(session, 'Enter');
}

/** The citizen's card on the demo reader, the item found and opened, eligibility checked. */
async function findAndCheck(session: string): Promise<void> {
	keys(session, ':');
	type(session, 'card place longterm');
	await press(session, 'Enter', '510107********113X');
	keys(session, '/');
	type(session, '资格认证 武侯');
	await waitForScreen(session, '共 1 条');
	await press(session, 'Enter', '实施编码');
	await press(session, 'e', '结论：符合受理条件');
}

async function captureWithOriginal(session: string, code: string, columns: number, rows: number): Promise<void> {
	expectFits(await press(session, 'Enter', '画质良好', CAPTURE_TIMEOUT), columns, rows);
	await press(session, 'o', `${code} 已保存`);
}

describe.skipIf(!hasTmux)('console in a real terminal (tmux)', () => {
	it.each([
		[80, 24],
		[120, 40],
	])('starts, searches, opens a detail and quits cleanly at %ix%i', async (columns, rows) => {
		const session = start(columns, rows);
		// Sign-in comes first: the demo clerk op-1001 / 246810 (demo credentials, printed in the docs).
		await signIn(session);
		const first = await waitForScreen(session, '事项检索');
		expect(first).toContain('陈晓丽');

		keys(session, '/');
		type(session, 'ylbx');
		const results = await waitForScreen(session, '别名 ylbx');
		expect(results).toContain('企业职工基本养老');
		for (const line of results.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(columns);

		expectFits(await press(session, 'Enter', '受理条件'), columns, rows);

		const after = await press(session, 'C-c', 'exit=0');
		// The alternate screen was left: the console's frame is gone from the visible screen.
		expect(after).not.toContain('受理条件');
	});

	it.each([
		[80, 24],
		[120, 40],
	])('serves a citizen from sign-in to a receipt and a tracked case at %ix%i', {timeout: 120_000}, async (columns, rows) => {
		const dataDir = newDataDir();
		const printed = join(dataDir, 'printed.txt');
		execFileSync(process.execPath, [cli, 'config', 'set', 'receiptPrintCommand', `tee ${printed}`], {env: {...process.env, TONGBAN_DATA_DIR: dataDir}});
		const session = start(columns, rows, dataDir);
		await signIn(session);
		await waitForScreen(session, '陈晓丽 已签到');
		await findAndCheck(session);
		await press(session, 'm', '> M01');
		await captureWithOriginal(session, 'M01', columns, rows);
		await captureWithOriginal(session, 'M02', columns, rows);
		const review = await press(session, 's', '核对无误后按 Enter 提交');
		expect(review).toContain('收件地 广东省 -> 办理地 四川省');
		expect(review).toContain('M02 [已采集] 社会保障卡 原件已核');
		expectFits(review, columns, rows);
		const receipt = await press(session, 'Enter', '跨省通办受理回执');
		expectFits(receipt, columns, rows);
		const caseId = /TB44-\d{8}-\d{7}/.exec(receipt)![0];
		for (const text of ['领取养老金人员待遇资格认证', '广东省（节点 44）', '四川省（节点 51）', '1 个工作日', '查询进度']) expect(receipt).toContain(text);
		await press(session, 'p', '回执已送打印机');
		expect(readFileSync(printed, 'utf8')).toBe(readFileSync(join(dataDir, 'receipts', `${caseId}.txt`), 'utf8'));
		keys(session, 'Enter', 'c');
		await waitForScreen(session, caseId);
		// The demo hub moves the case on; R asks the hub now.
		await vi.waitFor(
			() => {
				keys(session, 'R');
				const now = screen(session);
				if (!/已分发|已接收|审核中/.test(now)) throw new Error(`status has not moved:\n${now}`);
			},
			{timeout: 20_000, interval: 500},
		);
		expectFits(screen(session), columns, rows);
		await press(session, 'q', 'exit=0');
	});

	it('resumes the case after the console is killed mid-flow (80x24)', {timeout: 120_000}, async () => {
		const dataDir = newDataDir();
		const first = start(80, 24, dataDir);
		await signIn(first);
		await waitForScreen(first, '陈晓丽 已签到');
		await findAndCheck(first);
		await press(first, 'm', '> M01');
		await captureWithOriginal(first, 'M01', 80, 24);
		// The terminal dies: SIGKILL, no chance to clean up.
		const shell = tmux('display-message', '-p', '-t', first, '#{pane_pid}').trim();
		const node = execFileSync('pgrep', ['-P', shell]).toString().trim().split('\n')[0]!;
		process.kill(Number(node), 'SIGKILL');
		await waitForScreen(first, 'exit=137');

		const second = start(80, 24, dataDir);
		await signIn(second);
		const drafts = await waitForScreen(second, '未完成的草稿');
		expect(drafts).toContain('领取养老金人员待遇资格认证');
		expect(drafts).toContain('采集材料');
		const resumed = await press(second, 'Enter', '> M02');
		expect(resumed).toContain('原件已核');
		await captureWithOriginal(second, 'M02', 80, 24);
		await press(second, 's', '核对无误后按 Enter 提交');
		await press(second, 'Enter', '跨省通办受理回执');
		await press(second, 'q', 'exit=0');
	});
});

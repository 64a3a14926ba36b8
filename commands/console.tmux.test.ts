/**
 * The built console in a real terminal: tmux runs `tongban console --demo` on a pseudo-terminal, the
 * test types keys with send-keys and reads the screen with capture-pane. Besides a new case, the
 * clerk works the branch's queue (w): a supplement and an agent's hand-over, each refusing a card
 * that is not on the case first, at 80x24 and 120x40.
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

/**
 * Latin a zh-CN screen may carry: key names in the hints, the case, item, terminal and operator
 * numbers, material codes, the picture's size and hash, the demo card a clerk placed, and the
 * command a receipt names. Any other run of two or more letters is English left on a Chinese screen.
 */
const LATIN_ALLOWED: readonly RegExp[] = [
	/\bTB\d{2}-\d{8}-\d{7}\b/g,
	// An implementation code (31 characters: a USCC, which may hold letters, the level and the basic code).
	/\b\d{8}TB[0-9A-Z]+\b/g,
	/\bT-DEMO-\d{4}\b/g,
	/\bop-\d{4}\b/g,
	/\b(?:M\d{2}|POA)\b/g,
	/\b(?:SHA-256|sha256)\b/g,
	/\b[0-9a-f]{16,64}\b/g,
	/\b\d+x\d+\b/g,
	/已放置演示证件：[a-z0-9]+/g,
	/演示证件：[a-z0-9]+/g,
	/tongban cases show/g,
	/\b(?:enter|esc|tab|ctrl|up|down|pageup|pagedown)\b/gi,
];

/** What a clerk sees: every line fits the terminal, and no English is left on the Chinese screen. */
function expectClerkScreen(text: string, columns: number, rows: number): void {
	expectFits(text, columns, rows);
	// Wrapped lines are joined first, so a command or a number split over two lines still counts as one.
	let rest = text.replace(/\s+/g, ' ');
	for (const allowed of LATIN_ALLOWED) rest = rest.replace(allowed, ' ');
	expect(rest.match(/[A-Za-z]{2,}/g) ?? [], text).toEqual([]);
}

/** The rows of the work queue (网点待办) on screen: the need first, `> ` on the selected one. */
const queueRows = (text: string) => text.split('\n').filter((line) => /^[> ] (?:补正|领取|寄递) /.test(line));
const isRow = (line: string, need: string, who: string) => line.slice(2).startsWith(need) && line.includes(who);

/**
 * Moves the queue's cursor to the row of `need` for the applicant shown masked as `who`, as a clerk
 * does with j and k; R asks the hub again while the row is not there yet (the demo hub moves the
 * seeded cases to their return trips one status a second here).
 */
async function selectRow(session: string, need: string, who: string): Promise<string> {
	let last = '';
	await vi.waitFor(
		() => {
			last = screen(session);
			const rows = queueRows(last);
			const want = rows.findIndex((line) => isRow(line, need, who));
			const at = rows.findIndex((line) => line.startsWith('> '));
			if (want < 0) {
				keys(session, 'R');
				throw new Error(`no ${need} row for ${who} yet:\n${last}`);
			}
			if (want === at) return;
			keys(session, want > at ? 'j' : 'k');
			throw new Error(`the cursor is not on the ${need} row for ${who} yet:\n${last}`);
		},
		{timeout: 30_000, interval: 300},
	);
	return last;
}

/** Asks the hub (R) until the queue no longer has the row of `need` for `who`; returns that screen. */
async function waitGoneFromQueue(session: string, need: string, who: string): Promise<string> {
	let last = '';
	await vi.waitFor(
		() => {
			keys(session, 'R');
			last = screen(session);
			const listed = last.includes('网点待办') && /共 \d+ 项/.test(last);
			if (!listed || queueRows(last).some((line) => isRow(line, need, who))) throw new Error(`the ${need} row for ${who} is still there:\n${last}`);
		},
		{timeout: 20_000, interval: 500},
	);
	return last;
}

/** The demo's emulated reader: the palette's `card place` puts that demo card on it (a swap is read at once). */
async function placeCard(session: string, card: string, text: string): Promise<string> {
	keys(session, ':');
	type(session, `card place ${card}`);
	return press(session, 'Enter', text);
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

	it.each([
		[80, 24],
		[120, 40],
	])('takes a supplement and hands a result to an agent from the work queue at %ix%i', {timeout: 150_000}, async (columns, rows) => {
		const session = start(columns, rows);
		await signIn(session);
		await waitForScreen(session, '陈晓丽 已签到');
		expectClerkScreen(await press(session, 'w', '网点待办'), columns, rows);

		// 补正: the case the demo hub returned for more material, 欧阳建国's.
		expectClerkScreen(await selectRow(session, '补正', '欧阳**'), columns, rows);
		const asked = await press(session, 'Enter', '请申请人或代办人把身份证放在读卡器上');
		expect(asked).toContain('退回原因：证明材料已过有效期，请重新开具');
		expect(asked).toContain('申请人 欧阳** 510107********113X');
		expectClerkScreen(asked, columns, rows);
		const caseId = /补正 (TB44-\d{8}-\d{7})/.exec(asked)![1]!;
		// p, as hinted, puts the first demo card on the empty reader: 李明华's, who is not on this case.
		const refused = await press(session, 'p', '此证件与本办件的申请人、代办人都不相符，不能办理（已记入审计）', 20_000);
		expect(refused).not.toContain('已核对');
		expectClerkScreen(refused, columns, rows);
		// The applicant's own card, the long-term one, swapped in.
		const matched = await placeCard(session, 'longterm', '已核对：申请人本人 欧阳** 510107********113X');
		expect(matched).toContain('> [待拍] M03 参保缴费凭证');
		expect(matched).not.toContain('不相符');
		expectClerkScreen(matched, columns, rows);
		expectClerkScreen(await press(session, 'Enter', '画质良好', CAPTURE_TIMEOUT), columns, rows);
		const review = await press(session, 'Enter', `将为 ${caseId} 补交 1 份材料`);
		expect(review).toContain('[已拍] M03 参保缴费凭证');
		expectClerkScreen(review, columns, rows);
		const receipt = await press(session, 'Enter', '跨省通办补正回执', 20_000);
		for (const text of [`受理编号  ${caseId}`, '申请人    欧阳** 510107********113X', '退回原因  证明材料已过有效期，请重新开具', '补正材料  M03 参保缴费凭证', '请妥善保管本回执。']) expect(receipt).toContain(text);
		expectClerkScreen(receipt, columns, rows);
		// Back to the queue: the supplemented case is back in review, off the branch's list.
		keys(session, 'Enter');
		expectClerkScreen(await waitGoneFromQueue(session, '补正', '欧阳**'), columns, rows);

		// 领取: 王秀英's result, collected by the agent named on the case, 李明华, with a 委托书.
		await selectRow(session, '领取', '王**');
		const pickup = await press(session, 'Enter', '代办人 李** 110105********0514');
		expect(pickup).toContain('申请人 王** 440305********0320');
		expect(pickup).toContain('请申请人或代办人把身份证放在读卡器上');
		expectClerkScreen(pickup, columns, rows);
		const pickupId = /领取 (TB44-\d{8}-\d{7})/.exec(pickup)![1]!;
		// The last citizen's card is still on the reader: r reads it, and 欧阳建国 is not on this case.
		const stranger = await press(session, 'r', '此证件与本办件的申请人、代办人都不相符', 20_000);
		expect(stranger).not.toContain('已核对');
		expectClerkScreen(stranger, columns, rows);
		const agent = await placeCard(session, 'resident', '已核对：代办人 李** 110105********0514');
		expect(agent).toContain('> [待拍] POA 授权委托书');
		expectClerkScreen(agent, columns, rows);
		expectClerkScreen(await press(session, 'Enter', '画质良好', CAPTURE_TIMEOUT), columns, rows);
		const confirm = await press(session, 'Enter', '[已拍] POA 授权委托书');
		expect(confirm).toContain('确认交付');
		expect(confirm).toContain(`将把 ${pickupId} 的办理结果交给代办人 李** 110105********0514`);
		expectClerkScreen(confirm, columns, rows);
		const slip = await press(session, 'Enter', '跨省通办办理结果领取单', 20_000);
		for (const text of [`受理编号  ${pickupId}`, '领取人    李** 代办人（凭授权委托书）', '证件      居民身份证 110105********0514', '领取人签字']) expect(slip).toContain(text);
		expectClerkScreen(slip, columns, rows);
		// Handed over: the case is completed and off the list.
		keys(session, 'Enter');
		expectClerkScreen(await waitGoneFromQueue(session, '领取', '王**'), columns, rows);
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

	it('李主管 closes the day at 80x24: the first cases of the demo reconciled with the hub', {timeout: 120_000}, async () => {
		const session = start(80, 24);
		await waitForScreen(session, '操作员编号');
		type(session, 'op-9001');
		keys(session, 'Enter');
		type(session, '900900');
		keys(session, 'Enter');
		await waitForScreen(session, '李主管 已签到');
		await press(session, 'E', '日终 2');
		// The demo's first cases go through the outbox at sign-in: R reads the day again until
		// the outbox is empty and this terminal and the hub agree on them.
		let day = '';
		await vi.waitFor(
			() => {
				day = screen(session);
				const settled = /受理 [1-9]\d* 件/.test(day) && day.includes('待发队列 0 件') && day.includes('对账一致');
				if (!settled) {
					keys(session, 'R');
					throw new Error(`the day has not settled yet:\n${day}`);
				}
			},
			{timeout: 30_000, interval: 500},
		);
		expect(day).toContain('对账一致：本机记录与中台清单相符');
		const received = Number(/受理 (\d+) 件/.exec(day)![1]);
		expect(received).toBeGreaterThan(0);
		expect(day).toContain(`中台本网点 ${received} 件（本终端 ${received}，其他终端 0）`);
		expect(day).toMatch(/办理地 \S+（\d{2}）  \d+ 件/);
		expect(day).toContain('R 立即刷新');
		expectFits(day, 80, 24);
		await press(session, 'q', 'exit=0');
	});

	it('a supervisor unlocks the lock screen and approves a case whose original was not verified (80x24)', {timeout: 120_000}, async () => {
		const session = start(80, 24);
		await signIn(session);
		await waitForScreen(session, '陈晓丽 已签到');
		// ctrl+l locks; tab is the supervisor's unlock (hinted), 赵主管 types her own id and PIN.
		const locked = await press(session, 'C-l', '屏幕已锁定：陈晓丽');
		expect(locked).toContain('tab 主管解锁');
		expect(locked).toContain('ctrl+o 换操作员');
		expectClerkScreen(await press(session, 'Tab', '主管解锁：陈晓丽(op-1001)'), 80, 24);
		type(session, 'op-9002');
		keys(session, 'Enter');
		type(session, '802802');
		await press(session, 'Enter', '已由 赵主管 解锁');

		await findAndCheck(session);
		await press(session, 'm', '> M01');
		expectFits(await press(session, 'Enter', '画质良好', CAPTURE_TIMEOUT), 80, 24);
		// Kept without the original mark: the list asks for the ID card's original.
		await press(session, 'Enter', '> M02');
		await press(session, 's', '核对无误后按 Enter 提交');
		const prompt = await press(session, 'Enter', '主管授权提交');
		expect(prompt).toContain('有原件未核验');
		expectClerkScreen(prompt, 80, 24);
		type(session, 'op-9002');
		keys(session, 'Enter');
		type(session, '802802');
		expectClerkScreen(await press(session, 'Enter', '跨省通办受理回执'), 80, 24);
		await press(session, 'q', 'exit=0');
	});

	it('a citizen whose card will not read is typed in, the original sighted, and 赵主管 approves the case (80x24)', {timeout: 120_000}, async () => {
		const session = start(80, 24);
		await signIn(session);
		await waitForScreen(session, '陈晓丽 已签到');
		await press(session, 'a', '申请人信息');
		await press(session, 'n', '证件类型：按号码判断');
		await press(session, 'Tab', '证件类型：居民身份证');
		type(session, '51010719560920113X');
		await press(session, 'Enter', '510107********113X');
		await press(session, 'N', '申请人姓名>');
		type(session, '欧阳建国');
		expectClerkScreen(await press(session, 'Enter', '已核对申请人身份证件原件'), 80, 24);
		expectClerkScreen(await press(session, 'y', '手工录入（已核原件）'), 80, 24);
		keys(session, '/');
		type(session, '资格认证 武侯');
		await waitForScreen(session, '共 1 条');
		await press(session, 'Enter', '实施编码');
		await press(session, 'e', '结论：符合受理条件');
		await press(session, 'm', '> M01');
		await captureWithOriginal(session, 'M01', 80, 24);
		await press(session, 's', '核对无误后按 Enter 提交');
		const prompt = await press(session, 'Enter', '主管授权提交');
		expect(prompt).toContain('手工录入申请人');
		expectClerkScreen(prompt, 80, 24);
		type(session, 'op-9002');
		keys(session, 'Enter');
		type(session, '802802');
		expectClerkScreen(await press(session, 'Enter', '跨省通办受理回执'), 80, 24);
		await press(session, 'q', 'exit=0');
	});

	it('an agent (代办人) acts for a typed-in applicant: an in-person item and a number of the wrong kind refused, the 委托书 required, no supervisor (80x24)', {timeout: 120_000}, async () => {
		const session = start(80, 24);
		await signIn(session);
		await waitForScreen(session, '陈晓丽 已签到');
		await placeCard(session, 'resident', '李**');
		await press(session, 'a', '申请人信息');
		expectClerkScreen(await press(session, 'b', '代办人 李** 110105********0514（读卡）'), 80, 24);
		// A residence permit's kind for a resident number: a clear message, nothing taken.
		await press(session, 'Tab', '证件类型：居民身份证');
		await press(session, 'Tab', '证件类型：港澳台居民居住证');
		type(session, '51010719560920113X');
		expectClerkScreen(await press(session, 'Enter', '号码不是港澳台居民居住证的号码'), 80, 24);
		keys(session, 'Tab', 'Tab', 'Tab');
		await press(session, 'Tab', '证件类型：居民身份证');
		await press(session, 'Enter', '510107********113X');
		await press(session, 'N', '申请人姓名>');
		type(session, '欧阳建国');
		expectClerkScreen(await press(session, 'Enter', '已核对委托书与委托人身份证件'), 80, 24);
		expectClerkScreen(await press(session, 'y', '委托人（代办，凭委托书）'), 80, 24);
		// 领取养老金人员待遇资格认证 is in person only.
		keys(session, '/');
		type(session, '资格认证 武侯');
		await waitForScreen(session, '共 1 条');
		await press(session, 'Enter', '实施编码');
		expectClerkScreen(await press(session, 'e', '须本人办理，不能委托代办'), 80, 24);
		// 职业资格证书核验 allows an agent: the 委托书 (M03) is on the list to take.
		keys(session, '/');
		keys(session, 'Escape');
		type(session, '证书核验 广东');
		await waitForScreen(session, '共 1 条');
		await press(session, 'Enter', '实施编码');
		await press(session, 'e', '是否带来证书或证书编号');
		await press(session, 'Enter', '结论：符合受理条件');
		await press(session, 'm', '> M01');
		await captureWithOriginal(session, 'M01', 80, 24);
		await captureWithOriginal(session, 'M02', 80, 24);
		await captureWithOriginal(session, 'M03', 80, 24);
		const review = await press(session, 's', '核对无误后按 Enter 提交');
		expect(review).toContain('代办人 李**');
		expectClerkScreen(review, 80, 24);
		// No supervisor prompt: straight to the receipt.
		expectClerkScreen(await press(session, 'Enter', '跨省通办受理回执'), 80, 24);
		await press(session, 'q', 'exit=0');
	});
});

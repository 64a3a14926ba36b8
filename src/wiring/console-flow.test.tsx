/**
 * The counter flow end to end in process: the console (Ink) over the real backend of
 * `tongban console --demo` — the mock hub on loopback, the emulated ID-card reader and document
 * camera, the durable outbox, drafts, receipts and the audit log in a temporary data directory.
 * A clerk serves an eligible citizen with two materials from the search to the receipt, and the
 * test counts every key the clerk presses besides the query (issue 8: at most 25). Then the
 * case is tracked, a draft survives a restart and a lock, and abandoning one is confirmed and
 * audited.
 */
import {randomUUID} from 'node:crypto';
import {readFile, readdir, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {cleanup} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {listRecent, readEntryAt} from '../store/audit-store.js';
import {CAPTURE_MS, demoFlowHooks, signInClerk, START_MS, startDemoCounter} from '../test-utils/demo-counter.js';
import {expectFitsHeight, expectFitsWidth, KEYS, type Tui} from '../test-utils/renderTui.js';
import {createTranslator} from '../ui/i18n/index.js';
import {outboxEntriesOf} from '../test-utils/outbox-entries.js';

const zh = createTranslator('zh-CN');

let dir: string;
const running = demoFlowHooks('tongban-flow-', (fresh) => (dir = fresh));

/** The demo counter on `dir` (src/test-utils/demo-counter.ts), closed after the test. */
async function startCounter(options: Parameters<typeof startDemoCounter>[1] = {}) {
	const counter = await startDemoCounter(dir, options);
	running.push(counter.backend);
	return counter;
}

const signIn = signInClerk;

/** Presses keys the clerk presses, counting them (a query typed is not counted). */
function keyCounter(tui: Tui) {
	const pressed: string[] = [];
	return {
		async press(key: string) {
			pressed.push(key);
			await tui.press(key);
		},
		get count() {
			return pressed.length;
		},
		/** The keys pressed, in order. */
		get pressed(): readonly string[] {
			return pressed;
		},
	};
}

async function stopCounter(tui: Tui) {
	tui.unmount();
	cleanup();
	const backend = running.pop();
	await backend?.close();
}

describe('the counter flow against the demo hub and devices', () => {
	it.each([
		[80, 24],
		[120, 40],
	])('serves an eligible citizen with two materials in at most 25 keys, to a receipt and a tracked case (%ix%i)', async (columns, rows) => {
		const printed = join(dir, 'printed.txt');
		const {tui, services, backend} = await startCounter({columns, rows, settings: {receiptPrintCommand: `tee ${printed}`}, stepMs: 400});
		const fits = () => {
			expectFitsWidth(tui.frame(), columns);
			expectFitsHeight(tui.frame(), rows);
		};
		await signIn(tui);
		await tui.waitForText(zh('flash.signedIn', {name: '陈晓丽'}), START_MS);
		// The citizen puts the ID card on the reader: the applicant panel comes up by itself.
		services.demoCards!.place('longterm');
		await tui.waitForText('510107********113X', START_MS);

		const keys = keyCounter(tui);
		await keys.press('/');
		await tui.type('资格认证 武侯');
		await tui.waitForText('领取养老金人员待遇资');
		await keys.press(KEYS.enter);
		await tui.waitForText(zh('detail.implementationCode'));
		await keys.press('e');
		await tui.waitForText(zh('elig.result.eligible'));
		fits();
		await keys.press('m');
		await tui.waitForText('> M01');
		for (const code of ['M01', 'M02']) {
			await keys.press(KEYS.enter);
			await tui.waitForText(zh('cap.ok'), CAPTURE_MS);
			fits();
			// Keep the picture, original checked at the counter (keeping waits for the comparing read behind the preview).
			await keys.press('o');
			await tui.waitForText(zh('flash.captureSaved', {code, sha: ''}).split('（')[0]!, CAPTURE_MS);
		}
		await tui.waitForText(zh('mat.summary', {captured: 2, total: 2, required: 1, requiredCaptured: 1}));
		await keys.press('s');
		await tui.waitForText(zh('rev.ready').slice(0, 8));
		expect(tui.frame()).toContain('欧阳** 510107********113X');
		expect(tui.frame()).toContain('收件地 广东省 -> 办理地 四川省');
		fits();
		await keys.press(KEYS.enter);
		await tui.waitForText(zh('view.receipt'), START_MS);
		const caseId = /TB\d\d-\d{8}-\d{7}/.exec(tui.frame())![0];
		const receipt = tui.frame();
		for (const text of ['领取养老金人员待遇资格认证', '广东省（节点 44）', '四川省（节点 51）', '1 个工作日', caseId]) expect(receipt).toContain(text);
		fits();
		await keys.press('p');
		await tui.waitForText(zh('rcp.printed'), START_MS);
		await keys.press(KEYS.enter);
		await tui.waitForText(zh('view.search'));

		// The clerk's keys for the whole citizen, the query aside: / enter e m (enter o)x2 s enter p enter.
		expect(keys.count).toBe(12);
		expect(keys.count).toBeLessThanOrEqual(25);

		// The receipt on disk: the same case, masked applicant only, 0600; the printer got it too.
		const file = join(dir, 'receipts', `${caseId}.txt`);
		const text = await readFile(file, 'utf8');
		expect(text).toContain(caseId);
		expect(text).toContain(zh('view.receipt').slice(0, 2));
		expect(text).not.toMatch(/51010719560920113X|欧阳建国/);
		expect((await stat(file)).mode & 0o777).toBe(0o600);
		expect(await readFile(printed, 'utf8')).toBe(text);
		// The draft knows its case; the audit has the submission and the print, hashes and codes only.
		const [draftFile] = await readdir(join(dir, 'drafts'));
		expect(JSON.parse(await readFile(join(dir, 'drafts', draftFile!), 'utf8'))).toMatchObject({submitted: {caseId}, step: 'review'});
		// (Audit entries are written behind the screen: poll for the last one.)
		await expect.poll(async () => (await listRecent(dir, 200)).map((e) => e.action)).toEqual(expect.arrayContaining(['eligibility.decide', 'material.capture', 'case.submit', 'receipt.print']));
		expect(JSON.stringify(await listRecent(dir, 200))).not.toMatch(/51010719560920113X|欧阳建国/);
		// The submission carried the terminal's audit head: the hub's anchor is an entry of this log.
		const anchor = (await (await fetch(`${backend.hubUrl}/terminals/T-DEMO-0001/audit-head`, {headers: {'x-request-id': randomUUID(), 'x-terminal-id': 'T-DEMO-0001', authorization: 'Bearer demo-api-token'}})).json()) as {seq: number; hash: string};
		expect(anchor.seq).toBeGreaterThan(0);
		expect((await readEntryAt(dir, anchor.seq))?.hash).toBe(anchor.hash);

		// The case is in today's cases and moves on through its statuses.
		await tui.press('c');
		await tui.waitForText(caseId);
		await expect
			.poll(async () => {
				await tui.press('R');
				return tui.frame();
			}, {timeout: 15_000, interval: 300})
			.toMatch(new RegExp(`${zh('status.dispatched')}|${zh('status.accepted')}`));
		fits();
	});

	it('with the pensioner\'s card on the reader, 资格认证 alone puts Sichuan\'s list first: no p presses (issue 18.5)', async () => {
		const {tui, services} = await startCounter({columns: 80, rows: 24});
		await signIn(tui);
		await tui.waitForText(zh('flash.signedIn', {name: '陈晓丽'}), START_MS);
		services.demoCards!.place('longterm');
		await tui.waitForText('510107********113X', START_MS);

		const keys = keyCounter(tui);
		await keys.press('/');
		await tui.type('资格认证');
		// The first row is Sichuan's, and says why: the hub's facts say Sichuan pays his pension
		// (ahead of the card's home province, and of the branch's Guangdong).
		await tui.waitForText(zh('search.reason.handling', {province: '四川'}));
		const first = tui.frame().split('\n').find((line) => line.includes('领取养老金人员待遇资'))!;
		expect(first).toContain('四川省');
		expect(first).toContain(zh('search.reason.handling', {province: '四川'}));
		await keys.press(KEYS.enter);
		await tui.waitForText(zh('detail.implementationCode'));
		expect(tui.frame()).toContain('四川省');
		await keys.press('e');
		await tui.waitForText(zh('elig.result.eligible'));
		expectFitsWidth(tui.frame(), 80);
		// The keys from the query to the right list: / and enter (issue 18: before, tab and seven p).
		expect(keys.count).toBe(3);
		expect(keys.pressed).not.toContain('p');
	});

	it('resumes a draft after a restart and after a lock, and abandons one only when confirmed (audited)', async () => {
		const first = await startCounter();
		await signIn(first.tui);
		first.services.demoCards!.place('longterm');
		await first.tui.waitForText('510107********113X', START_MS);
		await first.tui.press('/');
		await first.tui.type('资格认证 武侯');
		await first.tui.waitForText('领取养老金人员待遇资');
		await first.tui.press(KEYS.enter);
		await first.tui.press('e');
		await first.tui.waitForText(zh('elig.result.eligible'));
		await first.tui.press('m');
		await first.tui.waitForText('> M01');
		await first.tui.press(KEYS.enter);
		await first.tui.waitForText(zh('cap.ok'), CAPTURE_MS);
		await first.tui.press('o');
		await first.tui.waitForText('> M02', CAPTURE_MS);
		// The terminal goes away mid-case.
		await stopCounter(first.tui);

		const second = await startCounter();
		await signIn(second.tui);
		// The unfinished draft is offered first; enter resumes it at the materials step.
		await second.tui.waitForText(zh('view.drafts'), START_MS);
		expect(second.tui.frame()).toContain('领取养老金人员待遇资格认证');
		expect(second.tui.frame()).toContain(zh('drafts.step.materials'));
		await second.tui.press(KEYS.enter);
		await second.tui.waitForText(zh('mat.state.verified'));
		await second.tui.waitForText('> M02');

		// Locked out (ctrl+l) and back with the PIN: the same checklist, the same draft.
		await second.tui.press('\u000C');
		await second.tui.waitForText(zh('view.lock'));
		expect(second.tui.frame()).not.toContain('M02');
		await second.tui.type('246810');
		await second.tui.press(KEYS.enter);
		await second.tui.waitForText('> M02');
		await second.tui.press(KEYS.enter);
		await second.tui.waitForText(zh('cap.ok'), CAPTURE_MS);
		await second.tui.press(KEYS.enter);
		await second.tui.waitForText(zh('mat.summary', {captured: 2, total: 2, required: 1, requiredCaptured: 1}), CAPTURE_MS);

		// Abandon: D asks, n keeps everything, D then y deletes the draft and its captures.
		await second.tui.press('s');
		await second.tui.waitForText(zh('rev.ready').slice(0, 8));
		// The draft on disk follows the clerk: it is at the review now.
		const [draftName] = await readdir(join(dir, 'drafts'));
		await expect.poll(async () => JSON.parse(await readFile(join(dir, 'drafts', draftName!), 'utf8')).step).toBe('review');
		await second.tui.press('D');
		await second.tui.waitForText(zh('drafts.confirmAbandon', {item: '领取养老金人员待遇资格认证', applicant: '510107********113X', count: 2}).slice(0, 12));
		await second.tui.press('n');
		await second.tui.waitForText(zh('rev.ready').slice(0, 8));
		expect(await readdir(join(dir, 'drafts'))).toHaveLength(1);
		await second.tui.press('D');
		await second.tui.press('y');
		// Back on the search (its field's placeholder: at 80 columns the top bar keeps the branch's work counts and shortens the view's name).
		await second.tui.waitForText(zh('search.placeholder'));
		await expect.poll(async () => readdir(join(dir, 'drafts'))).toHaveLength(0);
		expect(await readdir(join(dir, 'captures'))).toHaveLength(0);
		await expect.poll(async () => (await listRecent(dir, 200)).find((e) => e.action === 'draft.abandon')).toMatchObject({details: {captures: 2, step: 'review'}});
		const audit = await listRecent(dir, 200);
		expect(audit.find((e) => e.action === 'draft.resume')).toMatchObject({details: {step: 'materials'}});
		expect(JSON.stringify(audit)).not.toMatch(/51010719560920113X|欧阳建国/);
	});

	it('takes no accidental second case: esc on the receipt, m, submit again shows the open case and needs y (audited) and a supervisor', async () => {
		const {tui, services, backend} = await startCounter();
		await signIn(tui);
		services.demoCards!.place('longterm');
		await tui.waitForText('510107********113X', START_MS);
		await tui.press('/');
		await tui.type('资格认证 武侯');
		await tui.waitForText('领取养老金人员待遇资');
		await tui.press(KEYS.enter);
		await tui.press('e');
		await tui.waitForText(zh('elig.result.eligible'));
		await tui.press('m');
		await tui.waitForText('> M01');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('cap.ok'), CAPTURE_MS);
		await tui.press('o');
		await tui.waitForText('> M02', CAPTURE_MS);
		await tui.press('s');
		await tui.waitForText(zh('rev.ready').slice(0, 8));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('view.receipt'), START_MS);
		const first = /TB\d\d-\d{8}-\d{7}/.exec(tui.frame())![0];

		// (The submit is over when it says so: the outbox's own event may show the receipt a moment before.)
		await tui.waitForText(zh('flash.submitted', {caseId: first}));

		// What gave a second case: esc on the receipt, m, and a submit (a new draft, the same citizen and item).
		await tui.press(KEYS.escape);
		await tui.waitForText(zh('view.detail'));
		await tui.press('m');
		await tui.waitForText(zh('mat.summary', {captured: 0, total: 2, required: 1, requiredCaptured: 0}));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('cap.ok'), CAPTURE_MS);
		await tui.press('o');
		await tui.waitForText('> M02', CAPTURE_MS);
		await tui.press('s');
		// The review names the open case before anything is pressed.
		await tui.waitForText(zh('rev.dup.found', {count: 1}).slice(0, 12), START_MS);
		expect(tui.frame()).toContain(first);
		expect(tui.frame()).toContain(zh('rev.dup.needsConfirm').slice(0, 10));
		expectFitsWidth(tui.frame(), 80);
		expectFitsHeight(tui.frame(), 24);
		// A plain Enter only asks; n keeps it at one case, and Enter asks again.
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('rev.dup.confirm').slice(0, 12));
		expect(tui.frame()).toMatch(new RegExp(`y ${zh('key.confirm')}`));
		await tui.press('n');
		await tui.waitForNoText(zh('rev.dup.confirm').slice(0, 12));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('rev.dup.confirm').slice(0, 12));
		expect(await openCasesOnHub()).toEqual([first]);
		// (The demo hub's own two cases of the day are of another item.)
		const outboxItems = async () => (await outboxEntriesOf(dir)).filter((e) => e.submission.itemCode === '990120000004');
		expect(await outboxItems()).toHaveLength(1);
		expect(JSON.stringify(await listRecent(dir, 200))).not.toContain('case.duplicate_confirmed');

		// y: the clerk means it. A second case is an exception (maker-checker): nothing goes until a
		// supervisor's PIN approves it; then it goes, and the confirmation is audited (ids, never the citizen).
		await tui.press('y');
		await tui.waitForText(zh('appr.title.submit'));
		expect(tui.frame()).toContain(zh('appr.exception.second_case'));
		expect(await outboxItems()).toHaveLength(1);
		await tui.type('op-9002');
		await tui.press(KEYS.enter);
		await tui.type('802802');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('view.receipt'), START_MS);
		const second = /TB\d\d-\d{8}-\d{7}/.exec(tui.frame())![0];
		expect(second).not.toBe(first);
		expect((await openCasesOnHub()).sort()).toEqual([first, second].sort());
		await expect.poll(async () => (await listRecent(dir, 200)).find((e) => e.action === 'case.duplicate_confirmed')).toMatchObject({
			target: {itemCode: '990120000004'},
			details: {caseIds: [first], itemCode: '990120000004', found: 1, hub: 'asked'},
		});
		expect(JSON.stringify(await listRecent(dir, 200))).not.toMatch(/51010719560920113X|欧阳建国/);

		async function openCasesOnHub(): Promise<string[]> {
			const answer = await fetch(`${backend.hubUrl}/cases/open:query`, {
				method: 'POST',
				headers: {'x-request-id': randomUUID(), 'x-terminal-id': 'T-DEMO-0001', authorization: 'Bearer demo-api-token', 'content-type': 'application/json'},
				body: JSON.stringify({applicant: {cardType: 'resident', idNumber: '51010719560920113X'}, itemCode: '990120000004'}),
			});
			return ((await answer.json()) as {cases: Array<{caseId: string}>}).cases.map((c) => c.caseId);
		}
	});
});

/**
 * The return trips at the counter, end to end in process (issue 14): the console over the real
 * backend of `tongban console --demo` — the mock hub on loopback stepping fast, the emulated card
 * reader and camera, the durable outbox, receipts and the audit log in a temporary data folder.
 * The demo seeds a case returned for more material (欧阳建国), a result back at the branch that
 * 李明华 collects for 王秀英 with a 委托书, and a case whose originals must be shipped. A clerk
 * works through the queue (`w`): a card that is nobody's is refused and audited, the supplement
 * goes through the outbox to a receipt, the agent's hand-over to a slip, and the waybill with a
 * wrong check digit is refused before the right one is recorded. Every frame fits the terminal.
 */
import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {listRecent} from '../store/audit-store.js';
import {CAPTURE_MS, demoFlowHooks, signInClerk, START_MS, startDemoCounter} from '../test-utils/demo-counter.js';
import {expectFitsHeight, expectFitsWidth, KEYS} from '../test-utils/renderTui.js';
import {hasRow, openTask, waitGoneFromQueue, waitInQueue} from '../test-utils/work-queue.js';
import {createTranslator} from '../ui/i18n/index.js';
import {receiptText} from '../i18n/receipt.js';
import {slipText} from '../i18n/slip.js';
import {trackingText} from '../i18n/tracking.js';
import {maskName} from '../core/identity/mask.js';

const zh = createTranslator('zh-CN');
let dir: string;
const running = demoFlowHooks('tongban-trips-', (fresh) => (dir = fresh));

describe('the return trips at the counter (demo hub and devices)', () => {
	it.each([
		[80, 24],
		[120, 40],
	])('refuses a stranger, takes a supplement, hands a result to an agent and records a waybill (%ix%i)', async (columns, rows) => {
		const printed = join(dir, 'printed.txt');
		const {tui, services, backend} = await startDemoCounter(dir, {columns, rows, settings: {receiptPrintCommand: `tee ${printed}`}, stepMs: 150});
		running.push(backend);
		const fits = () => {
			expectFitsWidth(tui.frame(), columns);
			expectFitsHeight(tui.frame(), rows);
		};
		await signInClerk(tui);
		await tui.waitForText(zh('flash.signedIn', {name: '陈晓丽'}), START_MS);

		await tui.press('w');
		await tui.waitForText(zh('view.work'));
		await waitInQueue(tui, zh('work.need.supplement'), '欧阳**');
		await waitInQueue(tui, zh('work.need.pickup'), '王**');
		await waitInQueue(tui, zh('work.need.pickup'), '陈**');
		await waitInQueue(tui, zh('work.need.shipment'), '陈**');
		fits();
		expect(tui.frame()).toMatch(/待办 补正1 领取2 寄递1|待办4/);

		// 补正: a card that is neither the applicant nor an agent is refused (and audited).
		await openTask(tui, zh('work.need.supplement'), '欧阳**', zh('task.card'));
		fits();
		services.demoCards!.place('hkmotw');
		await tui.waitForText(zh('task.mismatch').slice(0, 12), START_MS);
		// The right citizen's card swapped in: the clerk reads it again (r).
		services.demoCards!.place('longterm');
		await tui.press('r');
		await tui.waitForText('已核对：申请人本人', START_MS);
		fits();
		// Every material asked for: capture, keep.
		for (let i = 0; i < 5 && tui.frame().includes(`> [${zh('task.toTake')}]`); i++) {
			await tui.press(KEYS.enter);
			await tui.waitForText(zh('cap.ok'), CAPTURE_MS);
			fits();
			await tui.press(KEYS.enter);
			await tui.waitForNoText(zh('cap.ok'), CAPTURE_MS);
		}
		await tui.waitForText('补交');
		await tui.press(KEYS.enter);
		await tui.waitForText(receiptText('zh-CN', 'supplement.title'), START_MS);
		fits();
		await tui.press('p');
		await tui.waitForText(zh('rcp.printed'));
		// What went to the printer is the supplement receipt of this case.
		await vi.waitFor(async () => expect(await readFile(printed, 'utf8')).toContain(receiptText('zh-CN', 'supplement.title')));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('view.work'));
		// The hub has the supplement: the case left the queue (it is back in review).
		await waitGoneFromQueue(tui, zh('work.need.supplement'), '欧阳**');

		// 领取: the agent named on the case, with the 委托书 captured.
		await openTask(tui, zh('work.need.pickup'), '王**', zh('task.card'));
		services.demoCards!.place('resident');
		await tui.press('r');
		await tui.waitForText('已核对：代办人', START_MS);
		await tui.waitForText(zh('task.poa'));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('cap.ok'), CAPTURE_MS);
		await tui.press(KEYS.enter);
		await tui.waitForText('确认交付', CAPTURE_MS);
		fits();
		// m goes back to the pictures as hinted, s to the confirmation again.
		await tui.press('m');
		await tui.waitForText(`> [${zh('task.kept')}] POA`);
		await tui.press('s');
		await tui.waitForText('确认交付');
		await tui.press(KEYS.enter);
		await tui.waitForText(slipText('zh-CN', 'slip.title'), START_MS);
		fits();
		expect(tui.frame()).toContain(slipText('zh-CN', 'slip.role.agent'));
		await tui.press(KEYS.enter);
		// Handed over: the case completed and left the queue.
		await waitGoneFromQueue(tui, zh('work.need.pickup'), '王**');

		// 寄递: a wrong S10 check digit is refused before anything is sent; the right one is recorded.
		await openTask(tui, zh('work.need.shipment'), '陈**', zh('task.originals').slice(0, 8));
		// esc goes back to the queue as hinted (nothing recorded); enter opens the form again.
		await tui.press(KEYS.escape);
		await tui.waitForNoText(zh('task.originals').slice(0, 8));
		expect(hasRow(tui, zh('work.need.shipment'), '陈**', true)).toBe(true);
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('task.originals').slice(0, 8));
		// tab, as hinted, changes the carrier (an S10 number is checked for every carrier).
		await tui.waitForText(zh('task.carrier', {carrier: zh('carrier.ems')}));
		await tui.press(KEYS.tab);
		await tui.waitForText(zh('task.carrier', {carrier: zh('carrier.sf')}));
		await tui.type('EA123456784CN');
		await tui.press(KEYS.enter);
		await tui.waitForText('运单号有误');
		fits();
		await tui.press(KEYS.ctrlU);
		await tui.type('EA123456785CN');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('flash.shipped', {caseId: '', carrier: zh('carrier.sf'), waybill: ''}).slice(0, 5), START_MS);
		expect(tui.frame()).toContain('EA123456785CN');
		fits();

		// Tracking (今日办件, c as hinted) shows the return trips under a case's steps: the parcel
		// just recorded, and who collected the result handed over, masked.
		await tui.press('c');
		const tracked = async (text: string) =>
			vi.waitFor(async () => {
				await tui.press('R');
				for (let i = 0; i < 6 && !tui.frame().includes(text); i++) await tui.press('j');
				for (let i = 0; i < 6 && !tui.frame().includes(text); i++) await tui.press('k');
				expect(tui.frame()).toContain(text);
			}, START_MS);
		await tracked(trackingText('zh-CN', 'trips.shipment', {carrier: zh('carrier.sf'), waybill: 'EA123456785CN', sentAt: '', arrival: ''}).split('，')[0]!);
		fits();
		await tracked(`${trackingText('zh-CN', 'trips.role.agent')} ${maskName('李明华')}`);
		expect(tui.frame()).toContain('领取：');
		fits();

		// The audit holds each act, with masked numbers only.
		await vi.waitFor(async () => {
			const actions = (await listRecent(dir, 200)).map((e) => `${e.action}:${e.outcome}`);
			expect(actions).toEqual(expect.arrayContaining(['case.collector_check:denied', 'case.collector_check:ok', 'case.handover:ok', 'case.ship:ok']));
			expect(actions.some((a) => a.startsWith('case.supplement:'))).toBe(true);
		});
		const entries = JSON.stringify(await listRecent(dir, 200));
		expect(entries).not.toContain('510107195609201137');
		expect((await readdir(join(dir, 'receipts'))).some((f) => f.endsWith('.handover.txt'))).toBe(true);
	}, 90_000);
});

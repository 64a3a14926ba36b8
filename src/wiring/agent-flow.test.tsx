/**
 * 委托代办 at the counter, end to end in process (issue 15.1): the console over the real backend of
 * `tongban console --demo` (mock hub on loopback, emulated reader and camera, outbox, audit log in
 * a temporary folder). The card read is the agent's (b), the applicant is typed in (number checked,
 * name, the 委托书 and the applicant's ID checked); an item whose catalog entry allows no agent is
 * refused before anything is kept; for one that allows an agent the 委托书 is required, and the case
 * goes to the hub with both people and without a supervisor. Every frame fits 80x24.
 */
import {describe, expect, it} from 'vitest';
import {demoCard} from '../../mocks/devices/cards.js';
import {maskIdNumber, maskName} from '../core/identity/mask.js';
import {listRecent} from '../store/audit-store.js';
import {CAPTURE_MS, demoFlowHooks, signInClerk, START_MS, startDemoCounter} from '../test-utils/demo-counter.js';
import {expectFitsHeight, expectFitsWidth, KEYS, type Tui} from '../test-utils/renderTui.js';
import {createTranslator} from '../ui/i18n/index.js';
import {outboxEntriesOf} from '../test-utils/outbox-entries.js';

const zh = createTranslator('zh-CN');
let dir: string;
const running = demoFlowHooks('tongban-agent-', (fresh) => (dir = fresh));

const fits = (tui: Tui) => {
	expectFitsWidth(tui.frame(), 80);
	expectFitsHeight(tui.frame(), 24);
};

interface QueuedEntry {
	submission: {itemCode: string; applicant: {idNumber: string; name: string; source?: string}; agent?: {idNumber: string; name: string}; materials: Array<{code: string}>; approval?: unknown};
}
const queued = async (): Promise<QueuedEntry[]> => {
	const entries = (await outboxEntriesOf(dir)) as unknown as QueuedEntry[];
	return entries.filter((e) => ['990120000004', '990120000009'].includes(e.submission.itemCode));
};

// The demo's own seeded cases (one with an agent, 990120000001) are not this test's.
/** Captures the selected material and keeps it with the original checked (o). */
async function keepWithOriginal(tui: Tui) {
	await tui.press(KEYS.enter);
	await tui.waitForText(zh('cap.ok'), CAPTURE_MS);
	// Keeping waits for the comparing read behind the preview (cameraVerify behind).
	await tui.press('o');
	await tui.waitForNoText(zh('cap.ok'), CAPTURE_MS);
}

describe('an agent at the counter (委托代办, demo hub and devices)', () => {
	it('reads 李明华 as the agent, types 欧阳建国 in, refuses an in-person item, asks for the 委托书 and submits both without a supervisor', async () => {
		const {tui, services, backend} = await startDemoCounter(dir, {columns: 80, rows: 24});
		running.push(backend);
		const agentCard = demoCard('resident')!;
		const agentNumber = agentCard.fields['number']!;
		const agentMasked = maskIdNumber(agentNumber);
		await signInClerk(tui);
		await tui.waitForText(zh('flash.signedIn', {name: '陈晓丽'}), START_MS);
		await tui.press('a');
		// b before any card: nothing to take.
		await tui.press('b');
		await tui.waitForText(zh('flash.agentNeedsCard'));
		services.demoCards!.place('resident');
		await tui.press('r');
		await tui.waitForText(maskName('李明华'), START_MS);
		// The reader may read the card once more while it lies there: the agent stays the agent (below).
		await tui.press('b');
		await tui.waitForText(zh('applicant.manualHint'));
		expect(tui.frame()).toContain(zh('applicant.agent', {name: maskName('李明华'), number: agentMasked}).slice(0, 20));
		fits(tui);
		// The agent's own number as the applicant: refused, nothing taken.
		await tui.type(agentNumber);
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('flash.agentIsApplicant'));
		await tui.press(KEYS.escape);
		// A number not of the kind chosen (a residence permit's): a clear message, nothing taken.
		await tui.press('n');
		await tui.press(KEYS.tab);
		await tui.press(KEYS.tab);
		await tui.waitForText(zh('applicant.manualKind', {kind: zh('kind.hkmotw')}));
		await tui.type('51010719560920113X');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('flash.manualWrongKind', {kind: zh('kind.hkmotw')}));
		expect(tui.frame()).not.toContain('510107********113X');
		for (let i = 0; i < 4; i++) await tui.press(KEYS.tab);
		await tui.waitForText(zh('applicant.manualKind', {kind: zh('kind.resident')}));
		await tui.press(KEYS.enter);
		await tui.waitForText('510107********113X');
		await tui.press('N');
		await tui.type('欧阳建国');
		await tui.press(KEYS.enter);
		// For an agent the clerk checks the 委托书 and the applicant's ID (or its copy); n keeps nothing.
		await tui.waitForText(zh('applicant.confirmPoa'));
		await tui.press('n');
		await tui.waitForText(zh('flash.agentNotChecked'));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('applicant.confirmPoa'));
		await tui.press('y');
		await tui.waitForText(zh('applicant.typedAgent'));
		expect(tui.frame()).toContain('欧阳**');
		expect(tui.frame()).toContain(zh('applicant.agent', {name: maskName('李明华'), number: agentMasked}));
		fits(tui);

		// 领取养老金人员待遇资格认证 is in person only (no agentAllowed): refused at e and at m, nothing kept.
		await tui.press('/');
		await tui.type('资格认证 武侯');
		await tui.waitForText('领取养老金人员待遇资');
		await tui.press(KEYS.enter);
		await tui.press('e');
		await tui.waitForText(zh('flash.agentNotAllowed', {name: '领取养老金人员待遇资格认证'}));
		fits(tui);
		await tui.press('m');
		await tui.waitForText(zh('flash.agentNotAllowed', {name: '领取养老金人员待遇资格认证'}));
		expect(tui.frame()).not.toContain('> M01');
		expect(await queued()).toEqual([]);

		// 职业资格证书核验 allows an agent: eligibility runs on the applicant, the 委托书 (M03) is required.
		await tui.press('/');
		await tui.press(KEYS.escape);
		await tui.waitForNoText('资格认证 武侯');
		await tui.type('证书核验 广东');
		await tui.waitForText('> 职业资格证书核验');
		await tui.press(KEYS.enter);
		await tui.press('e');
		await tui.waitForText('是否带来证书或证书编号');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('elig.result.eligible'));
		await tui.press('m');
		await tui.waitForText('> M01');
		await keepWithOriginal(tui);
		await tui.waitForText('> M02');
		await keepWithOriginal(tui);
		// Without the 委托书 the review refuses: nothing goes.
		await tui.press('s');
		await tui.waitForText(zh('rev.problem.missing_material', {code: 'M03', name: '授权委托书'}).slice(0, 14));
		expect(tui.frame()).toContain(zh('rev.agent', {name: maskName('李明华'), number: agentMasked}).slice(0, 12));
		fits(tui);
		await tui.press(KEYS.enter);
		expect(await queued()).toEqual([]);
		await tui.press('m');
		await tui.waitForText('> M03');
		await keepWithOriginal(tui);
		await tui.press('s');
		await tui.waitForText(zh('rev.ready').slice(0, 8));
		fits(tui);
		// No supervisor: the agent's card was read and the 委托书's original checked.
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('view.receipt'), START_MS);
		expect(tui.frame()).not.toContain(zh('appr.title.submit'));
		// The receipt names the agent, masked.
		expect(tui.frame()).toContain(`${maskName('李明华')} ${agentMasked}（凭授权委托书）`);
		fits(tui);
		const [entry] = await queued();
		expect(entry!.submission).toMatchObject({itemCode: '990120000009', applicant: {idNumber: '51010719560920113X', name: '欧阳建国', source: 'typed'}, agent: {idNumber: agentNumber, name: '李明华'}});
		expect(entry!.submission.materials.map((m) => m.code)).toEqual(['M01', 'M02', 'M03']);
		expect(entry!.submission.approval).toBeUndefined();

		// The audit names both by masked number only.
		await expect.poll(async () => (await listRecent(dir, 300)).find((e) => e.action === 'card.agent')).toMatchObject({details: {idNumberMasked: agentMasked}});
		await expect.poll(async () => (await listRecent(dir, 300)).find((e) => e.action === 'case.submit' && e.outcome === 'ok' && e.target?.itemCode === '990120000009')).toMatchObject({details: {idNumberMasked: '510107********113X', agentIdNumberMasked: agentMasked, agentMasked: maskName('李明华')}});
		expect(await listRecent(dir, 300).then((all) => all.find((e) => e.action === 'card.typed'))).toMatchObject({details: {powerOfAttorneySighted: true, agentIdNumberMasked: agentMasked}});
		expect(JSON.stringify(await listRecent(dir, 300))).not.toMatch(new RegExp(`51010719560920113X|欧阳建国|${agentNumber}|李明华`));

		// 今日办件: the case shows its agent masked.
		await tui.press(KEYS.enter);
		await tui.press('c');
		await tui.waitForText(zh('cases.agent', {name: maskName('李明华')}), START_MS);
		fits(tui);
	});
});

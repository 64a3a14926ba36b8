/**
 * Maker-checker at the counter, end to end in process (issue 15.3): the console over the real
 * backend of `tongban console --demo` (mock hub on loopback, emulated reader and camera, outbox,
 * audit log in a temporary folder). A clerk locked out by wrong PINs is unlocked by a supervisor's
 * PIN at the lock screen, after another supervisor's wrong PINs lock that supervisor; a locked
 * screen is released to another operator; a case whose original was not verified goes only with
 * a supervisor's approval, never with the maker's own. Every frame fits 80x24.
 */
import {randomUUID} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {listRecent} from '../store/audit-store.js';
import {CAPTURE_MS, demoFlowHooks, signInClerk, START_MS, startDemoCounter} from '../test-utils/demo-counter.js';
import {expectFitsHeight, expectFitsWidth, KEYS, type Tui} from '../test-utils/renderTui.js';
import {createTranslator} from '../ui/i18n/index.js';
import {outboxEntriesOf} from '../test-utils/outbox-entries.js';

const zh = createTranslator('zh-CN');
/** A round trip to the demo hub (a sign-in, an approval): polled up to this long on a loaded CI machine. */
const HUB_MS = 5_000;
let dir: string;
const running = demoFlowHooks('tongban-supervisor-', (fresh) => (dir = fresh));

async function startCounter() {
	const counter = await startDemoCounter(dir, {columns: 80, rows: 24});
	running.push(counter.backend);
	return counter;
}

const fits = (tui: Tui) => {
	expectFitsWidth(tui.frame(), 80);
	expectFitsHeight(tui.frame(), 24);
};

/** The supervisor types their own id and PIN into the prompt. */
async function supervisorTypes(tui: Tui, id: string, pin: string) {
	await tui.type(id);
	await tui.press(KEYS.enter);
	await tui.type(pin);
	await tui.press(KEYS.enter);
}

async function signInAs(tui: Tui, id: string, pin: string) {
	await tui.waitForText(zh('signin.operator'), START_MS);
	await tui.type(id);
	await tui.press(KEYS.enter);
	await tui.type(pin);
	await tui.press(KEYS.enter);
}

/** A sign-in straight at the hub: 423 once the operator is locked. */
async function hubSignIn(hubUrl: string, operatorId: string, pin: string): Promise<number> {
	const answer = await fetch(`${hubUrl}/auth/sessions`, {
		method: 'POST',
		headers: {'x-request-id': randomUUID(), 'x-terminal-id': 'T-DEMO-0001', 'content-type': 'application/json'},
		body: JSON.stringify({operatorId, pin, terminalId: 'T-DEMO-0001'}),
	});
	return answer.status;
}

const approvals = async () => (await listRecent(dir, 300)).filter((e) => e.action === 'session.approval');

describe('maker-checker at the counter (demo hub and devices)', () => {
	it('unlocks a locked-out clerk by a supervisor PIN; wrong supervisor PINs lock that supervisor', async () => {
		const {tui, backend} = await startCounter();
		await signInClerk(tui);
		await tui.waitForText(zh('flash.signedIn', {name: '陈晓丽'}), START_MS);
		await tui.press('\u000C');
		await tui.waitForText(zh('view.lock'));
		// The lock screen offers the supervisor's two keys in its hint line.
		expect(tui.frame()).toContain(`tab ${zh('key.supervisorUnlock')}`);
		expect(tui.frame()).toContain(`ctrl+o ${zh('key.switchOperator')}`);
		for (let i = 0; i < 5; i++) {
			await tui.type('111111');
			await tui.press(KEYS.enter);
			await tui.waitForText(i < 4 ? zh('signin.invalidLeft', {count: 4 - i}) : zh('signin.locked'), HUB_MS);
		}
		// Locked at the hub: her own PIN no longer opens it.
		await tui.type('246810');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('signin.locked'), HUB_MS);
		expect(await hubSignIn(backend.hubUrl, 'op-1001', '246810')).toBe(423);

		await tui.press(KEYS.tab);
		await tui.waitForText(zh('appr.title.unlock', {name: '陈晓丽', id: 'op-1001'}));
		fits(tui);
		// 赵主管 mistypes five times: the fifth locks 赵主管 (counted like a sign-in), the clerk stays locked.
		for (let i = 0; i < 5; i++) {
			await supervisorTypes(tui, i === 0 ? 'op-9002' : '', '000000');
			await tui.waitForText(i < 4 ? zh('appr.invalidLeft', {count: 4 - i}) : zh('appr.locked'), HUB_MS);
			if (i === 0) expect(tui.frame()).not.toContain('000000');
		}
		expect(await hubSignIn(backend.hubUrl, 'op-9002', '802802')).toBe(423);
		// 李主管 unlocks her: back where she was, signed in as herself.
		await tui.press(KEYS.escape);
		await tui.waitForText(zh('view.lock'));
		await tui.press(KEYS.tab);
		await supervisorTypes(tui, 'op-9001', '900900');
		await tui.waitForText(zh('flash.unlockedBy', {name: '李主管'}), START_MS);
		expect(tui.frame()).not.toContain(zh('view.lock'));
		fits(tui);
		expect(await hubSignIn(backend.hubUrl, 'op-1001', '246810')).toBe(201);

		// (Audit entries are written behind the screen: poll until the last one is there.)
		await expect.poll(async () => (await approvals()).length).toBe(6);
		const entries = await approvals();
		expect(entries.filter((e) => e.outcome === 'denied').map((e) => [e.details['supervisorId'], e.details['reason']])).toEqual([
			...Array.from({length: 4}, () => ['op-9002', 'invalid']),
			['op-9002', 'locked'],
		]);
		expect(entries.find((e) => e.outcome === 'ok')).toMatchObject({operator: {id: 'op-1001'}, details: {purpose: 'unlock', supervisorId: 'op-9001', makerId: 'op-1001'}});
		await expect.poll(async () => (await listRecent(dir, 300)).find((e) => e.action === 'session.unlock' && e.outcome === 'ok')).toMatchObject({details: {by: 'supervisor', supervisorId: 'op-9001'}});
	});

	it('unlocks at sign-in a clerk who locked herself out there: ctrl+o, a supervisor PIN, then her own PIN signs her in', async () => {
		const {tui, backend} = await startCounter();
		await tui.waitForText(zh('signin.operator'), START_MS);
		await tui.type('op-1001');
		await tui.press(KEYS.enter);
		for (let i = 0; i < 5; i++) {
			await tui.type('111111');
			await tui.press(KEYS.enter);
			await tui.waitForText(i < 4 ? zh('signin.invalidLeft', {count: 4 - i}) : zh('signin.locked'), HUB_MS);
		}
		// Only now, with the hub's "locked", does the hint line offer the supervisor.
		expect(tui.frame()).toContain(`ctrl+o ${zh('key.supervisorUnlock')}`);
		fits(tui);
		await tui.type('246810');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('signin.locked'), HUB_MS);
		expect(await hubSignIn(backend.hubUrl, 'op-1001', '246810')).toBe(423);

		await tui.press('\u000F');
		await tui.waitForText(zh('appr.title.unlockId', {id: 'op-1001'}));
		fits(tui);
		await supervisorTypes(tui, 'op-9002', '802802');
		await tui.waitForText(zh('flash.unlockedForSignIn', {name: '赵主管', id: 'op-1001'}), START_MS).catch((e) => { console.log('FRAME', tui.frame()); throw e; });
		// Unlocked, not signed in: still the sign-in screen, waiting for her own PIN.
		expect(tui.frame()).toContain(zh('signin.pin'));
		expect(tui.frame()).not.toContain(`ctrl+o ${zh('key.supervisorUnlock')}`);
		await tui.type('246810');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('flash.signedIn', {name: '陈晓丽'}), START_MS);
		fits(tui);
		await expect
			.poll(async () => (await listRecent(dir, 300)).find((e) => e.action === 'session.unlock' && e.outcome === 'ok'))
			.toMatchObject({operator: {id: 'op-1001'}, details: {by: 'supervisor', at: 'sign_in', supervisorId: 'op-9002'}});
	});

	it('releases a locked screen to another operator only with a supervisor PIN', async () => {
		const {tui} = await startCounter();
		await signInClerk(tui);
		await tui.waitForText(zh('flash.signedIn', {name: '陈晓丽'}), START_MS);
		await tui.press('\u000C');
		await tui.waitForText(zh('view.lock'));
		await tui.press('\u000F');
		await tui.waitForText(zh('appr.title.switch', {name: '陈晓丽', id: 'op-1001'}));
		// esc keeps the lock; ctrl+o again, and 赵主管 approves.
		await tui.press(KEYS.escape);
		await tui.waitForText(zh('lock.title', {name: '陈晓丽', id: 'op-1001'}));
		await tui.press('\u000F');
		await supervisorTypes(tui, 'op-9002', '802802');
		await tui.waitForText(zh('flash.switched', {name: '赵主管'}), START_MS);
		await signInAs(tui, 'op-1002', '135790');
		await tui.waitForText(zh('flash.signedIn', {name: '王建国'}), START_MS);
		fits(tui);
		await expect.poll(async () => (await listRecent(dir, 300)).find((e) => e.action === 'session.switch')).toMatchObject({outcome: 'ok', details: {makerId: 'op-1001', supervisorId: 'op-9002'}});
	});

	it('sends a case with an unverified original only with another supervisor’s approval (李主管 never approves his own)', async () => {
		const {tui, services} = await startCounter();
		await signInAs(tui, 'op-9001', '900900');
		await tui.waitForText(zh('flash.signedIn', {name: '李主管'}), START_MS);
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
		// Kept without the original mark (once the comparing read behind the preview ends): the list asks for the ID card's original.
		await tui.press(KEYS.enter);
		await tui.waitForText('> M02', CAPTURE_MS);
		await tui.press('s');
		await tui.waitForText(zh('rev.ready').slice(0, 8));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('appr.title.submit'));
		expect(tui.frame()).toContain(zh('appr.exception.original_unverified'));
		fits(tui);
		const outboxItems = async () => {
			return (await outboxEntriesOf(dir)).filter((e) => e.submission.itemCode === '990120000004');
		};
		// The maker approving his own case: refused with a clear message, nothing sent.
		await supervisorTypes(tui, 'op-9001', '900900');
		await tui.waitForText(zh('appr.self'), START_MS);
		expect(await outboxItems()).toEqual([]);
		// 赵主管 approves it: the case goes with the approval, and the receipt follows.
		await tui.press(KEYS.tab);
		await tui.press(KEYS.ctrlU);
		await supervisorTypes(tui, 'op-9002', '802802');
		await tui.waitForText(zh('view.receipt'), START_MS);
		fits(tui);
		const [entry] = await outboxItems();
		expect(entry!.submission.approval).toMatchObject({supervisorId: 'op-9002', exceptions: ['original_unverified']});
		await expect.poll(async () => (await approvals()).length).toBe(2);
		const entries = await approvals();
		expect(entries.map((e) => [e.outcome, e.details['supervisorId'], e.details['makerId'], e.details['reason'] ?? null])).toEqual([
			['denied', 'op-9001', 'op-9001', 'self'],
			['ok', 'op-9002', 'op-9001', null],
		]);
		expect(entries[1]!.details).toMatchObject({purpose: 'submit', exceptions: ['original_unverified'], applicantMasked: '510107********113X'});
		expect(JSON.stringify(await listRecent(dir, 300))).not.toMatch(/51010719560920113X|欧阳建国/);
	});

	it('takes a citizen whose card will not read: number checked for its kind, name, original sighted, then 赵主管 approves 陈晓丽’s case', async () => {
		const {tui} = await startCounter();
		await signInClerk(tui);
		await tui.waitForText(zh('flash.signedIn', {name: '陈晓丽'}), START_MS);
		await tui.press('a');
		await tui.press('n');
		await tui.waitForText(zh('applicant.manualHint'));
		// tab: the card kind; a resident card's number is not a residence permit's: a clear message, nothing taken.
		await tui.press(KEYS.tab);
		await tui.press(KEYS.tab);
		await tui.waitForText(zh('applicant.manualKind', {kind: zh('kind.hkmotw')}));
		await tui.type('51010719560920113X');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('flash.manualWrongKind', {kind: zh('kind.hkmotw')}));
		expect(tui.frame()).not.toContain('510107********113X');
		// Back to the resident card (two tabs more, then "by the number", then resident).
		await tui.press(KEYS.tab);
		await tui.press(KEYS.tab);
		await tui.press(KEYS.tab);
		await tui.press(KEYS.tab);
		await tui.waitForText(zh('applicant.manualKind', {kind: zh('kind.resident')}));
		await tui.press(KEYS.enter);
		await tui.waitForText('510107********113X');
		// N: the name as on the card; the original ID must be sighted (n keeps nothing, y takes it).
		await tui.press('N');
		await tui.waitForText(zh('applicant.typedHint'));
		await tui.type('欧阳建国');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('applicant.confirmSighted'));
		await tui.press('n');
		await tui.waitForText(zh('flash.typedNotSighted'));
		expect(tui.frame()).not.toContain(zh('applicant.typed'));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('applicant.confirmSighted'));
		await tui.press('y');
		await tui.waitForText(zh('applicant.typed'));
		expect(tui.frame()).toContain('欧阳**');
		fits(tui);

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
		await tui.waitForText(zh('appr.title.submit'));
		expect(tui.frame()).toContain(zh('appr.exception.typed_applicant'));
		const queued = async () => {
			return (await outboxEntriesOf(dir)).filter((e) => e.submission.itemCode === '990120000004');
		};
		expect(await queued()).toEqual([]);
		await supervisorTypes(tui, 'op-9002', '802802');
		await tui.waitForText(zh('view.receipt'), START_MS);
		fits(tui);
		const [entry] = await queued();
		expect(entry!.submission.applicant).toMatchObject({source: 'typed', name: '欧阳建国', cardType: 'resident'});
		expect(entry!.submission.approval).toMatchObject({supervisorId: 'op-9002', exceptions: ['typed_applicant']});
		await expect.poll(async () => (await listRecent(dir, 300)).find((e) => e.action === 'card.typed')).toMatchObject({details: {idNumberMasked: '510107********113X', cardType: 'resident', originalSighted: true}});
		await expect.poll(async () => (await approvals()).find((e) => e.outcome === 'ok')).toMatchObject({operator: {id: 'op-1001'}, details: {makerId: 'op-1001', supervisorId: 'op-9002', exceptions: ['typed_applicant']}});
		expect(JSON.stringify(await listRecent(dir, 300))).not.toMatch(/51010719560920113X|欧阳建国/);
	});
});

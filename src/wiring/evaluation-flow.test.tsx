/**
 * 好差评 at the counter (issue 15), end to end in process: the console over the real backend of
 * `tongban console --demo` (the mock hub on loopback stepping fast, outbox, index, audit in a
 * temporary data folder). The demo's 赵德明 is not pleased (不满意). The hub lists the follow-up
 * to supervisors only: the clerk's queue never shows it; 赵主管 signs in, finds it ranked with the
 * other work, opens it (the evaluation and the citizen's words), is refused an empty note, types
 * the 整改 note (an IME's committed text) and records it: the hub has it under her id, the row
 * leaves the queue, the audit has case.follow_up without the words, and 今日办件 marks the case
 * with its evaluation and shows the follow-up. Every frame fits the terminal.
 */
import {describe, expect, it, vi} from 'vitest';
import type {CaseRecord} from '../core/cases/model.js';
import {HubClient} from '../hub/client.js';
import {listRecent} from '../store/audit-store.js';
import {demoFlowHooks, signInClerk, START_MS, startDemoCounter} from '../test-utils/demo-counter.js';
import {expectFitsHeight, expectFitsWidth, KEYS, type Tui} from '../test-utils/renderTui.js';
import {hasRow, waitGoneFromQueue} from '../test-utils/work-queue.js';
import {createTranslator} from '../ui/i18n/index.js';

const zh = createTranslator('zh-CN');
let dir: string;
const running = demoFlowHooks('tongban-evaluation-', (fresh) => (dir = fresh));

async function signIn(tui: Tui, operatorId: string, pin: string): Promise<void> {
	await tui.waitForText(zh('signin.operator'), START_MS);
	await tui.type(operatorId);
	await tui.press(KEYS.enter);
	await tui.type(pin);
	await tui.press(KEYS.enter);
}

describe('好差评 at the counter (demo hub)', () => {
	it.each([
		[80, 24],
		[120, 40],
	])('a supervisor follows up a 不满意 case from the queue; a clerk never sees it (%ix%i)', async (columns, rows) => {
		const {tui, backend} = await startDemoCounter(dir, {columns, rows, stepMs: 150});
		running.push(backend);
		const fits = () => {
			expectFitsWidth(tui.frame(), columns);
			expectFitsHeight(tui.frame(), rows);
		};
		await signInClerk(tui);
		await tui.waitForText(zh('flash.signedIn', {name: '陈晓丽'}), START_MS);

		// The hub's own view (the evaluation page's API token): 赵德明's case gets its 不满意.
		const hub = new HubClient({baseUrl: backend.hubUrl, terminalId: 'T-EVAL-PAGE', token: 'demo-api-token', retries: 0});
		running.push(hub);
		let evaluated: CaseRecord | undefined;
		await vi.waitFor(
			async () => {
				const page = await hub.listCases({terminalId: 'T-DEMO-0001', since: '2020-01-01T00:00:00Z'});
				evaluated = page.cases.find((c) => c.evaluation?.level === 'dissatisfied');
				expect(evaluated).toBeDefined();
			},
			{timeout: START_MS, interval: 100},
		);
		const caseId = evaluated!.caseId;

		// The clerk's queue has the other work, never the follow-up.
		await tui.press('w');
		await tui.waitForText(zh('view.work'));
		await vi.waitFor(async () => {
			await tui.press('R');
			expect(hasRow(tui, zh('work.need.pickup'), '王**')).toBe(true);
		}, START_MS);
		expect(tui.frame()).not.toContain(zh('work.need.follow_up'));
		expect(tui.frame()).not.toContain(caseId);

		// 赵主管 signs in (the clerk signs out first).
		await tui.press(':');
		await tui.type('signout');
		await tui.press(KEYS.enter);
		await signIn(tui, 'op-9002', '802802');
		await tui.waitForText(zh('flash.signedIn', {name: '赵主管'}), START_MS);
		await tui.press('w');
		await vi.waitFor(async () => {
			await tui.press('R');
			expect(hasRow(tui, zh('work.need.follow_up'), '赵**')).toBe(true);
		}, START_MS);
		expect(tui.frame()).toContain(zh('eval.dissatisfied'));
		fits();

		// Ranked with the others: move to it and open it.
		for (let i = 0; i < 8; i++) await tui.press('k');
		for (let i = 0; i < 10 && !hasRow(tui, zh('work.need.follow_up'), '赵**', true); i++) await tui.press('j');
		expect(hasRow(tui, zh('work.need.follow_up'), '赵**', true), tui.frame()).toBe(true);
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('task.title.follow_up', {caseId, item: ''}).trim().slice(0, 10));
		expect(tui.frame()).toContain(zh('task.evaluation', {level: zh('eval.dissatisfied'), at: ''}).slice(0, 8));
		expect(tui.frame()).toContain('办理时间比承诺的长');
		expect(tui.frame()).toContain(zh('key.recordFollowUp'));
		fits();

		// An empty note is refused before anything is sent.
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('task.noteEmpty'));
		expect(evaluated!.evaluation!.followUp).toBeNull();
		// The note: typed, an IME's committed text, a backspace (as hinted in the help).
		await tui.press('已电话回访赵先生致歉，');
		await tui.press('并约定办理进度短信提醒');
		await tui.type('xx');
		await tui.press(KEYS.backspace);
		await tui.press(KEYS.backspace);
		fits();
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('flash.followedUp', {caseId}), START_MS);
		const note = '已电话回访赵先生致歉，并约定办理进度短信提醒';
		expect((await hub.getCase(caseId)).evaluation!.followUp).toMatchObject({note, operatorId: 'op-9002'});
		// The row left the queue.
		await waitGoneFromQueue(tui, zh('work.need.follow_up'), '赵**', START_MS);
		fits();

		// The audit has it under the supervisor, with the note's digest and never the words.
		await vi.waitFor(async () => {
			const entry = (await listRecent(dir, 200)).find((e) => e.action === 'case.follow_up');
			expect(entry).toMatchObject({outcome: 'ok', operator: {id: 'op-9002'}, target: {caseId}, details: {level: 'dissatisfied', noteLength: [...note].length}});
		});
		const audited = JSON.stringify(await listRecent(dir, 200));
		expect(audited).not.toContain('赵先生');
		expect(audited).not.toContain('办理时间比承诺的长');

		// 今日办件 (c): the case's mark, the citizen's words and the follow-up under its timeline.
		await tui.press('c');
		await vi.waitFor(async () => {
			await tui.press('R');
			for (let i = 0; i < 6 && !tui.frame().includes(`${zh('cases.timeline', {id: caseId})}`); i++) await tui.press('j');
			for (let i = 0; i < 6 && !tui.frame().includes(`${zh('cases.timeline', {id: caseId})}`); i++) await tui.press('k');
			expect(tui.frame()).toContain(zh('cases.timeline', {id: caseId}));
			expect(tui.frame()).toContain('整改：');
		}, START_MS);
		expect(tui.frame().split('\n').some((line) => line.includes(caseId) && line.includes(zh('cases.mark.dissatisfied')))).toBe(true);
		expect(tui.frame()).toContain('办理时间比承诺的长');
		expect(tui.frame()).toContain('op-9002');
		fits();
	}, 90_000);
});

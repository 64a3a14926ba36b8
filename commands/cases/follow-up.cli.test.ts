/**
 * `tongban cases follow-up` (issue 15, 好差评) through the BUILT binary (dist/bundle/tongban.js,
 * built by `npm test`) against the mock hub on 127.0.0.1, port 0, on a manual clock whose plan
 * makes every citizen evaluate: a supervisor's session records the 整改 note once (a re-run is the
 * same follow-up), `--operator` signs a supervisor in with the PIN from standard input; a clerk is
 * refused with the specific message (exit 2) and nothing changes; an empty note and a case
 * without a bad evaluation are refused (exit 2); `cases show` prints the evaluation and its
 * follow-up. Audited as case.follow_up with the note's digest, never its words.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startMockHub, type MockHub} from '../../mocks/hub/server.js';
import {demoDraft} from '../../mocks/hub/demo-cases.js';
import {manualClock} from '../../mocks/hub/testing.js';
import type {CasePlan} from '../../mocks/hub/state.js';
import {ERROR_TEXTS} from '../../src/i18n/errors.js';
import {hubText} from '../../src/i18n/hub.js';
import {listRecent} from '../../src/store/audit-store.js';
import {BUILT_CLI, requireBuiltCli, runScript} from '../../src/test-utils/cli-process.js';
import {tempDirs} from '../../src/test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-followup-');
const clock = manualClock(new Date('2026-12-03T01:00:00.000Z'));
const REASON = '窗口对材料要求解释不清，跑了两趟';
/** Cases marked `bad` get a 不满意 from their citizen, the others a 非常满意. */
const plan = (_caseId: string, submission: {answers: Record<string, unknown>}): CasePlan => ({
	outcome: 'approved',
	delivery: 'licence',
	originalsRequired: false,
	evaluation: submission.answers['bad'] ? {level: 'dissatisfied', reason: REASON} : {level: 'very_satisfied', reason: ''},
});
let hub: MockHub;

beforeAll(async () => {
	requireBuiltCli();
	hub = await startMockHub({clock, plan, stepMs: 1000});
});
afterAll(async () => {
	await hub.close();
});

/** A case of the branch that its citizen evaluated (6 steps: completed, then evaluated). */
function evaluatedCase(n: number, bad: boolean): string {
	const {record} = hub.state.createCase(`followup-cli-${String(n).padStart(4, '0')}`, {...demoDraft({createdAt: clock.now().toISOString()}), materials: [], answers: {n, bad}, branchCode: '440305001'});
	clock.advance(6_000);
	return record.caseId;
}

const tokenOf = (operatorId: string, pin: string) => hub.state.signIn(operatorId, pin).token;

const run = (args: string[], options: {dataDir: string; token?: string; stdin?: string}) =>
	runScript(BUILT_CLI, ['cases', ...args, '--hub', hub.url, '--data-dir', options.dataDir], {
		env: {...process.env, TONGBAN_HUB_TOKEN: options.token ?? '', TONGBAN_AUDIT_WAIT_MS: '0', FORCE_COLOR: '0'},
		stdin: options.stdin ?? '',
	});

const NOTE = '已电话回访致歉，材料清单已在窗口张贴，并增设导办员';

describe('tongban cases follow-up', () => {
	it('records a supervisor’s note once, shows it with the evaluation, and audits it without its words', async () => {
		const dataDir = tempDir();
		const caseId = evaluatedCase(1, true);
		const token = tokenOf('op-9002', '802802');
		const first = await run(['follow-up', caseId, '--note', NOTE], {dataDir, token});
		expect(first.stderr).toBe('');
		expect(first.code).toBe(0);
		expect(first.stdout).toContain(hubText('zh-CN', 'followUp.done', {caseId, level: '不满意'}));
		expect(hub.state.getCase(caseId)!.evaluation).toMatchObject({level: 'dissatisfied', reason: REASON, followUp: {note: NOTE, operatorId: 'op-9002', at: clock.now().toISOString()}});
		// Again (a script's retry): the same follow-up, nothing recorded twice.
		const again = await run(['follow-up', caseId, '--note', NOTE, '--json'], {dataDir, token});
		expect(again.code).toBe(0);
		expect(JSON.parse(again.stdout)).toMatchObject({caseId, evaluation: {level: 'dissatisfied', followUp: {operatorId: 'op-9002', note: NOTE}}});
		// Another note after it was recorded: refused by the hub, exit 2.
		const other = await run(['follow-up', caseId, '--note', '再次回访'], {dataDir, token});
		expect(other.code).toBe(2);
		expect(other.stderr).toContain(ERROR_TEXTS['hub_follow_up_recorded']!['zh-CN']);

		const shown = await run(['show', caseId], {dataDir, token: 'demo-api-token'});
		expect(shown.code).toBe(0);
		expect(shown.stdout).toContain(`评价：不满意`);
		expect(shown.stdout).toContain(REASON);
		expect(shown.stdout).toContain(`op-9002：${NOTE}`);
		const json = JSON.parse((await run(['show', caseId, '--json', '--lang', 'en'], {dataDir, token: 'demo-api-token'})).stdout) as {case: {evaluation: {level: string; reason: string}}};
		expect(json.case.evaluation).toMatchObject({level: 'dissatisfied', reason: REASON});
		const en = await run(['show', caseId, '--lang', 'en'], {dataDir, token: 'demo-api-token'});
		expect(en.stdout).toContain('Evaluation: dissatisfied');

		const entries = (await listRecent(dataDir, 50)).filter((e) => e.action === 'case.follow_up');
		expect(entries.map((e) => e.outcome)).toEqual(['ok', 'ok', 'denied']);
		expect(entries[0]!.details).toMatchObject({caseId, level: 'dissatisfied', noteLength: [...NOTE].length});
		expect(JSON.stringify(entries)).not.toContain(NOTE.slice(0, 6));
		expect(JSON.stringify(entries)).not.toContain(REASON.slice(0, 6));
	});

	it('lists the follow-up in `cases work` for a supervisor only', async () => {
		const dataDir = tempDir();
		const caseId = evaluatedCase(6, true);
		const listed = async (token: string) => {
			const work = await run(['work', '--json'], {dataDir, token});
			expect(work.code).toBe(0);
			return (JSON.parse(work.stdout) as {items: Array<{caseId: string; need: string}>}).items.filter((i) => i.caseId === caseId).map((i) => i.need);
		};
		expect(await listed(tokenOf('op-9002', '802802'))).toEqual(['follow_up']);
		expect(await listed(tokenOf('op-1001', '246810'))).toEqual([]);
		const text = await run(['work'], {dataDir, token: tokenOf('op-9001', '900900')});
		expect(text.stdout.split('\n').find((line) => line.includes(caseId))).toContain(`差评整改  ${caseId}`);
		expect(text.stdout).toContain(`不满意：${REASON}`);
	});

	it('signs a supervisor in with --operator and the PIN on standard input, and out again', async () => {
		const dataDir = tempDir();
		const caseId = evaluatedCase(2, true);
		const sessions = hub.state.sessions.size;
		const done = await run(['follow-up', caseId, '--note', NOTE, '--operator', 'op-9001', '--json'], {dataDir, stdin: '900900\n'});
		expect(done.stderr).toBe('');
		expect(JSON.parse(done.stdout)).toMatchObject({evaluation: {followUp: {operatorId: 'op-9001'}}});
		expect(hub.state.sessions.size).toBe(sessions);
		expect((await listRecent(dataDir, 20)).find((e) => e.action === 'case.follow_up')?.operator).toEqual({id: 'op-9001', role: 'supervisor'});
		const noPin = await run(['follow-up', evaluatedCase(3, true), '--note', NOTE, '--operator', 'op-9001'], {dataDir});
		expect(noPin.code).toBe(2);
		expect(noPin.stderr).toContain(ERROR_TEXTS['follow_up_pin_missing']!['zh-CN']);
	});

	it('refuses a clerk (the specific message), an empty note and a case without a bad evaluation; nothing changes', async () => {
		const dataDir = tempDir();
		const caseId = evaluatedCase(4, true);
		const sent = () => hub.counts.get('cases.followUp') ?? 0;
		const clerk = await run(['follow-up', caseId, '--note', NOTE], {dataDir, token: tokenOf('op-1001', '246810')});
		expect(clerk.code).toBe(2);
		expect(clerk.stderr).toContain(ERROR_TEXTS['hub_supervisor_required']!['zh-CN']);
		const en = await run(['follow-up', caseId, '--note', NOTE, '--lang', 'en'], {dataDir, token: 'demo-api-token'});
		expect(en.code).toBe(2);
		expect(en.stderr).toContain(ERROR_TEXTS['hub_supervisor_required']!.en);
		expect(hub.state.getCase(caseId)!.evaluation!.followUp).toBeNull();
		expect((await listRecent(dataDir, 20)).filter((e) => e.action === 'case.follow_up').map((e) => e.outcome)).toEqual(['denied', 'denied']);

		const supervisor = tokenOf('op-9002', '802802');
		const before = sent();
		for (const note of ['', '   ']) {
			const empty = await run(['follow-up', caseId, '--note', note], {dataDir, token: supervisor});
			expect(empty.code).toBe(2);
			expect(empty.stderr).toContain(ERROR_TEXTS['follow_up_note_empty']!['zh-CN']);
		}
		const long = await run(['follow-up', caseId, '--note', '整'.repeat(501)], {dataDir, token: supervisor});
		expect(long.code).toBe(2);
		expect(long.stderr).toContain(ERROR_TEXTS['follow_up_note_long']!['zh-CN'].replace('{max}', '500'));
		expect(sent()).toBe(before);

		const good = await run(['follow-up', evaluatedCase(5, false), '--note', NOTE], {dataDir, token: supervisor});
		expect(good.code).toBe(2);
		expect(good.stderr).toContain(ERROR_TEXTS['hub_follow_up_not_needed']!['zh-CN']);
		expect(hub.state.getCase(caseId)!.evaluation!.followUp).toBeNull();
	});
});

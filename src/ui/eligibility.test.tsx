/**
 * The eligibility step of the counter flow over the real eligibility service (a small test rule
 * set, in-memory facts) and fake ports: opened from the item detail with `e` or `:check`, it asks
 * only the open questions (yes/no, multi-choice, date, number), re-evaluates after each answer,
 * shows the result with rule, source and confidence, and audits the final decision without the
 * full ID number. Every screen is checked at 80 and 120 columns against the width invariant.
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {testEligibility} from '../test-utils/eligibility.js';
import {cardEvent, createFakeServices, fakeAudit, fakeReader, fakeSession, fixedClock, manualTimers} from '../test-utils/fixtures.js';
import {fitsIn, KEYS, openItem, renderConsole, signIn, type Tui} from '../test-utils/renderTui.js';
import {createTranslator} from './i18n/index.js';

afterEach(() => cleanup());
const zh = createTranslator('zh-CN');
const en = createTranslator('en');
const NUMBER = '110105198503120514';
const MASKED = '110105********0514';

function setup(options: {facts?: Parameters<typeof testEligibility>[1]} = {}) {
	const clock = fixedClock();
	const reader = fakeReader();
	const audit = fakeAudit();
	const eligibility = testEligibility(clock, options.facts);
	const services = createFakeServices({clock, timers: manualTimers(clock), session: fakeSession(), reader, audit, eligibility, counterRegion: '440305'});
	return {services, reader, audit, eligibility};
}

async function signInAndOpenItem(tui: Tui, t = zh) {
	await signIn(tui, {t});
	await openItem(tui, {t});
}

describe.each([80, 120])('eligibility step at %i columns', (columns) => {
	const rows = 24;
	const fits = fitsIn(columns, rows);

	it('asks for a number when there is no applicant, then only the open questions, one per type, and audits the decision', async () => {
		const {services, audit, eligibility} = setup();
		const tui = await renderConsole({services, columns, rows});
		await signInAndOpenItem(tui);
		// The step's key is in the hint line where it fits, and always in the help.
		if (columns >= 120) expect(tui.frame()).toContain(`e ${zh('key.eligibility')}`);
		await tui.press('?');
		await tui.waitForText(zh('key.eligibility'));
		await tui.press(KEYS.escape);
		await tui.press('e');
		await tui.waitForText(zh('elig.numberPrompt'));
		expect(tui.frame()).toContain(zh('elig.noApplicant'));
		fits(tui);
		// Letters cannot be part of a number; a wrong check digit is refused with the problem.
		await tui.press('r11010519850312051');
		await tui.press('9');
		await tui.press(KEYS.enter);
		await tui.waitForText('校验码');
		expect(eligibility.queries).toBe(0);
		await tui.press(KEYS.backspace);
		await tui.press('4');
		await tui.press(KEYS.enter);

		// 1. yes/no (blocking): the counter and item regions are shown, the number masked.
		await tui.waitForText('是否已在新就业地参保');
		expect(tui.frame()).toContain(MASKED);
		expect(tui.frame()).not.toContain(NUMBER);
		expect(tui.frame()).toContain('440305');
		expect(tui.frame()).toContain(zh('elig.result.needs_checking'));
		expect(tui.frame()).toContain(zh('elig.blocking'));
		fits(tui);
		await tui.press('s');
		await tui.waitForText(zh('flash.cannotSkip'));
		await tui.press('y');

		// 2. multi-choice: tick two options with space, confirm with enter.
		await tui.waitForText('带来了哪些证明');
		expect(tui.frame()).not.toContain('是否已在新就业地参保');
		await tui.press(' ');
		await tui.press('j');
		await tui.press('j');
		await tui.press(' ');
		await tui.waitForText('[x] 其他');
		expect(tui.frame()).toContain('[x] 劳动合同');
		fits(tui);
		await tui.press(KEYS.enter);

		// 3. date: a malformed date names the problem; a good one re-evaluates.
		await tui.waitForText('哪天离开原单位');
		await tui.press('2026-13-01');
		await tui.press(KEYS.enter);
		await tui.waitForText('收到“2026-13-01”');
		fits(tui);
		await tui.press(KEYS.ctrlU);
		await tui.press('2026-02-01');
		await tui.press(KEYS.enter);

		// 4. number, warning-only: the result is already eligible.
		await tui.waitForText('在新就业地缴费几个月');
		expect(tui.frame()).toContain(zh('elig.warningOnly'));
		expect(tui.frame()).toContain(zh('elig.result.eligible'));
		await tui.press('6');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('elig.warnings'));
		expect(tui.frame()).toContain('缴费不足 12 个月');
		expect(tui.frame()).toContain(zh('elig.result.eligible'));
		expect(tui.frame()).toContain(zh('elig.meta', {rule: 'not-drawing', source: '测试依据甲', confidence: zh('confidence.medium')}));
		fits(tui);
		// The rule set version is at the end of the result: page down until it shows.
		for (let i = 0; i < 5 && !tui.frame().includes('2026.99.1'); i++) await tui.press(KEYS.pageDown);
		await tui.waitForText(zh('elig.version', {version: '2026.99.1', date: '2026-03-02'}));
		fits(tui);

		// Each answer re-evaluated once: number, yes, proofs, date, months.
		expect(eligibility.queries).toBe(5);
		const decisions = audit.entries.filter((e) => e.action === 'eligibility.decide');
		// Final from the date answer on (only the warning-only question was left), once per answer set.
		expect(decisions).toHaveLength(2);
		expect(decisions.at(-1)).toMatchObject({
			outcome: 'ok',
			target: {itemCode: '990100000001'},
			details: {ruleSetVersion: '2026.99.1', eligible: true, result: 'eligible', idNumberMasked: MASKED, counterRegion: '440305'},
		});
		expect(JSON.stringify(audit.entries)).not.toContain(NUMBER);

		// R re-checks without a second audit entry for the same decision; esc returns to the detail.
		await tui.press('R');
		await tui.waitForText(zh('elig.result.eligible'));
		expect(eligibility.queries).toBe(6);
		expect(audit.entries.filter((e) => e.action === 'eligibility.decide')).toHaveLength(2);
		await tui.press(KEYS.escape);
		await tui.waitForText(zh('detail.implementationCode'));
	});

	it('uses the card on the reader; a refusal shows the failed rule and is audited as denied', async () => {
		const {services, reader, audit} = setup({facts: {[NUMBER]: {'pension.recipient': true}}});
		const tui = await renderConsole({services, columns, rows});
		await signInAndOpenItem(tui);
		reader.place(cardEvent());
		await tui.waitForText(MASKED);
		await tui.press(KEYS.escape);
		await tui.waitForText(zh('detail.implementationCode'));
		await tui.press(':');
		await tui.press('check');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('elig.result.not_eligible'));
		expect(tui.frame()).toContain('已在领取养老金，不能转移');
		expect(tui.frame()).toContain(MASKED);
		fits(tui);
		await tui.press('y');
		await tui.press(' ');
		await tui.press(KEYS.enter);
		await tui.press('2026-01-01');
		await tui.press(KEYS.enter);
		await vi.waitFor(() => expect(audit.entries.some((e) => e.action === 'eligibility.decide' && e.outcome === 'denied')).toBe(true));
		expect(audit.entries.filter((e) => e.action === 'eligibility.decide').at(-1)).toMatchObject({outcome: 'denied', details: {eligible: false, result: 'not_eligible', ruleSetVersion: '2026.99.1'}});
	});

	it('a new card during the step starts over for the new applicant', async () => {
		const {services, reader} = setup();
		const tui = await renderConsole({services, columns, rows});
		await signInAndOpenItem(tui);
		await tui.press('e');
		await tui.waitForText(zh('elig.numberPrompt'));
		reader.place(cardEvent());
		await tui.waitForText('是否已在新就业地参保');
		expect(tui.frame()).toContain(zh('view.eligibility'));
		await tui.press('y');
		await tui.waitForText('带来了哪些证明');
		reader.place(cardEvent({first17: '11010519850312052', name: '王芳'}));
		await tui.waitForText('是否已在新就业地参保');
		fits(tui);
	});

	it('shows the keys in help and hints, and works in English', async () => {
		const {services} = setup();
		const tui = await renderConsole({services, columns, rows, lang: 'en'});
		await signInAndOpenItem(tui, en);
		await tui.press('e');
		await tui.press(NUMBER);
		await tui.press(KEYS.enter);
		await tui.waitForText('insured at the new workplace?');
		expect(tui.frame()).toContain(en('elig.result.needs_checking'));
		fits(tui);
		await tui.press('?');
		await tui.waitForText(en('key.answerYes'));
		expect(tui.frame()).toContain(en('key.recheck'));
		fits(tui);
	});
});


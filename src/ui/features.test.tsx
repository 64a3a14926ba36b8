/**
 * Sign-in, roles, idle lock, the applicant panel, cases and the audit view, over fake ports with
 * an injected clock and manual timers (nothing sleeps). Every screen is checked at 80 and 120
 * columns against the width invariant.
 */
import {cleanup} from 'ink-testing-library';
import {DataFileCorruptError} from '../store/durable-json.js';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {
	caseRow,
	cardEvent,
	createFakeServices,
	fakeAudit,
	fakeCases,
	fakeReader,
	fakeSession,
	fixedClock,
	manualTimers,
	storedAuditEntries,
} from '../test-utils/fixtures.js';
import {fitsIn, KEYS, renderConsole, signIn} from '../test-utils/renderTui.js';
import {createTranslator} from './i18n/index.js';
import {isKnownNationality} from '../catalog/nationalities.js';

afterEach(() => cleanup());
/** Lets promise chains started by fired timers (a poll and its rescheduling) finish. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const zh = createTranslator('zh-CN');

function setup(extra: {cases?: ReturnType<typeof fakeCases>} = {}) {
	const clock = fixedClock();
	const timers = manualTimers(clock);
	const session = fakeSession();
	const reader = fakeReader();
	const audit = fakeAudit();
	const cases = extra.cases ?? fakeCases([]);
	const demoPlaced: string[] = [];
	const services = createFakeServices({
		clock,
		timers,
		session,
		reader,
		audit,
		cases,
		idleLockMinutes: 10,
		demoCards: {ids: () => ['resident', 'expired'], current: () => demoPlaced.at(-1), place: (id) => void demoPlaced.push(id), lift: () => undefined, subscribe: () => () => undefined},
	});
	return {clock, timers, session, reader, audit, cases, services, demoPlaced};
}


describe.each([80, 120])('console features at %i columns', (columns) => {
	const rows = 24;
	const fits = fitsIn(columns, rows);

	it('starts at sign-in; the PIN is masked as typed; a wrong PIN says how many tries are left', async () => {
		const {services, audit} = setup();
		const tui = await renderConsole({services, columns, rows});
		expect(tui.frame()).toContain(zh('signin.operator'));
		// Only the demo prints its made-up operators.
		expect(tui.frame().includes(zh('signin.demoHint'))).toBe(services.hubState() === 'demo');
		fits(tui);
		await tui.press('op-1001');
		await tui.press(KEYS.tab);
		await tui.type('1234');
		expect(tui.frame()).toContain('****');
		expect(tui.frame()).not.toContain('1234');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('signin.invalidLeft', {count: 4}));
		fits(tui);
		expect(audit.entries.at(-1)).toMatchObject({action: 'session.sign_in', outcome: 'denied'});
		// The PIN never reaches the audit log.
		expect(JSON.stringify(audit.entries)).not.toContain('1234');
		await tui.press('246810');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('view.search'));
		expect(tui.frame()).toContain('陈晓丽');
		expect(audit.entries.at(-1)).toMatchObject({action: 'session.sign_in', outcome: 'ok'});
		expect(audit.actors).toContain('op-1001:clerk');
	});

	it('shows "locked" after five wrong PINs', async () => {
		const {services} = setup();
		const tui = await renderConsole({services, columns, rows});
		await tui.press('op-1002');
		await tui.press(KEYS.enter);
		for (let i = 0; i < 5; i++) {
			await tui.press('000000');
			await tui.press(KEYS.enter);
		}
		await tui.waitForText(zh('signin.locked'));
		fits(tui);
	});

	it('the audit view names a damaged part instead of showing an empty log', async () => {
		const admin = setup();
		admin.audit.recent = async () => {
			throw new DataFileCorruptError('/data/audit/2026-03-02.0001.json', {kind: 'shape', path: 'entries.3'});
		};
		const tui = await renderConsole({services: admin.services, columns, rows});
		await signIn(tui, {id: 'op-9001', pin: '900900'});
		await tui.press('A');
		await tui.waitForText('2026-03-02.0001.json');
		expect(tui.frame()).not.toContain(zh('audit.empty'));
		fits(tui);
	});

	it('a clerk has no audit view in hints, help or palette; an admin has', async () => {
		const {services} = setup();
		const tui = await renderConsole({services, columns: 200, rows});
		await signIn(tui);
		await tui.press('?');
		expect(tui.frame()).toContain(zh('key.readCard'));
		expect(tui.frame()).not.toContain(zh('key.audit'));
		await tui.press(KEYS.escape);
		await tui.press(':');
		await tui.press('audit');
		await tui.waitForText(zh('palette.noMatch'));
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('flash.notAllowed', {name: 'audit'}));
		await tui.press('A');
		expect(tui.frame()).not.toContain(zh('audit.title', {count: 0}));
		cleanup();

		const admin = setup();
		admin.audit.stored = storedAuditEntries(40);
		const tui2 = await renderConsole({services: admin.services, columns, rows});
		await signIn(tui2, {id: 'op-9001', pin: '900900'});
		await tui2.press('A');
		await tui2.waitForText(zh('audit.title', {count: 40}));
		expect(tui2.frame()).toContain('40/40');
		expect(tui2.frame()).toContain('card.read');
		fits(tui2);
		await tui2.press('g');
		await tui2.waitForText('1-');
		expect(tui2.frame()).toMatch(/1-\d+\/40/);
		await tui2.press('j');
		expect(tui2.frame()).toMatch(/2-\d+\/40/);
		fits(tui2);
	});

	it('locks after idleLockMinutes without a key, and the PIN resumes the same view', async () => {
		const {services, timers, audit} = setup();
		const tui = await renderConsole({services, columns, rows});
		await signIn(tui);
		await tui.press('c');
		await tui.waitForText(zh('cases.empty'));
		timers.advance(9 * 60_000);
		await tui.press('j'); // activity resets the idle time
		timers.advance(9 * 60_000);
		expect(tui.frame()).not.toContain(zh('lock.hint'));
		timers.advance(2 * 60_000);
		await tui.waitForText(zh('lock.hint'));
		fits(tui);
		expect(audit.entries.at(-1)).toMatchObject({action: 'session.lock', details: {reason: 'idle'}});
		await tui.press('246810');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('cases.empty'));
		expect(audit.entries.at(-1)).toMatchObject({action: 'session.unlock', outcome: 'ok'});
	});

	it('a key pressed the moment sign-in lands (before React re-renders) already has the operator\'s keys', async () => {
		const {services, audit} = setup();
		let tui: Awaited<ReturnType<typeof renderConsole>> | undefined;
		// The sign-in entry is recorded right after the session state changes, synchronously: a key
		// written from there arrives while the last frame (and its input handler) is still the sign-in one.
		const record = audit.record.bind(audit);
		audit.record = async (input) => {
			if (input.action === 'session.sign_in' && input.outcome === 'ok') tui?.stdin.write('c');
			await record(input);
		};
		tui = await renderConsole({services, columns, rows});
		await tui.press('op-1001');
		await tui.press(KEYS.enter);
		await tui.press('246810');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('cases.empty'));
	});

	it.each([
		['q', ['q']],
		[':quit', [':', 'quit', KEYS.enter]],
	])('quitting with %s while signed in ends the session in the audit', async (_name, keys) => {
		const {services, audit} = setup();
		const onQuit = vi.fn();
		const tui = await renderConsole({services, columns, rows, onQuit});
		await signIn(tui);
		for (const key of keys) await tui.press(key);
		expect(onQuit).toHaveBeenCalledTimes(1);
		expect(audit.entries.at(-1)).toMatchObject({action: 'session.sign_out', outcome: 'ok', operator: {id: 'op-1001'}, details: {reason: 'quit'}});
	});

	it('reads a card with the hotkey: masked fields, reader state in the top bar, audit with hashes', async () => {
		const {services, reader, audit} = setup();
		const tui = await renderConsole({services, columns, rows});
		await signIn(tui);
		expect(tui.frame()).toContain(zh('topbar.reader', {state: zh('reader.idle')}));
		reader.place(cardEvent());
		await tui.waitForText('110105********0514');
		expect(tui.frame()).toContain('李**');
		expect(tui.frame()).not.toContain('110105198503120514');
		expect(tui.frame()).toContain(zh('reader.card-present'));
		fits(tui);
		const read = audit.entries.find((e) => e.action === 'card.read');
		expect(read?.details).toMatchObject({idNumberMasked: '110105********0514', textSha256: 'b'.repeat(64), photoSha256: 'a'.repeat(64)});
		expect(JSON.stringify(audit.entries)).not.toContain('110105198503120514');
		await tui.press('r');
		expect(reader.reads).toBe(2);
	});

	it('the card read again while it lies there (placement and r) leaves the clerk\'s screen alone: a search being typed and a reveal survive', async () => {
		const {services, reader, audit} = setup();
		const tui = await renderConsole({services, columns, rows});
		await signIn(tui);
		reader.place(cardEvent());
		await tui.waitForText('110105********0514');
		await tui.press('v');
		await tui.press('y');
		await tui.waitForText('110105198503120514');
		await tui.press('/');
		await tui.type('养老');
		await tui.waitForText(zh('view.search'));
		void reader.readNow();
		await vi.waitFor(() => expect(audit.entries.filter((e) => e.action === 'card.read')).toHaveLength(2));
		await tui.type('保险');
		await tui.waitForText('养老保险');
		expect(tui.frame()).toContain(zh('view.search'));
		expect(tui.frame()).not.toContain(zh('view.applicant'));
		// esc clears the query, esc again leaves the input; a opens the applicant.
		await tui.press(KEYS.escape);
		await tui.press(KEYS.escape);
		await tui.press('a');
		await tui.waitForText(zh('view.applicant'));
		// The reveal the clerk confirmed is still there: the same citizen, nothing reset.
		expect(tui.frame()).toContain('110105198503120514');
		// Another citizen's card still takes the counter to the applicant.
		await tui.press('/');
		await tui.waitForText(zh('view.search'));
		reader.place(cardEvent({first17: '51010719560920113'}));
		await tui.waitForText(zh('view.applicant'));
		expect(tui.frame()).not.toContain('110105198503120514');
		fits(tui);
	});

	it('reveals the full number only after confirmation, and audits it', async () => {
		const {services, reader, audit} = setup();
		const tui = await renderConsole({services, columns, rows});
		await signIn(tui);
		reader.place(cardEvent());
		await tui.waitForText('110105********0514');
		await tui.press('v');
		await tui.waitForText(zh('applicant.confirmReveal').slice(0, 10));
		await tui.press('n');
		expect(tui.frame()).not.toContain('110105198503120514');
		await tui.press('v');
		await tui.press('y');
		await tui.waitForText('110105198503120514');
		fits(tui);
		expect(audit.entries.at(-1)).toMatchObject({action: 'card.reveal', details: {idNumberMasked: '110105********0514'}});
	});

	it.each([
		['2025-01-01', 'validity.expired'],
		['2026-04-15', 'validity.expiring'],
		['long-term', 'validity.long-term'],
	] as const)('shows the validity of a card valid until %s', async (validUntil, key) => {
		const {services, reader} = setup();
		const tui = await renderConsole({services, columns, rows});
		await signIn(tui);
		reader.place(cardEvent({validUntil}));
		await tui.waitForText(zh(key, {days: 44}));
		fits(tui);
	});

	it('manual entry validates as typed with the specific problem', async () => {
		const {services} = setup();
		const tui = await renderConsole({services, columns, rows});
		await signIn(tui);
		await tui.press('a');
		await tui.press('n');
		await tui.press('11010519850312');
		await tui.waitForText('18');
		await tui.press('0519');
		await tui.waitForText(zh('applicant.manualPrompt'));
		expect(tui.frame()).toMatch(/校验码错误/);
		fits(tui);
		await tui.press(KEYS.backspace);
		await tui.press('4');
		await tui.waitForText(zh('applicant.manualOk'));
		await tui.press(KEYS.enter);
		await tui.waitForText('110105********0514');
		expect(tui.frame()).toContain(zh('applicant.sourceManual'));
	});

	it('a typed 2023 foreign permanent residence number is checked against the nationality table', async () => {
		const {services} = setup();
		const tui = await renderConsole({services: {...services, isKnownNationality}, columns, rows});
		await signIn(tui);
		await tui.press('a');
		await tui.press('n');
		// 9, province 31, nationality 999 (no such GB/T 2659 code), birth date, sequence, check digit.
		await tui.press('931999198503120511');
		await tui.waitForText('国籍代码“999”不是已知的外国国家或地区代码');
		fits(tui);
		for (let i = 0; i < 18; i++) await tui.press(KEYS.backspace);
		await tui.press('931840198503120515'); // 840: the United States
		await tui.waitForText(zh('applicant.manualOk'));
	});

	it('the demo key places demo cards', async () => {
		const {services, demoPlaced} = setup();
		const tui = await renderConsole({services, columns, rows});
		await signIn(tui);
		await tui.press('a');
		await tui.waitForText(zh('applicant.noneDemo'));
		await tui.press('p');
		await tui.press('p');
		expect(demoPlaced).toEqual(['resident', 'expired']);
	});

	it('cases: list with status, timeline with stages, polling with backoff, a flash on a status change', async () => {
		const cases = fakeCases([
			caseRow('TB44-20260302-0000001', [
				['received', '2026-03-02T09:00:00Z'],
				['dispatched', '2026-03-02T09:01:00Z'],
			]),
			caseRow('TB44-20260302-0000002', [['received', '2026-03-02T09:10:00Z']], '赵*明'),
		]);
		const {services, timers, audit} = setup({cases});
		const tui = await renderConsole({services, columns, rows});
		await signIn(tui);
		await tui.press('c');
		await tui.waitForText(zh('cases.title', {count: 2}));
		expect(tui.frame()).toContain(zh('status.dispatched'));
		expect(tui.frame()).toMatch(/收\* -> \[分\]/);
		fits(tui);
		expect(cases.refreshes).toBe(1);
		timers.advance(20_000);
		await settle();
		expect(cases.refreshes).toBe(2);
		cases.fail = true;
		timers.advance(20_000);
		await settle();
		expect(cases.refreshes).toBe(3);
		await tui.waitForText(zh('cases.pollFailed', {seconds: 40}));
		timers.advance(39_000);
		await settle();
		expect(cases.refreshes).toBe(3);
		cases.fail = false;
		cases.rows = [
			caseRow('TB44-20260302-0000001', [
				['received', '2026-03-02T09:00:00Z'],
				['dispatched', '2026-03-02T09:01:00Z'],
				['accepted', '2026-03-02T09:02:00Z'],
			]),
			cases.rows[1]!,
		];
		timers.advance(1_000);
		await settle();
		expect(cases.refreshes).toBe(4);
		await tui.waitForText(zh('flash.caseStatus', {id: 'TB44-20260302-0000001', from: zh('status.dispatched'), to: zh('status.accepted')}));
		expect(audit.entries.at(-1)).toMatchObject({action: 'case.status_seen', target: {caseId: 'TB44-20260302-0000001'}, details: {status: 'accepted'}});
		await tui.press('j');
		expect(tui.frame()).toContain(zh('cases.timeline', {id: 'TB44-20260302-0000002'}));
		fits(tui);
	});

	it(':signout returns to sign-in and clears the applicant', async () => {
		const {services, reader, session, audit} = setup();
		const tui = await renderConsole({services, columns, rows});
		await signIn(tui);
		reader.place(cardEvent());
		await tui.waitForText('110105********0514');
		await tui.press(':');
		await tui.press('signout');
		await tui.press(KEYS.enter);
		await tui.waitForText(zh('signin.hint'));
		expect(session.calls).toContain('signOut');
		expect(audit.entries.some((e) => e.action === 'session.sign_out')).toBe(true);
		await signIn(tui);
		await tui.press('a');
		expect(tui.frame()).not.toContain('110105********0514');
	});
});

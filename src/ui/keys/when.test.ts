/**
 * A key is offered only when it can act (keys/when.ts), and the router, the hint line and the
 * help read the same answer: the cases issue 16.4 named, over states built by the reducers.
 */
import {describe, expect, it} from 'vitest';
import type {CounterDraft} from '../../core/cases/counter-draft.js';
import type {Decision, OpenQuestion} from '../../core/eligibility/model.js';
import {createTranslator} from '../i18n/index.js';
import {focusOf} from '../state/derived.js';
import {appReducer, initialState, type AppAction, type AppState} from '../state/index.js';
import {hintEntries} from './hints.js';
import {bindingsFor, KEYMAP} from './keymap.js';
import {routeAll} from './router.js';
import {tokenize} from './tokens.js';
import {keyAvailability, type KeyContext} from './when.js';

const zh = createTranslator('zh-CN');
const key = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false};

function stateAfter(...actions: AppAction[]): AppState {
	return actions.reduce(appReducer, {...initialState('zh-CN'), session: {...initialState('zh-CN').session, status: 'signedIn'}});
}
const ctx = (state: AppState, extra: Partial<KeyContext> = {}): KeyContext => ({state, hits: 3, cases: 0, helpMax: 0, ...extra});
/** The hint entries and the help's bindings of the state, and what a key does there. */
function keysOf(state: AppState, extra: Partial<KeyContext> = {}) {
	const available = keyAvailability(ctx(state, extra));
	const focus = focusOf(state);
	return {
		focus,
		hints: hintEntries(focus, zh, KEYMAP, available),
		help: bindingsFor(focus, KEYMAP, available).map((binding) => binding.action),
		press: (input: string, named: Partial<typeof key> = {}) => routeAll(tokenize(input, {...key, ...named}), focus, KEYMAP, available),
	};
}

const CODE = '12510107TB000010724990120000004';
const decision = (openQuestions: OpenQuestion[]): Decision => ({result: openQuestions.length ? 'needs_checking' : 'eligible', openQuestions}) as unknown as Decision;
const onEligibility = (openQuestions: OpenQuestion[]) =>
	stateAfter(
		{type: 'case/applicant', patch: {manualNumber: '110105198503120514'}},
		{type: 'openEligibility', implementationCode: CODE},
		{type: 'show', root: 'eligibility'},
		{type: 'case/eligibility', patch: {decision: decision(openQuestions)}},
	);

describe('keys offered only when they can act', () => {
	it('y / n and enter only with a question to answer: an eligible result has none', () => {
		const eligible = keysOf(onEligibility([]));
		expect(eligible.focus).toBe('eligibility');
		expect(eligible.hints.join('  ')).not.toMatch(/^y |  y |  n |enter/);
		expect(eligible.help).not.toContain('eligibility.yes');
		expect(eligible.press('y')).toEqual([{kind: 'ignored'}]);
		// The same letters where a yes/no question is asked.
		const asked = keysOf(onEligibility([{id: 'employed', type: 'yesno', blocking: true} as OpenQuestion]));
		expect(asked.hints).toEqual(expect.arrayContaining([`y ${zh('key.answerYes')}`, `n ${zh('key.answerNo')}`, `enter ${zh('key.answer')}`]));
		expect(asked.press('y')).toEqual([{kind: 'action', action: 'eligibility.yes'}]);
	});

	it('a failed capture offers retake and discard, never keep; a picture on screen offers keep', () => {
		const opened = [{type: 'openMaterials', implementationCode: CODE}, {type: 'show', root: 'materials'}] as AppAction[];
		const failed = keysOf(stateAfter(...opened, {type: 'case/capture', patch: {materialCode: 'M01', status: 'error', error: {'zh-CN': '相机故障', en: 'camera fault'}}}));
		expect(failed.focus).toBe('capture');
		expect(failed.help).not.toContain('capture.accept');
		expect(failed.help).not.toContain('capture.acceptVerified');
		expect(failed.help).toEqual(expect.arrayContaining(['capture.retake', 'capture.discard']));
		expect(failed.press('', {return: true})).toEqual([{kind: 'ignored'}]);
		// r is the capture's retake: it never falls through to the global "read card" r.
		expect(failed.press('r')).toEqual([{kind: 'action', action: 'capture.retake'}]);
		const running = keysOf(stateAfter(...opened, {type: 'case/capture', patch: {materialCode: 'M01', status: 'running'}}));
		expect(running.press('r')).toEqual([{kind: 'ignored'}]);
		const shown = keysOf(stateAfter(...opened, {type: 'case/capture', patch: {materialCode: 'M01', status: 'review', image: {jpeg: new Uint8Array(1), sha256: 'a'.repeat(64), width: 1, height: 1} as never}}));
		expect(shown.hints).toEqual(expect.arrayContaining([`enter/y ${zh('key.acceptCapture')}`, `o ${zh('key.acceptVerified')}`]));
	});

	it('a case already queued offers neither enter (submit) nor D (abandon)', () => {
		const draft = {draftId: 'd-1', itemCode: '990120000004', implementationCode: CODE, materials: []} as unknown as CounterDraft;
		const review = (submitted?: CounterDraft['submitted']) => stateAfter({type: 'case/draft', draft: {...draft, ...(submitted ? {submitted} : {})}}, {type: 'openReview'}, {type: 'show', root: 'review'});
		const open = keysOf(review());
		expect(open.help).toEqual(expect.arrayContaining(['review.submit', 'draft.abandon']));
		const queued = keysOf(review({idempotencyKey: 'k-1', submittedAt: '2026-03-02T09:30:00Z'}));
		expect(queued.focus).toBe('review');
		expect(queued.help).not.toContain('review.submit');
		expect(queued.help).not.toContain('draft.abandon');
		expect(queued.press('D')).toEqual([{kind: 'ignored'}]);
		expect(queued.press('', {return: true})).toEqual([{kind: 'ignored'}]);
	});

	it('the search opens an item only with hits; the drafts list resumes only with drafts', () => {
		expect(keysOf(stateAfter(), {hits: 0}).help).not.toContain('list.open');
		expect(keysOf(stateAfter(), {hits: 1}).help).toContain('list.open');
		const none = keysOf(stateAfter({type: 'openDrafts', list: []}, {type: 'show', root: 'drafts'}));
		expect(none.help).not.toEqual(expect.arrayContaining(['drafts.resume']));
		expect(none.help).not.toContain('draft.abandon');
	});

	it('the "drafts waiting" flash, still up on the search after the drafts view is left, names no key', () => {
		const en = createTranslator('en');
		// enter on the search opens an item: a flash saying "Enter resumes" would lie there.
		expect(zh('flash.draftsWaiting', {count: 2})).not.toMatch(/enter/i);
		expect(en('flash.draftsWaiting', {count: 2})).not.toMatch(/enter/i);
	});

	it('the help scroll keys are hinted when the help does not fit, and only then', () => {
		const help = stateAfter({type: 'nav/openOverlay', overlay: 'help'});
		expect(keysOf(help, {helpMax: 0}).hints).toEqual([`esc/? ${zh('key.close')}`.replace('esc/?', 'esc/?/q')]);
		expect(keysOf(help, {helpMax: 5}).hints).toEqual(expect.arrayContaining([`j ${zh('key.scrollDown')}`, `g ${zh('key.top')}`, `G ${zh('key.bottom')}`]));
	});
});

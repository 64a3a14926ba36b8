import {describe, expect, it} from 'vitest';
import {focusOf, viewFocusOf, viewTitleOf, workingImplementation} from './derived.js';
import {appReducer, initialState, type AppAction, type AppState} from './index.js';

const clerk = {id: 'op-1001', name: '陈晓丽', roles: ['clerk' as const]};
const run = (state: AppState, ...actions: AppAction[]) => actions.reduce(appReducer, state);

describe('the combined console state', () => {
	it('routes a slice\'s own actions to it alone, and events to every slice', () => {
		const state = initialState('zh-CN');
		const typed = appReducer(state, {type: 'search/query', query: '医保'});
		expect(typed.search.query).toBe('医保');
		for (const slice of ['session', 'case', 'nav'] as const) expect(typed[slice]).toBe(state[slice]);
		const cases = run(typed, {type: 'nav/openOverlay', overlay: 'help'}, {type: 'openDetail', implementationCode: 'A-1'});
		expect(cases.nav).toMatchObject({root: 'search', overlay: 'none'});
		expect(cases.search.details).toEqual([{implementationCode: 'A-1', scroll: 0}]);
	});

	it('a sign-out forgets everything but the language; signing in over a lock resumes the work', () => {
		const working = run(
			initialState('en', {signIn: true}),
			{type: 'signedIn', operator: clerk},
			{type: 'openDetail', implementationCode: 'A-1'},
			{type: 'openMaterials', implementationCode: 'A-1'},
		);
		expect(appReducer(working, {type: 'session/signedOut'})).toEqual(initialState('en', {signIn: true}));
		const again = run(working, {type: 'locked'}, {type: 'signedIn', operator: clerk});
		expect(again.session.status).toBe('signedIn');
		expect(again.nav.root).toBe('materials');
		expect(again.search.details).toHaveLength(1);
		const fresh = appReducer(run(working, {type: 'session/patch', patch: {status: 'signedOut'}}), {type: 'signedIn', operator: clerk});
		expect(fresh.nav.root).toBe('search');
		expect(fresh.search.details).toEqual([]);
	});

	it('derives the focus from the slices, and the view\'s focus under an overlay', () => {
		let state = initialState('zh-CN', {signIn: true});
		expect(focusOf(state)).toBe('signin');
		state = run(state, {type: 'signedIn', operator: clerk});
		expect(focusOf(state)).toBe('search');
		expect(focusOf(run(state, {type: 'focusSearch'}))).toBe('input');
		state = run(state, {type: 'openDetail', implementationCode: 'A-1'}, {type: 'nav/openOverlay', overlay: 'help'});
		expect([focusOf(state), viewFocusOf(state), viewTitleOf(state)]).toEqual(['help', 'detail', 'view.detail']);
		state = run(state, {type: 'openEligibility', implementationCode: 'A-1'});
		expect(focusOf(state)).toBe('answer');
		state = run(state, {type: 'case/applicant', patch: {manualNumber: '110105198503120519'}});
		expect(focusOf(state)).toBe('eligibility');
		state = run(state, {type: 'openMaterials', implementationCode: 'A-1'}, {type: 'case/capture', patch: {materialCode: 'M01'}});
		expect(focusOf(state)).toBe('capture');
		expect(focusOf(run(state, {type: 'case/confirmAbandon', draftId: 'd-1'}))).toBe('confirm');
		expect(focusOf(run(state, {type: 'locked'}))).toBe('lock');
		expect(viewTitleOf(run(state, {type: 'locked'}))).toBe('view.lock');
	});

	it('the implementation list worked on is the step on screen, else the last step or draft', () => {
		let state = run(initialState('zh-CN'), {type: 'openEligibility', implementationCode: 'A-1'});
		expect(workingImplementation(state)).toBe('A-1');
		state = run(state, {type: 'openMaterials', implementationCode: 'B-2'});
		expect(workingImplementation(state)).toBe('B-2');
		expect(workingImplementation(run(state, {type: 'show', root: 'search'}))).toBe('B-2');
		expect(workingImplementation(initialState('zh-CN'))).toBeUndefined();
	});
});

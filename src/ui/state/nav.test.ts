import {describe, expect, it} from 'vitest';
import {initialNav, navReducer} from './nav.js';

describe('the navigation slice', () => {
	it('opening an overlay starts the palette empty; typing resets its highlight', () => {
		const open = navReducer({...initialNav('zh-CN'), palette: {text: 'reg', selected: 2}}, {type: 'nav/openOverlay', overlay: 'palette'});
		expect(open).toMatchObject({overlay: 'palette', palette: {text: '', selected: 0}});
		const typed = navReducer(navReducer(open, {type: 'nav/paletteSelect', index: 3}), {type: 'nav/paletteText', text: 'r'});
		expect(typed.palette).toEqual({text: 'r', selected: 0});
		expect(navReducer(typed, {type: 'nav/closeOverlay'}).overlay).toBe('none');
	});

	it('each case step opens its own view and closes any overlay', () => {
		const helping = {...initialNav('en'), overlay: 'help' as const};
		expect(navReducer(helping, {type: 'openEligibility', implementationCode: 'A'})).toMatchObject({root: 'eligibility', overlay: 'none'});
		expect(navReducer(helping, {type: 'openMaterials', implementationCode: 'A'}).root).toBe('materials');
		expect(navReducer(helping, {type: 'openReview'}).root).toBe('review');
		expect(navReducer(helping, {type: 'openDrafts'}).root).toBe('drafts');
		expect(navReducer(helping, {type: 'show', root: 'cases'})).toMatchObject({root: 'cases', overlay: 'none'});
	});

	it('search, details, a fresh sign-in and the next citizen go to the search root; a lock or a resumed draft keeps the view', () => {
		const onCases = {...initialNav('zh-CN'), root: 'cases' as const, overlay: 'palette' as const};
		for (const action of [{type: 'focusSearch'}, {type: 'openDetail', implementationCode: 'A'}, {type: 'nextCitizen'}] as const) {
			expect(navReducer(onCases, action)).toMatchObject({root: 'search', overlay: 'none'});
		}
		expect(navReducer(onCases, {type: 'locked'})).toMatchObject({root: 'cases', overlay: 'none'});
	});

	it('keeps the language and the cursors of the cases and audit views', () => {
		let state = navReducer(initialNav('zh-CN'), {type: 'nav/lang', lang: 'en'});
		state = navReducer(state, {type: 'nav/selectCase', index: 2});
		state = navReducer(state, {type: 'nav/auditScroll', scroll: 9});
		expect(state).toMatchObject({lang: 'en', cases: {selected: 2}, audit: {scroll: 9}});
	});
});

import {describe, expect, it} from 'vitest';
import type {DraftRecord} from '../services.js';
import {initialSearch, searchReducer, type SearchState} from './search.js';

const withQuery = (query: string, selected = 3): SearchState => ({...initialSearch(), query, selected});

describe('the search slice', () => {
	it('a new query or filter starts at the first hit; moving the selection keeps the query', () => {
		const moved = searchReducer(withQuery('医保', 0), {type: 'search/select', index: 4});
		expect(moved).toMatchObject({query: '医保', selected: 4});
		expect(searchReducer(moved, {type: 'search/query', query: '医保 武侯'}).selected).toBe(0);
		expect(searchReducer(moved, {type: 'search/filters', filters: {mode: 'proxy'}})).toMatchObject({filters: {mode: 'proxy'}, selected: 0});
	});

	it('focusing the field closes the details and keeps the selection unless the query changes', () => {
		const opened = searchReducer(withQuery('ylbx'), {type: 'openDetail', implementationCode: 'A-1'});
		expect(opened).toMatchObject({focused: false, details: [{implementationCode: 'A-1', scroll: 0}]});
		expect(searchReducer(opened, {type: 'focusSearch'})).toMatchObject({focused: true, details: [], query: 'ylbx', selected: 3});
		expect(searchReducer(opened, {type: 'focusSearch', query: '社保'})).toMatchObject({query: '社保', selected: 0});
	});

	it('details stack: scroll moves the one on top, back closes it', () => {
		let state = searchReducer(initialSearch(), {type: 'openDetail', implementationCode: 'A-1'});
		state = searchReducer(state, {type: 'openDetail', implementationCode: 'B-2'});
		state = searchReducer(state, {type: 'search/scroll', scroll: 7});
		expect(state.details).toEqual([
			{implementationCode: 'A-1', scroll: 0},
			{implementationCode: 'B-2', scroll: 7},
		]);
		expect(searchReducer(state, {type: 'search/back'}).details).toEqual([{implementationCode: 'A-1', scroll: 0}]);
		expect(searchReducer(initialSearch(), {type: 'search/scroll', scroll: 2})).toEqual(initialSearch());
	});

	it('the next citizen starts at an empty search (filters stay); a resumed draft shows its item', () => {
		const busy = {...withQuery('医保'), focused: true, filters: {region: '51'}, details: [{implementationCode: 'A-1', scroll: 4}]};
		expect(searchReducer(busy, {type: 'nextCitizen'})).toEqual({query: '', selected: 0, focused: false, filters: {region: '51'}, details: []});
		const draft = {draftId: 'd-1', itemCode: 'I', implementationCode: 'B-2', materials: [], createdAt: '', updatedAt: ''} satisfies DraftRecord;
		expect(searchReducer(busy, {type: 'resumeDraft', draft})).toMatchObject({focused: false, query: '医保', details: [{implementationCode: 'B-2', scroll: 0}]});
	});

	it('a fresh sign-in closes the details', () => {
		const opened = searchReducer(initialSearch(), {type: 'openDetail', implementationCode: 'A-1'});
		expect(searchReducer(opened, {type: 'signedIn', operator: {id: 'op', name: 'n', roles: ['clerk']}}).details).toEqual([]);
	});
});

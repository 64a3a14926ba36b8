import {describe, expect, it} from 'vitest';
import {initialSession, sessionReducer} from './session.js';

const clerk = {id: 'op-1001', name: '陈晓丽', roles: ['clerk' as const]};

describe('the session slice', () => {
	it('starts signed out when sign-in is required, signed in otherwise', () => {
		expect(initialSession(true)).toMatchObject({required: true, status: 'signedOut', field: 'id', idText: '', pin: '', busy: false});
		expect(initialSession(false).status).toBe('signedIn');
	});

	it('drops the PIN, the busy mark and the error on sign-in, lock and unlock', () => {
		const typing = sessionReducer(initialSession(true), {type: 'session/patch', patch: {idText: 'op-1001', pin: '2468', busy: true, error: {key: 'signin.invalid'}}});
		const signedIn = sessionReducer(typing, {type: 'signedIn', operator: clerk});
		expect(signedIn).toMatchObject({status: 'signedIn', operator: clerk, pin: '', busy: false, error: undefined, idText: 'op-1001'});
		const locked = sessionReducer({...signedIn, pin: '1'}, {type: 'locked'});
		expect(locked).toMatchObject({status: 'locked', operator: clerk, pin: ''});
		const unlocked = sessionReducer({...locked, pin: '2468', busy: true}, {type: 'session/unlocked'});
		expect(unlocked).toMatchObject({status: 'signedIn', operator: clerk, pin: '', busy: false});
	});

	it('forgets the operator on sign-out and keeps only whether sign-in is required', () => {
		const signedIn = sessionReducer(initialSession(true), {type: 'signedIn', operator: clerk});
		expect(sessionReducer(signedIn, {type: 'session/signedOut'})).toEqual(initialSession(true));
	});

	it('ignores what other slices do', () => {
		const state = initialSession(true);
		expect(sessionReducer(state, {type: 'show', root: 'cases'})).toBe(state);
	});
});

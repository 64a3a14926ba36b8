/**
 * The operator's session through the session port: sign-in and unlock (the PIN leaves the state
 * before the request does), sign-out, the lock, and their audit entries. Failures become the
 * sign-in screen's message; nothing throws into the render loop.
 */
import type {ConsoleServices, Role, SignedInOperator} from '../services.js';
import type {EffectDeps} from './shared.js';

/** The role an audit entry names: the most privileged one the operator holds. */
function primaryRole(roles: readonly Role[]): Role {
	if (roles.includes('admin')) return 'admin';
	if (roles.includes('technician') && !roles.includes('clerk')) return 'technician';
	return 'clerk';
}

const actorOf = (operator: SignedInOperator) => ({id: operator.id, role: primaryRole(operator.roles)});

type SignInFailure = Exclude<Awaited<ReturnType<NonNullable<ConsoleServices['session']>['signIn']>>, {ok: true}>;

function signInError(result: SignInFailure) {
	if (result.reason === 'invalid') {
		return result.remainingAttempts !== undefined ? {key: 'signin.invalidLeft' as const, params: {count: result.remainingAttempts}} : {key: 'signin.invalid' as const};
	}
	return {key: `signin.${result.reason}` as const};
}

export function createSessionEffects({services, getState, dispatch, flash, audit}: EffectDeps, after: {signedIn(operator: SignedInOperator): void}) {
	/** Sends the typed PIN once; the PIN leaves the state before the request does. */
	async function authenticate(operatorId: string): Promise<void> {
		const session = services.session;
		const auth = getState().session;
		if (!session || auth.busy) return;
		const pin = auth.pin;
		if (!operatorId || !pin) {
			dispatch({type: 'session/patch', patch: {error: {key: 'signin.missing'}}});
			return;
		}
		const unlocking = auth.status === 'locked';
		dispatch({type: 'session/patch', patch: {busy: true, pin: '', error: undefined}});
		let result;
		try {
			result = await session.signIn(operatorId, pin);
		} catch {
			result = {ok: false as const, reason: 'error' as const};
		}
		if (!result.ok) {
			dispatch({type: 'session/patch', patch: {busy: false, error: signInError(result)}});
			audit({action: unlocking ? 'session.unlock' : 'session.sign_in', outcome: 'denied', operator: {id: operatorId, role: 'clerk'}, details: {reason: result.reason}});
			return;
		}
		services.audit?.setActor(actorOf(result.operator));
		if (unlocking) {
			dispatch({type: 'session/unlocked'});
			audit({action: 'session.unlock', outcome: 'ok'});
		} else {
			dispatch({type: 'signedIn', operator: result.operator});
			audit({action: 'session.sign_in', outcome: 'ok', details: {roles: [...result.operator.roles]}});
			flash({level: 'info', key: 'flash.signedIn', params: {name: result.operator.name}});
			after.signedIn(result.operator);
		}
	}

	return {
		submitSignIn: () => authenticate(getState().session.idText.trim()),
		submitUnlock: () => authenticate(getState().session.operator?.id ?? ''),

		async signOut(reason: 'manual' | 'quit' | 'switch' = 'manual'): Promise<void> {
			if (!services.session) return;
			const operator = getState().session.operator;
			// Named explicitly: the entry is written after the actor below is already reset.
			audit({action: 'session.sign_out', outcome: 'ok', ...(operator ? {operator: actorOf(operator)} : {}), details: {reason}});
			dispatch({type: 'session/signedOut'});
			services.audit?.setActor({id: 'console', role: 'system'});
			flash({level: 'info', key: 'flash.signedOut'});
			await services.session.signOut().catch(() => undefined);
		},

		/** Quitting while signed in ends the session too: the audit says who and how. */
		noteQuit(): void {
			const {session} = getState();
			if (!services.session || session.status === 'signedOut' || !session.operator) return;
			audit({action: 'session.sign_out', outcome: 'ok', operator: actorOf(session.operator), details: {reason: 'quit'}});
		},

		lock(reason: 'idle' | 'manual'): void {
			if (!services.session || getState().session.status !== 'signedIn') return;
			dispatch({type: 'locked'});
			audit({action: 'session.lock', outcome: 'ok', details: {reason}});
		},
	};
}

/**
 * Sign-in and sign-out at the hub for the console (POST/DELETE /auth/sessions): the hub's answer
 * turned into what the sign-in screen says, and the hub's reachability recorded on the way.
 */
import {HubError, HubRejectedError} from '../core/errors.js';
import type {HubClient} from '../hub/client.js';
import type {ApprovalResult, SessionPort, SignInResult} from '../ui/services.js';
import type {HubStatus} from './hub-status.js';

export function sessionPort(options: {client: HubClient; terminalId: string; hubStatus: HubStatus; onSignedIn: (operatorId: string) => void}): SessionPort {
	const {client, hubStatus} = options;
	return {
		async signIn(operatorId, pin): Promise<SignInResult> {
			try {
				const result = await client.signIn({operatorId, pin, terminalId: options.terminalId});
				hubStatus.reachable(true);
				options.onSignedIn(result.operator.id);
				return {ok: true, operator: {id: result.operator.id, name: result.operator.name, roles: result.operator.roles}};
			} catch (error) {
				if (error instanceof HubRejectedError) {
					if (error.status === 423) return {ok: false, reason: 'locked'};
					if (error.status === 401) {
						const left = error.details?.['remainingAttempts'];
						return typeof left === 'number' ? {ok: false, reason: 'invalid', remainingAttempts: left} : {ok: false, reason: 'invalid'};
					}
					return {ok: false, reason: 'error'};
				}
				if (error instanceof HubError) {
					hubStatus.reachable(false);
					return {ok: false, reason: 'unreachable'};
				}
				return {ok: false, reason: 'error'};
			}
		},
		async approve(request): Promise<ApprovalResult> {
			try {
				const approval = await client.approve(request);
				hubStatus.reachable(true);
				return {ok: true, approval};
			} catch (error) {
				if (error instanceof HubRejectedError) {
					if (error.status === 423) return {ok: false, reason: 'locked'};
					if (error.status === 403) return {ok: false, reason: error.problemCode === 'self_approval' ? 'self' : 'notSupervisor'};
					if (error.status === 401) {
						const left = error.details?.['remainingAttempts'];
						return typeof left === 'number' ? {ok: false, reason: 'invalid', remainingAttempts: left} : {ok: false, reason: 'invalid'};
					}
					return {ok: false, reason: 'error'};
				}
				if (error instanceof HubError) {
					hubStatus.reachable(false);
					return {ok: false, reason: 'unreachable'};
				}
				return {ok: false, reason: 'error'};
			}
		},
		async signOut() {
			await client.signOut().catch(() => client.setToken(undefined));
		},
	};
}

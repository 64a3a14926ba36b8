/**
 * Maker-checker at the clerk's terminal (docs/people.md#supervisors-maker-checker): the
 * supervisor-PIN prompt sent to the hub, and what an approval then does for its purpose — unlock
 * the locked operator's screen, release it to another operator, or send the reviewed case with the
 * approval. The PIN leaves the state before the request does; every answer is audited naming both
 * operators (staff ids; the applicant, for a submit, only by the masked number).
 */
import type {Approval} from '../../core/cases/approval.js';
import type {ApprovalResult} from '../services.js';
import type {ApprovalPrompt} from '../state/session.js';
import type {EffectDeps} from './shared.js';

function refusal(result: Exclude<ApprovalResult, {ok: true}>): NonNullable<ApprovalPrompt['error']> {
	if (result.reason === 'invalid') return result.remainingAttempts !== undefined ? {key: 'appr.invalidLeft', params: {count: result.remainingAttempts}} : {key: 'appr.invalid'};
	return {key: `appr.${result.reason}`};
}

export function createApprovalEffects(
	{services, getState, dispatch, flash, audit}: EffectDeps,
	after: {submit(approval: Approval, allowDuplicate: boolean): void; signOut(): Promise<void>},
) {
	/** The lock screen's two: the same operator back to work, or the screen released to another. */
	function openForLock(purpose: 'unlock' | 'switch'): void {
		const {session} = getState();
		if (session.status !== 'locked' || !session.operator) return;
		dispatch({type: 'session/approval', prompt: {purpose, makerId: session.operator.id, exceptions: [], field: 'id', idText: '', pin: '', busy: false}});
	}

	/** Sign-in, when the hub said the typed operator is locked: a supervisor unlocks them, they then sign in with their own PIN. */
	function openForSignIn(): void {
		const {session} = getState();
		const makerId = session.idText.trim();
		if (session.status !== 'signedOut' || !makerId) return;
		dispatch({type: 'session/approval', prompt: {purpose: 'unlock', makerId, exceptions: [], field: 'id', idText: '', pin: '', busy: false}});
	}

	async function send(): Promise<void> {
		const prompt = getState().session.approval;
		const port = services.session;
		if (!prompt || prompt.busy || !port?.approve) return;
		const supervisorId = prompt.idText.trim();
		if (!supervisorId || !prompt.pin) return dispatch({type: 'session/approvalPatch', patch: {error: {key: 'appr.missing'}}});
		const pin = prompt.pin;
		// At sign-in nobody is signed in: the entries name the operator being unlocked (as a refused sign-in does).
		const atSignIn = getState().session.status === 'signedOut';
		const who = atSignIn ? {operator: {id: prompt.makerId, role: 'clerk' as const}} : {};
		dispatch({type: 'session/approvalPatch', patch: {busy: true, pin: '', error: undefined}});
		let result: ApprovalResult;
		try {
			result = await port.approve({supervisorId, pin, purpose: prompt.purpose, makerId: prompt.makerId, ...(prompt.purpose === 'submit' ? {exceptions: prompt.exceptions} : {})});
		} catch {
			result = {ok: false, reason: 'error'};
		}
		const {case: work} = getState();
		const target = prompt.purpose === 'submit' && work.draft ? {draftId: work.draft.draftId, ...(work.draft.applicant ? {applicantMasked: work.draft.applicant.masked} : {})} : {};
		const base = {purpose: prompt.purpose, supervisorId, makerId: prompt.makerId, exceptions: [...prompt.exceptions], ...target};
		if (!result.ok) {
			dispatch({type: 'session/approvalPatch', patch: {busy: false, error: refusal(result)}});
			audit({action: 'session.approval', outcome: 'denied', ...who, details: {...base, reason: result.reason}});
			return;
		}
		const approval = result.approval;
		audit({action: 'session.approval', outcome: 'ok', ...who, details: {...base, approvalId: approval.id, supervisorName: approval.supervisor.name}});
		dispatch({type: 'session/approval', prompt: undefined});
		if (prompt.purpose === 'unlock' && atSignIn) {
			// Unlocked on the hub, not signed in: the operator's own PIN still does that.
			dispatch({type: 'session/patch', patch: {error: undefined, field: 'pin', pin: ''}});
			audit({action: 'session.unlock', outcome: 'ok', ...who, details: {by: 'supervisor', at: 'sign_in', supervisorId, approvalId: approval.id}});
			flash({level: 'info', key: 'flash.unlockedForSignIn', params: {name: approval.supervisor.name, id: prompt.makerId}});
		} else if (prompt.purpose === 'unlock') {
			dispatch({type: 'session/unlocked'});
			audit({action: 'session.unlock', outcome: 'ok', details: {by: 'supervisor', supervisorId, approvalId: approval.id}});
			flash({level: 'info', key: 'flash.unlockedBy', params: {name: approval.supervisor.name}});
		} else if (prompt.purpose === 'switch') {
			audit({action: 'session.switch', outcome: 'ok', details: {makerId: prompt.makerId, supervisorId, approvalId: approval.id}});
			await after.signOut();
			flash({level: 'info', key: 'flash.switched', params: {name: approval.supervisor.name}});
		} else {
			flash({level: 'info', key: 'flash.approved', params: {name: approval.supervisor.name}});
			after.submit(approval, prompt.allowDuplicate === true);
		}
	}

	return {
		openForLock,
		openForSignIn,
		send,
		cancel: () => dispatch({type: 'session/approval', prompt: undefined}),
	};
}

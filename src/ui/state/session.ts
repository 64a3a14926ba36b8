/**
 * The operator's session (pure): signed out, signed in or locked, the sign-in fields and the hub's
 * answer. The PIN is only ever drawn as '*' and leaves the state as soon as it was sent.
 */
import type {MessageKey, Params} from '../i18n/index.js';
import type {ApprovalPurpose, CaseException} from '../../core/cases/approval.js';
import type {SignedInOperator} from '../services.js';
import type {AppEvent} from './events.js';

export interface SessionState {
	/** False when the console has no session port (it starts signed in). */
	required: boolean;
	status: 'signedOut' | 'signedIn' | 'locked';
	operator?: SignedInOperator;
	field: 'id' | 'pin';
	idText: string;
	/** The PIN as typed: only ever drawn as '*' and dropped as soon as it was sent. */
	pin: string;
	busy: boolean;
	error?: {key: MessageKey; params?: Params};
	/** A supervisor's PIN asked for at this terminal (maker-checker); modal while open. */
	approval?: ApprovalPrompt;
}

/** The supervisor-PIN prompt (views/SupervisorPrompt.tsx): for what, for whom, the two fields. */
export interface ApprovalPrompt {
	purpose: ApprovalPurpose;
	/** The operator acted for (locked, whose screen is released, or submitting). */
	makerId: string;
	exceptions: CaseException[];
	/** For a submit: the clerk confirmed a second case. */
	allowDuplicate?: boolean;
	field: 'id' | 'pin';
	idText: string;
	/** Only ever drawn as '*' and dropped as soon as it was sent. */
	pin: string;
	busy: boolean;
	error?: {key: MessageKey; params?: Params};
}

export type SessionAction =
	| {type: 'session/patch'; patch: Partial<SessionState>}
	| {type: 'session/unlocked'}
	| {type: 'session/approval'; prompt: ApprovalPrompt | undefined}
	| {type: 'session/approvalPatch'; patch: Partial<ApprovalPrompt>}
	/** Nothing of the previous operator's work survives a sign-out (state/index.ts resets every slice). */
	| {type: 'session/signedOut'};

export function initialSession(required: boolean): SessionState {
	return {required, status: required ? 'signedOut' : 'signedIn', field: 'id', idText: '', pin: '', busy: false};
}

export function sessionReducer(state: SessionState, action: SessionAction | AppEvent): SessionState {
	switch (action.type) {
		case 'session/patch':
			return {...state, ...action.patch};
		case 'signedIn':
			return {...state, status: 'signedIn', operator: action.operator, pin: '', busy: false, error: undefined};
		case 'session/unlocked':
			return {...state, status: 'signedIn', pin: '', busy: false, error: undefined, approval: undefined};
		case 'session/approval':
			return {...state, approval: action.prompt};
		case 'session/approvalPatch':
			return state.approval ? {...state, approval: {...state.approval, ...action.patch}} : state;
		case 'locked':
			return {...state, status: 'locked', pin: '', busy: false, error: undefined, approval: undefined};
		case 'session/signedOut':
			return initialSession(state.required);
		default:
			return state;
	}
}

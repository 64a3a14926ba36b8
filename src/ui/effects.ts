/**
 * What the console does beyond its own state: sign-in and lock through the session port, card
 * reads, reveals and their audit entries. Built once per App from the services, the store and
 * the flash; actions.ts calls these. Nothing here throws into the render loop: failures become
 * flashes (and audit failures a flash of their own, the entry is never silently dropped).
 */
import type {AuditInput} from '../core/audit/model.js';
import {validateIdNumber, type IdNumberResult} from '../core/identity/idnumber.js';
import {maskIdNumber} from '../core/identity/mask.js';
import type {CardReadEvent} from '../core/ports/reader.js';
import {createEligibilityEffects} from './eligibilityEffects.js';
import {createMaterialsEffects} from './materialsEffects.js';
import {createDraftEffects} from './draftEffects.js';
import type {Flash} from './hooks/useFlash.js';
import {messageOf} from './problem.js';
import type {ConsoleServices, Role, SignedInOperator} from './services.js';
import type {AppAction, AppState} from './state/appState.js';

export interface EffectDeps {
	services: ConsoleServices;
	getState(): AppState;
	dispatch(action: AppAction): void;
	flash(flash: Flash): void;
}

/** The role an audit entry names: the most privileged one the operator holds. */
export function primaryRole(roles: readonly Role[]): Role {
	if (roles.includes('admin')) return 'admin';
	if (roles.includes('technician') && !roles.includes('clerk')) return 'technician';
	return 'clerk';
}


/** The applicant's ID number on screen: from the card read, or typed by hand. */
export function applicantNumber(state: AppState): string | undefined {
	return state.applicant.manualNumber ?? state.applicant.card?.card.number;
}

export function validateTyped(text: string, services: ConsoleServices): IdNumberResult {
	return validateIdNumber(text, {today: services.clock.now(), ...(services.isKnownRegion ? {isKnownRegion: services.isKnownRegion} : {})});
}

export function createEffects({services, getState, dispatch, flash}: EffectDeps) {
	const lang = () => getState().lang;
	const audit = (input: AuditInput) => {
		if (!services.audit) return;
		services.audit.record(input).catch((error: unknown) => flash({level: 'error', key: 'flash.auditFailed', params: {message: messageOf(error, lang())}}));
	};
	const drafts = createDraftEffects({services, getState, dispatch, flash, audit});
	const eligibility = createEligibilityEffects({services, getState, dispatch, flash, audit, drafts});
	const materials = createMaterialsEffects({services, getState, dispatch, flash, audit, drafts});
	const actorOf = (operator: SignedInOperator) => ({id: operator.id, role: primaryRole(operator.roles)});

	const signInError = (result: Exclude<Awaited<ReturnType<NonNullable<ConsoleServices['session']>['signIn']>>, {ok: true}>) => {
		if (result.reason === 'invalid') {
			return result.remainingAttempts !== undefined
				? {key: 'signin.invalidLeft' as const, params: {count: result.remainingAttempts}}
				: {key: 'signin.invalid' as const};
		}
		return {key: `signin.${result.reason}` as const};
	};

	/** Sends the typed PIN once; the PIN leaves the state before the request does. */
	async function authenticate(operatorId: string): Promise<void> {
		const session = services.session;
		const {auth} = getState();
		if (!session || auth.busy) return;
		const pin = auth.pin;
		if (!operatorId || !pin) {
			dispatch({type: 'auth', patch: {error: {key: 'signin.missing'}}});
			return;
		}
		const unlocking = auth.status === 'locked';
		dispatch({type: 'auth', patch: {busy: true, pin: '', error: undefined}});
		let result;
		try {
			result = await session.signIn(operatorId, pin);
		} catch {
			result = {ok: false as const, reason: 'error' as const};
		}
		if (!result.ok) {
			dispatch({type: 'auth', patch: {busy: false, error: signInError(result)}});
			audit({action: unlocking ? 'session.unlock' : 'session.sign_in', outcome: 'denied', operator: {id: operatorId, role: 'clerk'}, details: {reason: result.reason}});
			return;
		}
		services.audit?.setActor(actorOf(result.operator));
		if (unlocking) {
			dispatch({type: 'unlocked'});
			audit({action: 'session.unlock', outcome: 'ok'});
		} else {
			dispatch({type: 'signedIn', operator: result.operator});
			audit({action: 'session.sign_in', outcome: 'ok', details: {roles: [...result.operator.roles]}});
			flash({level: 'info', key: 'flash.signedIn', params: {name: result.operator.name}});
			// Work a crash or a restart interrupted is offered first (clerks only: they do the cases).
			if (result.operator.roles.includes('clerk') && services.submission) void drafts.openDrafts(true);
		}
	}

	return {
		submitSignIn: () => authenticate(getState().auth.idText.trim()),
		submitUnlock: () => authenticate(getState().auth.operator?.id ?? ''),

		async signOut(reason: 'manual' | 'quit' = 'manual'): Promise<void> {
			if (!services.session) return;
			const operator = getState().auth.operator;
			// Named explicitly: the entry is written after the actor below is already reset.
			audit({action: 'session.sign_out', outcome: 'ok', ...(operator ? {operator: actorOf(operator)} : {}), details: {reason}});
			dispatch({type: 'signedOut'});
			services.audit?.setActor({id: 'console', role: 'system'});
			flash({level: 'info', key: 'flash.signedOut'});
			await services.session.signOut().catch(() => undefined);
		},

		/** Quitting while signed in ends the session too: the audit says who and how. */
		noteQuit(): void {
			const state = getState();
			const operator = state.auth.operator;
			if (!services.session || state.auth.status === 'signedOut' || !operator) return;
			audit({action: 'session.sign_out', outcome: 'ok', operator: actorOf(operator), details: {reason: 'quit'}});
		},

		lock(reason: 'idle' | 'manual'): void {
			const state = getState();
			if (!services.session || state.auth.status !== 'signedIn') return;
			dispatch({type: 'lock'});
			audit({action: 'session.lock', outcome: 'ok', details: {reason}});
		},

		readCard(): void {
			const reader = services.reader;
			if (!reader) return;
			// The eligibility step reads the card in place: its result is what the clerk waits for.
			if (getState().root !== 'eligibility') dispatch({type: 'setRoot', root: 'applicant'});
			if (reader.state() === 'disconnected' || reader.state() === 'reading') {
				flash({level: 'warn', key: 'flash.readerBusy'});
				return;
			}
			reader.readNow().catch((error: unknown) => flash({level: 'error', key: 'flash.readFailed', params: {message: messageOf(error, lang())}}));
		},

		/** A card arrived (hotkey or placement): show it, audit it with hashes only. */
		cardRead(event: CardReadEvent): void {
			if (getState().auth.status !== 'signedIn') return;
			// A card on the reader means an applicant at the counter: show the panel (the eligibility
			// step instead re-checks with the new applicant).
			const checking = getState().root === 'eligibility';
			if (!checking && getState().root !== 'applicant') dispatch({type: 'setRoot', root: 'applicant'});
			dispatch({type: 'newCard', card: event});
			if (checking) void eligibility.evaluate();
			audit({
				action: 'card.read',
				outcome: 'ok',
				details: {idNumberMasked: event.display.number, textSha256: event.card.textSha256 ?? '', photoSha256: event.card.photo.sha256, kind: event.card.kind},
			});
			flash({level: 'info', key: 'flash.cardRead', params: {name: event.display.name, number: event.display.number}});
			const problem = event.numberCheck?.problems.find((p) => p.severity === 'error');
			if (problem) flash({level: 'warn', key: 'flash.cardReadOutcome', params: {problem: problem[lang()]}});
		},

		askReveal(): void {
			const state = getState();
			if (!applicantNumber(state)) return flash({level: 'warn', key: 'flash.nothingToReveal'});
			dispatch({type: 'applicant', patch: {confirmReveal: true}});
		},

		confirmReveal(): void {
			const number = applicantNumber(getState());
			dispatch({type: 'applicant', patch: {confirmReveal: false, revealed: Boolean(number)}});
			if (number) audit({action: 'card.reveal', outcome: 'ok', details: {idNumberMasked: maskIdNumber(number), reason: 'operator_confirmed'}});
		},

		submitManual(): void {
			const text = getState().applicant.manual ?? '';
			const result = validateTyped(text, services);
			if (!result.ok || !result.normalized) {
				const problem = result.problems.find((p) => p.severity === 'error');
				return flash({level: 'error', key: 'flash.manualInvalid', params: {problem: problem ? problem[lang()] : text}});
			}
			dispatch({type: 'applicant', patch: {manual: undefined, manualNumber: result.normalized, card: undefined, revealed: false}});
			// Another applicant: answers given for the previous one no longer apply.
			dispatch({type: 'eligibility', patch: {answers: {}, skipped: [], decision: undefined}});
		},

		placeDemoCard(id?: string): void {
			const demo = services.demoCards;
			if (!demo) return;
			const ids = demo.ids();
			const current = demo.current();
			const next = id ?? ids[(ids.indexOf(current ?? '') + 1) % ids.length];
			if (!next || !ids.includes(next)) {
				return flash({level: 'error', key: 'flash.demoUnknown', params: {card: id ?? '', cards: ids.join(', ')}});
			}
			const present = services.reader?.state() === 'card-present';
			demo.place(next);
			// Swapping cards without lifting: the reader still sees "a card", so read the new one now.
			if (present) services.reader?.readNow().catch(() => undefined);
			dispatch({type: 'setRoot', root: 'applicant'});
			flash({level: 'info', key: 'flash.demoPlaced', params: {card: next}});
		},

		liftDemoCard(): void {
			if (!services.demoCards) return;
			services.demoCards.lift();
			flash({level: 'info', key: 'flash.demoLifted'});
		},

		audit,
		eligibility,
		materials,
		drafts,
	};
}

export type Effects = ReturnType<typeof createEffects>;

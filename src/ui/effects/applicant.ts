/**
 * The applicant at the counter: card reads (hotkey or placement) and their audit entries with
 * hashes only, the confirmed and audited reveal of the full number, a number typed by hand, and
 * the demo's emulated cards. Failures become flashes; nothing throws into the render loop.
 */
import type {CardReadEvent} from '../../core/ports/reader.js';
import {maskIdNumber} from '../../core/identity/mask.js';
import type {IdNumberKind} from '../../core/identity/idnumber.js';
import {validateTyped} from '../idNumber.js';
import {createTranslator} from '../i18n/index.js';
import {applicantNumber, isRepeatRead} from '../state/case.js';
import type {EffectDeps} from './shared.js';
import {failureFlash} from './shared.js';

/** The card kinds a typed number can be checked against (tab cycles them). */
const CARD_KINDS: readonly IdNumberKind[] = ['resident', 'hkmotw', 'foreign2017', 'foreign2023'];

export function createApplicantEffects({services, getState, dispatch, flash, audit}: EffectDeps, after: {cardRead(): void; taskCard(event: CardReadEvent): void}) {
	const lang = () => getState().nav.lang;
	const t = () => createTranslator(lang());
	/** A return trip waits for the card of whoever came (work queue): the card is checked there, in place. */
	const taskWaiting = () => getState().nav.root === 'work' && getState().work.task?.stage === 'card';
	/** The clerk pressed r: the read that follows is theirs, and says so even for the card already shown. */
	let asked = false;
	return {
		readCard(): void {
			const reader = services.reader;
			if (!reader) return;
			// The eligibility step reads the card in place: its result is what the clerk waits for.
			if (getState().nav.root !== 'eligibility' && !taskWaiting()) dispatch({type: 'show', root: 'applicant'});
			if (reader.state() === 'disconnected' || reader.state() === 'reading') {
				flash({level: 'warn', key: 'flash.readerBusy'});
				return;
			}
			asked = true;
			reader.readNow().catch((error: unknown) => {
				asked = false;
				flash(failureFlash('flash.readFailed', error, lang()));
			});
		},

		/** A card arrived (hotkey or placement): show it, audit it with hashes only. */
		cardRead(event: CardReadEvent): void {
			if (getState().session.status !== 'signedIn') return;
			const task = taskWaiting();
			// The same card read again while it lies there (placement and r both read it): audited as
			// the read it is, but the clerk's screen stays where it is (a search being typed survives);
			// only a read the clerk asked for (r) says so.
			const again = !task && isRepeatRead(getState().case, event);
			const theirs = asked;
			asked = false;
			// A card on the reader means an applicant at the counter: show the panel (the eligibility
			// step instead re-checks with the new applicant).
			const checking = !again && getState().nav.root === 'eligibility';
			if (!again && !checking && !task && getState().nav.root !== 'applicant') dispatch({type: 'show', root: 'applicant'});
			dispatch({type: 'case/newCard', card: event});
			if (checking) after.cardRead();
			if (task) after.taskCard(event);
			audit({
				action: 'card.read',
				outcome: 'ok',
				details: {idNumberMasked: event.display.number, textSha256: event.card.textSha256 ?? '', photoSha256: event.card.photo.sha256, kind: event.card.kind},
			});
			if (again && !theirs) return;
			flash({level: 'info', key: 'flash.cardRead', params: {name: event.display.name, number: event.display.number}});
			const problem = event.numberCheck?.problems.find((p) => p.severity === 'error');
			if (problem) flash({level: 'warn', key: 'flash.cardReadOutcome', params: {problem: problem[lang()]}});
		},

		askReveal(): void {
			if (!applicantNumber(getState().case)) return flash({level: 'warn', key: 'flash.nothingToReveal'});
			dispatch({type: 'case/applicant', patch: {confirmReveal: true}});
		},

		confirmReveal(): void {
			const number = applicantNumber(getState().case);
			dispatch({type: 'case/applicant', patch: {confirmReveal: false, revealed: Boolean(number)}});
			if (number) audit({action: 'card.reveal', outcome: 'ok', details: {idNumberMasked: maskIdNumber(number), reason: 'operator_confirmed'}});
		},

		submitManual(): void {
			const {manual: text = '', manualKind} = getState().case.applicant;
			const result = validateTyped(text, services);
			if (!result.ok || !result.normalized) {
				const problem = result.problems.find((p) => p.severity === 'error');
				return flash({level: 'error', key: 'flash.manualInvalid', params: {problem: problem ? problem[lang()] : text}});
			}
			// A kind chosen (tab): the number must be one of that kind (docs/people.md#citizens-whose-card-will-not-read).
			if (manualKind && result.kind !== manualKind) return flash({level: 'error', key: 'flash.manualWrongKind', params: {kind: t()(`kind.${manualKind}`)}});
			// An agent acts for someone else, never for themselves (docs/people.md#agents-委托代办).
			const agent = getState().case.applicant.agent;
			if (agent && agent.card.number.toUpperCase() === result.normalized.toUpperCase()) return flash({level: 'error', key: 'flash.agentIsApplicant'});
			dispatch({type: 'case/applicant', patch: {manual: undefined, manualNumber: result.normalized, card: undefined, revealed: false, typed: undefined}});
			// Another applicant: answers given for the previous one no longer apply.
			dispatch({type: 'case/eligibility', patch: {answers: {}, skipped: [], decision: undefined}});
		},

		/** tab in the typed-number and name fields: the card kind, then back to "by the number". */
		cycleManualKind(): void {
			const current = getState().case.applicant.manualKind;
			const next = current === undefined ? CARD_KINDS[0] : CARD_KINDS[CARD_KINDS.indexOf(current) + 1];
			dispatch({type: 'case/applicant', patch: {manualKind: next}});
		},

		/** N: the card will not read; the typed number gets the applicant's name (a case then needs a supervisor). */
		openTypedName(): void {
			if (!getState().case.applicant.manualNumber) return flash({level: 'warn', key: 'flash.typedNeedsNumber'});
			dispatch({type: 'case/applicant', patch: {manualName: getState().case.applicant.typed?.name ?? ''}});
		},

		submitTypedName(): void {
			const {manualName = '', manualNumber = '', manualKind} = getState().case.applicant;
			if (!manualName.trim()) return flash({level: 'error', key: 'flash.typedNameMissing'});
			const result = validateTyped(manualNumber, services);
			if (!result.ok || !result.kind || (manualKind && result.kind !== manualKind)) return flash({level: 'error', key: 'flash.manualWrongKind', params: {kind: t()(`kind.${manualKind ?? 'resident'}`)}});
			dispatch({type: 'case/applicant', patch: {confirmSighted: true}});
		},

		/**
		 * y: the clerk sighted the original ID (for an agent: the 委托书 and the applicant's ID or its
		 * copy, which name this number and name); n: no typed-in applicant (nothing kept).
		 */
		confirmSighted(yes: boolean): void {
			const {manualName = '', manualNumber = '', manualKind, agent} = getState().case.applicant;
			if (!yes) {
				dispatch({type: 'case/applicant', patch: {confirmSighted: false}});
				return flash({level: 'warn', key: agent ? 'flash.agentNotChecked' : 'flash.typedNotSighted'});
			}
			const kind = manualKind ?? validateTyped(manualNumber, services).kind ?? 'resident';
			dispatch({type: 'case/applicant', patch: {confirmSighted: false, manualName: undefined, typed: {name: manualName.trim(), kind}}});
			audit({
				action: 'card.typed',
				outcome: 'ok',
				details: agent
					? {idNumberMasked: maskIdNumber(manualNumber), cardType: kind, originalSighted: false, powerOfAttorneySighted: true, agentIdNumberMasked: agent.display.number}
					: {idNumberMasked: maskIdNumber(manualNumber), cardType: kind, originalSighted: true},
			});
		},

		/**
		 * b: the card read is an agent's (代办人), who acts for an applicant typed in next; b again
		 * (or another card) ends it. Which items allow an agent is the catalog's (agentAllowed).
		 */
		toggleAgent(): void {
			const {card, agent} = getState().case.applicant;
			if (agent) {
				dispatch({type: 'case/applicant', patch: {agent: undefined, manualNumber: undefined, typed: undefined, manual: undefined, manualName: undefined, revealed: false}});
				return flash({level: 'info', key: 'flash.agentCleared'});
			}
			if (!card) return flash({level: 'warn', key: 'flash.agentNeedsCard'});
			dispatch({type: 'case/applicant', patch: {agent: card, card: undefined, manualNumber: undefined, typed: undefined, revealed: false, manual: ''}});
			// Another applicant: answers given for the card's holder were not the applicant's.
			dispatch({type: 'case/eligibility', patch: {answers: {}, skipped: [], decision: undefined}});
			audit({action: 'card.agent', outcome: 'ok', details: {idNumberMasked: card.display.number, cardType: card.card.kind}});
			flash({level: 'info', key: 'flash.agentTaken', params: {name: card.display.name, number: card.display.number}});
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
			if (!taskWaiting()) dispatch({type: 'show', root: 'applicant'});
			flash({level: 'info', key: 'flash.demoPlaced', params: {card: next}});
		},

		liftDemoCard(): void {
			if (!services.demoCards) return;
			services.demoCards.lift();
			flash({level: 'info', key: 'flash.demoLifted'});
		},
	};
}

/**
 * The case in progress as a draft on disk, so the work survives a crash, a restart or a lock:
 * the draft is created as soon as there is something to keep (an eligibility decision for a
 * citizen, the materials step, a capture) and brought up to date at every step; after sign-in the
 * open drafts are offered for resuming. Also the last steps of the flow: review, submit (through
 * the submission port: outbox, receipt file), the receipt and its printing, and abandoning a
 * draft (confirmed by the clerk, audited with codes and counts only).
 */
import type {DraftPatch, DraftStep} from '../../core/cases/counter-draft.js';
import type {CaseApproval, CaseException} from '../../core/cases/approval.js';
import {duplicateCaseIds} from '../../core/cases/duplicates.js';
import {maskIdNumber} from '../../core/identity/mask.js';
import {SerialQueue} from '../../core/serial-queue.js';
import {messageOf} from '../problem.js';
import type {DraftRecord, SubmissionEvent} from '../services.js';
import {applicantNumber} from '../state/case.js';
import {workingImplementation} from '../state/derived.js';
import type {AppState} from '../state/index.js';
import {failureFlash, type EffectDeps} from './shared.js';
import {messageTexts} from '../../i18n/errors.js';

export function createDraftEffects({services, getState, dispatch, flash, audit}: EffectDeps) {
	/** Syncs run one after another, so two steps never create two drafts for one case. */
	const syncs = new SerialQueue();
	const lang = () => getState().nav.lang;

	function applicantOf(state: AppState) {
		const number = applicantNumber(state.case);
		if (!number) return undefined;
		const card = state.case.applicant.card?.card;
		const fromCard = card && card.number === number && !state.case.applicant.manualNumber;
		const typed = state.case.applicant.manualNumber === number ? state.case.applicant.typed : undefined;
		return {
			idNumber: number,
			masked: maskIdNumber(number),
			...(fromCard && card.name ? {name: card.name} : {}),
			...(fromCard ? {cardType: card.kind} : {}),
			...(typed ? {name: typed.name, cardType: typed.kind, source: 'typed' as const} : {}),
		};
	}

	/** The agent at the counter (委托代办): always the card read (docs/people.md#agents-委托代办). */
	function agentOf(state: AppState) {
		const agent = state.case.applicant.agent?.card;
		if (!agent || !state.case.applicant.manualNumber) return undefined;
		return {idNumber: agent.number, masked: maskIdNumber(agent.number), name: agent.name, cardType: agent.kind};
	}

	async function syncNow(implementationCode: string, step: DraftStep | undefined): Promise<DraftRecord | undefined> {
		const drafts = services.drafts;
		if (!drafts) return undefined;
		const state = getState();
		const applicant = applicantOf(state);
		const agent = agentOf(state);
		const elig = state.case.eligibility?.implementationCode === implementationCode ? state.case.eligibility : undefined;
		const eligibility = elig?.decision ? {result: elig.decision.result, ruleVersion: elig.decision.ruleVersion} : undefined;
		const answers = elig && Object.keys(elig.answers).length > 0 ? {...elig.answers} : undefined;
		const open = state.case.draft;
		const matches = open && open.implementationCode === implementationCode && !open.submitted && (open.applicant?.idNumber ?? undefined) === applicant?.idNumber;
		let draft = matches ? open : await drafts.findLatest(implementationCode, applicant?.idNumber);
		if (!draft) {
			const implementation = services.catalog.implementation(implementationCode);
			const operatorId = state.session.operator?.id ?? services.operator.id;
			draft = await drafts.create({
				itemCode: implementation?.basicCode ?? '',
				implementationCode,
				...(operatorId ? {operatorId} : {}),
				...(applicant ? {applicant} : {}),
				...(agent ? {agent} : {}),
				...(answers ? {answers} : {}),
				...(eligibility ? {eligibility} : {}),
				step: step ?? 'eligibility',
			});
		} else {
			const patch: DraftPatch = {};
			// A card read after a typed number brings the name; never replace one applicant by another.
			if (applicant && (!draft.applicant || (applicant.name && !draft.applicant.name))) patch.applicant = applicant;
			if (agent && draft.agent?.idNumber !== agent.idNumber) patch.agent = agent;
			if (answers && JSON.stringify(answers) !== JSON.stringify(draft.answers ?? {})) patch.answers = answers;
			if (eligibility && JSON.stringify(eligibility) !== JSON.stringify(draft.eligibility)) patch.eligibility = eligibility;
			if (step && step !== draft.step) patch.step = step;
			if (Object.keys(patch).length > 0) draft = await drafts.update(draft.draftId, patch);
		}
		dispatch({type: 'case/draft', draft});
		return draft;
	}

	/** The draft of the case in progress, created or brought up to date (undefined: no drafts port). */
	function sync(implementationCode: string, step?: DraftStep): Promise<DraftRecord | undefined> {
		return syncs.run(() => syncNow(implementationCode, step));
	}

	function syncQuietly(implementationCode: string, step?: DraftStep): void {
		sync(implementationCode, step).catch((error: unknown) => flash(failureFlash('flash.draftFailed', error, lang())));
	}

	function showReceipt(event: SubmissionEvent): void {
		dispatch({type: 'showReceipt', receipt: event.receipt, file: event.file});
	}

	/**
	 * The duplicate guard for the review on screen: the applicant's open cases for the item, from
	 * this terminal and (within its deadline) the hub. Shown, never blocking: the submit asks again.
	 */
	async function checkDuplicates(draft: DraftRecord | undefined): Promise<void> {
		const port = services.submission;
		if (!port?.checkDuplicates || !draft || draft.submitted) return;
		dispatch({type: 'case/review', patch: {checkingDuplicates: true}});
		try {
			const check = await port.checkDuplicates(draft.draftId);
			if (getState().case.draft?.draftId === draft.draftId) dispatch({type: 'case/review', patch: {checkingDuplicates: false, duplicates: check}});
		} catch (error) {
			dispatch({type: 'case/review', patch: {checkingDuplicates: false}});
			flash(failureFlash('flash.draftFailed', error, lang()));
		}
	}

	/**
	 * Enter on the review. With open cases of the applicant for the item known, it only asks
	 * (y: a second case, audited); `confirmed` is that answer. The port checks again either way,
	 * so a case found only now stops a plain submit too.
	 */
	async function submit(confirmed = false, approval?: CaseApproval): Promise<void> {
		const state = getState();
		const port = services.submission;
		const draft = state.case.draft;
		if (!port || !draft || state.case.review?.busy) return;
		if (!confirmed && !draft.submitted && (state.case.review?.duplicates?.cases.length ?? 0) > 0) {
			dispatch({type: 'case/review', patch: {confirmDuplicate: true}});
			return;
		}
		const operatorId = state.session.operator?.id ?? services.operator.id;
		dispatch({type: 'case/review', patch: {busy: true, notice: undefined, confirmDuplicate: false}});
		try {
			// The review's own update of the draft may still be on its way to disk: the case goes as the review showed it.
			await syncs.idle();
			// Maker-checker: a case with exceptions waits for a supervisor's PIN (docs/people.md#supervisors-maker-checker).
			const exceptions = approval || draft.submitted ? [] : ((await port.exceptions?.(draft.draftId, {allowDuplicate: confirmed})) ?? []);
			if (exceptions.length > 0) {
				dispatch({type: 'case/review', patch: {busy: false}});
				return askApproval(operatorId, exceptions, confirmed);
			}
			const outcome = await port.submit(draft.draftId, operatorId, {...(confirmed ? {allowDuplicate: true} : {}), ...(approval ? {approval} : {})});
			const fresh = await services.drafts?.get(draft.draftId);
			if (fresh) dispatch({type: 'case/draft', draft: fresh});
			if (outcome.status === 'submitted') {
				dispatch({type: 'case/review', patch: {busy: false}});
				// The outbox's own "submitted" event may have shown the receipt already, and the clerk may
				// have left it (esc): never pull them back to it from the next step.
				const now = getState();
				if (now.nav.root === 'review' && now.case.draft?.draftId === draft.draftId) showReceipt({draftId: draft.draftId, receipt: outcome.receipt, file: outcome.file});
				flash({level: 'info', key: 'flash.submitted', params: {caseId: outcome.receipt.caseId}});
			} else if (outcome.status === 'queued') {
				dispatch({type: 'case/review', patch: {busy: false, notice: outcome.reason ? {tone: 'warn', key: 'rev.queued', params: {reason: messageTexts(outcome.reason)}} : {tone: 'warn', key: 'rev.queuedNoReason'}}});
			} else if (outcome.status === 'duplicate') {
				dispatch({type: 'case/review', patch: {busy: false, duplicates: outcome.check, confirmDuplicate: true}});
			} else if (outcome.status === 'needs_approval') {
				dispatch({type: 'case/review', patch: {busy: false}});
				askApproval(operatorId, outcome.exceptions, confirmed);
			} else if (outcome.status === 'rejected') {
				dispatch({type: 'case/review', patch: {busy: false, notice: {tone: 'error', key: 'rev.rejected', params: {message: messageTexts(outcome.reason)}}}});
			} else {
				// The review on screen already lists what is missing; this only ends the busy state.
				dispatch({type: 'case/review', patch: {busy: false}});
			}
		} catch (error) {
			dispatch({type: 'case/review', patch: {busy: false, notice: {tone: 'error', key: 'flash.draftFailed', params: {message: messageOf(error, lang())}}}});
		}
	}

	/** Opens the supervisor-PIN prompt for this submit (its answer comes back through `submitApproved`). */
	function askApproval(makerId: string, exceptions: CaseException[], allowDuplicate: boolean): void {
		dispatch({type: 'session/approval', prompt: {purpose: 'submit', makerId, exceptions, ...(allowDuplicate ? {allowDuplicate} : {}), field: 'id', idText: '', pin: '', busy: false}});
	}

	async function listDrafts(): Promise<DraftRecord[]> {
		return (await services.drafts?.listOpen()) ?? [];
	}

	return {
		sync,
		syncQuietly,

		/** The review step of the case in progress (its draft brought up to date first). */
		async openReview(): Promise<void> {
			const code = workingImplementation(getState());
			if (!code || !services.submission) return flash({level: 'warn', key: 'flash.noDraft'});
			dispatch({type: 'openReview'});
			try {
				await checkDuplicates(await sync(code, 'review'));
			} catch (error) {
				flash(failureFlash('flash.draftFailed', error, lang()));
			}
		},

		submit: () => submit(),

		/** The supervisor approved the review's exceptions: the case goes with the approval. */
		submitApproved: (approval: CaseApproval, allowDuplicate: boolean) => submit(allowDuplicate, approval),

		/** y or n to "a second case for this applicant and item?": y is audited (the case ids, never the applicant), then sent. */
		async confirmDuplicate(yes: boolean): Promise<void> {
			const {draft, review} = getState().case;
			if (!yes || !draft || !review?.duplicates) {
				dispatch({type: 'case/review', patch: {confirmDuplicate: false}});
				return;
			}
			const check = review.duplicates;
			audit({
				action: 'case.duplicate_confirmed',
				outcome: 'ok',
				target: {itemCode: draft.itemCode},
				details: {caseIds: duplicateCaseIds(check), itemCode: draft.itemCode, found: check.cases.length, hub: check.hub, draftId: draft.draftId},
			});
			await submit(true);
		},

		/** A queued case got through: its receipt replaces the review it was submitted from. */
		onSubmitted(event: SubmissionEvent): void {
			const state = getState();
			flash({level: 'info', key: 'flash.queuedSubmitted', params: {caseId: event.receipt.caseId}});
			if (state.nav.root === 'review' && state.case.draft?.draftId === event.draftId) showReceipt(event);
		},

		async print(): Promise<void> {
			const receipt = getState().case.receipt?.receipt;
			const port = services.submission;
			if (!receipt || !port) return;
			if (!port.print) return flash({level: 'warn', key: 'rcp.noPrinter'});
			try {
				await port.print(receipt.caseId);
				flash({level: 'info', key: 'rcp.printed'});
				audit({action: 'receipt.print', outcome: 'ok', target: {caseId: receipt.caseId, itemCode: receipt.itemCode}});
			} catch (error) {
				flash(failureFlash('flash.printFailed', error, lang()));
				audit({action: 'receipt.print', outcome: 'failed', target: {caseId: receipt.caseId, itemCode: receipt.itemCode}, details: {code: (error as {code?: string}).code ?? 'error'}});
			}
		},

		/** The drafts view; `announce` after sign-in only when there is something to resume. */
		async openDrafts(announce = false): Promise<void> {
			try {
				const list = await listDrafts();
				if (announce) {
					if (list.length === 0 || getState().nav.root !== 'search' || getState().search.details.length > 0) return;
					flash({level: 'warn', key: 'flash.draftsWaiting', params: {count: list.length}});
				}
				dispatch({type: 'openDrafts', list});
			} catch (error) {
				flash(failureFlash('flash.draftFailed', error, lang()));
			}
		},

		/** Resumes the selected draft at the step where it stopped. */
		resume(draft: DraftRecord, open: {eligibility(code: string, answers?: Record<string, unknown>): void; materials(code: string): void; review(): void}): void {
			dispatch({type: 'resumeDraft', draft});
			const item = services.catalog.item(draft.itemCode)?.name ?? draft.itemCode;
			flash({level: 'info', key: 'flash.draftResumed', params: {item}});
			audit({action: 'draft.resume', outcome: 'ok', target: {itemCode: draft.itemCode}, details: {draftId: draft.draftId, step: draft.step ?? 'eligibility', ...(draft.applicant ? {idNumberMasked: draft.applicant.masked} : {})}});
			const step = draft.step ?? 'eligibility';
			if (step === 'eligibility' || !draft.eligibility) open.eligibility(draft.implementationCode, draft.answers);
			if (step === 'materials') open.materials(draft.implementationCode);
			if (step === 'review') open.review();
		},

		askAbandon(draftId: string | undefined): void {
			if (!draftId) return flash({level: 'warn', key: 'flash.noDraft'});
			dispatch({type: 'case/confirmAbandon', draftId});
		},

		async confirmAbandon(): Promise<void> {
			const state = getState();
			const draftId = state.case.confirmAbandon;
			dispatch({type: 'case/confirmAbandon', draftId: undefined});
			if (!draftId || !services.drafts) return;
			try {
				const gone = await services.drafts.abandon(draftId);
				audit({
					action: 'draft.abandon',
					outcome: 'ok',
					target: {itemCode: gone.itemCode},
					details: {draftId, implementationCode: gone.implementationCode, step: gone.step ?? 'eligibility', captures: gone.materials.filter((m) => m.sha256).length, ...(gone.applicant ? {idNumberMasked: gone.applicant.masked} : {})},
				});
				flash({level: 'info', key: 'flash.draftAbandoned', params: {id: draftId.slice(0, 8)}});
				if (getState().case.draft?.draftId === draftId) dispatch({type: 'case/draft', draft: undefined});
				if (getState().nav.root === 'drafts') {
					const list = await listDrafts();
					dispatch({type: 'case/drafts', patch: {list, selected: Math.min(getState().case.drafts.selected, Math.max(0, list.length - 1))}});
				} else {
					dispatch({type: 'nextCitizen'});
				}
			} catch (error) {
				flash(failureFlash('flash.draftFailed', error, lang()));
			}
		},
	};
}

export type DraftEffects = ReturnType<typeof createDraftEffects>;

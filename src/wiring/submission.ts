/**
 * Submitting a reviewed draft from the console: the draft becomes a case in the durable outbox
 * under the draft id as its idempotency key (a second submit, or one after a crash, is the same
 * case), the outbox is asked to send now, and the caller gets the receipt if the hub answers
 * within the wait, or "queued" (the outbox keeps trying; the receipt follows through `subscribe`).
 * Every receipt is saved as a text file (src/store/receipts.ts) and can go to the print command.
 * A draft not yet sent is first checked for open cases of its applicant and item (`duplicates`,
 * docs/return-trips.md#no-accidental-second-case): found ones stop it unless the clerk confirmed.
 */
import {exceptionsOf, uncovered, type CaseException} from '../core/cases/approval.js';
import {DraftNotReadyError, submissionFromDraft, type CounterDraft} from '../core/cases/counter-draft.js';
import type {ApplicantRef, DuplicateCheck} from '../core/cases/duplicates.js';
import type {CaseReceipt} from '../core/cases/model.js';
import type {MaterialInput, Outbox} from '../core/cases/outbox.js';
import type {OutboxEntry} from '../core/cases/outbox-machine.js';
import {buildReceipt} from '../core/cases/receipt.js';
import {IntegrityError} from '../core/errors.js';
import type {CatalogService} from '../core/ports/catalog.js';
import type {Clock} from '../core/ports/clock.js';
import type {Lang} from '../core/lang.js';
import {printerConfigured, printPaper, type PrinterSettings} from '../receipts/print.js';
import {receiptFileText, receiptPaper} from '../receipts/text.js';
import type {DraftStore} from '../store/drafts.js';
import type {ReceiptStore} from '../store/receipts.js';
import type {SubmissionEvent, SubmissionPort, SubmitOutcome} from '../ui/services.js';

/** How long the console waits for the hub before saying "queued" (the outbox goes on trying). */
const SUBMIT_WAIT_MS = 10_000;

export interface DraftSubmitterDeps {
	drafts: DraftStore;
	outbox: Outbox;
	receipts: ReceiptStore;
	catalog: () => CatalogService;
	clock: Clock;
	settings: {terminalId: string; branchCode: string; branchName: string} & PrinterSettings;
	provinceName(node: string): string;
	/** The console's language now: receipts are written in it. */
	lang(): Lang;
	waitMs?: number;
	/** The applicant's open cases for the item, this submission (its key) aside. Absent: no guard. */
	duplicates?: (applicant: ApplicantRef, itemCode: string, idempotencyKey: string) => Promise<DuplicateCheck>;
}

export function createDraftSubmitter(deps: DraftSubmitterDeps): SubmissionPort & {close(): Promise<void>} {
	const {drafts, outbox, receipts, clock, settings} = deps;
	const listeners = new Set<(event: SubmissionEvent) => void>();
	const finishing = new Map<string, Promise<SubmissionEvent | undefined>>();

	/** Saves the receipt of a case the hub took and records the case id on its draft (once). */
	function finish(draftId: string, receipt: CaseReceipt, operatorId: string): Promise<SubmissionEvent | undefined> {
		let running = finishing.get(draftId);
		if (!running) {
			running = (async () => {
				const draft = await drafts.get(draftId);
				if (!draft) return undefined;
				const catalog = deps.catalog();
				const implementation = catalog.implementation(draft.implementationCode);
				const doc = buildReceipt(receipt, draft, {
					item: catalog.item(draft.itemCode),
					implementation,
					provinceName: deps.provinceName,
					operatorId: draft.operatorId ?? operatorId,
					branchName: settings.branchName,
					terminalId: settings.terminalId,
				});
				const file = await receipts.save(doc, deps.lang());
				await drafts.markSubmitted(draftId, {idempotencyKey: draftId, submittedAt: draft.submitted?.submittedAt ?? clock.now().toISOString(), caseId: receipt.caseId, receivedAt: receipt.receivedAt});
				return {draftId, receipt: doc, file};
			})();
			finishing.set(draftId, running);
			void running.finally(() => finishing.delete(draftId)).catch(() => undefined);
		}
		return running;
	}

	const onSubmitted = (entry: OutboxEntry, receipt: CaseReceipt) => {
		void finish(entry.idempotencyKey, receipt, entry.submission.operatorId).then(
			(event) => {
				if (event) for (const listener of listeners) listener(event);
			},
			() => undefined,
		);
	};
	outbox.on('submitted', onSubmitted);

	async function materialsOf(draft: CounterDraft, refs: Array<{code: string; sha256: string; pages: number; originalVerified: boolean}>): Promise<MaterialInput[]> {
		const out: MaterialInput[] = [];
		for (const ref of refs) {
			// Re-hashed on read: a capture changed on disk since it was kept is refused, not sent.
			const bytes = await drafts.readCapture(draft.draftId, ref.sha256);
			out.push({code: ref.code, bytes, contentType: 'image/jpeg', pages: ref.pages, originalVerified: ref.originalVerified});
		}
		return out;
	}

	async function waitForHub(entryId: string): Promise<OutboxEntry | undefined> {
		let timer: ReturnType<typeof setTimeout> | undefined;
		const deadline = new Promise<void>((resolve) => {
			timer = setTimeout(resolve, deps.waitMs ?? SUBMIT_WAIT_MS);
			timer.unref?.();
		});
		// A couple of retries within the wait: a hub busy for a moment still gives a receipt at once.
		await Promise.race([outbox.drain({now: true, retries: 2}).catch(() => undefined), deadline]);
		clearTimeout(timer);
		return outbox.get(entryId);
	}

	/** The exceptions of the draft's case (src/core/cases/approval.ts), from the catalog's originals; undefined when not ready. */
	function exceptionsOfDraft(draft: CounterDraft, operatorId: string, secondCase: boolean): CaseException[] | undefined {
		const implementation = deps.catalog().implementation(draft.implementationCode);
		try {
			const built = submissionFromDraft(draft, implementation, {operatorId, terminalId: settings.terminalId, receivingNode: settings.branchCode.slice(0, 2), now: clock.now()});
			const originals = new Map((implementation?.materials ?? []).map((m) => [m.code, m.originals]));
			return exceptionsOf({...built.submission, materials: built.materials, ...(secondCase ? {secondCase} : {})}, {originalsOf: (code) => originals.get(code) ?? 0});
		} catch (error) {
			if (error instanceof DraftNotReadyError) return undefined;
			throw error;
		}
	}

	/** The draft's applicant as the guard compares it (a typed number is sent as resident, counter-draft.ts). */
	async function duplicatesOf(draft: CounterDraft): Promise<DuplicateCheck | undefined> {
		if (!deps.duplicates || !draft.applicant?.idNumber) return undefined;
		return deps.duplicates({idNumber: draft.applicant.idNumber, cardType: draft.applicant.cardType ?? 'resident'}, draft.itemCode, draft.draftId);
	}

	return {
		async exceptions(draftId, options = {}) {
			const draft = await drafts.get(draftId);
			return draft && !draft.submitted ? (exceptionsOfDraft(draft, draft.operatorId ?? '', options.allowDuplicate === true) ?? []) : [];
		},

		async checkDuplicates(draftId) {
			const draft = await drafts.get(draftId);
			return draft && !draft.submitted ? duplicatesOf(draft) : undefined;
		},

		async submit(draftId, operatorId, options = {}): Promise<SubmitOutcome> {
			const draft = await drafts.get(draftId);
			if (!draft) throw new IntegrityError('draft_missing', {draftId}, {draftId});
			if (draft.submitted?.caseId) {
				const saved = await receipts.get(draft.submitted.caseId);
				if (saved) return {status: 'submitted', receipt: saved, file: receipts.textPath(saved.caseId)};
			}
			let entry: OutboxEntry;
			if (!draft.submitted) {
				const implementation = deps.catalog().implementation(draft.implementationCode);
				let built;
				try {
					built = submissionFromDraft(draft, implementation, {operatorId, terminalId: settings.terminalId, receivingNode: settings.branchCode.slice(0, 2), branchCode: settings.branchCode, now: clock.now()});
				} catch (error) {
					if (error instanceof DraftNotReadyError) return {status: 'not_ready', problems: error.problems};
					throw error;
				}
				// Checked here, not only on screen: a plain submit never makes a second case.
				if (!options.allowDuplicate) {
					const check = await duplicatesOf(draft);
					if (check && check.cases.length > 0) return {status: 'duplicate', check};
				}
				// Maker-checker: a case with exceptions goes only with a supervisor's approval covering them all.
				const exceptions = exceptionsOfDraft(draft, operatorId, options.allowDuplicate === true) ?? [];
				const missing = uncovered(exceptions, options.approval?.exceptions);
				if (missing.length > 0 || (exceptions.length > 0 && options.approval?.supervisorId === operatorId)) return {status: 'needs_approval', exceptions};
				const submission = {...built.submission, ...(options.allowDuplicate ? {secondCase: true} : {}), ...(exceptions.length > 0 && options.approval ? {approval: options.approval} : {})};
				entry = await outbox.enqueue(submission, await materialsOf(draft, built.materials), {idempotencyKey: draftId});
				await drafts.markSubmitted(draftId, {idempotencyKey: entry.idempotencyKey, submittedAt: clock.now().toISOString()});
			} else {
				const queued = await outbox.get(draftId);
				if (!queued) return {status: 'rejected', reason: {code: 'outbox_entry_missing', message: `draft ${draftId} is marked submitted but the outbox has no entry`}};
				entry = queued;
			}
			const after = (await waitForHub(entry.id)) ?? entry;
			if (after.receipt) {
				const event = await finish(draftId, after.receipt, operatorId);
				if (event) return {status: 'submitted', receipt: event.receipt, file: event.file};
			}
			if (after.phase === 'failed') return {status: 'rejected', reason: after.lastError ?? {code: 'rejected', message: 'rejected'}};
			return {status: 'queued', ...(after.lastError ? {reason: after.lastError} : {})};
		},

		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},

		async receipt(caseId) {
			const doc = await receipts.get(caseId);
			return doc ? {receipt: doc, file: receipts.textPath(caseId)} : undefined;
		},

		...(printerConfigured(settings)
			? {
					async print(caseId: string): Promise<void> {
						const doc = await receipts.get(caseId);
						if (!doc) throw new Error(`no receipt for ${caseId}`);
						const file = receipts.textPath(caseId);
						const lang = deps.lang();
						await printPaper(settings, {file, text: receiptFileText(doc, lang), paper: (width) => receiptPaper(doc, lang, width)});
					},
				}
			: {}),

		/** Stops listening and waits for receipts being saved (nothing is written after it returns). */
		async close() {
			outbox.off('submitted', onSubmitted);
			listeners.clear();
			await Promise.allSettled([...finishing.values()]);
		},
	};
}

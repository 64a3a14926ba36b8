/**
 * The branch's work queue and the return trips at the counter (docs/return-trips.md): polling the
 * hub's work list (with its ETag: no body while nothing changed), opening an item, checking the
 * card of whoever came against the case's people (core/cases/counter-match.ts, audited either
 * way), taking the pictures a supplement or an agent's hand-over needs with the same capture and
 * quality checks as the materials step, and the act itself: a supplement through the durable
 * outbox, a hand-over recorded by the hub, a shipment with its waybill checked first. Failures
 * become a notice on the task or a flash; nothing throws into the render loop.
 */
import {matchAtCounter} from '../../core/cases/counter-match.js';
import {checkFollowUpNote, followUpAuditDetails, FOLLOW_UP_NOTE_MAX} from '../../core/cases/evaluation.js';
import {isActionable, rankWork} from '../../core/cases/return-trips.js';
import {CARRIERS, checkWaybill, type Carrier} from '../../core/cases/waybill.js';
import {failureCode, HubRejectedError, InputError} from '../../core/errors.js';
import type {Bilingual} from '../../core/lang.js';
import type {CardReadEvent} from '../../core/ports/reader.js';
import {createTranslator} from '../i18n/index.js';
import {messageOf, problemOf} from '../problem.js';
import type {KeptPicture, WorkOutcome} from '../services.js';
import {clampIndex} from '../state/index.js';
import {allKept, picturesOf, POA_CODE, type WorkTask} from '../state/work.js';
import {runCapture, waitForVerified} from './capture.js';
import {failureFlash, type EffectDeps} from './shared.js';

export function createWorkEffects({services, getState, dispatch, flash, audit}: EffectDeps) {
	let generation = 0;
	/** The camera reads of the capture on screen: given up when the clerk discards it, takes another or leaves the task. */
	let reading: AbortController | undefined;
	const giveUpReading = () => {
		reading?.abort();
		reading = undefined;
	};
	let polling: Promise<void> | undefined;
	const lang = () => getState().nav.lang;
	const task = () => getState().work.task;
	const operatorId = () => getState().session.operator?.id ?? services.operator.id;
	const notice = (patch: WorkTask['notice']) => dispatch({type: 'work/task', patch: {notice: patch}});

	/**
	 * Asks the hub (conditionally). The list is filtered and ranked here on every answer, a 304
	 * too (the port hands back the list it has): unshipped originals become due with time, not
	 * with a change of the list.
	 */
	function poll(): Promise<void> {
		const port = services.work;
		if (!port) return Promise.resolve();
		polling ??= port
			.poll()
			.then(({items}) => {
				const now = services.clock.now();
				const ranked = rankWork(items.filter((item) => isActionable(item, now, port.policy)), port.policy);
				dispatch({type: 'work/items', items: ranked, polledAt: now.toISOString()});
			})
			.catch((error: unknown) => {
				dispatch({type: 'work/failed', error: problemOf(error)});
				throw error;
			})
			.finally(() => {
				polling = undefined;
			});
		return polling;
	}

	function pictures(current: WorkTask): KeptPicture[] {
		return picturesOf(current).flatMap((m) => {
			const kept = current.kept[m.code];
			return kept ? [{code: m.code, jpeg: kept.image.jpeg, sha256: kept.image.sha256, originalVerified: kept.originalVerified}] : [];
		});
	}

	/** After the act: the document on screen, the queue asked again (the item is gone from it). */
	function finished(outcome: WorkOutcome, doneKey: 'flash.supplemented' | 'flash.handedOver'): void {
		if (outcome.status === 'queued') {
			dispatch({type: 'work/task', patch: {stage: 'review', notice: {tone: 'warn', key: 'task.queued'}}});
			return;
		}
		dispatch({type: 'work/task', patch: {stage: 'done', notice: undefined, document: {lines: outcome.lines, file: outcome.file, scroll: 0}}});
		flash({level: 'info', key: doneKey, params: {caseId: outcome.caseId}});
		void poll().catch(() => undefined);
	}

	/** 领取: the collector as the card named them (an agent with the 委托书's hash), audited either way. */
	async function handOver(current: WorkTask): Promise<WorkOutcome> {
		const {item, presenter} = current;
		const port = services.work!;
		const poa = presenter!.role === 'agent' ? pictures(current).find((p) => p.code === POA_CODE) : undefined;
		const {person, role} = presenter!;
		const collector = {role, name: person.name, cardType: person.cardType, idNumberMasked: person.idNumberMasked, ...(poa ? {powerOfAttorney: poa.sha256} : {})};
		const entry = {target: {caseId: item.caseId, itemCode: item.itemCode}, details: {caseId: item.caseId, role, idNumberMasked: person.idNumberMasked}};
		try {
			const outcome = await port.handOver({caseId: item.caseId, itemCode: item.itemCode, collector, ...(poa ? {powerOfAttorney: poa} : {}), operatorId: operatorId()});
			audit({action: 'case.handover', outcome: 'ok', ...entry, details: {...entry.details, ...(poa ? {powerOfAttorney: poa.sha256} : {})}});
			return outcome;
		} catch (error) {
			audit({action: 'case.handover', outcome: 'failed', ...entry, details: {...entry.details, error: failureCode(error)}});
			throw error;
		}
	}

	function failed(error: unknown): void {
		dispatch({type: 'work/task', patch: {stage: 'review', notice: {tone: 'error', key: 'task.failed', params: {message: problemOf(error)}}}});
	}

	return {
		poll,

		open(): void {
			dispatch({type: 'show', root: 'work'});
			void poll().catch(() => undefined);
		},

		refresh(): void {
			// Said either way: the list may well come back as it was.
			void poll().then(
				() => flash({level: 'info', key: 'flash.workRefreshed'}),
				(error: unknown) => flash({level: 'error', key: 'flash.workFailed', params: {message: messageOf(error, lang())}}),
			);
		},

		openSelected(): void {
			const {items, selected} = getState().work;
			const item = items?.[selected];
			if (item) dispatch({type: 'work/open', item});
		},

		/** The card of whoever came, against the case's applicant and named agent. */
		async taskCard(event: CardReadEvent): Promise<void> {
			const current = task();
			const port = services.work;
			if (!current || current.stage !== 'card' || !port) return;
			const {item} = current;
			const known = await port.knownPeople(item.caseId).catch(() => undefined);
			const match = matchAtCounter({kind: event.card.kind, number: event.card.number, name: event.card.name}, item, known);
			// The case may have changed while the people were looked up (esc, another item).
			if (task()?.item !== item) return;
			const details = {caseId: item.caseId, need: item.need, idNumberMasked: event.display.number, role: match.role, ...(match.role !== 'none' ? {strength: match.strength} : {})};
			audit({action: 'case.collector_check', outcome: match.role === 'none' ? 'denied' : 'ok', target: {caseId: item.caseId, itemCode: item.itemCode}, details});
			if (match.role === 'none') return dispatch({type: 'work/task', patch: {mismatch: true, notice: {tone: 'error', key: 'task.mismatch'}}});
			// The card's own masked fields (the reader service masks them) name the collector.
			const presenter = {role: match.role, strength: match.strength, person: {name: event.display.name, cardType: event.card.kind, idNumberMasked: event.display.number}};
			const next: WorkTask = {...current, presenter, mismatch: false, notice: undefined};
			dispatch({type: 'work/task', patch: {presenter, mismatch: false, notice: undefined, stage: picturesOf(next).length > 0 ? 'pictures' : 'review'}});
		},

		async capture(): Promise<void> {
			const current = task();
			const material = current ? picturesOf(current)[current.selected] : undefined;
			if (!services.camera || !material) return;
			const mine = ++generation;
			giveUpReading();
			const own = new AbortController();
			reading = own;
			await runCapture(services, material.code, (patch) => dispatch({type: 'work/capture', patch}), () => mine === generation, own.signal);
			if (reading === own) reading = undefined;
		},

		/** Keeps the picture in memory for this task (it leaves with the citizen); `originalVerified` for key o. */
		async accept(options: {originalVerified?: boolean} = {}): Promise<void> {
			const pending = task()?.capture;
			if (!pending || pending.status !== 'review' || !pending.image) return;
			// A picture still being verified is kept once its second read agrees (never the first read).
			const shot = await waitForVerified(pending, (patch) => dispatch({type: 'work/capture', patch}), () => task()?.capture);
			const current = task();
			if (!current || !shot?.image) return;
			generation++;
			dispatch({type: 'work/keep', code: shot.materialCode, image: shot.image, originalVerified: options.originalVerified === true});
			audit({
				action: 'material.capture',
				outcome: 'ok',
				target: {caseId: current.item.caseId, itemCode: current.item.itemCode},
				details: {materialCode: shot.materialCode, sha256: shot.image.sha256, bytes: shot.image.jpeg.length, need: current.item.need, warnings: [...shot.image.quality.warnings]},
			});
			if (shot.differed) flash({level: 'warn', key: 'flash.captureSavedReread', params: {code: shot.materialCode, sha: shot.image.sha256.slice(0, 12), count: shot.differed}});
			const after = task();
			if (!after) return;
			const list = picturesOf(after);
			const next = list.findIndex((m) => !after.kept[m.code]);
			if (next >= 0) dispatch({type: 'work/task', patch: {selected: next}});
			else dispatch({type: 'work/task', patch: {stage: 'review', notice: undefined}});
		},

		discard(): void {
			generation++;
			giveUpReading();
			dispatch({type: 'work/capture', patch: undefined});
		},

		retake(): void {
			const shot = task()?.capture;
			if (!shot || shot.status === 'running' || shot.status === 'saving') return;
			void this.capture();
		},

		move(by: 1 | -1): void {
			const current = task();
			if (!current) return;
			dispatch({type: 'work/task', patch: {selected: clampIndex(current.selected + by, picturesOf(current).length)}});
		},

		review(): void {
			const current = task();
			if (!current) return;
			const missing = picturesOf(current).filter((m) => !current.kept[m.code]);
			if (missing.length > 0) return notice({tone: 'warn', key: 'task.needPictures', params: {codes: missing.map((m) => m.code).join(' ')}});
			dispatch({type: 'work/task', patch: {stage: 'review', notice: undefined}});
		},

		backToPictures(): void {
			const current = task();
			if (current && picturesOf(current).length > 0) dispatch({type: 'work/task', patch: {stage: 'pictures', notice: undefined}});
		},

		/** The act of a supplement or a hand-over, once the card matched and the pictures are kept. */
		async submit(): Promise<void> {
			const current = task();
			const port = services.work;
			if (!current || !port || current.stage !== 'review' || !current.presenter || !allKept(current)) return;
			const {item} = current;
			dispatch({type: 'work/task', patch: {stage: 'sending', notice: undefined}});
			try {
				const outcome = item.need === 'supplement' ? await port.supplement({caseId: item.caseId, itemCode: item.itemCode, pictures: pictures(current), operatorId: operatorId()}) : await handOver(current);
				finished(outcome, item.need === 'supplement' ? 'flash.supplemented' : 'flash.handedOver');
			} catch (error) {
				failed(error);
			}
		},

		/** The shipment form: record the waybill typed (checked first; nothing is sent for a bad one). */
		async ship(): Promise<void> {
			const current = task();
			const port = services.work;
			if (!current || !port || current.stage !== 'form') return;
			const {item, carrier} = current;
			const check = checkWaybill(carrier, current.waybill);
			if (!check.ok) return notice({tone: 'error', key: 'task.badWaybill', params: {message: problemOf(new InputError(check.reason, {waybill: current.waybill, carrier}))}});
			dispatch({type: 'work/task', patch: {stage: 'sending', notice: undefined}});
			try {
				const result = await port.ship({caseId: item.caseId, carrier, waybill: check.waybill, operatorId: operatorId()}).catch((error: unknown) => {
					audit({action: 'case.ship', outcome: 'failed', target: {caseId: item.caseId, itemCode: item.itemCode}, details: {caseId: item.caseId, carrier, waybill: check.waybill, error: failureCode(error)}});
					throw error;
				});
				audit({action: 'case.ship', outcome: 'ok', target: {caseId: item.caseId, itemCode: item.itemCode}, details: {caseId: item.caseId, carrier, waybill: result.waybill, created: result.created}});
				const params = {caseId: item.caseId, carrier: carrierName(carrier), waybill: result.waybill};
				flash({level: result.unchecked ? 'warn' : 'info', key: result.created ? (result.unchecked ? 'flash.shipUnchecked' : 'flash.shipped') : 'flash.shippedAgain', params});
				dispatch({type: 'work/close'});
				void poll().catch(() => undefined);
			} catch (error) {
				dispatch({type: 'work/task', patch: {stage: 'form', notice: {tone: 'error', key: 'task.failed', params: {message: problemOf(error)}}}});
			}
		},

		/**
		 * 差评整改: the supervisor's note to the hub, audited either way (a clerk's session is refused
		 * by the hub, 403: denied, nothing changed). Once recorded the row leaves the queue.
		 */
		async followUp(): Promise<void> {
			const current = task();
			const port = services.work;
			if (!current || !port || current.stage !== 'note' || current.item.need !== 'follow_up') return;
			const {item} = current;
			const check = checkFollowUpNote(current.note);
			if (!check.ok) return notice({tone: 'error', key: check.reason === 'follow_up_note_empty' ? 'task.noteEmpty' : 'task.noteLong', params: {max: FOLLOW_UP_NOTE_MAX, count: [...current.note.trim()].length}});
			const details = followUpAuditDetails(item.caseId, item.evaluation?.level ?? 'unknown', check.note);
			const target = {caseId: item.caseId, itemCode: item.itemCode};
			dispatch({type: 'work/task', patch: {stage: 'sending', notice: undefined}});
			try {
				await port.followUp({caseId: item.caseId, note: check.note});
				audit({action: 'case.follow_up', outcome: 'ok', target, details});
				flash({level: 'info', key: 'flash.followedUp', params: {caseId: item.caseId}});
				dispatch({type: 'work/close'});
				void poll().catch(() => undefined);
			} catch (error) {
				const denied = error instanceof HubRejectedError && error.status === 403;
				audit({action: 'case.follow_up', outcome: denied ? 'denied' : 'failed', target, details: {...details, error: failureCode(error)}});
				dispatch({type: 'work/task', patch: {stage: 'note', notice: {tone: 'error', key: 'task.failed', params: {message: problemOf(error)}}}});
			}
		},

		typeNote(edit: (text: string) => string): void {
			const current = task();
			if (!current || current.stage !== 'note') return;
			// One line: a newline pasted in becomes a space.
			dispatch({type: 'work/task', patch: {note: edit(current.note).replace(/[\r\n\t]+/g, ' '), notice: undefined}});
		},

		nextCarrier(): void {
			const current = task();
			if (!current) return;
			dispatch({type: 'work/task', patch: {carrier: CARRIERS[(CARRIERS.indexOf(current.carrier) + 1) % CARRIERS.length]!, notice: undefined}});
		},

		typeWaybill(edit: (text: string) => string): void {
			const current = task();
			if (!current || current.stage !== 'form') return;
			dispatch({type: 'work/task', patch: {waybill: edit(current.waybill).replace(/[^A-Za-z0-9-]/g, '').toUpperCase().slice(0, 40), notice: undefined}});
		},

		async print(): Promise<void> {
			const current = task();
			const file = current?.document?.file;
			const port = services.work;
			if (!current || !file || !port?.print) return;
			try {
				await port.print(file);
				flash({level: 'info', key: 'rcp.printed'});
				audit({action: 'receipt.print', outcome: 'ok', target: {caseId: current.item.caseId, itemCode: current.item.itemCode}});
			} catch (error) {
				flash(failureFlash('flash.printFailed', error, lang()));
				audit({action: 'receipt.print', outcome: 'failed', target: {caseId: current.item.caseId, itemCode: current.item.itemCode}, details: {code: (error as {code?: string}).code ?? 'error'}});
			}
		},

		scroll(by: 1 | -1): void {
			const document = task()?.document;
			if (document) dispatch({type: 'work/task', patch: {document: {...document, scroll: Math.max(0, Math.min(document.lines.length - 1, document.scroll + by))}}});
		},

		/** Back to the queue: the task's pictures and the card check go with it. */
		close(): void {
			generation++;
			giveUpReading();
			if (task()?.stage === 'sending') return;
			dispatch({type: 'work/close'});
		},
	};
}

/** The carrier's name in both languages (a flash is worded when it is drawn, `:lang` may switch). */
function carrierName(carrier: Carrier): Bilingual {
	return {'zh-CN': createTranslator('zh-CN')(`carrier.${carrier}`), en: createTranslator('en')(`carrier.${carrier}`)};
}


/**
 * The console's work port (ui/services.ts WorkPort) over the hub client, the outbox and the
 * receipts (docs/return-trips.md): the branch's work list polled with its ETag (304: nothing read),
 * the people of a case in full while this terminal's outbox still holds them, a hand-over with the
 * agent's 委托书 uploaded first and its slip saved, a shipment with its waybill checked first, and
 * a supplement through the durable outbox under a key derived from its pictures (a second enter,
 * or one after a crash, is the same supplement) with its receipt saved once the hub has it.
 */
import {createHash} from 'node:crypto';
import type {KnownPeople} from '../core/cases/counter-match.js';
import type {Outbox} from '../core/cases/outbox.js';
import {DEFAULT_URGENCY, type ReturnRequest, type UrgencyPolicy, type WorkItem} from '../core/cases/return-trips.js';
import {AppError, EXIT, InputError} from '../core/errors.js';
import {supplementIdempotencyKey} from '../core/cases/idempotency.js';
import {followUpIdempotencyKey} from '../core/cases/evaluation.js';
import type {OutboxEntry} from '../core/cases/outbox-machine.js';
import {buildSupplementReceipt} from '../core/cases/receipt.js';
import {supplementContext} from '../core/cases/supplement-context.js';
import {receiptLines, receiptPaper} from '../receipts/text.js';
import {CASE_STATUS_LABELS} from '../i18n/case-status.js';
import type {Lang} from '../core/lang.js';
import type {CatalogService} from '../core/ports/catalog.js';
import type {Clock} from '../core/ports/clock.js';
import type {HubApi} from '../core/ports/hub.js';
import type {Paper} from '../receipts/layout.js';
import {printerConfigured, printPaper, type PrinterSettings} from '../receipts/print.js';
import {slipLines, slipPaper} from '../receipts/slip.js';
import {recordShipment} from '../core/cases/shipping.js';
import type {ReceiptStore} from '../store/receipts.js';
import type {WorkOutcome, WorkPort} from '../ui/services.js';

/** Work items per page asked for; a branch's list is rarely longer than one page. */
const PAGE_LIMIT = 200;
/** Pages read at most in one poll: a hub whose cursors never end cannot hold the console. */
const MAX_PAGES = 50;

export interface WorkPortDeps {
	hub: HubApi;
	outbox: Pick<Outbox, 'get' | 'caseEntry' | 'enqueueSupplement' | 'drain'>;
	receipts: ReceiptStore;
	catalog(): CatalogService;
	clock: Clock;
	settings: {branchCode: string; branchName: string; terminalId: string} & PrinterSettings;
	policy?: UrgencyPolicy;
	lang(): Lang;
	/** Province names for the supplement receipt. */
	provinceName(node: string): string;
	/** How long the console waits for the hub before saying "queued" (default SUPPLEMENT_WAIT_MS). */
	waitMs?: number;
}

/** The wait before a supplement the hub has not taken yet is left to the outbox ("queued"). */
const SUPPLEMENT_WAIT_MS = 10_000;

/** The promise, or undefined once `ms` have passed (the work goes on behind it). */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<undefined>((resolve) => {
		timer = setTimeout(() => resolve(undefined), ms);
		timer.unref?.();
	});
	return Promise.race([promise.catch(() => undefined), deadline]).finally(() => clearTimeout(timer));
}

/** The supplement receipt (saved once per supplement; shown and printed like the first receipt). */
export async function saveSupplementReceipt(
	deps: Pick<WorkPortDeps, 'receipts' | 'catalog' | 'settings' | 'provinceName' | 'lang'>,
	entry: OutboxEntry,
	returnRequest: ReturnRequest | null | undefined,
): Promise<{lines: string[]; file: string; paper: (width: number) => Paper}> {
	const caseId = entry.supplementFor!;
	const saved = await deps.receipts.getSupplement(caseId, entry.idempotencyKey);
	const doc =
		saved ??
		buildSupplementReceipt(entry, returnRequest, {
			item: deps.catalog().item(entry.submission.itemCode),
			implementation: deps.catalog().implementation(entry.submission.implementationCode),
			provinceName: deps.provinceName,
			operatorId: entry.submission.operatorId,
			branchName: deps.settings.branchName,
			terminalId: deps.settings.terminalId,
		});
	const file = saved ? deps.receipts.supplementTextPath(caseId, entry.idempotencyKey) : await deps.receipts.saveSupplement(doc, deps.lang());
	const lang = deps.lang();
	return {lines: receiptLines(doc, lang), file, paper: (width) => receiptPaper(doc, lang, width)};
}

function key(prefix: string, ...parts: string[]): string {
	return `${prefix}-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40)}`;
}

export function createWorkPort(deps: WorkPortDeps): WorkPort {
	const {hub, settings, clock} = deps;
	let etag: string | undefined;
	let last: readonly WorkItem[] = [];
	// The papers this port made, by their file: an ESC/POS print lays one out again at the printer's width.
	const papers = new Map<string, (width: number) => Paper>();

	return {
		policy: deps.policy ?? DEFAULT_URGENCY,

		async poll() {
			if (!settings.branchCode) throw new InputError('branch_code_missing');
			const first = await hub.branchWork({branchCode: settings.branchCode, limit: PAGE_LIMIT, ...(etag ? {etag} : {})});
			if (first.notModified) return {changed: false, items: last};
			const items = [...first.items];
			let cursor = first.nextCursor;
			for (let page = 1; cursor && page < MAX_PAGES; page++) {
				const next = await hub.branchWork({branchCode: settings.branchCode, limit: PAGE_LIMIT, cursor});
				if (next.notModified) break;
				items.push(...next.items);
				cursor = next.nextCursor;
			}
			etag = first.etag;
			last = items;
			return {changed: true, items};
		},

		async knownPeople(caseId): Promise<KnownPeople | undefined> {
			const entry = await deps.outbox.caseEntry(caseId);
			const applicant = entry?.submission.applicant;
			// Purged by retention: the number is gone, the masked match (and the hub) decide.
			if (!entry || !applicant?.idNumber) return undefined;
			const agent = entry.submission.agent;
			return {applicant: {cardType: applicant.cardType, idNumber: applicant.idNumber}, ...(agent?.idNumber ? {agent: {cardType: agent.cardType, idNumber: agent.idNumber}} : {})};
		},

		async supplement({caseId, itemCode, pictures, operatorId}): Promise<WorkOutcome> {
			const idempotencyKey = supplementIdempotencyKey(caseId, pictures.map((p) => p.sha256));
			let entry = await deps.outbox.get(idempotencyKey);
			// The hub's record says what the case is now (returned, or already past a supplement);
			// the work list's item stands in when the hub cannot be asked (the outbox keeps the rest).
			const record = await hub.getCase(caseId).catch(() => undefined);
			if (!entry) {
				if (record && record.status !== 'returned') throw new InputError('supplement_not_returned', {caseId, status: {'zh-CN': CASE_STATUS_LABELS['zh-CN'][`status.${record.status}`], en: CASE_STATUS_LABELS.en[`status.${record.status}`]}}, {status: record.status});
				const own = await deps.outbox.caseEntry(caseId);
				const implementationCode = record?.implementationCode ?? own?.submission.implementationCode ?? '';
				const context = supplementContext(record ?? {caseId, itemCode, implementationCode, receivingNode: ''}, own ? [own] : [], {operatorId, terminalId: settings.terminalId, branchCode: settings.branchCode, now: clock.now()});
				const materials = pictures.map((p) => ({code: p.code, bytes: p.jpeg, contentType: 'image/jpeg', pages: 1, originalVerified: p.originalVerified}));
				entry = await deps.outbox.enqueueSupplement(caseId, context, materials, {idempotencyKey});
			}
			await withDeadline(deps.outbox.drain({now: true}), deps.waitMs ?? SUPPLEMENT_WAIT_MS);
			const after = (await deps.outbox.get(idempotencyKey)) ?? entry;
			// Refused by the hub (a person must look): worded from what the entry recorded.
			if (after.phase === 'failed') throw new AppError(after.lastError?.code ?? 'unexpected', EXIT.usage, after.lastError?.params);
			if (after.phase !== 'done') return {status: 'queued', caseId};
			const {lines, file, paper} = await saveSupplementReceipt(deps, after, record?.returnRequest);
			papers.set(file, paper);
			return {status: 'done', caseId, lines, file};
		},

		async handOver({caseId, itemCode, collector, powerOfAttorney, operatorId}): Promise<WorkOutcome> {
			if (powerOfAttorney) {
				// The hub refuses a hand-over whose 委托书 it does not hold (422 blob_missing).
				if (!(await hub.hasBlob(powerOfAttorney.sha256))) await hub.putBlob(powerOfAttorney.sha256, powerOfAttorney.jpeg, 'image/jpeg');
			}
			const collectedAt = clock.now().toISOString();
			// One key per case and collector: pressing enter again after a lost answer is the same hand-over.
			const idempotencyKey = key('handover', caseId, collector.role, collector.cardType, collector.idNumberMasked, collector.powerOfAttorney ?? '');
			const record = await hub.handOver(caseId, idempotencyKey, {collector, collectedAt, operatorId});
			const slip = {caseId, itemName: deps.catalog().item(itemCode)?.name ?? itemCode, collector, collectedAt, branchName: settings.branchName, terminalId: settings.terminalId, operatorId, ...(record.evaluationUrl ? {evaluationUrl: record.evaluationUrl} : {})};
			const lang = deps.lang();
			const lines = slipLines(slip, lang);
			const file = await deps.receipts.saveDocument(caseId, 'handover', `${lines.join('\n')}\n`);
			papers.set(file, (width) => slipPaper(slip, lang, width));
			return {status: 'done', caseId, lines, file};
		},

		async ship({caseId, carrier, waybill, operatorId}) {
			return recordShipment(hub, {caseId, carrier, waybill, sentAt: clock.now().toISOString(), operatorId});
		},

		async followUp({caseId, note}) {
			const record = await hub.followUpEvaluation(caseId, followUpIdempotencyKey(caseId, note), note);
			return {evaluation: record.evaluation ?? null};
		},

		...(printerConfigured(settings)
			? {
					async print(file: string) {
						const {readFile} = await import('node:fs/promises');
						const text = await readFile(file, 'utf8');
						// A paper saved by another run has only its text: printed as it reads.
						await printPaper(settings, {file, text, paper: papers.get(file) ?? (() => ({lines: text.replace(/\n$/, '').split('\n')}))});
					},
				}
			: {}),
	};
}

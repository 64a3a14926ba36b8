/**
 * The console's work port (ui/services.ts WorkPort) over the hub client, the outbox and the
 * receipts (docs/return-trips.md): the branch's work list polled with its ETag (304: nothing read),
 * the people of a case in full while this terminal's outbox still holds them, a hand-over with the
 * agent's 委托书 uploaded first and its slip saved, a shipment with its waybill checked first, and
 * a supplement through the durable outbox (supplement.ts of the wiring, injected).
 */
import {createHash} from 'node:crypto';
import type {KnownPeople} from '../core/cases/counter-match.js';
import type {Outbox} from '../core/cases/outbox.js';
import {DEFAULT_URGENCY, type UrgencyPolicy, type WorkItem} from '../core/cases/return-trips.js';
import {InputError} from '../core/errors.js';
import type {Lang} from '../core/lang.js';
import type {CatalogService} from '../core/ports/catalog.js';
import type {Clock} from '../core/ports/clock.js';
import type {HubApi} from '../core/ports/hub.js';
import {printReceipt} from '../receipts/print.js';
import {slipFileText, slipLines} from '../receipts/slip.js';
import {recordShipment} from '../core/cases/shipping.js';
import type {ReceiptStore} from '../store/receipts.js';
import type {WorkOutcome, WorkPort} from '../ui/services.js';

/** Work items per page asked for; a branch's list is rarely longer than one page. */
const PAGE_LIMIT = 200;
/** Pages read at most in one poll: a hub whose cursors never end cannot hold the console. */
const MAX_PAGES = 50;

export interface WorkPortDeps {
	hub: HubApi;
	outbox: Pick<Outbox, 'all'>;
	receipts: ReceiptStore;
	catalog(): CatalogService;
	clock: Clock;
	settings: {branchCode: string; branchName: string; terminalId: string; receiptPrintCommand: string};
	policy?: UrgencyPolicy;
	lang(): Lang;
	/** 补正 through the durable outbox (wiring/submission.ts). */
	supplement: WorkPort['supplement'];
}

function key(prefix: string, ...parts: string[]): string {
	return `${prefix}-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40)}`;
}

export function createWorkPort(deps: WorkPortDeps): WorkPort {
	const {hub, settings, clock} = deps;
	let etag: string | undefined;
	let last: readonly WorkItem[] = [];
	const printCommand = settings.receiptPrintCommand.trim();

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
			const entry = (await deps.outbox.all()).find((e) => e.receipt?.caseId === caseId && e.supplementFor === undefined);
			const applicant = entry?.submission.applicant;
			// Purged by retention: the number is gone, the masked match (and the hub) decide.
			if (!entry || !applicant?.idNumber) return undefined;
			const agent = entry.submission.agent;
			return {applicant: {cardType: applicant.cardType, idNumber: applicant.idNumber}, ...(agent?.idNumber ? {agent: {cardType: agent.cardType, idNumber: agent.idNumber}} : {})};
		},

		supplement: (request) => deps.supplement(request),

		async handOver({caseId, itemCode, collector, powerOfAttorney, operatorId}): Promise<WorkOutcome> {
			if (powerOfAttorney) {
				// The hub refuses a hand-over whose 委托书 it does not hold (422 blob_missing).
				if (!(await hub.hasBlob(powerOfAttorney.sha256))) await hub.putBlob(powerOfAttorney.sha256, powerOfAttorney.jpeg, 'image/jpeg');
			}
			const collectedAt = clock.now().toISOString();
			// One key per case and collector: pressing enter again after a lost answer is the same hand-over.
			const idempotencyKey = key('handover', caseId, collector.role, collector.cardType, collector.idNumberMasked, collector.powerOfAttorney ?? '');
			await hub.handOver(caseId, idempotencyKey, {collector, collectedAt, operatorId});
			const slip = {caseId, itemName: deps.catalog().item(itemCode)?.name ?? itemCode, collector, collectedAt, branchName: settings.branchName, terminalId: settings.terminalId, operatorId};
			const file = await deps.receipts.saveDocument(caseId, 'handover', slipFileText(slip, deps.lang()));
			return {status: 'done', caseId, lines: slipLines(slip, deps.lang()), file};
		},

		async ship({caseId, carrier, waybill, operatorId}) {
			return recordShipment(hub, {caseId, carrier, waybill, sentAt: clock.now().toISOString(), operatorId});
		},

		...(printCommand
			? {
					async print(file: string) {
						const {readFile} = await import('node:fs/promises');
						await printReceipt(printCommand, {file, text: await readFile(file, 'utf8')});
					},
				}
			: {}),
	};
}

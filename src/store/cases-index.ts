/**
 * The terminal's own index of its cases (lowdb, durable writes): what was submitted, the last
 * status seen and the history timeline, so `cases show` and the console work offline and admins
 * can list a terminal's cases without asking the hub. Holds no personal data beyond a masked name.
 */
import {join} from 'node:path';
import {Low} from 'lowdb';
import type {CaseRecord, CaseStatus, HistoryEntry} from '../core/cases/model.js';
import type {OutboxEntry} from '../core/cases/outbox-machine.js';
import {maskName} from '../core/identity/mask.js';
import {DurableJSONFile} from './durable-json.js';

export interface IndexedCase {
	caseId: string;
	idempotencyKey: string;
	itemCode: string;
	implementationCode: string;
	/** e.g. "陈*明" — never the full name or the ID number. */
	applicantMasked: string;
	receivingNode: string;
	handlingNode: string;
	status: CaseStatus;
	receivedAt: string;
	updatedAt: string;
	history: HistoryEntry[];
	/** When the hub was last asked. */
	checkedAt: string;
}

interface IndexFile {
	version: 1;
	cases: Record<string, IndexedCase>;
}

export interface CasesIndex {
	get(caseId: string): IndexedCase | undefined;
	list(): IndexedCase[];
	/** Records a case the outbox just got onto the hub. */
	recordSubmitted(entry: OutboxEntry, now: Date): Promise<IndexedCase | undefined>;
	/** Updates the status and history from a fresh GET /cases/{id}. */
	recordFromHub(record: CaseRecord, now: Date): Promise<IndexedCase>;
}

export async function openCasesIndex(dataDir: string): Promise<CasesIndex> {
	const db = new Low<IndexFile>(new DurableJSONFile<IndexFile>(join(dataDir, 'cases.json')), {version: 1, cases: {}});
	await db.read();
	return {
		get: (caseId) => db.data.cases[caseId],
		list: () => Object.values(db.data.cases).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)),
		async recordSubmitted(entry, now) {
			const receipt = entry.receipt;
			if (!receipt) return undefined;
			const known = db.data.cases[receipt.caseId];
			// A case first seen through a status poll has no key yet: the outbox entry brings it.
			const indexed: IndexedCase = known ? {...known, idempotencyKey: known.idempotencyKey || entry.idempotencyKey} : {
				caseId: receipt.caseId,
				idempotencyKey: entry.idempotencyKey,
				itemCode: entry.submission.itemCode,
				implementationCode: entry.submission.implementationCode,
				applicantMasked: maskName(entry.submission.applicant.name),
				receivingNode: receipt.receivingNode,
				handlingNode: receipt.handlingNode,
				status: receipt.status,
				receivedAt: receipt.receivedAt,
				updatedAt: receipt.receivedAt,
				history: [{status: receipt.status, node: receipt.receivingNode, at: receipt.receivedAt}],
				checkedAt: now.toISOString(),
			};
			db.data.cases[receipt.caseId] = indexed;
			await db.write();
			return indexed;
		},
		async recordFromHub(record, now) {
			const known = db.data.cases[record.caseId];
			const indexed: IndexedCase = {
				caseId: record.caseId,
				idempotencyKey: known?.idempotencyKey ?? '',
				itemCode: record.itemCode,
				implementationCode: record.implementationCode,
				applicantMasked: known?.applicantMasked ?? '',
				receivingNode: record.receivingNode,
				handlingNode: record.handlingNode,
				status: record.status,
				receivedAt: record.receivedAt,
				updatedAt: record.updatedAt,
				history: record.history,
				checkedAt: now.toISOString(),
			};
			db.data.cases[record.caseId] = indexed;
			await db.write();
			return indexed;
		},
	};
}

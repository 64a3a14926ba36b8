/**
 * Tracking a terminal's cases: the timeline of one case (for `cases show` and the console) and
 * the admins' batch status check, streamed so 100k ids take bounded memory.
 */
import {BATCH_LIMIT, type BatchStatusResult, type CaseRecord, type CaseStatus, type Stage, stageOf, CASE_ID_PATTERN} from './model.js';
import type {HubApi} from '../ports/hub.js';
import type {Delivery, ReturnRequest, Shipment} from './return-trips.js';

export interface TimelineStep {
	status: CaseStatus;
	stage: Stage;
	node: string;
	at: string;
	note?: string;
	/** Minutes since the previous step (undefined for the first). */
	waitedMinutes?: number;
}

/** The case history in time order, each step tagged with its 收分转汇 stage. */
export function timeline(record: Pick<CaseRecord, 'history'>): TimelineStep[] {
	const sorted = [...record.history].sort((a, b) => a.at.localeCompare(b.at));
	return sorted.map((h, i) => {
		const step: TimelineStep = {status: h.status, stage: stageOf(h.status), node: h.node, at: h.at};
		if (h.note) step.note = h.note;
		if (i > 0) step.waitedMinutes = Math.round((Date.parse(h.at) - Date.parse(sorted[i - 1]!.at)) / 60_000);
		return step;
	});
}

/**
 * What happened to a case after acceptance, as tracking shows it (docs/return-trips.md): the
 * return for more material, the originals still to send or sent, and how the result comes back.
 * Only what the hub holds, which is masked already (a collector's name and number).
 */
export interface ReturnTrips {
	returnRequest: ReturnRequest | null;
	/** The handling department needs the paper originals and none is recorded as sent yet. */
	originalsDue: boolean;
	shipments: Array<Pick<Shipment, 'carrier' | 'waybill' | 'sentAt' | 'receivedAt'>>;
	delivery: Delivery | null;
}

/** The return trips of a hub record; undefined when it has none (nothing to show). */
export function returnTripsOf(record: Pick<CaseRecord, 'originalsRequired' | 'returnRequest' | 'shipments' | 'delivery'>): ReturnTrips | undefined {
	const shipments = (record.shipments ?? []).map(({carrier, waybill, sentAt, receivedAt}) => ({carrier, waybill, sentAt, receivedAt}));
	const trips: ReturnTrips = {
		returnRequest: record.returnRequest ?? null,
		originalsDue: record.originalsRequired === true && shipments.length === 0,
		shipments,
		delivery: record.delivery ?? null,
	};
	return trips.returnRequest || trips.originalsDue || shipments.length > 0 || trips.delivery ? trips : undefined;
}

export type BatchRow = BatchStatusResult | {caseId: string; error: 'invalid_id'};

/** Groups an async stream of ids into chunks of at most `size`, trimming blanks. */
async function* chunkIds(ids: AsyncIterable<string>, size = BATCH_LIMIT): AsyncGenerator<string[]> {
	let chunk: string[] = [];
	for await (const raw of ids) {
		const id = raw.trim();
		if (id === '') continue;
		chunk.push(id);
		if (chunk.length >= size) {
			yield chunk;
			chunk = [];
		}
	}
	if (chunk.length > 0) yield chunk;
}

/**
 * Asks the hub for the status of every id, `concurrency` chunks in flight, and yields the rows in
 * input order. Memory is bounded by concurrency × chunk size whatever the input length.
 * Malformed ids are answered locally (`invalid_id`) and never sent.
 */
export async function* streamBatchStatus(
	hub: Pick<HubApi, 'batchStatus'>,
	ids: AsyncIterable<string>,
	options: {concurrency?: number; chunkSize?: number} = {},
): AsyncGenerator<BatchRow> {
	const concurrency = Math.max(1, options.concurrency ?? 4);
	const inFlight: Array<Promise<BatchRow[]>> = [];
	const lookup = async (chunk: string[]): Promise<BatchRow[]> => {
		const valid = chunk.filter((id) => CASE_ID_PATTERN.test(id));
		const answers = valid.length > 0 ? await hub.batchStatus(valid) : [];
		let next = 0;
		return chunk.map((id) => (CASE_ID_PATTERN.test(id) ? answers[next++]! : {caseId: id, error: 'invalid_id' as const}));
	};
	try {
		for await (const chunk of chunkIds(ids, options.chunkSize ?? BATCH_LIMIT)) {
			const p = lookup(chunk);
			// Keep rejections from being reported as unhandled while they wait their turn.
			p.catch(() => undefined);
			inFlight.push(p);
			if (inFlight.length >= concurrency) yield* await inFlight.shift()!;
		}
		while (inFlight.length > 0) yield* await inFlight.shift()!;
	} finally {
		for (const p of inFlight) p.catch(() => undefined);
	}
}

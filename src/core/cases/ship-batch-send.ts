/**
 * Sending a checked shipment batch (ship-batch.ts), one row after the other, each through
 * `recordShipment` (shipping.ts) with its derived idempotency key: a batch run again — after a
 * kill, a lost answer, the hub coming back — records nothing twice, and a row the hub already has
 * comes back "already recorded". Every row is reported in file order: refused ones where they
 * stand, a repeat of a parcel as its first row went. A row the hub refuses (no such case, no
 * originals needed) fails alone; the hub away (HubError: unreachable, timing out, busy) stops
 * the run at once, and every row still to send is reported as not sent.
 */
import {AppError, HubError, failureCode} from '../errors.js';
import type {HubApi} from '../ports/hub.js';
import type {NestedMessage} from '../template.js';
import {recordShipment} from './shipping.js';
import type {Parcel, ShipBatchRow} from './ship-batch.js';

type ShipRowStatus = 'recorded' | 'already_recorded' | 'refused' | 'failed';

export interface ShipRowOutcome {
	row: number;
	caseId: string;
	status: ShipRowStatus;
	/** The error code of a refused or failed row (`ship_not_sent` for a row the run never sent). */
	error: string | undefined;
	/** Why it was refused or not sent, when no error was thrown (a check, or the run stopped). */
	reason?: NestedMessage;
	/** What the hub (or its client) threw for a failed row. */
	cause?: unknown;
	parcel?: Parcel;
	/** The row is a repeat of this earlier row's parcel (not sent again). */
	duplicateOf?: number;
	/** This row's request went to the hub (its outcome is audited as case.ship). */
	sent: boolean;
}

export interface ShipBatchRun {
	/** The row whose sending found the hub away, and what was thrown; the rows after it were not sent. */
	stopped?: {row: number; error: HubError};
}

const NOT_SENT: NestedMessage = {code: 'ship_not_sent'};

export function refusedOutcome(row: ShipBatchRow & {kind: 'refused'}): ShipRowOutcome {
	return {row: row.row, caseId: row.caseId, status: 'refused', error: row.reason.code, reason: row.reason, sent: false};
}

/** `onRow` hears every row in file order, and is awaited: the audit writes a sent row before the next goes. */
export async function sendShipBatch(
	hub: Pick<HubApi, 'addShipment' | 'getCase'>,
	rows: readonly ShipBatchRow[],
	options: {sentAt: string; operatorId: string; onRow(outcome: ShipRowOutcome): Promise<void>},
): Promise<ShipBatchRun> {
	const run: ShipBatchRun = {};
	/** The outcome of each parcel's first row, for its repeats. */
	const firstRows = new Map<number, ShipRowOutcome>();
	for (const row of rows) {
		const base = {row: row.row, caseId: row.caseId};
		let outcome: ShipRowOutcome;
		if (row.kind === 'refused') {
			outcome = refusedOutcome(row);
		} else if (row.kind === 'duplicate') {
			// The first row of the parcel came earlier in the file, so its outcome is known.
			const first = firstRows.get(row.of)!;
			outcome = {
				...base,
				status: first.status === 'recorded' ? 'already_recorded' : first.status,
				error: first.error,
				...(first.reason ? {reason: first.reason} : {}),
				...(first.cause !== undefined ? {cause: first.cause} : {}),
				parcel: row.parcel,
				duplicateOf: row.of,
				sent: false,
			};
		} else if (run.stopped) {
			outcome = {...base, status: 'failed', error: NOT_SENT.code, reason: NOT_SENT, parcel: row.parcel, sent: false};
			firstRows.set(row.row, outcome);
		} else {
			const {carrier, waybill} = row.parcel;
			try {
				const {created} = await recordShipment(hub, {caseId: row.caseId, carrier, waybill, sentAt: row.parcel.sentAt ?? options.sentAt, operatorId: options.operatorId});
				outcome = {...base, status: created ? 'recorded' : 'already_recorded', error: undefined, parcel: row.parcel, sent: true};
			} catch (error) {
				// Ours (a refusal, the hub away) is this row's outcome; anything else is a bug and ends the run.
				if (!(error instanceof AppError)) throw error;
				if (error instanceof HubError) run.stopped = {row: row.row, error};
				outcome = {...base, status: 'failed', error: failureCode(error), cause: error, parcel: row.parcel, sent: true};
			}
			firstRows.set(row.row, outcome);
		}
		await options.onRow(outcome);
	}
	return run;
}

/**
 * Recording the paper originals sent to the handling department (资料流转, docs/return-trips.md):
 * the waybill checked where its format is published before anything is sent, and one parcel never
 * recorded twice — the idempotency key is derived from the case, carrier and waybill, so a second
 * attempt (after a kill, from an end-of-day batch, from the console after a lost answer) is the
 * same shipment. Used by `tongban cases ship` and the console's shipping step.
 */
import {createHash} from 'node:crypto';
import {HubRejectedError, InputError} from '../errors.js';
import type {HubApi} from '../ports/hub.js';
import {checkWaybill, type Carrier} from './waybill.js';

function shipmentKey(caseId: string, carrier: Carrier, waybill: string): string {
	return `ship-${createHash('sha256').update(`${caseId}\n${carrier}\n${waybill}`).digest('hex').slice(0, 40)}`;
}

export interface ShipmentRecorded {
	/** false: the hub had this parcel already (nothing recorded twice). */
	created: boolean;
	/** The waybill as checked (upper case, no spaces). */
	waybill: string;
	/** The carrier publishes no check: kept as typed, with a warning. */
	unchecked: boolean;
}

/** Throws InputError for a waybill its format refuses (nothing sent), hub errors as they come. */
export async function recordShipment(hub: Pick<HubApi, 'addShipment' | 'getCase'>, request: {caseId: string; carrier: Carrier; waybill: string; sentAt: string; operatorId: string}): Promise<ShipmentRecorded> {
	const {caseId, carrier} = request;
	const check = checkWaybill(carrier, request.waybill);
	if (!check.ok) throw new InputError(check.reason, {waybill: request.waybill, carrier});
	const unchecked = check.format === 'unchecked';
	try {
		const {created} = await hub.addShipment(caseId, shipmentKey(caseId, carrier, check.waybill), {carrier, waybill: check.waybill, sentAt: request.sentAt, operatorId: request.operatorId});
		return {created, waybill: check.waybill, unchecked};
	} catch (error) {
		// The same parcel recorded by an earlier attempt at another time: the key matches, the time does not.
		if (!(error instanceof HubRejectedError && error.problemCode === 'idempotency_conflict')) throw error;
		const record = await hub.getCase(caseId);
		if (!(record.shipments ?? []).some((s) => s.carrier === carrier && s.waybill === check.waybill)) throw error;
		return {created: false, waybill: check.waybill, unchecked};
	}
}

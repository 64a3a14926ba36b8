/**
 * Waybill numbers for the paper originals a case sends to its handling department (资料流转) and
 * for results posted to the citizen (异地送达). A number is checked only where its format is
 * published (docs/return-trips.md):
 *
 * - UPU S10 (international and China Post registered/EMS items): two letters, an 8-digit serial,
 *   a check digit, a two-letter country code, e.g. `EA123456785CN`. The check digit weighs the
 *   serial by 8 6 4 2 3 5 9 7; c = 11 − (sum mod 11), with 10 → 0 and 11 → 5 (UPU S10 §5.3).
 * - China Post domestic EMS: 13 digits (no published check digit: only the length is checked).
 *
 * Other carriers publish no format: their numbers are kept as typed (trimmed, upper-case) with a
 * warning that they could not be checked.
 */

export const CARRIERS = ['ems', 'sf', 'jd', 'other'] as const;
export type Carrier = (typeof CARRIERS)[number];

export function isCarrier(value: string): value is Carrier {
	return (CARRIERS as readonly string[]).includes(value);
}

export type WaybillCheck =
	| {ok: true; waybill: string; format: 's10' | 'ems-domestic'}
	| {ok: true; waybill: string; format: 'unchecked'; warning: 'waybill_unchecked'}
	| {ok: false; reason: 'waybill_empty' | 'waybill_format' | 'waybill_check_digit'};

const S10 = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;
const EMS_DOMESTIC = /^\d{13}$/;
/** What a waybill of any carrier may hold: letters, digits and hyphens, up to 40. */
const ANY_WAYBILL = /^[A-Z0-9-]{4,40}$/;
const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** The S10 check digit of an 8-digit serial. */
export function s10CheckDigit(serial: string): number {
	let sum = 0;
	for (let i = 0; i < 8; i++) sum += Number(serial[i]) * S10_WEIGHTS[i]!;
	const c = 11 - (sum % 11);
	return c === 10 ? 0 : c === 11 ? 5 : c;
}

export function checkWaybill(carrier: Carrier, typed: string): WaybillCheck {
	const waybill = typed.replace(/\s+/g, '').toUpperCase();
	if (waybill === '') return {ok: false, reason: 'waybill_empty'};
	const s10 = S10.exec(waybill);
	if (s10) {
		return s10CheckDigit(s10[2]!) === Number(s10[3]) ? {ok: true, waybill, format: 's10'} : {ok: false, reason: 'waybill_check_digit'};
	}
	if (carrier === 'ems') {
		if (EMS_DOMESTIC.test(waybill)) return {ok: true, waybill, format: 'ems-domestic'};
		return {ok: false, reason: 'waybill_format'};
	}
	if (!ANY_WAYBILL.test(waybill)) return {ok: false, reason: 'waybill_format'};
	return {ok: true, waybill, format: 'unchecked', warning: 'waybill_unchecked'};
}

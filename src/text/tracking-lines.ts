/**
 * The return trips of a case as lines of text, one per fact, for `cases show` and the console's
 * 今日办件 (the same words in both). Times to the minute on the terminal's clock.
 */
import type {ReturnTrips} from '../core/cases/tracking.js';
import type {Carrier} from '../core/cases/waybill.js';
import type {Lang} from '../core/lang.js';
import {cardKindName} from '../i18n/card-kind.js';
import {trackingText} from '../i18n/tracking.js';
import {formatMinute} from './time.js';


function carrierName(carrier: Carrier, lang: Lang): string {
	return trackingText(lang, `carrier.${carrier}`);
}

/**
 * `format`: the console's minute (its top bar shows the zone), or `cases show`'s stamp with the
 * offset (text/time.ts).
 */
export function trackingLines(trips: ReturnTrips, lang: Lang, format: (date: Date) => string = formatMinute): string[] {
	const at = (iso: string) => format(new Date(iso));
	const t = (key: Parameters<typeof trackingText>[1], params?: Parameters<typeof trackingText>[2]) => trackingText(lang, key, params);
	const lines: string[] = [];
	const asked = trips.returnRequest;
	if (asked) {
		const materials = asked.materials.map((m) => `${m.code} ${m.name}`).join(lang === 'zh-CN' ? '、' : ', ');
		lines.push(t('trips.returned', {reason: asked.reason, materials, returnedAt: at(asked.returnedAt), deadline: at(asked.deadline)}));
	}
	if (trips.originalsDue) lines.push(t('trips.originalsDue'));
	for (const s of trips.shipments) {
		const arrival = s.receivedAt ? t('trips.received', {at: at(s.receivedAt)}) : t('trips.inTransit');
		lines.push(t('trips.shipment', {carrier: carrierName(s.carrier, lang), waybill: s.waybill, sentAt: at(s.sentAt), arrival}));
	}
	const d = trips.delivery;
	if (d?.method === 'licence') lines.push(t('trips.licence', {ref: d.licenceRef, at: at(d.issuedAt)}));
	else if (d?.method === 'post') lines.push(t('trips.post', {carrier: carrierName(d.carrier, lang), waybill: d.waybill, at: at(d.postedAt)}));
	else if (d?.method === 'branch') {
		if (d.handover) {
			const c = d.handover.collector;
			lines.push(t('trips.collected', {role: t(`trips.role.${c.role}`), name: c.name, card: cardKindName(c.cardType, lang), number: c.idNumberMasked, at: at(d.handover.collectedAt)}));
		} else lines.push(d.arrivedAt ? t('trips.branchArrived', {at: at(d.arrivedAt)}) : t('trips.branchOnWay'));
	}
	return lines;
}

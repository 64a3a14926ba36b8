/**
 * The return trips as tracking prints them (`cases show`, the console's 今日办件): one line per
 * fact, in the user's language only, personal data only as the hub masked it.
 */
import {describe, expect, it} from 'vitest';
import {returnTripsOf, type ReturnTrips} from '../core/cases/tracking.js';
import {formatMinute} from './time.js';
import {trackingLines} from './tracking-lines.js';

const t0 = '2026-12-01T02:00:00.000Z';
const t1 = '2026-12-03T08:30:00.000Z';
const at = (iso: string) => formatMinute(new Date(iso));
const collector = {role: 'agent' as const, name: '李*华', cardType: 'resident', idNumberMasked: '110101********001X'};

const cases: Array<[string, ReturnTrips]> = [
	['returned', returnTripsOf({returnRequest: {reason: '户籍证明不清晰', materials: [{code: 'M02', name: '户籍证明'}], returnedAt: t0, deadline: t1}})!],
	['originals due', returnTripsOf({originalsRequired: true, shipments: []})!],
	['shipped, on the way and received', returnTripsOf({originalsRequired: true, shipments: [
		{shipmentId: 'S1', carrier: 'ems', waybill: 'EA123456785CN', sentAt: t0, receivedAt: null, operatorId: 'c1'},
		{shipmentId: 'S2', carrier: 'sf', waybill: 'SF1234567890', sentAt: t0, receivedAt: t1, operatorId: 'c1'},
	]})!],
	['licence', returnTripsOf({delivery: {method: 'licence', licenceRef: 'DZZZ-2026-0001', issuedAt: t1}})!],
	['post', returnTripsOf({delivery: {method: 'post', carrier: 'jd', waybill: 'JD0001', postedAt: t1}})!],
	['branch, on the way', returnTripsOf({delivery: {method: 'branch', arrivedAt: null, handover: null}})!],
	['branch, arrived', returnTripsOf({delivery: {method: 'branch', arrivedAt: t0, handover: null}})!],
	['branch, collected', returnTripsOf({delivery: {method: 'branch', arrivedAt: t0, handover: {collector, collectedAt: t1, operatorId: 'c1'}}})!],
];

describe('returnTripsOf', () => {
	it('is undefined for a case with none, and keeps no operator or shipment id of the hub', () => {
		expect(returnTripsOf({})).toBeUndefined();
		expect(returnTripsOf({originalsRequired: false, shipments: [], returnRequest: null, delivery: null})).toBeUndefined();
		const [, shipped] = cases[2]!;
		expect(shipped.originalsDue).toBe(false);
		expect(shipped.shipments[0]).toEqual({carrier: 'ems', waybill: 'EA123456785CN', sentAt: t0, receivedAt: null});
	});
});

describe('trackingLines', () => {
	it('says each fact once, with its times, in Chinese', () => {
		const zh = Object.fromEntries(cases.map(([name, trips]) => [name, trackingLines(trips, 'zh-CN')]));
		expect(zh['returned']).toEqual([`补正：户籍证明不清晰；需补 M02 户籍证明；${at(t0)} 退回，${at(t1)} 前补齐`]);
		expect(zh['originals due']).toEqual(['原件：须寄送办理地，尚未寄出']);
		expect(zh['shipped, on the way and received']).toEqual([`寄递：邮政速递 EA123456785CN，${at(t0)} 寄出，在途`, `寄递：顺丰速运 SF1234567890，${at(t0)} 寄出，${at(t1)} 签收`]);
		expect(zh['licence']).toEqual([`送达：电子证照 DZZZ-2026-0001（${at(t1)}）`]);
		expect(zh['post']).toEqual([`送达：邮寄申请人 京东物流 JD0001（${at(t1)}）`]);
		expect(zh['branch, on the way']).toEqual(['送达：回受理网点，尚未到达']);
		expect(zh['branch, arrived']).toEqual([`送达：${at(t0)} 到达网点，待领取`]);
		expect(zh['branch, collected']).toEqual([`领取：代办人 李*华（居民身份证 110101********001X），${at(t1)}`]);
	});

	it('in English carries no Chinese but the hub’s own words (the reason, the masked name)', () => {
		for (const [name, trips] of cases) {
			for (const line of trackingLines(trips, 'en')) {
				const own = line.replace('户籍证明不清晰', '').replace('户籍证明', '').replace('李*华', '');
				expect(own, name).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
			}
		}
		expect(trackingLines(cases[7]![1], 'en')).toEqual([`Collected: an agent 李*华 (resident ID card 110101********001X), ${at(t1)}`]);
	});

	it('never shows a full ID number: only the masked one the hub sent', () => {
		const lines = cases.flatMap(([, trips]) => [...trackingLines(trips, 'zh-CN'), ...trackingLines(trips, 'en')]);
		expect(lines.join('\n')).not.toMatch(/\d{17}[\dX]/);
	});
});

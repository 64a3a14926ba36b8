/**
 * The return trips of a case as tracking shows them (`cases show` and the console's 今日办件):
 * what the handling department asked for, the originals sent, how the result comes back and who
 * collected it (docs/return-trips.md). zh-CN is the default; `en` has the same keys.
 */
import {messageTable} from './table.js';

const zhCN = {
	'trips.returned': '补正：{reason}；需补 {materials}；{returnedAt} 退回，{deadline} 前补齐',
	'trips.originalsDue': '原件：须寄送办理地，尚未寄出',
	'trips.shipment': '寄递：{carrier} {waybill}，{sentAt} 寄出，{arrival}',
	'trips.inTransit': '在途',
	'trips.received': '{at} 签收',
	'trips.licence': '送达：电子证照 {ref}（{at}）',
	'trips.post': '送达：邮寄申请人 {carrier} {waybill}（{at}）',
	'trips.branchOnWay': '送达：回受理网点，尚未到达',
	'trips.branchArrived': '送达：{at} 到达网点，待领取',
	'trips.collected': '领取：{role} {name}（{card} {number}），{at}',
	'trips.role.applicant': '申请人本人',
	'trips.role.agent': '代办人',
	'carrier.ems': '邮政速递',
	'carrier.sf': '顺丰速运',
	'carrier.jd': '京东物流',
	'carrier.other': '其他快递',
} as const;

type Key = keyof typeof zhCN;

const en: Record<Key, string> = {
	'trips.returned': 'Returned: {reason}; asked for {materials}; returned {returnedAt}, due {deadline}',
	'trips.originalsDue': 'Originals: to be sent to the handling department, not sent yet',
	'trips.shipment': 'Shipped: {carrier} {waybill}, sent {sentAt}, {arrival}',
	'trips.inTransit': 'on the way',
	'trips.received': 'received {at}',
	'trips.licence': 'Result: electronic licence {ref} ({at})',
	'trips.post': 'Result: posted to the applicant, {carrier} {waybill} ({at})',
	'trips.branchOnWay': 'Result: coming back to the branch, not arrived yet',
	'trips.branchArrived': 'Result: at the branch since {at}, waiting to be collected',
	'trips.collected': 'Collected: {role} {name} ({card} {number}), {at}',
	'trips.role.applicant': 'the applicant',
	'trips.role.agent': 'an agent',
	'carrier.ems': 'EMS',
	'carrier.sf': 'SF Express',
	'carrier.jd': 'JD Logistics',
	'carrier.other': 'other carrier',
};

export const trackingText = messageTable<Key>({'zh-CN': zhCN, en});

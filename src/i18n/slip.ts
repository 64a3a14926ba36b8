/**
 * The hand-over slip's text (领取单): what the citizen or agent signs when a result is collected
 * at the counter (docs/return-trips.md). zh-CN is the default; `en` has the same keys.
 */
import {messageTable} from './table.js';

const zhCN = {
	'slip.title': '跨省通办办理结果领取单',
	'slip.caseId': '受理编号',
	'slip.item': '办理事项',
	'slip.collector': '领取人',
	'slip.role.applicant': '申请人本人',
	'slip.role.agent': '代办人（凭授权委托书）',
	'slip.card': '证件',
	'slip.poa': '委托书',
	'slip.collectedAt': '领取时间',
	'slip.counter': '交付网点',
	'slip.operator': '经办人',
	'slip.sign': '领取人签字：____________',
	'slip.keep': '本单一式两联，网点与领取人各执一联。',
	'slip.qr': '用手机扫码查看办件记录，并对本次服务作出评价（好差评）：',
} as const;

type Key = keyof typeof zhCN;

const en: Record<Key, string> = {
	'slip.title': 'Cross-province service: result pickup slip',
	'slip.caseId': 'Case',
	'slip.item': 'Service',
	'slip.collector': 'Collected by',
	'slip.role.applicant': 'the applicant',
	'slip.role.agent': 'an agent (power of attorney)',
	'slip.card': 'Card',
	'slip.poa': 'Power of attorney',
	'slip.collectedAt': 'Collected',
	'slip.counter': 'Branch',
	'slip.operator': 'Clerk',
	'slip.sign': 'Signature: ____________',
	'slip.keep': 'Two copies: one for the branch, one for the collector.',
	'slip.qr': 'Scan with a phone to see the case and rate this service:',
};

export type SlipKey = Key;

export const slipText = messageTable<Key>({'zh-CN': zhCN, en});

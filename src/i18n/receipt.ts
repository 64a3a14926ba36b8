/**
 * The receipt's text (回执): the printed / saved copy and the console's receipt view use the same
 * table. zh-CN is the default; `en` must have exactly the same keys (enforced by the type).
 */
import {messageTable} from './table.js';

const zhCN = {
	'receipt.title': '跨省通办受理回执',
	'receipt.caseId': '受理编号',
	'receipt.item': '办理事项',
	'receipt.itemCode': '事项编码',
	'receipt.department': '办理部门',
	'receipt.receiving': '收件地',
	'receipt.handling': '办理地',
	'receipt.limit': '承诺时限',
	'receipt.applicant': '申请人',
	'receipt.agent': '代办人',
	'receipt.agentText': '{name} {number}（凭授权委托书）',
	'receipt.materials': '已收材料',
	'receipt.original': '（已核验原件）',
	'receipt.originals': '原件寄送',
	'receipt.originalsText': '办理地需要纸质原件：本网点将原件寄往办理地并登记运单号，寄递进度随办件一并查询。',
	'receipt.receivedAt': '受理时间',
	'receipt.counter': '受理网点',
	'receipt.operator': '经办人',
	'receipt.track': '查询进度',
	'receipt.trackText': '凭受理编号 {caseId} 到本网点或任一跨省通办窗口查询办理进度；网点可执行 tongban cases show {caseId}。办结后由办理地通知申请人。',
	'receipt.keep': '请妥善保管本回执。',
	'receipt.qr': '用手机扫码查看办理进度，并对本次服务作出评价（好差评）：',
	'receipt.unit.working_day': '{n} 个工作日',
	'receipt.unit.natural_day': '{n} 个自然日',
	'receipt.limit.none': '即时办结',
	'receipt.node': '{province}（节点 {node}）',
	'supplement.title': '跨省通办补正回执',
	'supplement.reason': '退回原因',
	'supplement.materials': '补正材料',
	'supplement.at': '补正时间',
	'supplement.trackText': '补正材料已送办理地重新审查。凭受理编号 {caseId} 到本网点或任一跨省通办窗口查询办理进度；网点可执行 tongban cases show {caseId}。办结后由办理地通知申请人。',
};

type Key = keyof typeof zhCN;

const en: Record<Key, string> = {
	'receipt.title': 'Cross-province service receipt',
	'receipt.caseId': 'Case number',
	'receipt.item': 'Service',
	'receipt.itemCode': 'Item code',
	'receipt.department': 'Department',
	'receipt.receiving': 'Received in',
	'receipt.handling': 'Decided in',
	'receipt.limit': 'Promised time',
	'receipt.applicant': 'Applicant',
	'receipt.agent': 'Agent',
	'receipt.agentText': '{name} {number} (power of attorney)',
	'receipt.materials': 'Materials received',
	'receipt.original': ' (original verified)',
	'receipt.originals': 'Originals',
	'receipt.originalsText': 'The deciding province needs the paper originals: this branch sends them there and records the waybill; the shipment is tracked with the case.',
	'receipt.receivedAt': 'Received at',
	'receipt.counter': 'Branch',
	'receipt.operator': 'Clerk',
	'receipt.track': 'Progress',
	'receipt.trackText': 'Ask at this branch or any cross-province service counter with case number {caseId}; branches can run tongban cases show {caseId}. The deciding province notifies the applicant when it is done.',
	'receipt.keep': 'Please keep this receipt.',
	'receipt.qr': 'Scan with a phone to follow the case and rate this service:',
	'receipt.unit.working_day': '{n} working days',
	'receipt.unit.natural_day': '{n} calendar days',
	'receipt.limit.none': 'on the spot',
	'receipt.node': '{province} (node {node})',
	'supplement.title': 'Cross-province supplement receipt',
	'supplement.reason': 'Returned because',
	'supplement.materials': 'Materials added',
	'supplement.at': 'Supplemented at',
	'supplement.trackText': 'The added materials went to the deciding province for review again. Ask at this branch or any cross-province service counter with case number {caseId}; branches can run tongban cases show {caseId}. The deciding province notifies the applicant when it is done.',
};


export type ReceiptKey = Key;

export const receiptText = messageTable<Key>({'zh-CN': zhCN, en});

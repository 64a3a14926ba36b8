/**
 * Messages of `tongban report` (日终, docs/people.md#日终-closing-the-day), zh-CN and en with the
 * same keys. Each line of the day report fits 80 columns.
 */
import {CASE_STATUS_LABELS} from './case-status.js';
import {messageTable} from './table.js';

const zhCN = {
	'cmd.report': '报表：日终对账',
	'cmd.report.day': '日终：本终端一天的受理、补正、领取、寄递、待发队列和好差评，并与中台本网点的办件清单对账（有差异时退出码 1）',
	'opt.date': '日期 YYYY-MM-DD（网点当地日，北京时间；默认今天）',
	'opt.csv': '以 CSV 输出（section,key,value,caseId,local,hub）',
	'day.title': '日终 {date}（北京时间 +08:00；终端 {terminalId}，网点 {branchCode}）',
	'day.received': '受理 {total} 件',
	'day.byItem': '  事项 {itemCode}  {count} 件',
	'day.byNode': '  办理地 {province}  {count} 件',
	'day.trips': '补正 {supplements} 件  领取 {handovers} 件  寄出原件 {sent} 件  待寄原件 {pending} 件',
	'day.outbox': '待发队列 {pending} 件（最早一件已等 {age} 分钟）  发送失败 {failed} 件',
	'day.outboxEmpty': '待发队列 0 件  发送失败 {failed} 件',
	'day.evaluations': '好差评：{levels}；未评 {none} 件',
	'day.evaluationLevel': '{level} {count}',
	'day.noEvaluations': '好差评：尚无评价；未评 {none} 件',
	'day.hub': '中台本网点 {total} 件（本终端 {mine}，其他终端 {others}）',
	'day.stale': '另有 {count} 件本机状态较旧（不算差异；tongban cases reindex 可刷新）',
	'day.reconciled': '对账一致',
	'day.differences': '对账差异 {count} 件：',
	'day.diff.only_local': '  仅本机  {caseId}  事项 {itemCode}  本机 {local}',
	'day.diff.only_hub': '  仅中台  {caseId}  事项 {itemCode}  中台 {hub}',
	'day.diff.status': '  状态不一致  {caseId}  本机 {local}  中台 {hub}',
	'eval.very_satisfied': '非常满意',
	'eval.satisfied': '满意',
	'eval.basic': '基本满意',
	'eval.dissatisfied': '不满意',
	'eval.very_dissatisfied': '非常不满意',
	...CASE_STATUS_LABELS['zh-CN'],
} as const;

type Key = keyof typeof zhCN;

const en: Record<Key, string> = {
	'cmd.report': 'Reports: closing the day',
	'cmd.report.day': "Closing the day: this terminal's cases, supplements, hand-overs, shipments, outbox and evaluations of one day, reconciled with the hub's list for the branch (exit 1 on differences)",
	'opt.date': "Date YYYY-MM-DD (the branch's local day, China Standard Time; default today)",
	'opt.csv': 'CSV output (section,key,value,caseId,local,hub)',
	'day.title': 'Day {date} (China time, +08:00; terminal {terminalId}, branch {branchCode})',
	'day.received': '{total} cases received',
	'day.byItem': '  item {itemCode}  {count}',
	'day.byNode': '  handled in {province}  {count}',
	'day.trips': 'supplements {supplements}  hand-overs {handovers}  originals sent {sent}  to send {pending}',
	'day.outbox': 'outbox {pending} pending (oldest waiting {age} min)  failed {failed}',
	'day.outboxEmpty': 'outbox 0 pending  failed {failed}',
	'day.evaluations': 'evaluations: {levels}; not evaluated {none}',
	'day.evaluationLevel': '{level} {count}',
	'day.noEvaluations': 'evaluations: none yet; not evaluated {none}',
	'day.hub': 'hub, this branch: {total} (this terminal {mine}, other terminals {others})',
	'day.stale': '{count} with an older local status, not differences (tongban cases reindex)',
	'day.reconciled': 'reconciled',
	'day.differences': '{count} differences:',
	'day.diff.only_local': '  here only  {caseId}  item {itemCode}  here {local}',
	'day.diff.only_hub': '  hub only  {caseId}  item {itemCode}  hub {hub}',
	'day.diff.status': '  status differs  {caseId}  here {local}  hub {hub}',
	'eval.very_satisfied': 'very satisfied',
	'eval.satisfied': 'satisfied',
	'eval.basic': 'basically satisfied',
	'eval.dissatisfied': 'dissatisfied',
	'eval.very_dissatisfied': 'very dissatisfied',
	...CASE_STATUS_LABELS.en,
};

export const reportText = messageTable<Key>({'zh-CN': zhCN, en});

/**
 * Messages of `tongban quarantine …` (damaged data files set aside, src/store/quarantine.ts).
 * zh-CN is the default; `en` must have exactly the same keys (enforced by the type).
 */
import {messageTable} from './table.js';

const zhCN = {
	'cmd.quarantine': '查看和确认已隔离的损坏数据文件',
	'cmd.quarantine.list': '列出已隔离的损坏文件（默认只列未确认的）',
	'cmd.quarantine.ack': '确认已查看隔离的文件（--all 确认全部）；确认会记入审计日志',
	'opt.all': '包括已确认的 / 确认全部',
	'opt.ids': '要确认的隔离编号',
	'list.none': '没有未确认的隔离文件',
	'list.noneAll': '隔离区为空',
	'list.row': '{id}  {original}  {reason}  → {moved}{acked}',
	'list.acked': '（{by} 已于 {at} 确认）',
	'list.unreadable': '无法读取的隔离说明文件：{file}',
	'ack.done': '已确认 {count} 个隔离文件；文件保留在隔离区，过保留期后由 tongban audit purge 清理',
	'ack.none': '没有符合的未确认隔离文件：{ids}',
} as const;

type Key = keyof typeof zhCN;

const en: Record<Key, string> = {
	'cmd.quarantine': 'List and acknowledge damaged data files that were set aside',
	'cmd.quarantine.list': 'List the damaged files set aside (by default only those not yet acknowledged)',
	'cmd.quarantine.ack': 'Acknowledge files set aside (--all for every one); recorded in the audit log',
	'opt.all': 'include acknowledged ones / acknowledge all',
	'opt.ids': 'ids of the notices to acknowledge',
	'list.none': 'No damaged files waiting to be acknowledged',
	'list.noneAll': 'Nothing has been set aside',
	'list.row': '{id}  {original}  {reason}  → {moved}{acked}',
	'list.acked': ' (acknowledged by {by} at {at})',
	'list.unreadable': 'Unreadable quarantine notice: {file}',
	'ack.done': '{count} files acknowledged; they stay in the quarantine folder until tongban audit purge removes them after the retention period',
	'ack.none': 'No unacknowledged notices match: {ids}',
};


export const quarantineText = messageTable<Key>({'zh-CN': zhCN, en});

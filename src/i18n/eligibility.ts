/**
 * Messages of the `eligibility` command (zh-CN default, en with the same keys). Rule texts come
 * from the rule set itself (both languages live in data/catalog/rules.json).
 */
import type {Lang} from '../core/lang.js';
import {messageTable} from './table.js';

const zhCN = {
	'cmd.eligibility': '受理条件：办理前判断事项是否适用于申请人，并说明理由',
	'cmd.eligibility.check': '按目录中的规则判断申请人能否办理某事项（退出码：0 符合，1 不符合或需要核实，2 输入有误，3 需要中台但无法连接）',
	'opt.id': '申请人的公民身份号码（输出中只显示脱敏后的号码）',
	'opt.answer': '问题的回答，key=value，可重复；多选用逗号分隔，例如 --answer materials=pledge,residence-proof',
	'opt.region': '受理网点所在的行政区划代码（6 位，或省级 2 位）',
	'opt.itemRegion': '事项实施地的行政区划代码（给出 31 位实施编码时从目录中取得）',
	'opt.validFrom': '证件有效期起始日（YYYY-MM-DD）',
	'opt.validUntil': '证件有效期截止日（YYYY-MM-DD，或“长期”）',
	'opt.on': '按哪一天判断（YYYY-MM-DD，默认今天）',
	'opt.demo': '使用内置演示数据代替中台查询（演示和测试用）',
	'out.item': '事项：{name}（{code}）',
	'out.applicant': '申请人：{id}　办理日期：{date}　规则版本：{version}',
	'out.regions': '受理网点：{counter}　实施地：{item}',
	'out.result.eligible': '结论：符合受理条件',
	'out.result.not_eligible': '结论：不符合受理条件',
	'out.result.needs_checking': '结论：需要核实（以下信息未知，不能判断为符合）',
	'out.reasons': '理由：',
	'out.warnings': '提示（不影响受理）：',
	'out.notes': '说明：',
	'out.questions': '待回答的问题（用 --answer 回答）：',
	'out.missing': '缺少：{list}',
	'out.deemedBy': '视同满足（规则 {rule}）',
	'out.mayApply': '可能适用：',
	'out.meta': '〔{rule}；依据：{source}；可信度：{confidence}〕',
	'out.choices': '可选：{list}',
	'out.answerType.yesno': 'yes 或 no',
	'out.answerType.date': '日期 YYYY-MM-DD',
	'out.answerType.number': '数字',
	'out.params': '参数：{list}（{from}）',
	'out.paramsDefault': '全国默认',
	'out.hubAsOf': '中台数据截至 {asOf}',
	'out.hubUnavailable': '注意：无法向中台查询（{message}），中台提供的事实均按未知处理',
	'out.unknownRegion': '未指定',
	'confidence.high': '高',
	'confidence.medium': '中',
	'confidence.low': '低',
};

export type EligibilityMessageKey = keyof typeof zhCN;

const en: Record<EligibilityMessageKey, string> = {
	'cmd.eligibility': 'Eligibility: before taking a case, tell whether the item applies to the citizen, and why',
	'cmd.eligibility.check': "Check a citizen against an item's catalog rules (exit 0 eligible, 1 not eligible or needs checking, 2 bad input, 3 the hub was needed and unreachable)",
	'opt.id': "The applicant's citizen ID number (shown masked in the output)",
	'opt.answer': 'An answer, key=value, repeatable; several choices comma-separated, e.g. --answer materials=pledge,residence-proof',
	'opt.region': "The counter's region code (6 digits, or 2 for a province)",
	'opt.itemRegion': 'The implementing region code (taken from the catalog when a 31-character implementation code is given)',
	'opt.validFrom': 'Card valid from (YYYY-MM-DD)',
	'opt.validUntil': 'Card valid until (YYYY-MM-DD, or "long-term")',
	'opt.on': 'The day to decide for (YYYY-MM-DD, default today)',
	'opt.demo': 'Use the built-in demo facts instead of asking the hub (demo and tests)',
	'out.item': 'Item: {name} ({code})',
	'out.applicant': 'Applicant: {id}  day: {date}  rule version: {version}',
	'out.regions': 'Counter: {counter}  implementing region: {item}',
	'out.result.eligible': 'Result: eligible',
	'out.result.not_eligible': 'Result: not eligible',
	'out.result.needs_checking': 'Result: needs checking (what follows is unknown, so it cannot be taken as eligible)',
	'out.reasons': 'Reasons:',
	'out.warnings': 'Warnings (do not block):',
	'out.notes': 'Notes:',
	'out.questions': 'Open questions (answer with --answer):',
	'out.missing': 'missing: {list}',
	'out.deemedBy': 'deemed satisfied (rule {rule})',
	'out.mayApply': 'may apply: ',
	'out.meta': '[{rule}; source: {source}; confidence: {confidence}]',
	'out.choices': 'choices: {list}',
	'out.answerType.yesno': 'yes or no',
	'out.answerType.date': 'a date, YYYY-MM-DD',
	'out.answerType.number': 'a number',
	'out.params': 'Parameters: {list} ({from})',
	'out.paramsDefault': 'national default',
	'out.hubAsOf': 'hub facts as of {asOf}',
	'out.hubUnavailable': "Note: could not ask the hub ({message}); the hub's facts are treated as unknown",
	'out.unknownRegion': 'not given',
	'confidence.high': 'high',
	'confidence.medium': 'medium',
	'confidence.low': 'low',
};


export const eligibilityText = messageTable<EligibilityMessageKey>({'zh-CN': zhCN, en});

/**
 * 日终, the supervisor's view of the day (docs/people.md#日终-closing-the-day): the report's totals and
 * its differences as lines for PagedView. The reconciliation's verdict stays in the header, the
 * totals and the differences scroll under it. Pure: the report comes from the day report port.
 */
import type {DayReport} from '../../core/report/day.js';
import {truncateToWidth} from '../../text/width.js';
import type {Bilingual, Lang, Translate} from '../i18n/index.js';
import type {PagedModel} from './caseScreens.js';
import type {ViewLine, ViewTone} from './PagedView.js';

export interface DayFeed {
	report?: DayReport;
	/** The report could not be made (hub unreachable, a damaged file): in both languages. */
	problem?: Bilingual;
}

export interface DayModelInput {
	t: Translate;
	lang: Lang;
	columns: number;
	scroll: number;
	today: string;
	itemName(code: string): string;
	/** A province's name for its node code (zh-CN only; undefined: the code is shown). */
	provinceName(node: string): string | undefined;
}

export function dayModel(feed: DayFeed, input: DayModelInput): PagedModel {
	const {t, lang, columns} = input;
	const line = (text: string, tone: ViewTone = 'body'): ViewLine => ({text: truncateToWidth(text, columns, '…'), tone});
	const report = feed.report;
	const title = report ? t('day.title', {date: report.date, terminal: report.terminalId}) : `${t('view.day')} ${input.today}`;
	if (feed.problem) return {title, header: [line(t('day.failed', {message: feed.problem[lang]}), 'error')], body: [], scroll: 0};
	if (!report) return {title, header: [line(t('day.loading'), 'muted')], body: [], scroll: 0};
	const header = [report.differences.length === 0 ? line(t('day.reconciled'), 'ok') : line(t('day.differences', {count: report.differences.length}), 'error')];
	const body: ViewLine[] = [line(t('day.received', {total: report.received.total}), 'heading')];
	for (const {key, count} of report.received.byItem) body.push(line(t('day.byItem', {name: input.itemName(key), count})));
	for (const {key, count} of report.received.byHandlingNode) {
		const name = lang === 'zh-CN' ? input.provinceName(key) : undefined;
		body.push(line(t('day.byNode', {province: name ? t('day.province', {name, code: key}) : key, count})));
	}
	body.push(line(t('day.trips', {supplements: report.supplements, handovers: report.handovers, sent: report.shipmentsSent, pending: report.shipmentsPending})));
	const {outbox} = report;
	body.push(outbox.pending > 0 ? line(t('day.outbox', {pending: outbox.pending, age: outbox.oldestAgeMinutes ?? 0, failed: outbox.failed}), 'warn') : line(t('day.outboxEmpty', {failed: outbox.failed})));
	const levels = report.evaluations.levels.map(({key, count}) => t('day.evaluationLevel', {level: t(`day.eval.${key}`), count}));
	body.push(line(levels.length > 0 ? t('day.evaluations', {levels: levels.join(t('day.levelSeparator')), none: report.evaluations.none}) : t('day.noEvaluations', {none: report.evaluations.none})));
	body.push(line(t('day.hub', {total: report.hub.total, mine: report.hub.thisTerminal, others: report.hub.otherTerminals}), 'muted'));
	if (report.stale > 0) body.push(line(t('day.stale', {count: report.stale}), 'muted'));
	if (report.differences.length > 0) {
		body.push(line(t('day.diffHeading'), 'heading'));
		for (const d of report.differences) body.push(line(t(`day.diff.${d.kind}`, {caseId: d.caseId, local: d.local ? t(`status.${d.local}`) : '', hub: d.hub ? t(`status.${d.hub}`) : ''}), 'warn'));
	}
	return {title, header, body, scroll: input.scroll};
}

/**
 * `tongban report day [--date YYYY-MM-DD] [--json|--csv]`: closing the day (日终,
 * docs/people.md#日终-closing-the-day). The terminal's case index and outbox are read one record
 * at a time (a year of cases is never held whole), the hub's list of the branch's day
 * (GET /branches/{branchCode}/cases) page by page, both folded as they come
 * (src/core/report/day.ts). Exit 0 when the day reconciles, 1 when differences are listed, 2 for
 * a bad --date, 3 when the hub cannot be read, 5 when a data file is damaged. Reads only: no lock,
 * no write, so it runs beside an open console.
 */
import type {Argv, CommandModule} from 'yargs';
import {EXIT, InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {systemClock} from '../../src/core/ports/clock.js';
import {isReconciled, localDateOf, parseLocalDay, type DayReport} from '../../src/core/report/day.js';
import {builtinRegionTable} from '../../src/catalog/regions.js';
import {reportText} from '../../src/i18n/report.js';
import {readDayReport} from '../../src/wiring/day-report.js';
import {csvLine} from '../../src/text/csv.js';
import {runHandler, type CommandContext} from '../context.js';
import {hubClientFor, withHubOptions, type HubArgs} from '../cases/hub-args.js';

interface DayArgs extends HubArgs {
	date?: string;
	csv?: boolean;
}

/** "四川省（51）" in Chinese; the node code alone in English (the region table's names are Chinese). */
function provinceOf(lang: Lang, node: string): string {
	if (lang !== 'zh-CN') return node;
	const name = builtinRegionTable().provinceName(`${node}0000`);
	return name ? `${name}（${node}）` : node;
}

function textLines(lang: Lang, report: DayReport): string[] {
	const t = (key: Parameters<typeof reportText>[1], params?: Parameters<typeof reportText>[2]) => reportText(lang, key, params);
	const status = (s: string | undefined) => (s ? t(`status.${s}` as Parameters<typeof reportText>[1]) : '');
	const lines = [t('day.title', {date: report.date, terminalId: report.terminalId, branchCode: report.branchCode}), t('day.received', {total: report.received.total})];
	for (const {key, count} of report.received.byItem) lines.push(t('day.byItem', {itemCode: key, count}));
	for (const {key, count} of report.received.byHandlingNode) lines.push(t('day.byNode', {province: provinceOf(lang, key), count}));
	lines.push(t('day.trips', {supplements: report.supplements, handovers: report.handovers, sent: report.shipmentsSent, pending: report.shipmentsPending}));
	const {outbox} = report;
	lines.push(outbox.pending > 0 ? t('day.outbox', {pending: outbox.pending, age: outbox.oldestAgeMinutes ?? 0, failed: outbox.failed}) : t('day.outboxEmpty', {failed: outbox.failed}));
	const levels = report.evaluations.levels.map(({key, count}) => t('day.evaluationLevel', {level: t(`eval.${key}`), count}));
	lines.push(levels.length > 0 ? t('day.evaluations', {levels: levels.join(lang === 'zh-CN' ? '，' : ', '), none: report.evaluations.none}) : t('day.noEvaluations', {none: report.evaluations.none}));
	lines.push(t('day.hub', {total: report.hub.total, mine: report.hub.thisTerminal, others: report.hub.otherTerminals}));
	if (report.stale > 0) lines.push(t('day.stale', {count: report.stale}));
	if (isReconciled(report)) lines.push(t('day.reconciled'));
	else {
		lines.push(t('day.differences', {count: report.differences.length}));
		for (const d of report.differences) lines.push(t(`day.diff.${d.kind}`, {caseId: d.caseId, itemCode: d.itemCode, local: status(d.local), hub: status(d.hub)}));
	}
	return lines;
}

/** One flat table: every total a row, every difference a row (the same columns throughout). */
function csvRows(report: DayReport): string[] {
	const row = (section: string, key: string, value: number | string | null, caseId = '', local = '', hub = '') => csvLine([section, key, value === null ? '' : String(value), caseId, local, hub]);
	return [
		'section,key,value,caseId,local,hub',
		row('day', 'date', report.date),
		row('received', 'total', report.received.total),
		...report.received.byItem.map(({key, count}) => row('received_item', key, count)),
		...report.received.byHandlingNode.map(({key, count}) => row('received_handling', key, count)),
		row('supplements', '', report.supplements),
		row('handovers', '', report.handovers),
		row('shipments', 'sent', report.shipmentsSent),
		row('shipments', 'pending', report.shipmentsPending),
		row('outbox', 'pending', report.outbox.pending),
		row('outbox', 'oldest_minutes', report.outbox.oldestAgeMinutes),
		row('outbox', 'failed', report.outbox.failed),
		...report.evaluations.levels.map(({key, count}) => row('evaluation', key, count)),
		row('evaluation', 'none', report.evaluations.none),
		row('hub', 'total', report.hub.total),
		row('hub', 'this_terminal', report.hub.thisTerminal),
		row('hub', 'other_terminals', report.hub.otherTerminals),
		row('stale', '', report.stale),
		...report.differences.map((d) => row('difference', d.kind, '', d.caseId, d.local ?? '', d.hub ?? '')),
	];
}

/** The day's report, read and folded; throws what the hub or a damaged file throws. */
async function buildReport(ctx: CommandContext, args: DayArgs): Promise<DayReport> {
	const day = parseLocalDay(args.date === undefined ? localDateOf(systemClock.now()) : String(args.date));
	if (!day) throw new InputError('bad_report_date', {value: String(args.date)});
	const hub = hubClientFor(ctx, args, {retries: 2});
	try {
		return await readDayReport({hub, dataDir: ctx.dataDir, settings: ctx.settings, clock: systemClock}, day);
	} finally {
		await hub.close();
	}
}

export function reportDayCommand(lang: Lang): CommandModule<HubArgs, DayArgs> {
	return {
		command: 'day',
		describe: reportText(lang, 'cmd.report.day'),
		builder: (y: Argv<HubArgs>) =>
			withHubOptions(y, lang)
				.option('date', {type: 'string', describe: reportText(lang, 'opt.date')})
				.option('csv', {type: 'boolean', describe: reportText(lang, 'opt.csv')}) as unknown as Argv<DayArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const report = await buildReport(ctx, args);
				if (ctx.json) ctx.out(JSON.stringify(report, null, 2));
				else for (const line of args.csv ? csvRows(report) : textLines(ctx.lang, report)) ctx.out(line);
				return isReconciled(report) ? EXIT.ok : EXIT.partial;
			}),
	};
}

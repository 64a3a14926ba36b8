import type {Argv, CommandModule} from 'yargs';
import {InputError} from '../../src/core/errors.js';
import type {Lang} from '../../src/core/lang.js';
import {auditText} from '../../src/i18n/audit.js';
import {readEntriesBetween} from '../../src/store/audit-store.js';
import {runHandler, type GlobalArgs} from '../context.js';
import {csvHeader, csvRow, safeEntry} from './format.js';

interface ExportArgs extends GlobalArgs {
	since: string;
	until?: string;
	format: 'ndjson' | 'csv';
}

/**
 * `2026-11-26` is local midnight (as an end, the whole day is included: the next midnight);
 * anything else must be an ISO 8601 instant.
 */
export function parseTime(value: string, end: boolean): Date | undefined {
	const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (day) {
		const [y, m, d] = [Number(day[1]), Number(day[2]) - 1, Number(day[3])];
		const midnight = new Date(y, m, d);
		if (midnight.getFullYear() !== y || midnight.getMonth() !== m || midnight.getDate() !== d) return undefined;
		return end ? new Date(y, m, d + 1) : midnight;
	}
	if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
	const t = Date.parse(value);
	return Number.isNaN(t) ? undefined : new Date(t);
}

export function auditExportCommand(lang: Lang): CommandModule<GlobalArgs, ExportArgs> {
	return {
		command: 'export',
		describe: auditText(lang, 'cmd.audit.export'),
		builder: (y: Argv<GlobalArgs>) =>
			y
				.option('since', {type: 'string', demandOption: true, describe: auditText(lang, 'opt.since')})
				.option('until', {type: 'string', describe: auditText(lang, 'opt.until')})
				.option('format', {choices: ['ndjson', 'csv'] as const, default: 'ndjson' as const, describe: auditText(lang, 'opt.format')}) as unknown as Argv<ExportArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const since = parseTime(String(args.since), false);
				if (!since) throw new InputError('audit_bad_time', {value: String(args.since)});
				const until = args.until === undefined ? new Date() : parseTime(String(args.until), true);
				if (!until) throw new InputError('audit_bad_time', {value: String(args.until)});
				if (since.getTime() >= until.getTime()) throw new InputError('audit_bad_range');
				if (args.format === 'csv') ctx.out(csvHeader());
				for await (const entry of readEntriesBetween(ctx.dataDir, since, until)) {
					ctx.out(args.format === 'csv' ? csvRow(entry) : JSON.stringify(safeEntry(entry)));
				}
			}),
	};
}

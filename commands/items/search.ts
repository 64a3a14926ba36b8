import type {Argv, CommandModule} from 'yargs';
import {openCatalog} from '../../src/wiring/catalog.js';
import type {SearchHit} from '../../src/core/catalog/search/types.js';
import {EXIT} from '../../src/core/errors.js';
import {cliText} from '../../src/i18n/cli.js';
import {type Lang} from '../../src/core/lang.js';
import {displayWidth, padEndToWidth, truncateToWidth} from '../../src/text/width.js';
import {runHandler, type CommandContext, type GlobalArgs} from '../context.js';
import {parseFilters, parseLimit, type FilterArgs} from './args.js';
import {hitToJson, warnFallback} from './format.js';

interface SearchArgs extends GlobalArgs, FilterArgs {
	query: string[];
	limit?: number;
}

export function itemsSearchCommand(lang: Lang): CommandModule<GlobalArgs, SearchArgs> {
	return {
		command: 'search <query..>',
		describe: cliText(lang, 'cmd.items.search'),
		builder: (y: Argv<GlobalArgs>) =>
			y
				.positional('query', {type: 'string', array: true, demandOption: true})
				.option('region', {type: 'string', describe: cliText(lang, 'opt.region')})
				.option('mode', {type: 'string', describe: cliText(lang, 'opt.mode')})
				.option('dept', {type: 'string', describe: cliText(lang, 'opt.dept')})
				.option('type', {type: 'string', describe: cliText(lang, 'opt.type')})
				.option('limit', {type: 'number', describe: cliText(lang, 'opt.limit'), default: 20}) as unknown as Argv<SearchArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const text = args.query.map(String).join(' ');
				const filters = parseFilters(ctx, args);
				const limit = parseLimit(ctx, args.limit, 20);
				const catalog = await openCatalog({dataDir: ctx.dataDir, catalogDir: ctx.settings.catalogDir});
				warnFallback(ctx, catalog);
				const result = catalog.search({text, filters, limit});
				if (ctx.json) {
					ctx.out(JSON.stringify({query: text, filters, more: result.more, ...(result.matchedAs ? {matchedAs: result.matchedAs} : {}), hits: result.hits.map((h) => hitToJson(h, catalog))}, null, 2));
				} else if (result.hits.length === 0) {
					ctx.err(ctx.t('search.none', {query: text}));
				} else {
					printTable(ctx, result.hits, (code) => catalog.regionPath(code));
					// A slip forgiven (issue 18.2): say what the rows matched as.
					if (result.matchedAs) ctx.err(ctx.t('search.matchedAs', {query: result.matchedAs}));
					if (result.more) ctx.err(ctx.t('search.more'));
				}
				// Like grep: no match is exit 1 so scripts can branch on it.
				return result.hits.length > 0 ? EXIT.ok : EXIT.partial;
			}),
	};
}

function describeMatch(ctx: CommandContext, hit: SearchHit): string {
	return hit.matches.map((m) => `${ctx.t(`kind.${m.kind}`)}:${ctx.t(`match.${m.field}`)}`).join(' ');
}

function printTable(ctx: CommandContext, hits: SearchHit[], regionPath: (code: string) => string): void {
	const columns = Math.max(60, process.stdout.isTTY ? (process.stdout.columns ?? 100) : 160);
	const rows = hits.map((h) => [h.item.name, regionPath(h.implementation.regionCode), h.implementation.department.name, describeMatch(ctx, h)]);
	const head = [ctx.t('search.head.item'), ctx.t('search.head.region'), ctx.t('search.head.dept'), ctx.t('search.head.match')];
	// Share the width: item name gets the most, then region and department; columns measured in cells.
	const budget = columns - 3 * 2;
	const natural = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
	const widths = fitWidths(natural, budget, [0.4, 0.22, 0.23, 0.15]);
	const line = (cells: string[]) =>
		cells.map((c, i) => (i === cells.length - 1 ? truncateToWidth(c, widths[i]!) : padEndToWidth(truncateToWidth(c, widths[i]!), widths[i]!))).join('  ').trimEnd();
	ctx.out(line(head));
	for (const r of rows) ctx.out(line(r));
}

/** Gives each column its natural width when everything fits, else shares the budget by weight. */
function fitWidths(natural: number[], budget: number, weights: number[]): number[] {
	const total = natural.reduce((a, b) => a + b, 0);
	if (total <= budget) return natural;
	const widths = natural.map((n, i) => Math.min(n, Math.max(6, Math.floor(budget * weights[i]!))));
	let spare = budget - widths.reduce((a, b) => a + b, 0);
	for (let i = 0; i < widths.length && spare > 0; i++) {
		const grow = Math.min(spare, natural[i]! - widths[i]!);
		if (grow > 0) {
			widths[i] = widths[i]! + grow;
			spare -= grow;
		}
	}
	return widths;
}

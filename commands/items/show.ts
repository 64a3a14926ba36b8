import type {Argv, CommandModule} from 'yargs';
import {openCatalog} from '../../src/wiring/catalog.js';
import {InputError, NotFoundError} from '../../src/core/errors.js';
import {cliText} from '../../src/i18n/cli.js';
import {type Lang} from '../../src/core/lang.js';
import {runHandler, type GlobalArgs} from '../context.js';
import {implementationText, itemText, warnFallback} from './format.js';

interface ShowArgs extends GlobalArgs {
	code: string;
}

export function itemsShowCommand(lang: Lang): CommandModule<GlobalArgs, ShowArgs> {
	return {
		command: 'show <code>',
		describe: cliText(lang, 'cmd.items.show'),
		builder: (y: Argv<GlobalArgs>) => y.positional('code', {type: 'string', demandOption: true}) as unknown as Argv<ShowArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const code = String(args.code).trim().toUpperCase();
				if (!/^[0-9A-Z]{12}$/.test(code) && !/^[0-9A-Z]{31}$/.test(code)) {
					throw new InputError('bad_code', {value: String(args.code)});
				}
				const catalog = await openCatalog({dataDir: ctx.dataDir, catalogDir: ctx.settings.catalogDir});
				warnFallback(ctx, catalog);
				const regionPath = (c: string) => catalog.regionPath(c);
				if (code.length === 12) {
					const item = catalog.item(code);
					if (!item) throw new NotFoundError('item_not_found', {code});
					const impls = catalog.implementationsOf(code);
					if (ctx.json) ctx.out(JSON.stringify({item, implementations: impls}, null, 2));
					else ctx.out(itemText(ctx, item, impls, regionPath).join('\n'));
					return;
				}
				const impl = catalog.implementation(code);
				const item = impl && catalog.item(impl.basicCode);
				if (!impl || !item) throw new NotFoundError('item_not_found', {code});
				if (ctx.json) ctx.out(JSON.stringify({item, implementation: impl, region: regionPath(impl.regionCode)}, null, 2));
				else ctx.out(implementationText(ctx, item, impl, regionPath).join('\n'));
			}),
	};
}

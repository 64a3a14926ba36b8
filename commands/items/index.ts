import type {Argv, CommandModule} from 'yargs';
import {cliText} from '../../src/i18n/cli.js';
import {type Lang} from '../../src/core/lang.js';
import type {GlobalArgs} from '../context.js';
import {itemsSearchCommand} from './search.js';
import {itemsShowCommand} from './show.js';

export function itemsCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'items',
		describe: cliText(lang, 'cmd.items'),
		builder: (y: Argv<GlobalArgs>) =>
			y.command(itemsSearchCommand(lang)).command(itemsShowCommand(lang)).demandCommand(1, cliText(lang, 'err.needSubcommand', {choices: 'search, show'})),
		handler: () => {},
	};
}

import type {Argv, CommandModule} from 'yargs';
import type {Lang} from '../../src/core/lang.js';
import {devicesText} from '../../src/i18n/devices.js';
import type {GlobalArgs} from '../context.js';
import {idValidateCommand} from './validate.js';

export function idCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'id',
		describe: devicesText(lang, 'cmd.id'),
		builder: (y: Argv<GlobalArgs>) => y.command(idValidateCommand(lang)).demandCommand(1),
		handler: () => {},
	};
}

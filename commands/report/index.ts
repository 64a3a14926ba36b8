import type {Argv, CommandModule} from 'yargs';
import type {Lang} from '../../src/core/lang.js';
import {reportText} from '../../src/i18n/report.js';
import type {GlobalArgs} from '../context.js';
import {reportDayCommand} from './day.js';

export function reportCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'report',
		describe: reportText(lang, 'cmd.report'),
		builder: (y: Argv<GlobalArgs>) => y.command(reportDayCommand(lang)).demandCommand(1),
		handler: () => {},
	};
}

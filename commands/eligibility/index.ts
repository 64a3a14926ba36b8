import type {Argv, CommandModule} from 'yargs';
import type {Lang} from '../../src/core/lang.js';
import {eligibilityText} from '../../src/i18n/eligibility.js';
import type {GlobalArgs} from '../context.js';
import {eligibilityCheckCommand} from './check.js';

export function eligibilityCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'eligibility',
		describe: eligibilityText(lang, 'cmd.eligibility'),
		builder: (y: Argv<GlobalArgs>) => y.command(eligibilityCheckCommand(lang)).demandCommand(1),
		handler: () => {},
	};
}

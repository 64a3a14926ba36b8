import type {Argv, CommandModule} from 'yargs';
import type {Lang} from '../../src/core/lang.js';
import {hubText} from '../../src/i18n/hub.js';
import type {GlobalArgs} from '../context.js';
import {casesFollowUpCommand} from './follow-up.js';
import {casesOutboxCommand} from './outbox.js';
import {casesReceiptCommand} from './receipt.js';
import {casesReindexCommand} from './reindex.js';
import {casesShipCommand} from './ship.js';
import {casesShowCommand} from './show.js';
import {casesStatusCommand} from './status.js';
import {casesSubmitCommand} from './submit.js';
import {casesSupplementCommand} from './supplement.js';
import {casesWorkCommand} from './work.js';

export function casesCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'cases',
		describe: hubText(lang, 'cmd.cases'),
		builder: (y: Argv<GlobalArgs>) =>
			y
				.command(casesSubmitCommand(lang))
				.command(casesOutboxCommand(lang))
				.command(casesShowCommand(lang))
				.command(casesReceiptCommand(lang))
				.command(casesStatusCommand(lang))
				.command(casesReindexCommand(lang))
				.command(casesWorkCommand(lang))
				.command(casesShipCommand(lang))
				.command(casesSupplementCommand(lang))
				.command(casesFollowUpCommand(lang))
				.demandCommand(1),
		handler: () => {},
	};
}

/**
 * The yargs bootstrap: global flags, command registration, usage errors. Everything else lives in
 * ../commands and the services they call. Loaded by src/cli/main.ts for every command line except a
 * plain `tongban [console]`, which starts the console without loading any command module.
 */
import yargs from 'yargs';
import {auditCommand} from '../../commands/audit/index.js';
import {casesCommand} from '../../commands/cases/index.js';
import {configCommand} from '../../commands/config/index.js';
import {devicesCommand} from '../../commands/devices/index.js';
import {eligibilityCommand} from '../../commands/eligibility/index.js';
import {hubCommand} from '../../commands/hub/serve.js';
import {idCommand} from '../../commands/id/index.js';
import {consoleCommand} from '../../commands/console.js';
import {earlyLang, type GlobalArgs} from '../../commands/context.js';
import {itemsCommand} from '../../commands/items/index.js';
import {quarantineCommand} from '../../commands/quarantine/index.js';
import {reportCommand} from '../../commands/report/index.js';
import {EXIT} from '../core/errors.js';
import {cliText} from '../i18n/cli.js';
import {yargsZhCN} from '../i18n/yargs-zh.js';

export async function main(argv: string[]): Promise<void> {
	const lang = earlyLang(argv);
	const cli = yargs(argv)
		.scriptName('tongban')
		.locale('en')
		// yargs types declare plain strings, but its locale format also takes {one, other} plurals.
		.updateLocale(lang === 'en' ? {} : (yargsZhCN as unknown as Record<string, string>))
		.usage(`${cliText(lang, 'cli.description')}\n\n${cliText(lang, 'cli.usage')}`)
		.option('json', {type: 'boolean', describe: cliText(lang, 'opt.json'), global: true})
		.option('lang', {type: 'string', choices: ['zh-CN', 'en'], describe: cliText(lang, 'opt.lang'), global: true})
		.option('data-dir', {type: 'string', describe: cliText(lang, 'opt.dataDir'), global: true})
		.command(consoleCommand(lang))
		.command(itemsCommand(lang))
		.command(configCommand(lang))
		.command(auditCommand(lang))
		.command(hubCommand(lang))
		.command(casesCommand(lang))
		.command(devicesCommand(lang))
		.command(idCommand(lang))
		.command(eligibilityCommand(lang))
		.command(quarantineCommand(lang))
		.command(reportCommand(lang))
		.strict()
		.help()
		.alias('h', 'help')
		.version()
		.wrap(Math.min(100, process.stdout.columns || 100))
		// Throwing stops yargs: a fail handler that returns lets the command's handler run anyway.
		// yargs' own errors (YError: an option given without its value, `--batch` with nargs 1)
		// are usage errors like its messages, exit 2; anything else is the command's own.
		.fail((message, error) => {
			throw error && error.name !== 'YError' ? error : new UsageFailure(message || error?.message || '');
		});
	try {
		await (cli as unknown as {parseAsync(): Promise<GlobalArgs>}).parseAsync();
	} catch (error) {
		if (!(error instanceof UsageFailure)) throw error;
		process.stderr.write(`${cliText(lang, 'err.usage', {detail: error.message})}\n${cliText(lang, 'err.seeHelp')}\n`);
		process.exitCode = EXIT.usage;
	}
}

class UsageFailure extends Error {}

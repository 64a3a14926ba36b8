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
import {doctorCommand} from '../../commands/doctor/index.js';
import {eligibilityCommand} from '../../commands/eligibility/index.js';
import {hubCommand} from '../../commands/hub/serve.js';
import {idCommand} from '../../commands/id/index.js';
import {consoleCommand} from '../../commands/console.js';
import {earlyLang, type GlobalArgs} from '../../commands/context.js';
import {itemsCommand} from '../../commands/items/index.js';
import {quarantineCommand} from '../../commands/quarantine/index.js';
import {reportCommand} from '../../commands/report/index.js';
import {EXIT} from '../core/errors.js';
import type {Lang} from '../core/lang.js';
import {packageVersion} from '../paths.js';
import {closest} from '../text/edit-distance.js';
import {cliText} from '../i18n/cli.js';
import {yargsZhCN} from '../i18n/yargs-zh.js';

export async function main(argv: string[]): Promise<void> {
	const lang = earlyLang(argv);
	const modules = [
		consoleCommand(lang),
		itemsCommand(lang),
		configCommand(lang),
		auditCommand(lang),
		hubCommand(lang),
		casesCommand(lang),
		devicesCommand(lang),
		doctorCommand(lang),
		idCommand(lang),
		eligibilityCommand(lang),
		quarantineCommand(lang),
		reportCommand(lang),
	];
	const json = argv.includes('--json') || argv.includes('--json=true');
	// `completion` prints the shell script; the script calls back with --get-yargs-completions and
	// the words typed so far, which are not a command line to judge.
	const names = [...modules.flatMap((m) => [m.command ?? []].flat()).map((c) => c.split(' ')[0]!).filter((c) => c !== '$0'), 'completion'];
	const unknown = argv.includes('--get-yargs-completions') ? undefined : unknownCommand(argv, names);
	if (unknown) {
		reportUsage(lang, json, unknown.suggestion ? cliText(lang, 'err.unknownCommandSuggest', unknown) : cliText(lang, 'err.unknownCommand', unknown), unknown.suggestion ? {suggestion: unknown.suggestion} : undefined);
		return;
	}
	const cli = yargs(argv)
		.scriptName('tongban')
		.locale('en')
		// yargs types declare plain strings, but its locale format also takes {one, other} plurals.
		.updateLocale(lang === 'en' ? {} : (yargsZhCN as unknown as Record<string, string>))
		.usage(`${cliText(lang, 'cli.description')}\n\n${cliText(lang, 'cli.usage')}`)
		.option('json', {type: 'boolean', describe: cliText(lang, 'opt.json'), global: true})
		.option('lang', {type: 'string', choices: ['zh-CN', 'en'], describe: cliText(lang, 'opt.lang'), global: true})
		.option('data-dir', {type: 'string', describe: cliText(lang, 'opt.dataDir'), global: true})
		.command(modules as never)
		.strict()
		// "tongban itmes" says "是否想输入 items？" (issue 16.2), the closest command by edit distance.
		.recommendCommands()
		// bash and zsh (yargs picks the zsh script when $SHELL or $ZSH_NAME says zsh).
		.completion('completion', cliText(lang, 'cmd.completion'))
		.help()
		.alias('h', 'help')
		.version(packageVersion())
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
		reportUsage(lang, json, error.message);
	}
}

/**
 * A usage error: the words on stderr; with --json also the error object on stdout, the same
 * shape as a command's own errors (commands/context.ts), so a script reads every failure alike.
 */
function reportUsage(lang: Lang, json: boolean, detail: string, details?: Record<string, string>): void {
	const message = cliText(lang, 'err.usage', {detail});
	if (json) process.stdout.write(`${JSON.stringify({error: {code: 'usage', message, ...(details ? {details} : {})}})}\n`);
	process.stderr.write(`${message}\n${cliText(lang, 'err.seeHelp')}\n`);
	process.exitCode = EXIT.usage;
}

/** Global options that take a value: the word after them is not a command. */
const VALUE_OPTIONS = new Set(['--lang', '--data-dir']);

/**
 * The first word of the command line when it names no command (the console being the default
 * command, yargs' own recommendCommands never sees it and strict mode calls it an unknown
 * argument), with the closest command by edit distance.
 */
function unknownCommand(argv: readonly string[], names: readonly string[]): {command: string; suggestion: string} | undefined {
	for (let i = 0; i < argv.length; i++) {
		const word = argv[i]!;
		if (word === '--') return undefined;
		if (word.startsWith('-')) {
			if (VALUE_OPTIONS.has(word)) i++;
			continue;
		}
		if (names.includes(word)) return undefined;
		return {command: word, suggestion: closest(word, names) ?? ''};
	}
	return undefined;
}

class UsageFailure extends Error {}

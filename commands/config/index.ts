import type {Argv, CommandModule} from 'yargs';
import {NotFoundError} from '../../src/core/errors.js';
import {cliText, type Lang} from '../../src/i18n/cli.js';
import {openSettingsWriter, parseSettingValue, readSettings, settingsPath} from '../../src/store/settings.js';
import {SETTING_KEYS, isSettingKey} from '../../src/store/settings-schema.js';
import {openCommandAudit} from '../cases/audit-session.js';
import {runHandler, type GlobalArgs} from '../context.js';

interface KeyArgs extends GlobalArgs {
	key: string;
}
interface SetArgs extends KeyArgs {
	value: string;
}

function getCommand(lang: Lang): CommandModule<GlobalArgs, KeyArgs> {
	return {
		command: 'get <key>',
		describe: cliText(lang, 'cmd.config.get'),
		builder: (y: Argv<GlobalArgs>) => y.positional('key', {type: 'string', demandOption: true}) as unknown as Argv<KeyArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				if (!isSettingKey(args.key)) {
					throw new NotFoundError('config_unknown_key', ctx.t('err.configKey', {key: args.key, keys: SETTING_KEYS.join(', ')}));
				}
				const value = readSettings(ctx.dataDir).settings[args.key];
				ctx.out(ctx.json ? JSON.stringify({key: args.key, value}) : String(value));
			}),
	};
}

function setCommand(lang: Lang): CommandModule<GlobalArgs, SetArgs> {
	return {
		command: 'set <key> <value>',
		describe: cliText(lang, 'cmd.config.set'),
		builder: (y: Argv<GlobalArgs>) =>
			y.positional('key', {type: 'string', demandOption: true}).positional('value', {type: 'string', demandOption: true}) as unknown as Argv<SetArgs>,
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const {key, value} = parseSettingValue(ctx.lang, args.key, String(args.value));
				const old = readSettings(ctx.dataDir).settings[key];
				// Audit first, change second: the lock is taken before the file is touched, so a
				// busy audit log (a console running on this terminal) refuses the change (exit 1,
				// config unchanged) instead of writing it unattributed. Settings decide where cases
				// go and when screens lock: a change nobody can account for later is worse than
				// asking the technician to close the console (or wait 3 s) and run it again.
				const audit = await openCommandAudit(ctx, 'admin');
				let path: string;
				try {
					const writer = await openSettingsWriter(ctx.dataDir);
					path = writer.path;
					writer.set(key, value);
					try {
						await audit.record({action: 'config.change', outcome: 'ok', details: {key, old: auditedValue(key, old), new: auditedValue(key, value)}});
					} catch (error) {
						// Not recorded (disk full…): put the old value back so nothing changed unaudited.
						writer.set(key, old);
						throw error;
					}
				} finally {
					await audit.close();
				}
				ctx.out(ctx.json ? JSON.stringify({key, value, path}) : ctx.t('config.saved', {key, value: String(value)}));
			}),
	};
}

/** Settings that would hold a secret are recorded as changed, never with their values (none today). */
const SECRET_KEY = /token|password|passphrase|secret|pin$/i;

function auditedValue(key: string, value: unknown): string | number | boolean {
	if (SECRET_KEY.test(key)) return '[secret]';
	return typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
}

function listCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'list',
		describe: cliText(lang, 'cmd.config.list'),
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const read = readSettings(ctx.dataDir);
				if (ctx.json) {
					ctx.out(JSON.stringify({path: settingsPath(ctx.dataDir), settings: read.settings, invalid: read.invalid}, null, 2));
					return;
				}
				for (const key of SETTING_KEYS) {
					const value = read.settings[key];
					ctx.out(`${key} = ${value === '' ? ctx.t('config.unset') : String(value)}`);
				}
			}),
	};
}

function pathCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'path',
		describe: cliText(lang, 'cmd.config.path'),
		handler: (args) =>
			runHandler(args, async (ctx) => {
				const path = settingsPath(ctx.dataDir);
				ctx.out(ctx.json ? JSON.stringify({path}) : path);
			}),
	};
}

export function configCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'config',
		describe: cliText(lang, 'cmd.config'),
		builder: (y: Argv<GlobalArgs>) =>
			y.command(getCommand(lang)).command(setCommand(lang)).command(listCommand(lang)).command(pathCommand(lang)).demandCommand(1, cliText(lang, 'err.needSubcommand', {choices: 'get, set, list, path'})),
		handler: () => {},
	};
}

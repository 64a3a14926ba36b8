import {rm} from 'node:fs/promises';
import type {Argv, CommandModule} from 'yargs';
import {AppError, EXIT, NotFoundError} from '../../src/core/errors.js';
import {cliText} from '../../src/i18n/cli.js';
import {type Lang} from '../../src/core/lang.js';
import {writeFileDurable} from '../../src/store/durable-json.js';
import {
	SettingsInvalidError,
	openSettingsWriter,
	parseSettingValue,
	readSettingsFile,
	saveLastGood,
	settingsBackupPath,
	settingsChanges,
	settingsPath,
	settingsReport,
	storedSettings,
	type SettingChange,
	type SettingsInspection,
} from '../../src/store/settings.js';
import {SETTINGS, SETTING_KEYS, isSettingKey} from '../../src/store/settings-schema.js';
import {openCommandAudit} from '../cases/audit-session.js';
import {runHandler, type CommandContext, type GlobalArgs} from '../context.js';
import {systemReason} from '../../src/core/reasons.js';

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
					throw new NotFoundError('config_unknown_key', {key: args.key, keys: SETTING_KEYS.join(', ')});
				}
				const value = ctx.settings[args.key];
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
		// Lenient: `config set` is how a broken key is repaired, in a file that is one JSON object.
		handler: (args) =>
			runHandler(
				args,
				async (ctx) => {
					// A file that is not one object cannot be repaired key by key: restore it or edit it.
					if (ctx.settingsInspection.state === 'file') throw new SettingsInvalidError(ctx.lang, settingsReport(ctx.dataDir, ctx.settingsInspection));
					const {key, value} = parseSettingValue(ctx.lang, args.key, String(args.value));
					// Audit first, change second: the lock is taken before the file is touched, so a
					// busy audit log (a console running on this terminal) refuses the change (exit 1,
					// config unchanged) instead of writing it unattributed. Settings decide where cases
					// go and when screens lock: a change nobody can account for later is worse than
					// asking the technician to close the console (or wait 3 s) and run it again.
					const audit = await openCommandAudit(ctx, 'admin');
					let path: string;
					let backup: string | undefined;
					try {
						// Read again under the lock: what the audit entry calls "old" is what is replaced.
						const now = readSettingsFile(settingsPath(ctx.dataDir)).inspection;
						if (now.state === 'file') throw new SettingsInvalidError(ctx.lang, settingsReport(ctx.dataDir, now));
						const before = storedSettings(now) ?? {};
						const stored = Object.hasOwn(before, key);
						const old = stored ? before[key] : SETTINGS[key].default;
						const writer = await openSettingsWriter(ctx.dataDir, ctx.lang);
						path = writer.path;
						writer.set(key, value);
						try {
							await audit.record({action: 'config.change', outcome: 'ok', details: {key, old: auditedValue(key, old), new: auditedValue(key, value)}});
						} catch (error) {
							// Not recorded (disk full…): put the old value back so nothing changed unaudited.
							writer.putBack(key, old);
							throw error;
						}
						// The last good file, for `config restore`: only a file that passes the strict read.
						try {
							backup = await saveLastGood(ctx.dataDir);
						} catch (error) {
							const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
							throw new AppError('settings_backup_failed', EXIT.partial, {key, value: String(value), file: settingsBackupPath(ctx.dataDir), reason: systemReason(error)}, {key, code});
						}
					} finally {
						await audit.close();
					}
					if (backup === undefined) {
						// Saved, but other keys are still broken: the settings are not usable yet (exit 5).
						const after = readSettingsFile(path).inspection;
						if (after.state === 'keys' || after.state === 'file') throw new SettingsInvalidError(ctx.lang, settingsReport(ctx.dataDir, after, {key, value}));
					}
					ctx.out(ctx.json ? JSON.stringify({key, value, path, backup: backup ?? null}) : ctx.t('config.saved', {key, value: String(value)}));
				},
				{settings: 'lenient'},
			),
	};
}

function restoreCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'restore',
		describe: cliText(lang, 'cmd.config.restore'),
		// Lenient: restore is the repair for a config.json that fails the strict read.
		handler: (args) => runHandler(args, (ctx) => restoreSettings(ctx), {settings: 'lenient'}),
	};
}

async function restoreSettings(ctx: CommandContext): Promise<void> {
	const file = settingsPath(ctx.dataDir);
	const backupFile = settingsBackupPath(ctx.dataDir);
	const backup = readSettingsFile(backupFile);
	if (backup.inspection.state === 'absent') throw new NotFoundError('settings_no_backup', {file: backupFile});
	if (backup.inspection.state !== 'ok' || backup.text === null) {
		const problem = backup.inspection.state === 'keys' ? backup.inspection.problems : backup.inspection.state === 'file' ? backup.inspection.problem : [];
		throw new SettingsInvalidError(ctx.lang, {file: backupFile, role: 'backup', problem, settingsFile: file});
	}
	const restored = backup.inspection;
	// The entry names this terminal: config.json's own id (or the default, where it sets none) while
	// that can be read, else the backup's.
	const current = storedSettings(ctx.settingsInspection);
	const ownId = current !== undefined && (!Object.hasOwn(current, 'terminalId') || SETTINGS.terminalId.check(current.terminalId));
	const terminalId = ownId ? ctx.settings.terminalId : restored.settings.terminalId;
	const audit = await openCommandAudit({...ctx, settings: {...ctx.settings, terminalId}}, 'admin');
	let changes: SettingChange[];
	let previous: SettingsInspection['state'];
	try {
		// Read again under the lock: the changes recorded are against what is replaced.
		const before = readSettingsFile(file);
		previous = before.inspection.state;
		changes = settingsChanges(before.inspection, restored.stored);
		await writeFileDurable(file, backup.text, 0o600);
		try {
			await audit.record({
				action: 'config.restore',
				outcome: 'ok',
				details: {
					previous,
					keys: changes.map((c) => c.key),
					changes: changes.map((c) => ({key: c.key, old: c.old === undefined ? null : auditedValue(c.key, c.old), new: c.new === undefined ? null : auditedValue(c.key, c.new)})),
				},
			});
		} catch (error) {
			// Not recorded: put the old file back (a file that could not be read stays replaced).
			if (before.text !== null) await writeFileDurable(file, before.text, 0o600);
			else if (previous === 'absent') await rm(file, {force: true});
			throw error;
		}
	} finally {
		await audit.close();
	}
	if (ctx.json) {
		ctx.out(JSON.stringify({path: file, backup: backupFile, changed: changes.map((c) => ({key: c.key, old: printedValue(c.key, c.old), new: printedValue(c.key, c.new)}))}));
		return;
	}
	if (changes.length === 0) {
		ctx.out(ctx.t('config.restored.none', {backup: backupFile}));
		return;
	}
	const absent = ctx.t('config.value.absent');
	const shown = (key: string, value: unknown) => {
		const printed = printedValue(key, value);
		return printed === null && value === undefined ? absent : printed === '' ? ctx.t('config.unset') : typeof printed === 'string' ? printed : JSON.stringify(printed);
	};
	if (previous === 'file') {
		// A file that could not be read had no old values to show.
		ctx.out(ctx.t('config.restored.whole', {backup: backupFile}));
		for (const c of changes) ctx.out(ctx.t('config.restored.value', {key: c.key, value: shown(c.key, c.new)}));
		return;
	}
	ctx.out(ctx.t('config.restored', {backup: backupFile}));
	for (const c of changes) ctx.out(ctx.t('config.restored.line', {key: c.key, old: shown(c.key, c.old), new: shown(c.key, c.new)}));
}

/** Settings that would hold a secret are recorded as changed, never with their values (none today). */
const SECRET_KEY = /token|password|passphrase|secret|pin$/i;

function auditedValue(key: string, value: unknown): string | number | boolean {
	if (SECRET_KEY.test(key)) return '[secret]';
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
	// A broken value replaced by a repair or a restore can be anything JSON holds.
	return JSON.stringify(value) ?? String(value);
}

/**
 * A value as `config restore` prints it: like the audit entry (an unknown key named like a secret,
 * e.g. a mistyped "hubToken", is never echoed); null where the key is absent.
 */
function printedValue(key: string, value: unknown): unknown {
	if (value === undefined) return null;
	return SECRET_KEY.test(key) ? '[secret]' : value;
}

function listCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'list',
		describe: cliText(lang, 'cmd.config.list'),
		// Strict: a broken file is reported (exit 5), never listed as if it held the defaults.
		handler: (args) =>
			runHandler(args, async (ctx) => {
				if (ctx.json) {
					ctx.out(JSON.stringify({path: settingsPath(ctx.dataDir), settings: ctx.settings}, null, 2));
					return;
				}
				for (const key of SETTING_KEYS) {
					const value = ctx.settings[key];
					ctx.out(`${key} = ${value === '' ? ctx.t('config.unset') : String(value)}`);
				}
			}),
	};
}

function pathCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'path',
		describe: cliText(lang, 'cmd.config.path'),
		// Lenient: where the file is matters most when it is broken.
		handler: (args) =>
			runHandler(
				args,
				async (ctx) => {
					const path = settingsPath(ctx.dataDir);
					ctx.out(ctx.json ? JSON.stringify({path}) : path);
				},
				{settings: 'lenient'},
			),
	};
}

export function configCommand(lang: Lang): CommandModule<GlobalArgs, GlobalArgs> {
	return {
		command: 'config',
		describe: cliText(lang, 'cmd.config'),
		builder: (y: Argv<GlobalArgs>) =>
			y
				.command(getCommand(lang))
				.command(setCommand(lang))
				.command(listCommand(lang))
				.command(pathCommand(lang))
				.command(restoreCommand(lang))
				.demandCommand(1, cliText(lang, 'err.needSubcommand', {choices: 'get, set, list, path, restore'})),
		handler: () => {},
	};
}

/**
 * What every command handler needs: the resolved language, data directory, output mode and
 * the streams to write to. Handlers stay thin: they parse, call services, and print.
 */
import {isAppError} from '../src/core/errors.js';
import {cliText, type CliMessageKey} from '../src/i18n/cli.js';
import {isLang, type Lang} from '../src/core/lang.js';
import type {OpsLog} from '../src/core/ports/ops-log.js';
import {opsLogFor} from '../src/log/deferred.js';
import {resolveDataDir} from '../src/paths.js';
import {SettingsInvalidError, inspectSettings, settingsLang, settingsReport, storedSettings, type SettingsInspection} from '../src/store/settings.js';
import {usableSettings, type Settings} from '../src/store/settings-schema.js';

export interface GlobalArgs {
	json?: boolean;
	lang?: string;
	dataDir?: string;
}

export interface CommandContext {
	lang: Lang;
	dataDir: string;
	json: boolean;
	/**
	 * The settings. A handler runs only when config.json passed the strict read (or is absent),
	 * except the few that repair it (`runHandler(…, {settings: 'lenient'})`): there these are the
	 * valid stored values over the defaults, for the audit's terminal id and nothing else.
	 */
	settings: Settings;
	/** config.json as inspected when the command started. */
	settingsInspection: SettingsInspection;
	out(text: string): void;
	err(text: string): void;
	t(key: CliMessageKey, params?: Record<string, string | number>): string;
	/** The operations log (docs/operations.md#logs): opens on its first line, closed by runHandler. */
	log: OpsLog;
}

/**
 * Language before yargs runs: --lang flag, then the saved setting (when that one value is valid,
 * even in a broken file: --help still works there, and the command then reports the file), then zh-CN.
 */
export function earlyLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Lang {
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		const value = arg.startsWith('--lang=') ? arg.slice(7) : arg === '--lang' ? argv[i + 1] : undefined;
		if (isLang(value)) return value;
	}
	const dataDir = earlyDataDir(argv, env);
	return settingsLang(inspectSettings(dataDir));
}

function earlyDataDir(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg.startsWith('--data-dir=')) return resolveDataDir(arg.slice(11), env);
		if (arg === '--data-dir' && argv[i + 1]) return resolveDataDir(argv[i + 1], env);
	}
	return resolveDataDir(undefined, env);
}

/** The context; never throws (runHandler checks the settings, so the error has a context to go to). */
function makeContext(args: GlobalArgs): CommandContext {
	const dataDir = resolveDataDir(args.dataDir);
	const inspection = inspectSettings(dataDir);
	const lang: Lang = isLang(args.lang) ? args.lang : settingsLang(inspection);
	const settings = usableSettings(storedSettings(inspection) ?? {});
	// The command's words (`cases status`), never its arguments: those may be ID numbers.
	const words = ((args as {_?: unknown[]})._ ?? []).filter((w): w is string => typeof w === 'string').join(' ');
	return {
		lang,
		dataDir,
		json: Boolean(args.json),
		log: opsLogFor(dataDir, settings, words || 'tongban'),
		settings,
		settingsInspection: inspection,
		out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
		err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
		t: (key, params) => cliText(lang, key, params),
	};
}

/** Prints an error the way scripts expect: JSON on stdout with --json, a message on stderr always. */
async function reportError(ctx: Pick<CommandContext, 'json' | 'out' | 'err' | 't' | 'lang'>, error: unknown): Promise<number> {
	// The words are chosen here, in the user's language (src/i18n/errors.ts); the code and details go to --json.
	// The catalogue (≈37 kB) loads only when a command fails: `tongban console` starts without it.
	const {errorText} = await import('../src/i18n/errors.js');
	const message = errorText(error, ctx.lang);
	if (isAppError(error)) {
		if (ctx.json) ctx.out(JSON.stringify({error: {code: error.code, message, ...(error.details ? {details: error.details} : {})}}));
		ctx.err(message);
		return error.exitCode;
	}
	// Not one of ours (a bug): its own message, in whatever language it has, only in the details.
	if (ctx.json) ctx.out(JSON.stringify({error: {code: 'unexpected', message, details: {detail: error instanceof Error ? error.message : String(error)}}}));
	ctx.err(message);
	return 1;
}

export interface HandlerOptions {
	/**
	 * 'strict' (the default): config.json must pass the strict read, or the command stops with
	 * exit 5 before its body runs. 'lenient': the body runs anyway and judges
	 * ctx.settingsInspection itself (`config set`, `config restore`, `config path`).
	 */
	settings?: 'strict' | 'lenient';
}

/** Throws SettingsInvalidError (exit 5) unless config.json passed the strict read or is absent. */
function assertSettingsGood(ctx: Pick<CommandContext, 'lang' | 'dataDir' | 'settingsInspection'>): void {
	const inspection = ctx.settingsInspection;
	if (inspection.state === 'absent' || inspection.state === 'ok') return;
	throw new SettingsInvalidError(ctx.lang, settingsReport(ctx.dataDir, inspection));
}

/** Runs a handler body with the context, mapping errors to exit codes. */
export async function runHandler(args: GlobalArgs, body: (ctx: CommandContext) => Promise<number | void>, options: HandlerOptions = {}): Promise<void> {
	const ctx = makeContext(args);
	try {
		if (options.settings !== 'lenient') assertSettingsGood(ctx);
		const code = await body(ctx);
		if (typeof code === 'number') process.exitCode = code;
		// A command that says itself why it stopped (the hub went away mid-batch: exit 3).
		if (typeof code === 'number' && code > 2) ctx.log.log('warn', 'command.finished', {exit: code});
	} catch (error) {
		process.exitCode = await reportError(ctx, error);
		// Usage errors and "not found" are the caller's business; the rest an operations team wants to see.
		if (!isAppError(error) || error.exitCode > 2) ctx.log.log(isAppError(error) ? 'warn' : 'error', 'command.failed', {code: isAppError(error) ? error.code : 'unexpected', exit: process.exitCode});
	} finally {
		await ctx.log.close();
	}
}

/**
 * Settings on disk: `<data dir>/config.json` (mode 0600) and its last good copy
 * `<data dir>/config.last-good.json`, written after every successful `config set`.
 *
 * Reads are strict (settings-check.ts): a file that does not parse, is not one object, or holds
 * an unknown key or an invalid value stops the command with SettingsInvalidError (exit 5) naming
 * the file, the keys and how to repair; nothing falls back to defaults in silence. The read is a
 * plain synchronous JSON read: importing conf (and ajv behind it) costs more than a thin
 * terminal's whole start-up budget for this step.
 *
 * `config set` writes through conf (atomic write, file mode). conf gets the defaults but no JSON
 * schema: the table's own checks are the one validator, and conf's schema check of the whole file
 * on opening would refuse the very `config set` that repairs one broken key.
 */
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {IntegrityError, InputError} from '../core/errors.js';
import {cliText, type CliMessageKey} from '../i18n/cli.js';
import {type Lang} from '../core/lang.js';
import {writeFileDurable} from './durable-json.js';
import {inspectSettingsText, inspectedLang, type SettingsFileProblem, type SettingsInspection, type SettingsKeyProblem} from './settings-check.js';
import {SETTINGS, SETTING_KEYS, defaultSettings, isSettingKey, type SettingKey, type Settings} from './settings-schema.js';

export type {SettingsInspection} from './settings-check.js';

export function settingsPath(dataDir: string): string {
	return join(dataDir, 'config.json');
}

/** The copy of config.json as it was after the last successful `config set` (or restore). */
export function settingsBackupPath(dataDir: string): string {
	return join(dataDir, 'config.last-good.json');
}

export type SettingsFileRead = {text: string | null; inspection: SettingsInspection};

/** Reads and inspects a settings file (config.json or its backup); never throws. */
export function readSettingsFile(file: string): SettingsFileRead {
	let text: string | null;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
		if (code === 'ENOENT') text = null;
		else return {text: null, inspection: {state: 'file', problem: {kind: 'unreadable', code}}};
	}
	return {text, inspection: inspectSettingsText(text)};
}

export function inspectSettings(dataDir: string): SettingsInspection {
	return readSettingsFile(settingsPath(dataDir)).inspection;
}

/** The language to speak before the settings are known good: the file's `lang` if valid, else zh-CN. */
export function settingsLang(inspection: SettingsInspection): Lang {
	return inspectedLang(inspection) ?? 'zh-CN';
}

/** The strict read: the settings (the defaults when there is no file), or SettingsInvalidError. */
export function readSettings(dataDir: string, lang?: Lang): Settings {
	const inspection = inspectSettings(dataDir);
	if (inspection.state === 'absent' || inspection.state === 'ok') return inspection.settings;
	throw new SettingsInvalidError(lang ?? settingsLang(inspection), settingsReport(dataDir, inspection));
}

/** What SettingsInvalidError reports. */
export interface SettingsReport {
	/** The file at fault: config.json, or the backup during a restore. */
	file: string;
	role: 'settings' | 'backup';
	problem: SettingsFileProblem | SettingsKeyProblem[];
	/** config.json, which the repair advice tells to edit. */
	settingsFile: string;
	/** The backup, when one exists (then `config restore` is offered). */
	backup?: string;
	/** `config set` saved this and the file still has other errors. */
	saved?: {key: string; value: unknown};
}

/** The report for config.json's failed inspection. */
export function settingsReport(dataDir: string, inspection: Exclude<SettingsInspection, {state: 'absent' | 'ok'}>, saved?: SettingsReport['saved']): SettingsReport {
	const backup = settingsBackupPath(dataDir);
	const hasBackup = existsSync(backup);
	return {
		file: settingsPath(dataDir),
		role: 'settings',
		problem: inspection.state === 'file' ? inspection.problem : inspection.problems,
		settingsFile: settingsPath(dataDir),
		...(hasBackup ? {backup} : {}),
		...(saved ? {saved} : {}),
	};
}

/**
 * The settings (or their backup) are unusable: exit 5. The message, in the user's language, names
 * the file, each broken key with its reason, and the ways to repair; --json gets the same facts in
 * `details` ({file, keys: [{key, problem, reason}], parse?, backup?}).
 */
export class SettingsInvalidError extends IntegrityError {
	readonly report: SettingsReport;

	constructor(lang: Lang, report: SettingsReport) {
		const keys = Array.isArray(report.problem) ? report.problem : [];
		// The report is worded by the command texts (src/i18n/cli.ts), in both languages.
		super('settings_invalid', {text: {'zh-CN': settingsReportText('zh-CN', report), en: settingsReportText('en', report)}}, {
			file: report.file,
			keys: keys.map((k) => ({key: k.key, problem: k.problem, reason: k.reason[lang]})),
			...(Array.isArray(report.problem) ? {} : {parse: report.problem}),
			...(report.backup ? {backup: report.backup} : {}),
			...(report.saved ? {saved: report.saved} : {}),
		});
		this.report = report;
	}
}

export function settingsReportText(lang: Lang, report: SettingsReport): string {
	const t = (key: CliMessageKey, params?: Record<string, string | number>) => cliText(lang, key, params);
	const lines: string[] = [];
	const keys = Array.isArray(report.problem) ? report.problem : undefined;
	if (report.saved) lines.push(t('settings.head.saved', {key: report.saved.key, value: String(report.saved.value), file: report.file}));
	else if (keys) lines.push(t(report.role === 'backup' ? 'settings.head.backupKeys' : 'settings.head.keys', {file: report.file}));
	else lines.push(t(report.role === 'backup' ? 'settings.head.backupFile' : 'settings.head.file', {file: report.file, problem: fileProblemText(lang, report.problem as SettingsFileProblem)}));
	for (const k of keys ?? []) lines.push(t('settings.line', {key: k.key, reason: k.reason[lang]}));
	lines.push(t('settings.fix'));
	if (report.role === 'settings' && report.backup) lines.push(t('settings.fix.restore', {backup: report.backup}));
	// `config set` repairs a key only in a file that is one object; an unknown key it cannot remove.
	if (keys?.some((k) => k.problem === 'invalid')) lines.push(t('settings.fix.set'));
	lines.push(t('settings.fix.edit', {file: report.settingsFile}));
	return lines.join('\n');
}

function fileProblemText(lang: Lang, problem: SettingsFileProblem): string {
	switch (problem.kind) {
		case 'empty':
			return cliText(lang, 'settings.problem.empty');
		case 'syntax':
			return problem.line === undefined ? cliText(lang, 'settings.problem.syntax') : cliText(lang, 'settings.problem.syntaxAt', {line: problem.line, column: problem.column ?? 1});
		case 'not_object':
			return cliText(lang, 'settings.problem.notObject', {found: cliText(lang, `settings.found.${problem.found}`)});
		case 'unreadable':
			if (problem.code === 'EACCES' || problem.code === 'EPERM') return cliText(lang, 'settings.problem.noAccess');
			if (problem.code === 'EISDIR') return cliText(lang, 'settings.problem.isDir');
			return cliText(lang, 'settings.problem.unreadable', {code: problem.code});
	}
}

/** The stored object of an inspection that parsed (the empty object for no file). */
export function storedSettings(inspection: SettingsInspection): Record<string, unknown> | undefined {
	if (inspection.state === 'absent') return {};
	if (inspection.state === 'file') return undefined;
	return inspection.stored;
}

export interface SettingsWriter {
	set<K extends SettingKey>(key: K, value: Settings[K]): void;
	/** Puts back a value as it was in the file (possibly invalid) or removes the key (undefined). */
	putBack(key: SettingKey, value: unknown): void;
	path: string;
}

/** Opens the settings file for writing through conf; refuses a file that is not one JSON object. */
export async function openSettingsWriter(dataDir: string, lang: Lang = 'zh-CN'): Promise<SettingsWriter> {
	const inspection = inspectSettings(dataDir);
	// conf would throw on a file that does not parse, and silently treat `null` or `[]` as {}.
	if (inspection.state === 'file') throw new SettingsInvalidError(lang, settingsReport(dataDir, inspection));
	const {default: Conf} = await import('conf');
	const conf = new Conf<Record<string, unknown>>({
		projectName: 'tongban',
		cwd: dataDir,
		configName: 'config',
		// Every key is written out, so the file shows what can be set; stored values win.
		defaults: defaultSettings() as unknown as Record<string, unknown>,
		configFileMode: 0o600,
		clearInvalidConfig: false,
	});
	return {
		set: (key, value) => conf.set(key, value),
		putBack: (key, value) => (value === undefined ? conf.delete(key) : conf.set(key, value)),
		path: conf.path,
	};
}

/**
 * Copies config.json to the backup when it passes the strict read (durably, 0600). Returns the
 * backup's path, or undefined when the file is not good (a `config set` that left other keys broken).
 */
export async function saveLastGood(dataDir: string): Promise<string | undefined> {
	const read = readSettingsFile(settingsPath(dataDir));
	if (read.inspection.state !== 'ok' || read.text === null) return undefined;
	const backup = settingsBackupPath(dataDir);
	await writeFileDurable(backup, read.text, 0o600);
	return backup;
}

/** One key whose value a restore changes; a value is undefined where the key is absent (or unreadable). */
export interface SettingChange {
	key: string;
	old: unknown;
	new: unknown;
}

/**
 * The keys whose effective values differ between a file (as inspected) and the stored object
 * replacing it. A known key absent from a file counts as its default; an unreadable file's values
 * are all unknown, so every key of the replacement counts as changed.
 */
export function settingsChanges(before: SettingsInspection, after: Record<string, unknown>): SettingChange[] {
	const old = storedSettings(before);
	const effective = (stored: Record<string, unknown> | undefined, key: string): unknown => {
		if (stored === undefined) return undefined;
		if (Object.hasOwn(stored, key)) return stored[key];
		return isSettingKey(key) ? SETTINGS[key].default : undefined;
	};
	const keys = [...new Set([...SETTING_KEYS, ...Object.keys(old ?? {}), ...Object.keys(after)])];
	const changes: SettingChange[] = [];
	for (const key of keys) {
		const from = effective(old, key);
		const to = effective(after, key);
		if (old !== undefined && JSON.stringify(from) === JSON.stringify(to)) continue;
		if (old === undefined && to === undefined) continue;
		changes.push({key, old: from, new: to});
	}
	return changes;
}

/** Parses a typed value for a key, throwing a clear InputError in the user's language. */
export function parseSettingValue(lang: Lang, key: string, input: string): {key: SettingKey; value: Settings[SettingKey]} {
	if (!isSettingKey(key)) {
		throw new InputError('config_unknown_key', {key, keys: SETTING_KEYS.join(', ')});
	}
	const parsed = SETTINGS[key].parse(input);
	if ('reason' in parsed) {
		throw new InputError('config_invalid_value', {key, reason: parsed.reason});
	}
	return {key, value: parsed.value};
}

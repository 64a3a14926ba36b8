/**
 * Settings on disk (`<data dir>/config.json`, mode 0600).
 * Writes go through conf (JSON-schema validation, atomic writes). Reads at start-up use a plain
 * JSON read checked against the same table, because importing conf (and ajv behind it) costs
 * more than a thin terminal's whole start-up budget for this step.
 */
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {IntegrityError, InputError} from '../core/errors.js';
import {cliText, type Lang} from '../i18n/cli.js';
import {
	SETTINGS,
	SETTING_KEYS,
	confSchema,
	isSettingKey,
	settingsFrom,
	type SettingKey,
	type Settings,
} from './settings-schema.js';

export function settingsPath(dataDir: string): string {
	return join(dataDir, 'config.json');
}

export interface SettingsRead {
	settings: Settings;
	/** Keys whose stored values were invalid and were replaced by defaults. */
	invalid: SettingKey[];
	/** Set when the file exists but is not valid JSON. */
	brokenFile?: string;
}

/** Fast, side-effect-free read of the settings with defaults. */
export function readSettings(dataDir: string): SettingsRead {
	const file = settingsPath(dataDir);
	if (!existsSync(file)) return settingsFrom({});
	try {
		const json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
		if (!json || typeof json !== 'object' || Array.isArray(json)) return {...settingsFrom({}), brokenFile: file};
		return settingsFrom(json as Record<string, unknown>);
	} catch {
		return {...settingsFrom({}), brokenFile: file};
	}
}

export interface SettingsWriter {
	set<K extends SettingKey>(key: K, value: Settings[K]): void;
	path: string;
}

/** Opens the settings file for writing through conf. */
export async function openSettingsWriter(dataDir: string): Promise<SettingsWriter> {
	const {default: Conf} = await import('conf');
	try {
		const conf = new Conf<Settings>({
			projectName: 'tongban',
			cwd: dataDir,
			configName: 'config',
			schema: confSchema() as never,
			configFileMode: 0o600,
			clearInvalidConfig: false,
		});
		return {
			set: (key, value) => conf.set(key, value),
			path: conf.path,
		};
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new IntegrityError('config_invalid', `设置文件 ${settingsPath(dataDir)} 已损坏，无法写入：${message}`);
	}
}

/** Parses a typed value for a key, throwing a clear InputError in the user's language. */
export function parseSettingValue(lang: Lang, key: string, input: string): {key: SettingKey; value: Settings[SettingKey]} {
	if (!isSettingKey(key)) {
		throw new InputError('config_unknown_key', cliText(lang, 'err.configKey', {key, keys: SETTING_KEYS.join(', ')}));
	}
	const parsed = SETTINGS[key].parse(input);
	if ('reason' in parsed) {
		throw new InputError('config_invalid_value', cliText(lang, 'err.configValue', {key, reason: parsed.reason[lang]}));
	}
	return {key, value: parsed.value};
}

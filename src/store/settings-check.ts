/**
 * The strict check of a settings file's text. A file is either absent (the defaults) or ONE JSON
 * object whose every key is a known setting with a value that passes its check (settings-schema.ts).
 * Anything else is reported, never patched with defaults: a truncated file taken for "no settings"
 * would send the console to the demo hub, or a hub URL typo would go unnoticed until cases went
 * nowhere. Unknown keys count too: "hubURL" silently ignored is the same failure.
 *
 * Pure (no fs): settings.ts reads the file and turns a failed inspection into SettingsInvalidError.
 */
import {cliText} from '../i18n/cli.js';
import {isLang, type Lang} from '../core/lang.js';
import {SETTINGS, SETTING_KEYS, isSettingKey, usableSettings, type Reason, type Settings} from './settings-schema.js';

/** Why the file as a whole is unusable (nothing in it can be trusted). */
export type SettingsFileProblem =
	| {kind: 'unreadable'; code: string}
	| {kind: 'empty'}
	| {kind: 'syntax'; line?: number; column?: number}
	| {kind: 'not_object'; found: 'null' | 'array' | 'string' | 'number' | 'boolean'};

export interface SettingsKeyProblem {
	key: string;
	problem: 'invalid' | 'unknown';
	reason: Reason;
}

export type SettingsInspection =
	/** No file: the defaults. */
	| {state: 'absent'; settings: Settings}
	| {state: 'ok'; settings: Settings; stored: Record<string, unknown>}
	/** One JSON object, but some keys are unknown or hold invalid values. */
	| {state: 'keys'; stored: Record<string, unknown>; problems: SettingsKeyProblem[]}
	/** Not one JSON object at all. */
	| {state: 'file'; problem: SettingsFileProblem};

/** Inspects a settings file's text (null: the file does not exist). */
export function inspectSettingsText(text: string | null): SettingsInspection {
	if (text === null) return {state: 'absent', settings: usableSettings({})};
	// A byte-order mark (a file saved by a Windows editor) is not content.
	const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
	if (body.trim() === '') return {state: 'file', problem: {kind: 'empty'}};
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch (error) {
		return {state: 'file', problem: {kind: 'syntax', ...syntaxPosition(body, error)}};
	}
	if (json === null || typeof json !== 'object' || Array.isArray(json)) {
		const found = json === null ? 'null' : Array.isArray(json) ? 'array' : (typeof json as 'string' | 'number' | 'boolean');
		return {state: 'file', problem: {kind: 'not_object', found}};
	}
	const stored = json as Record<string, unknown>;
	const problems = keyProblems(stored);
	return problems.length === 0 ? {state: 'ok', settings: usableSettings(stored), stored} : {state: 'keys', stored, problems};
}

function keyProblems(stored: Record<string, unknown>): SettingsKeyProblem[] {
	const problems: SettingsKeyProblem[] = [];
	for (const key of SETTING_KEYS) {
		if (!Object.hasOwn(stored, key)) continue;
		const spec = SETTINGS[key] as {check(v: unknown): boolean; reason: Reason};
		if (spec.check(stored[key])) continue;
		const found = shownValue(stored[key]);
		problems.push({key, problem: 'invalid', reason: both((lang) => cliText(lang, 'settings.key.invalid', {found: found[lang], reason: spec.reason[lang]}))});
	}
	for (const key of Object.keys(stored)) {
		if (isSettingKey(key)) continue;
		// A key that differs from a known one only in case is almost surely that key mistyped.
		const near = SETTING_KEYS.find((known) => known.toLowerCase() === key.toLowerCase());
		problems.push({
			key,
			problem: 'unknown',
			reason: both((lang) => cliText(lang, near ? 'settings.key.unknownNear' : 'settings.key.unknown', {near: near ?? ''})),
		});
	}
	return problems;
}

/**
 * The value as it stands in the file, short. Settings hold no personal data (unknown keys, which
 * might hold anything, are never shown with their values).
 */
function shownValue(value: unknown): Reason {
	if (value === undefined) return both(() => '');
	const json = JSON.stringify(value);
	if (typeof value === 'string') return both(() => (json.length > 42 ? `${json.slice(0, 40)}…"` : json));
	if (value === null || typeof value === 'number' || typeof value === 'boolean') return both(() => json);
	return both((lang) => cliText(lang, Array.isArray(value) ? 'settings.found.array' : 'settings.found.object'));
}

function both(text: (lang: Lang) => string): Reason {
	return {'zh-CN': text('zh-CN'), en: text('en')};
}

/**
 * Where JSON.parse gave up, as line and column (1-based), when V8 says ("… at position 12" or
 * "(line 3 column 5)"); the message itself is V8's English and is not shown.
 */
function syntaxPosition(text: string, error: unknown): {line?: number; column?: number} {
	const message = error instanceof Error ? error.message : '';
	const lineColumn = /line (\d+) column (\d+)/.exec(message);
	if (lineColumn) return {line: Number(lineColumn[1]), column: Number(lineColumn[2])};
	const position = /position (\d+)/.exec(message);
	if (position) {
		const before = text.slice(0, Number(position[1]));
		const lines = before.split('\n');
		return {line: lines.length, column: lines.at(-1)!.length + 1};
	}
	// "Unexpected end of JSON input": the text stops before the object is closed.
	if (/end of JSON/i.test(message)) {
		const lines = text.trimEnd().split('\n');
		return {line: lines.length, column: lines.at(-1)!.length + 1};
	}
	return {};
}

/** The file's own `lang`, when that one value is valid: the language to report its problems in. */
export function inspectedLang(inspection: SettingsInspection): Lang | undefined {
	if (inspection.state === 'absent' || inspection.state === 'ok') return inspection.settings.lang;
	if (inspection.state === 'keys') return isLang(inspection.stored.lang) ? inspection.stored.lang : undefined;
	return undefined;
}

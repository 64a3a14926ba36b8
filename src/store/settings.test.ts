/** config.json on disk: the strict read, the error it raises, the writer, the last good copy. */
import {mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {EXIT} from '../core/errors.js';
import {inspectSettingsText} from './settings-check.js';
import {defaultSettings} from './settings-schema.js';
import {
	SettingsInvalidError,
	inspectSettings,
	openSettingsWriter,
	readSettings,
	readSettingsFile,
	saveLastGood,
	settingsBackupPath,
	settingsChanges,
	settingsPath,
	settingsLang,
	settingsReportText,
} from './settings.js';
import {errorText} from '../i18n/errors.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const tempDir = tempDirs('tongban-settings-');
function dataDir(config?: string): string {
	const dir = tempDir();
	if (config !== undefined) writeFileSync(join(dir, 'config.json'), config);
	return dir;
}

function caught(fn: () => unknown): SettingsInvalidError {
	try {
		fn();
	} catch (error) {
		if (error instanceof SettingsInvalidError) return error;
		throw error;
	}
	throw new Error('expected a SettingsInvalidError');
}

describe('readSettings (strict)', () => {
	it('no file: the defaults; a good file: its values', () => {
		expect(readSettings(dataDir())).toEqual(defaultSettings());
		expect(readSettings(dataDir('{"hubUrl":"http://127.0.0.1:9"}')).hubUrl).toBe('http://127.0.0.1:9');
	});

	it('an empty (truncated) file is exit 5 naming the file, never the defaults', () => {
		const dir = dataDir('');
		const error = caught(() => readSettings(dir));
		expect(error.exitCode).toBe(EXIT.integrity);
		expect(error.code).toBe('settings_invalid');
		expect(error.message).toContain(settingsPath(dir));
		expect(error.message).toContain('文件是空的');
		expect(error.details).toEqual({file: settingsPath(dir), keys: [], parse: {kind: 'empty'}});
	});

	it('broken keys: each named with its reason, in --json details too', () => {
		const dir = dataDir('{"hubUrl":"hub.example","idleLockMinutes":"ten","hubURL":"x"}');
		const error = caught(() => readSettings(dir, 'en'));
		expect(error.details).toEqual({
			file: settingsPath(dir),
			keys: [
				{key: 'hubUrl', problem: 'invalid', reason: 'is "hub.example"; must be a full http:// or https:// URL (empty: not set)'},
				{key: 'idleLockMinutes', problem: 'invalid', reason: 'is "ten"; must be a whole number of minutes from 1 to 240'},
				{key: 'hubURL', problem: 'unknown', reason: 'is not a known setting; did you mean hubUrl?'},
			],
		});
		for (const key of ['hubUrl:', 'idleLockMinutes:', 'hubURL:']) expect(error.message).toContain(`  ${key}`);
	});

	it('speaks the file\'s own lang when that value is valid, else zh-CN, unless told', () => {
		// The language is chosen at the edge: the file's own lang when that value is valid, else zh-CN.
		expect(settingsLang(inspectSettings(dataDir('{"lang":"en","hubUrl":"hub.example"}')))).toBe('en');
		expect(settingsLang(inspectSettings(dataDir('{"lang":"xx","hubUrl":"hub.example"}')))).toBe('zh-CN');
		const error = caught(() => readSettings(dataDir('{"lang":"en","hubUrl":"hub.example"}')));
		expect(errorText(error, 'en')).toMatch(/^The settings file /);
		expect(errorText(error, 'zh-CN')).toMatch(/^设置文件 /);
	});

	it('a file that cannot be read (a directory in its place) is exit 5 too', () => {
		const dir = dataDir();
		mkdirSync(settingsPath(dir));
		expect(inspectSettings(dir)).toEqual({state: 'file', problem: {kind: 'unreadable', code: 'EISDIR'}});
		const error = caught(() => readSettings(dir, 'en'));
		expect(errorText(error, 'en')).toContain('it is a directory, not a file');
	});
});

describe('the repair advice', () => {
	const dir = '/data';
	const file = '/data/config.json';
	const keys = (text: string) => {
		const i = inspectSettingsText(text);
		if (i.state !== 'keys') throw new Error(i.state);
		return i.problems;
	};

	it('offers restore only when a backup exists, config set only for invalid values, editing always', () => {
		const withBackup = settingsReportText('en', {file, role: 'settings', problem: keys('{"idleLockMinutes":"ten"}'), settingsFile: file, backup: `${dir}/config.last-good.json`});
		expect(withBackup).toContain('tongban config restore');
		expect(withBackup).toContain('/data/config.last-good.json');
		expect(withBackup).toContain('tongban config set KEY VALUE');
		expect(withBackup).toContain(`edit ${file} by hand; or delete it`);
		const unknownOnly = settingsReportText('en', {file, role: 'settings', problem: keys('{"colour":"red"}'), settingsFile: file});
		expect(unknownOnly).not.toContain('config restore');
		expect(unknownOnly).not.toContain('tongban config set');
		expect(unknownOnly).toContain('edit /data/config.json');
		// A file that is not one object cannot be repaired key by key.
		const truncated = settingsReportText('zh-CN', {file, role: 'settings', problem: {kind: 'syntax', line: 4, column: 2}, settingsFile: file, backup: `${dir}/config.last-good.json`});
		expect(truncated).toContain('第 4 行第 2 列');
		expect(truncated).toContain('tongban config restore');
		expect(truncated).not.toContain('tongban config set');
	});

	it('a damaged backup is named as the backup, and restore is not offered', () => {
		const backup = '/data/config.last-good.json';
		const text = settingsReportText('zh-CN', {file: backup, role: 'backup', problem: {kind: 'not_object', found: 'null'}, settingsFile: file});
		expect(text).toMatch(/^备份文件 \/data\/config.last-good.json 无法使用：内容应为一个 JSON 对象/);
		expect(text).not.toContain('config restore');
		expect(text).toContain('手工编辑 /data/config.json');
		expect(settingsReportText('en', {file: backup, role: 'backup', problem: keys('{"lang":"fr"}'), settingsFile: file})).toMatch(/^The backup \/data\/config.last-good.json has errors; nothing was restored:\n {2}lang: is "fr"/);
	});

	it.each([
		[{kind: 'empty'}],
		[{kind: 'syntax'}],
		[{kind: 'syntax', line: 1, column: 9}],
		[{kind: 'not_object', found: 'array'}],
		[{kind: 'unreadable', code: 'EACCES'}],
		[{kind: 'unreadable', code: 'EISDIR'}],
		[{kind: 'unreadable', code: 'EIO'}],
	] as const)('%j: no Chinese in English, no English words in Chinese', (problem) => {
		const report = {file, role: 'settings', problem, settingsFile: file, backup: '/data/config.last-good.json'} as const;
		expect(settingsReportText('en', report)).not.toMatch(CJK);
		expect(settingsReportText('zh-CN', report)).not.toMatch(/\b(the|is|not|must|file|settings|stopped|repair|edit|delete|permission|empty)\b/i);
	});
});

describe('openSettingsWriter', () => {
	it('writes the value (0600, every key listed) and refuses a file that is not one object', async () => {
		const dir = dataDir();
		(await openSettingsWriter(dir)).set('idleLockMinutes', 7);
		expect(statSync(settingsPath(dir)).mode & 0o777).toBe(0o600);
		expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8'))).toEqual({...defaultSettings(), idleLockMinutes: 7});
		for (const text of ['', 'null', '[]', '{"lang":']) {
			writeFileSync(settingsPath(dir), text);
			await expect(openSettingsWriter(dir, 'en')).rejects.toBeInstanceOf(SettingsInvalidError);
			// conf treats null and [] as {}: the refusal keeps the file as it was.
			expect(readFileSync(settingsPath(dir), 'utf8')).toBe(text);
		}
	});

	it('repairs one key of a file with broken keys, keeping the others as they are', async () => {
		const dir = dataDir('{"hubUrl":"hub.example","idleLockMinutes":"ten"}');
		const writer = await openSettingsWriter(dir);
		writer.set('hubUrl', 'https://hub.example');
		const stored = JSON.parse(readFileSync(settingsPath(dir), 'utf8')) as Record<string, unknown>;
		expect(stored.hubUrl).toBe('https://hub.example');
		// Still broken, still reported: the other key was not replaced by its default.
		expect(stored.idleLockMinutes).toBe('ten');
		writer.putBack('hubUrl', 'hub.example');
		expect(JSON.parse(readFileSync(settingsPath(dir), 'utf8')).hubUrl).toBe('hub.example');
	});
});

describe('saveLastGood', () => {
	it('copies a good config.json byte for byte (0600) and nothing else', async () => {
		const dir = dataDir('{"hubUrl":"http://127.0.0.1:9"}\n');
		expect(await saveLastGood(dir)).toBe(settingsBackupPath(dir));
		expect(readFileSync(settingsBackupPath(dir), 'utf8')).toBe('{"hubUrl":"http://127.0.0.1:9"}\n');
		expect(statSync(settingsBackupPath(dir)).mode & 0o777).toBe(0o600);
		// A file with a broken key is not "good": the backup keeps the last good one.
		writeFileSync(settingsPath(dir), '{"hubUrl":"hub.example"}');
		expect(await saveLastGood(dir)).toBeUndefined();
		expect(readFileSync(settingsBackupPath(dir), 'utf8')).toBe('{"hubUrl":"http://127.0.0.1:9"}\n');
		rmSync(settingsPath(dir));
		expect(await saveLastGood(dir)).toBeUndefined();
		expect(readSettingsFile(settingsBackupPath(dir)).inspection.state).toBe('ok');
	});
});

describe('settingsChanges', () => {
	const backup = {hubUrl: 'http://127.0.0.1:9', idleLockMinutes: 10};

	it('against a good or absent file: only the keys whose effective value differs (absent = default)', () => {
		expect(settingsChanges(inspectSettingsText('{"hubUrl":"http://127.0.0.1:9","idleLockMinutes":15}'), backup)).toEqual([{key: 'idleLockMinutes', old: 15, new: 10}]);
		expect(settingsChanges(inspectSettingsText(null), backup)).toEqual([{key: 'hubUrl', old: '', new: 'http://127.0.0.1:9'}]);
		expect(settingsChanges(inspectSettingsText(JSON.stringify(backup)), backup)).toEqual([]);
	});

	it('against broken keys: the broken values and the removed unknown keys', () => {
		expect(settingsChanges(inspectSettingsText('{"hubUrl":"hub.example","hubURL":"x","idleLockMinutes":10}'), backup)).toEqual([
			{key: 'hubUrl', old: 'hub.example', new: 'http://127.0.0.1:9'},
			{key: 'hubURL', old: 'x', new: undefined},
		]);
	});

	it('against a file that did not parse: every key of the backup, old values unknown', () => {
		const changes = settingsChanges(inspectSettingsText(''), backup);
		expect(changes).toHaveLength(Object.keys(defaultSettings()).length);
		expect(changes.every((c) => c.old === undefined)).toBe(true);
		expect(changes.find((c) => c.key === 'hubUrl')).toEqual({key: 'hubUrl', old: undefined, new: 'http://127.0.0.1:9'});
	});
});

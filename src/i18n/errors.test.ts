/**
 * Every error code renders in both languages: the same placeholders in each, all filled, no
 * Chinese in English, no English prose in Chinese; and every code the source raises has its text.
 */
import {readFileSync, readdirSync, statSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {HubError, InputError} from '../core/errors.js';
import {placeholdersIn} from '../core/template.js';
import {ERROR_TEXTS, errorText, messageText} from './errors.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/**
 * English prose left in a zh-CN text once what it may quote is taken out: commands and flags
 * (`tongban config set hubUrl …`, `--port`) and the values they take (`--needs pickup`), paths
 * and files, key=value, and the technical names the counter and technicians read as they are
 * (JPEG, SW3, TLS, setting names).
 */
function englishProse(text: string): string[] {
	const quoted = text
		.replace(/tongban(?: [\w:.<>…/-]+)*/g, ' ')
		.replace(/npm start|apt-get install \w+|lp -d \S+|key=value/g, ' ')
		.replace(/--[\w-]+/g, ' ')
		.replace(/[\w.-]*\/[\w./-]*/g, ' ')
		.replace(/\b\w+\.json\b/g, ' ');
	const allowed = new Set(['http', 'https', 'pid', 'receiptPrintCommand', 'receiptPrinter', 'hubUrl', 'idempotencyKey', 'online', 'proxy', 'joint', 'udevadm', 'udev', 'socat', 'quarantine', 'ack', 'force', 'supplement', 'pickup', 'shipment', 'ems', 'other']);
	return (quoted.match(/\b[A-Za-z]*[a-z]{3,}[A-Za-z]*\b/g) ?? []).filter((word) => !allowed.has(word));
}

const sample = (lang: 'zh-CN' | 'en') => (name: string) => (lang === 'en' ? `<${name}>` : `〈值${name.length}〉`);

describe('the error catalogue', () => {
	it.each(Object.keys(ERROR_TEXTS))('%s renders in both languages', (code) => {
		const texts = ERROR_TEXTS[code]!;
		expect(placeholdersIn(texts.en).sort()).toEqual(placeholdersIn(texts['zh-CN']).sort());
		const en = messageText({code, params: Object.fromEntries(placeholdersIn(texts.en).map((n) => [n, sample('en')(n)]))}, 'en');
		const zh = messageText({code, params: Object.fromEntries(placeholdersIn(texts['zh-CN']).map((n) => [n, sample('zh-CN')(n)]))}, 'zh-CN');
		expect(en).not.toMatch(/\{[\w.]+\}/);
		expect(zh).not.toMatch(/\{[\w.]+\}/);
		expect(en).not.toMatch(CJK);
		expect(englishProse(zh)).toEqual([]);
	});

	it('has a text for every code the source raises or nests', () => {
		const raised = new Set<string>();
		const patterns = [
			/new (?:AppError|InputError|NotFoundError|IntegrityError|DeviceError|HubError|StoreBusyError|IdReaderError|CameraError|PrintError|AuditIntegrityError)\(\s*'([a-z_]+)'/g,
			/super\(\s*'([a-z_]+)'/g,
			/reason\('(reason_[a-z_]+)'/g,
			/code: '(reason_[a-z_]+)'/g,
		];
		const walk = (dir: string): string[] =>
			readdirSync(dir).flatMap((name) => {
				const path = join(dir, name);
				if (statSync(path).isDirectory()) return walk(path);
				return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
			});
		for (const file of ['src', 'commands', 'devices'].flatMap((d) => walk(join(root, d)))) {
			const source = readFileSync(file, 'utf8');
			for (const pattern of patterns) for (const m of source.matchAll(pattern)) raised.add(m[1]!);
		}
		expect(raised.size).toBeGreaterThan(100);
		expect([...raised].filter((code) => !ERROR_TEXTS[code])).toEqual([]);
	});

	it('words a hub error in the language asked for (cases show --lang en no longer prints Chinese)', () => {
		const error = new HubError('hub_unreachable', {call: 'GET /cases/{caseId}'}, {retryable: true, details: {cause: 'ECONNREFUSED'}});
		expect(errorText(error, 'en')).toBe('cannot connect to the hub (GET /cases/{caseId})');
		expect(errorText(error, 'zh-CN')).toBe('无法连接中台（GET /cases/{caseId}）');
		expect(errorText(error, 'zh-CN')).not.toContain('ECONNREFUSED');
	});

	it('words nested reasons and bilingual values in the same language', () => {
		const error = new InputError('config_invalid_value', {key: 'lang', reason: {'zh-CN': '只能是 zh-CN 或 en', en: 'must be zh-CN or en'}});
		expect(errorText(error, 'en')).toBe('Invalid value for lang: must be zh-CN or en');
		const nested = new InputError('case_file_invalid', {file: 'c.json', reason: {code: 'reason_field_required', params: {field: 'itemCode'}}});
		expect(errorText(nested, 'zh-CN')).toBe('办件文件 c.json 无效：缺少必填项：itemCode');
		expect(errorText(nested, 'en')).toBe('Case file c.json is invalid: required: itemCode');
	});

	it('never shows the English message of something that is not ours, and names a code with no text', () => {
		expect(errorText(new TypeError("Cannot read properties of undefined (reading 'x')"), 'zh-CN')).toBe('意外错误（TypeError）');
		expect(errorText(new InputError('no_such_code'), 'en')).toBe('internal error (no_such_code)');
	});
});

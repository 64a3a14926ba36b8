/** The strict check of config.json's text: every way a file can be wrong is reported, none is defaulted. */
import {describe, expect, it} from 'vitest';
import {inspectSettingsText, inspectedLang, type SettingsInspection} from './settings-check.js';
import {SETTINGS, defaultSettings} from './settings-schema.js';

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

function problems(inspection: SettingsInspection) {
	if (inspection.state !== 'keys') throw new Error(`expected key problems, got ${inspection.state}`);
	return inspection.problems;
}

describe('inspectSettingsText', () => {
	it('no file: the defaults', () => {
		expect(inspectSettingsText(null)).toEqual({state: 'absent', settings: defaultSettings()});
	});

	it('a valid object: its values over the defaults (a partial file is fine)', () => {
		const r = inspectSettingsText('{"hubUrl": "https://hub.example/api", "idleLockMinutes": 5}');
		expect(r.state).toBe('ok');
		if (r.state !== 'ok') return;
		expect(r.settings).toEqual({...defaultSettings(), hubUrl: 'https://hub.example/api', idleLockMinutes: 5});
		expect(r.stored).toEqual({hubUrl: 'https://hub.example/api', idleLockMinutes: 5});
	});

	it('accepts the file conf writes (every key, tab-indented) and a byte-order mark', () => {
		const text = JSON.stringify(defaultSettings(), undefined, '\t');
		expect(inspectSettingsText(text).state).toBe('ok');
		expect(inspectSettingsText(`\uFEFF${text}`).state).toBe('ok');
	});

	it.each([[''], ['   \n\t'], ['\uFEFF']])('an empty or blank file %j is a file problem, not the defaults', (text) => {
		expect(inspectSettingsText(text)).toEqual({state: 'file', problem: {kind: 'empty'}});
	});

	it('a truncated file: a syntax problem at the end of the text', () => {
		const full = JSON.stringify({lang: 'zh-CN', hubUrl: 'http://127.0.0.1:9', terminalId: 'T-1'}, undefined, '\t');
		const cut = full.slice(0, full.indexOf('T-1'));
		const r = inspectSettingsText(cut);
		expect(r.state).toBe('file');
		if (r.state !== 'file' || r.problem.kind !== 'syntax') throw new Error('expected a syntax problem');
		const lines = cut.split('\n');
		expect(r.problem.line).toBe(lines.length);
		expect(r.problem.column).toBeGreaterThanOrEqual(1);
	});

	it('a syntax error in the middle: its line and column', () => {
		// A trailing comma, as a hand edit leaves it: V8 reports where the next name should start.
		const r = inspectSettingsText('{\n  "lang": "en",\n  "idleLockMinutes": 5,\n}');
		expect(r).toEqual({state: 'file', problem: {kind: 'syntax', line: 4, column: 1}});
	});

	it('text that is not JSON at all: a syntax problem (with or without a position)', () => {
		const r = inspectSettingsText('hubUrl=https://hub.example');
		expect(r.state).toBe('file');
		if (r.state === 'file') expect(r.problem.kind).toBe('syntax');
	});

	it.each([
		['null', 'null'],
		['[]', 'array'],
		['[{"lang":"en"}]', 'array'],
		['"https://hub.example"', 'string'],
		['10', 'number'],
		['true', 'boolean'],
	] as const)('%s is not one object: reported as %s', (text, found) => {
		expect(inspectSettingsText(text)).toEqual({state: 'file', problem: {kind: 'not_object', found}});
	});

	it('a wrong type names the key, shows the value and gives the key\'s own reason in both languages', () => {
		const [p, ...rest] = problems(inspectSettingsText('{"idleLockMinutes":"ten"}'));
		expect(rest).toEqual([]);
		expect(p).toMatchObject({key: 'idleLockMinutes', problem: 'invalid'});
		expect(p!.reason['zh-CN']).toBe(`当前为 "ten"，${SETTINGS.idleLockMinutes.reason['zh-CN']}`);
		expect(p!.reason.en).toBe(`is "ten"; ${SETTINGS.idleLockMinutes.reason.en}`);
	});

	it.each([
		['hubUrl', 'hub.example'],
		['hubUrl', 'http://'],
		['hubUrl', 'ftp://hub.example'],
		['hubUrl', 42],
		['lang', 'fr'],
		['idleLockMinutes', 0],
		['idleLockMinutes', 2.5],
		['retentionDays', 99999],
		['shipWithinHours', -1],
		['shipWithinHours', 721],
		['shipWithinHours', '24'],
		['asciiOnly', 'yes'],
		['readerBaud', 1200],
		['terminalId', ''],
		['branchCode', '12'],
		['cameraVerify', 'fast'],
		['receiptPrintCommand', 'lp\nrm -rf /'],
	] as const)('an invalid value %s = %j is reported, not replaced by the default', (key, value) => {
		const [p, ...rest] = problems(inspectSettingsText(JSON.stringify({[key]: value})));
		expect(rest).toEqual([]);
		expect(p).toMatchObject({key, problem: 'invalid'});
		expect(p!.reason.en).toContain(SETTINGS[key].reason.en);
	});

	it.each([
		['shipWithinHours', '0', 0],
		['shipWithinHours', '720', 720],
		['idleLockMinutes', ' 15 ', 15],
	] as const)('a typed %s %j is taken as %j', (key, typed, value) => {
		expect(SETTINGS[key].parse(typed)).toEqual({value});
	});

	it.each(['1e2', '0x10', '10.0', '-0', '', '7 days', '721'])('a typed shipWithinHours %j is refused with the reason', (typed) => {
		expect(SETTINGS.shipWithinHours.parse(typed)).toEqual({reason: SETTINGS.shipWithinHours.reason});
	});

	it('null, objects and arrays as values are described, not dumped', () => {
		const ps = problems(inspectSettingsText('{"hubUrl":null,"branchName":{"a":1},"readerPort":[1]}'));
		expect(ps.map((p) => [p.key, p.reason.en.split(';')[0]])).toEqual([
			['hubUrl', 'is null'],
			['branchName', 'is an object'],
			['readerPort', 'is an array'],
		]);
		expect(ps[1]!.reason['zh-CN']).toMatch(/^当前为 对象，/);
	});

	it('a long value is cut short in the reason', () => {
		const [p] = problems(inspectSettingsText(JSON.stringify({catalogDir: `${'x'.repeat(2000)}`})));
		expect(p!.reason.en.length).toBeLessThan(200);
		expect(p!.reason.en).toContain('…');
	});

	it('an unknown key is reported (a typo silently ignored fails open too), with the near key when only the case differs', () => {
		const ps = problems(inspectSettingsText('{"hubURL":"https://hub.example","colour":"red","__proto__":{"lang":"en"}}'));
		expect(ps).toEqual([
			{key: 'hubURL', problem: 'unknown', reason: {'zh-CN': '不是已知的设置项，是否想写 hubUrl？', en: 'is not a known setting; did you mean hubUrl?'}},
			{key: 'colour', problem: 'unknown', reason: {'zh-CN': '不是已知的设置项', en: 'is not a known setting'}},
			{key: '__proto__', problem: 'unknown', reason: {'zh-CN': '不是已知的设置项', en: 'is not a known setting'}},
		]);
		// The value under an unknown key might be anything (a token): it is never shown.
		expect(JSON.stringify(ps)).not.toContain('hub.example');
	});

	it('reports every broken key at once, known keys first', () => {
		const ps = problems(inspectSettingsText('{"typo":1,"hubUrl":"hub.example","idleLockMinutes":"ten","lang":"en"}'));
		expect(ps.map((p) => p.key)).toEqual(['hubUrl', 'idleLockMinutes', 'typo']);
	});

	it('reasons carry no Chinese in English and no English words in Chinese', () => {
		const ps = problems(inspectSettingsText('{"hubUrl":"hub.example","idleLockMinutes":"ten","x":1,"hubURL":1,"branchName":[]}'));
		for (const p of ps) {
			expect(p.reason.en).not.toMatch(CJK);
			expect(p.reason['zh-CN']).not.toMatch(/\b(is|not|must|known|setting|did|mean|an|array)\b/);
		}
	});
});

describe('inspectedLang (the language to report a file in)', () => {
	it.each([
		[null, 'zh-CN'],
		['{"lang":"en"}', 'en'],
		['{"lang":"en","hubUrl":"hub.example"}', 'en'],
		['{"lang":"fr","hubUrl":"hub.example"}', undefined],
		['{"hubUrl":"hub.example"}', undefined],
		['{"lang":"en",', undefined],
		['["en"]', undefined],
	])('%j → %j', (text, lang) => {
		expect(inspectedLang(inspectSettingsText(text))).toBe(lang);
	});
});

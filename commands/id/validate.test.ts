import type {CommandModule} from 'yargs';
import {describe, expect, it} from 'vitest';
import {idCheckChar} from '../../src/core/identity/idnumber.js';
import type {GlobalArgs} from '../context.js';
import {runCli} from '../../src/test-utils/command-cli.js';
import {idCommand} from './index.js';

const id = (lang: 'zh-CN' | 'en' = 'zh-CN') => idCommand(lang) as unknown as CommandModule<GlobalArgs, never>;

describe('tongban id validate', () => {
	it('valid number → exit 0, masked, with region, birth date and sex', async () => {
		const run = await runCli(id(), ['id', 'validate', '11010519491231002X']);
		expect(run.code).toBe(0);
		for (const text of ['110105********002X：有效（居民身份证号码）', '地址码：110105 北京市 朝阳区', '出生日期：1949-12-31', '性别：女']) expect(run.stdout).toContain(text);
		expect(run.stdout).not.toContain('11010519491231002X：');
	});

	it('wrong check character → exit 2, names the expected character', async () => {
		const run = await runCli(id(), ['id', 'validate', '110105194912310021']);
		expect(run.code).toBe(2);
		expect(run.stdout).toContain('无效');
		expect(run.stdout).toContain('第 18 位应为“X”，实际为“1”');
	});

	it('--json lists every problem with codes (English)', async () => {
		const first17 = '79010519900230001';
		const run = await runCli(id('en'), ['id', 'validate', first17 + idCheckChar(first17), '--json', '--lang', 'en']);
		expect(run.code).toBe(2);
		const out = JSON.parse(run.stdout);
		expect(out.valid).toBe(false);
		expect(out.problems.map((p: {code: string}) => p.code)).toEqual(['region_unknown', 'birth_invalid']);
		expect(out.problems[1].message).toBe('birth date 1990-02-30 is not a real date');
	});

	it('upgrades a 15-digit number and accepts lowercase x', async () => {
		const old = await runCli(id(), ['id', 'validate', '110105491231002', '--json', '--reveal']);
		expect(JSON.parse(old.stdout)).toMatchObject({valid: true, upgradedFrom15: true, normalized: '11010519491231002X', masked: false});
		// Without --reveal the number stays masked, in JSON too.
		const masked = await runCli(id(), ['id', 'validate', '110105491231002', '--json']);
		expect(JSON.parse(masked.stdout)).toMatchObject({valid: true, masked: true});
		expect(masked.stdout).not.toContain('11010519491231002X');
		expect((await runCli(id(), ['id', 'validate', '11010519491231002x'])).code).toBe(0);
	});

	it('a retired region code is a note, not an error', async () => {
		const run = await runCli(id(), ['id', 'validate', '440524188001010014']);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('提示：地址码 440524 不在现行区划代码表中');
	});

	it('an HK permit number names Hong Kong', async () => {
		const first17 = '81000019920214004';
		const run = await runCli(id('en'), ['id', 'validate', first17 + idCheckChar(first17), '--lang', 'en']);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('HK/MO/TW residence permit number');
		expect(run.stdout).toMatch(/region: 810000 /);
	});

	describe('says which kind it recognised, in both languages (issue 12.8)', () => {
		const foreign2023 = (() => {
			const first17 = '93161619880422012';
			return first17 + idCheckChar(first17);
		})();
		const hk = (() => {
			const first17 = '81000019920214004';
			return first17 + idCheckChar(first17);
		})();

		it.each([
			['11010519491231002X', 'resident', '居民身份证号码', 'citizen ID number'],
			['110105491231002', 'resident15', '旧版 15 位居民身份证号码', 'legacy 15-digit citizen ID number'],
			[hk, 'hkmotw', '港澳台居民居住证号码', 'HK/MO/TW residence permit number'],
			['USA310075061521', 'foreign2017', '外国人永久居留身份证号码（2017 版）', 'foreign permanent resident ID number (2017)'],
			[foreign2023, 'foreign2023', '外国人永久居留身份证号码（2023 版）', 'foreign permanent resident ID number (2023)'],
		])('%s → %s', async (number, recognised, zh, en) => {
			const zhRun = await runCli(id(), ['id', 'validate', number]);
			expect(zhRun.code).toBe(0);
			expect(zhRun.stdout.split('\n')[0]).toMatch(new RegExp(`：有效（${zh.replace(/[()（）]/g, '.')}）$`));
			const enRun = await runCli(id('en'), ['id', 'validate', number, '--lang', 'en', '--json']);
			expect(JSON.parse(enRun.stdout)).toMatchObject({valid: true, recognisedAs: recognised, kindName: en});
		});

		it('the 2017 foreign card: nationality named, birth date, and what was not checked; masked throughout', async () => {
			const zhRun = await runCli(id(), ['id', 'validate', 'USA310075061521']);
			expect(zhRun.code).toBe(0);
			const shown = [
				'USA310*****1521：有效（外国人永久居留身份证号码（2017 版））',
				'国籍：USA 美国',
				'出生日期：1975-06-15',
				'未核对：第 4–7 位（受理地代码）：未见公开的编码规则',
				'未核对：第 14–15 位：未见公开的顺序码和校验规则',
			];
			for (const text of shown) expect(zhRun.stdout).toContain(text);
			expect(zhRun.stdout).not.toContain('USA310075061521');
			expect(zhRun.stdout).not.toMatch(/not checked|nationality/);
			const enRun = await runCli(id('en'), ['id', 'validate', 'USA310075061521', '--lang', 'en']);
			expect(enRun.stdout).toContain('nationality: USA United States of America');
			expect(enRun.stdout).toContain('not checked: digits 4–7 (place code): no published coding rule');
			expect(enRun.stdout).not.toMatch(/[\u4e00-\u9fff]/);
			const json = JSON.parse((await runCli(id('en'), ['id', 'validate', 'USA310075061521', '--json', '--lang', 'en'])).stdout);
			expect(json).toMatchObject({valid: true, kind: 'foreign2017', normalized: 'USA310*****1521', nationality: 'USA', nationalityName: 'United States of America', birthDate: '1975-06-15', sex: null});
			expect(json.unchecked.map((u: {part: string}) => u.part)).toEqual(['place_code', 'birth_century', 'last_digits']);
		});

		it('an invalid 2017 number says it was checked as one, and why it failed (exit 2)', async () => {
			const run = await runCli(id(), ['id', 'validate', 'XYZ310075061521']);
			expect(run.code).toBe(2);
			expect(run.stdout).toContain('XYZ310*****1521：无效（按外国人永久居留身份证号码（2017 版）的规则核对）');
			expect(run.stdout).toContain('✗ 第 1–3 位国籍代码“XYZ”不是已知的外国国家或地区代码（GB/T 2659）');
			const en = JSON.parse((await runCli(id('en'), ['id', 'validate', 'USA3100750615', '--json', '--lang', 'en'])).stdout);
			expect(en).toMatchObject({valid: false, recognisedAs: 'foreign2017', problems: [{code: 'length'}]});
		});
	});
});

describe('tongban id validate, many numbers (issue 16.8)', () => {
	const valid = '11010519491231002X';
	const wrongCheck = '110105194912310021';

	it('arguments: one verdict per line, masked, exit 1 when any is invalid; the summary on stderr', async () => {
		const run = await runCli(id(), ['id', 'validate', valid, wrongCheck, '110105491231002']);
		expect(run.code).toBe(1);
		expect(run.stdout.split('\n').filter(Boolean)).toEqual([
			'110105********002X\t有效\t居民身份证号码',
			'110105********0021\t无效\t居民身份证号码\t校验码错误：第 18 位应为“X”，实际为“1”',
			'110105********002X\t有效\t旧版 15 位居民身份证号码',
		]);
		expect(run.stderr).toContain('共 3 个号码：有效 2，无效 1');
		expect(run.stdout).not.toContain(valid);
		expect((await runCli(id(), ['id', 'validate', valid, '110105491231002'])).code).toBe(0);
	});

	it('--json is NDJSON and --csv a header and a row per number, in English with --lang en; --reveal shows the numbers', async () => {
		const json = await runCli(id('en'), ['id', 'validate', valid, wrongCheck, '--json', '--lang', 'en']);
		expect(json.code).toBe(1);
		const rows = json.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));
		expect(rows).toEqual([
			{line: 1, number: '110105********002X', masked: true, valid: true, kind: 'resident', problems: []},
			{line: 2, number: '110105********0021', masked: true, valid: false, kind: 'resident', problems: [{code: 'check_char', severity: 'error', message: expect.stringContaining('18')}]},
		]);
		const csv = await runCli(id(), ['id', 'validate', valid, wrongCheck, '--csv', '--reveal']);
		expect(csv.stdout.split('\n').filter(Boolean)).toEqual([
			'line,number,valid,kind,problems,message',
			`1,${valid},true,resident,,`,
			`2,${wrongCheck},false,resident,check_char,校验码错误：第 18 位应为“X”，实际为“1”`,
		]);
	});
});

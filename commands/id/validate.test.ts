import type {CommandModule} from 'yargs';
import {describe, expect, it} from 'vitest';
import {idCheckChar} from '../../src/core/identity/idnumber.js';
import type {GlobalArgs} from '../context.js';
import {runCli} from '../devices/test-cli.js';
import {idCommand} from './index.js';

const id = (lang: 'zh-CN' | 'en' = 'zh-CN') => idCommand(lang) as unknown as CommandModule<GlobalArgs, never>;

describe('tongban id validate', () => {
	it('valid number → exit 0, masked, with region, birth date and sex', async () => {
		const run = await runCli(id(), ['id', 'validate', '11010519491231002X']);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('110105********002X：有效（居民身份证号码）');
		expect(run.stdout).toContain('地址码：110105 北京市 朝阳区');
		expect(run.stdout).toContain('出生日期：1949-12-31');
		expect(run.stdout).toContain('性别：女');
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
});

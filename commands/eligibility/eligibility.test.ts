import type {CommandModule} from 'yargs';
import {describe, expect, it} from 'vitest';
import type {GlobalArgs} from '../context.js';
import {runCli} from '../../src/test-utils/command-cli.js';
import {eligibilityCommand} from './index.js';

const cmd = (lang: 'zh-CN' | 'en' = 'zh-CN') => eligibilityCommand(lang) as unknown as CommandModule<GlobalArgs, never>;
const check = (...args: string[]) => runCli(cmd(), ['eligibility', 'check', ...args]);

// Demo citizens of src/eligibility/facts-memory.ts.
const RECIPIENT_11 = '110105198503152348';
const MAN_1974 = '510107197403151519';

describe('tongban eligibility check', () => {
	it('eligible → exit 0, reasons with source and confidence, warnings, notes, the number masked', async () => {
		const run = await check('990120000001', '--id', MAN_1974, '--item-region', '440100', '--region', '440305', '--demo', '--on', '2026-11-26', '--valid-until', '2036-01-01');
		expect(run.code).toBe(0);
		const shown = [
			'结论：符合受理条件',
			'国办发〔2009〕66号',
			'可信度：高',
			'临时基本养老保险缴费账户',
			'按身份证号码判断为 四川省 (51)',
			'45 个工作日',
			'规则版本：2026.11.1',
			'510107********1519',
		];
		for (const text of shown) expect(run.stdout).toContain(text);
		expect(run.stdout).not.toContain(MAN_1974);
	});

	it('not eligible → exit 1; --json carries the result, the rule version and the masked number', async () => {
		const run = await check('990120000001', '--id', RECIPIENT_11, '--demo', '--json', '--on', '2026-11-26');
		expect(run.code).toBe(1);
		const json = JSON.parse(run.stdout);
		expect(json.result).toBe('not_eligible');
		expect(json.ruleVersion).toBe('2026.11.1');
		expect(json.applicant.idNumber).toBe('110105********2348');
		expect(run.stdout).not.toContain(RECIPIENT_11);
		expect(json.reasons[0]).toMatchObject({ruleId: 'not-drawing-pension', outcome: 'fail', confidence: 'high'});
	});

	it('needs checking → exit 1 and lists the open questions; answers close them', async () => {
		const open = await check('990220000001', '--id', MAN_1974, '--item-region', '510000', '--demo', '--lang', 'en');
		expect(open.code).toBe(1);
		expect(open.stdout).toContain('Result: needs checking');
		expect(open.stdout).toMatch(/category: .*choices: retired-relocated/);
		const answered = await check('990220000001', '--id', MAN_1974, '--item-region', '510000', '--demo', '--answer', 'category=long-term-residence', '--answer', 'materials=pledge');
		expect(answered.code).toBe(0);
	});

	it('per-region parameters show where they came from', async () => {
		const run = await check('990320000003', '--id', '430102198607202026', '--item-region', '440106', '--demo', '--json');
		const json = JSON.parse(run.stdout);
		expect(json.paramsFrom).toEqual(['4401']);
		expect(json.params.minContributionMonths).toBe(6);
		expect(json.result).toBe('eligible');
	});

	it.each([
		[['990120000001', '--id', '510107197403151510', '--demo'], /证件号码 510107\*+1510 无效/],
		[['12345', '--id', MAN_1974, '--demo'], /事项编码应为/],
		[['990220000001', '--id', MAN_1974, '--demo', '--answer', 'category=holiday'], /没有选项“holiday”/],
		[['990220000001', '--id', MAN_1974, '--demo', '--answer', 'colour=red'], /没有问题“colour”/],
		[['990220000001', '--id', MAN_1974, '--demo', '--answer', 'category'], /key=value/],
		[['990120000001', '--id', MAN_1974, '--demo', '--on', '2026-02-30'], /--on 应为 YYYY-MM-DD/],
		[['990120000001', '--id', MAN_1974, '--demo', '--region', '4403'], /--region 应为 2 位或 6 位/],
		[['999999999999', '--id', MAN_1974, '--demo'], /没有事项 999999999999/],
	])('bad input %j → exit 2', async (args, message) => {
		const run = await check(...args);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(message);
	});

	it('no hub configured: exit 2 only when the item needs the hub', async () => {
		const needs = await check('990120000001', '--id', MAN_1974);
		expect(needs.code).toBe(2);
		expect(needs.stderr).toContain('--demo');
		const local = await check('990407000002', '--id', MAN_1974, '--answer', 'lost=yes');
		expect(local.code).toBe(0);
		expect(local.stdout).toContain('补领工本费 40 元');
	});

	it('hub unreachable and needed → exit 3, saying the hub facts were treated as unknown', async () => {
		const run = await check('990120000001', '--id', MAN_1974, '--hub', 'http://127.0.0.1:1', '--retries', '0');
		expect(run.code).toBe(3);
		expect(run.stdout).toContain('中台提供的事实均按未知处理');
	});
});

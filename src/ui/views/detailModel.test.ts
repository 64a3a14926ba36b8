import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {createFakeCatalogService, IMPLEMENTATIONS, ITEMS} from '../../test-utils/fixtures.js';
import {createTranslator} from '../i18n/index.js';
import {tableWidth} from '../layout/table.js';
import {buildDetailLines, feeText, materialColumns, timeLimitText} from './detailModel.js';

const zh = createTranslator('zh-CN');
const en = createTranslator('en');
const catalog = createFakeCatalogService();
const pension = IMPLEMENTATIONS[0]!;
const input = {item: ITEMS[0]!, implementation: pension, regionPath: catalog.regionPath(pension.regionCode)};

describe('detail lines', () => {
	it.each([40, 50, 80, 120])('every line fits %i columns, in both languages', (width) => {
		for (const t of [zh, en]) {
			for (const line of buildDetailLines(input, t, width)) expect(stringWidth(line.text)).toBeLessThanOrEqual(width);
		}
	});

	it('shows codes, type, department, region, modes, conditions, limits, fee, contacts and FAQs', () => {
		const text = buildDetailLines(input, zh, 80)
			.map((line) => line.text)
			.join('\n');
		for (const expected of [
			'990100000001',
			pension.implementationCode,
			'公共服务 (20)',
			'成都市社会保险事业管理局',
			'四川省 成都市',
			'异地代收代办, 全程网办',
			'已经按月领取养老金的人员不再办理转移',
			'45 个工作日',
			'15 个工作日',
			'不收费',
			'028-12333',
			'问：转移后缴费年限会减少吗？',
		]) {
			expect(text).toContain(expected);
		}
	});

	it('draws materials as a table exactly as wide as the view, with a row per material', () => {
		const lines = buildDetailLines(input, zh, 80).map((line) => line.text);
		const table = lines.filter((line) => line.startsWith('|') || line.startsWith('+'));
		expect(new Set(table.map((line) => stringWidth(line)))).toEqual(new Set([80]));
		expect(table.some((line) => line.includes('居民身份证') && line.includes('是'))).toBe(true);
		expect(table.some((line) => line.startsWith('| 委托书') && line.includes('否'))).toBe(true);
		expect(tableWidth(materialColumns(80, zh))).toBe(80);
		expect(tableWidth(materialColumns(120, en))).toBe(120);
	});

	it('lists materials instead of a table when the view is too narrow for one', () => {
		const lines = buildDetailLines(input, zh, 40).map((line) => line.text);
		expect(lines.some((line) => line.startsWith('+'))).toBe(false);
		expect(lines.some((line) => line.startsWith('3. 委托书'))).toBe(true);
	});
});

describe('limits and fees', () => {
	it('gives time limits with their units', () => {
		expect(timeLimitText({value: 5, unit: 'natural_day'}, zh)).toBe('5 个自然日');
		expect(timeLimitText({value: 15, unit: 'working_day'}, en)).toBe('15 working days');
	});

	it('gives the fee amount and its basis', () => {
		const idCard = IMPLEMENTATIONS.find((impl) => impl.fee.charged)!;
		expect(feeText(idCard, zh)).toBe('20 元; 依据：居民身份证工本费收费标准');
		expect(feeText(pension, en)).toBe('free of charge');
	});
});

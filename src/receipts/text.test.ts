/** The receipt's text: every field, in columns that fit the width, in both languages. */
import {describe, expect, it} from 'vitest';
import {demoReceipt} from '../test-utils/receipts.js';
import {displayWidth} from '../text/width.js';
import {receiptFileText, receiptLines} from './text.js';

const doc = demoReceipt();

describe('receipt text', () => {
	it.each([40, 60, 80, 120])('has every field and fits %i columns', (width) => {
		const lines = receiptLines(doc, 'zh-CN', width);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
		const text = lines.join('\n');
		for (const part of ['跨省通办受理回执', 'TB44-20261127-0000003', '领取养老金人员待遇资格认证', '广东省（节点 44）', '四川省（节点 51）', '1 个工作日', '欧阳** 510107********113X', 'M01 居民身份证（已核验原件）', 'M02 社会保障卡', '2026-11-27 08:56', 'op-1001', '查询进度']) {
			expect(text.replace(/\n\s+/g, '')).toContain(part);
		}
	});

	it('reads in English too, and the file ends with a newline', () => {
		const text = receiptFileText(doc, 'en');
		expect(text).toContain('Case number');
		expect(text).toContain('1 working days');
		expect(text).toContain('(original verified)');
		expect(text.endsWith('\n')).toBe(true);
		expect(receiptLines({...doc, promisedLimit: {value: 0, unit: 'working_day'}}, 'zh-CN').join('\n')).toContain('即时办结');
	});

	it.each([40, 80])('says when the paper originals must travel, and only then (%i columns)', (width) => {
		expect(receiptLines(doc, 'zh-CN', width).join('\n')).not.toContain('原件寄送');
		const lines = receiptLines({...doc, originalsRequired: true}, 'zh-CN', width);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
		expect(lines.join('').replace(/\s+/g, '')).toContain('办理地需要纸质原件');
		// The item and branch names are catalog data (Chinese in any language); the row's words are English.
		const en = receiptLines({...doc, originalsRequired: true}, 'en', width).join(' ').replace(/\s+/g, ' ');
		expect(en).toContain('Originals');
		expect(en).toContain('The deciding province needs the paper originals: this branch sends them there and records the waybill;');
	});
});

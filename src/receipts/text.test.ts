/** The receipt's text: every field, in columns that fit the width, in both languages. */
import {describe, expect, it} from 'vitest';
import {demoReceipt, demoSupplementReceipt} from '../test-utils/receipts.js';
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

	it.each([40, 80])('names the agent who acted (委托代办), masked, and only then (%i columns)', (width) => {
		expect(receiptLines(doc, 'zh-CN', width).join('\n')).not.toContain('代办人');
		const lines = receiptLines({...doc, agent: {name: '李**', number: '110105********0514'}}, 'zh-CN', width);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
		expect(lines.join('\n').replace(/\n\s+/g, '')).toMatch(/代办人\s+李\*\* 110105\*{8}0514（凭授权委托书）/);
		expect(receiptFileText({...doc, agent: {name: '李**', number: '110105********0514'}}, 'en')).toMatch(/Agent\s+李\*\* 110105\*{8}0514 \(power of attorney\)/);
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

	it.each([40, 60, 80])('a supplement receipt: case, item, what was added, when, how to follow it; fits %i columns', (width) => {
		const supplement = demoSupplementReceipt();
		const lines = receiptLines(supplement, 'zh-CN', width);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
		const text = lines.join('\n').replace(/\n\s+/g, '');
		for (const part of ['跨省通办补正回执', 'TB44-20261127-0000003', '领取养老金人员待遇资格认证', '四川省（节点 51）', '欧阳** 510107********113X', '退回原因', '户口簿页面不清晰', '补正材料', 'M03 户口簿（户主页和本人页）', '2026-12-01 02:30', '查询进度', '补正材料已送办理地重新审查']) {
			expect(text).toContain(part);
		}
		// Not the first receipt's rows: nothing was received or promised anew.
		expect(text).not.toContain('受理回执');
		expect(text).not.toContain('承诺时限');
		const en = receiptFileText(supplement, 'en');
		expect(en).toContain('Cross-province supplement receipt');
		expect(en).toContain('Materials added');
		expect(en.endsWith('\n')).toBe(true);
		// An applicant or a reason this terminal does not know leaves its row out.
		const labels = receiptLines({...supplement, applicantName: '', applicantNumber: '', reason: ''}, 'zh-CN', width).map((line) => line.split(/\s/)[0]);
		expect(labels).not.toContain('申请人');
		expect(labels).not.toContain('退回原因');
		expect(labels).toContain('补正材料');
	});
});

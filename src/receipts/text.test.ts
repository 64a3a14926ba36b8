/** The receipt's text: every field, in columns that fit the width, in both languages. */
import {describe, expect, it} from 'vitest';
import type {ReceiptDoc} from '../core/cases/receipt.js';
import {displayWidth} from '../text/width.js';
import {receiptFileText, receiptLines} from './text.js';

const doc: ReceiptDoc = {
	caseId: 'TB44-20261127-0000003',
	itemCode: '990120000004',
	itemName: '领取养老金人员待遇资格认证',
	implementationCode: '12510107TB000010724990120000004',
	department: '成都市武侯区社会保险事业管理中心',
	receivingNode: '44',
	receivingProvince: '广东省',
	handlingNode: '51',
	handlingProvince: '四川省',
	promisedLimit: {value: 1, unit: 'working_day'},
	applicantName: '欧阳**',
	applicantNumber: '510107********113X',
	materials: [
		{code: 'M01', name: '居民身份证', originalVerified: true},
		{code: 'M02', name: '社会保障卡', originalVerified: false},
	],
	receivedAt: '2026-11-27T08:56:00.000Z',
	operatorId: 'op-1001',
	branchName: '演示网点',
	terminalId: 'T-DEMO-0001',
};

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
});

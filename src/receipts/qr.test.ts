/** The QR code of the evaluation page on the papers: drawn by the qrcode library, read back by a real decoder (jsQR). */
import {describe, expect, it} from 'vitest';
import {decodeBlockQr, qrRowsOf} from '../test-utils/qr-decode.js';
import {demoReceipt} from '../test-utils/receipts.js';
import {displayWidth} from '../text/width.js';
import {qrBlockRows} from './qr.js';
import {slipLines} from './slip.js';
import {receiptFileText, receiptLines} from './text.js';

const url = 'http://127.0.0.1:41234/e/TB44-20261127-0000003.Ab3_xY9-k2Q';

describe('the QR code of the evaluation page', () => {
	it('draws the matrix in half blocks with the quiet zone, and a decoder reads the address back', () => {
		const rows = qrBlockRows(url);
		// version 4 (33 modules) plus 4 quiet modules each side: 41 columns, 21 rows of two module rows
		expect(rows.map((r) => displayWidth(r))).toEqual(Array(21).fill(41));
		expect(rows[0]).toBe(' '.repeat(41));
		expect(rows[1]!.startsWith('    ')).toBe(true);
		expect(decodeBlockQr(rows)).toBe(url);
		// the decoder really reads the drawing: a damaged finder pattern is not read
		const damaged = rows.map((r, i) => (i >= 2 && i <= 5 ? ' '.repeat(12) + r.slice(12) : r));
		expect(decodeBlockQr(damaged)).toBeNull();
	});

	it('is on the printed receipt with the address under it, and the lines fit the paper', () => {
		const text = receiptFileText(demoReceipt({evaluationUrl: url}), 'zh-CN');
		const lines = text.split('\n');
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
		expect(decodeBlockQr(lines)).toBe(url);
		expect(text).toContain('用手机扫码查看办理进度，并对本次服务作出评价（好差评）');
		expect(lines.at(-2)).toBe(url);
		expect(receiptLines(demoReceipt({evaluationUrl: url}), 'en').join('\n')).toContain('Scan with a phone to follow the case and rate this service:');
	});

	it('is left out where it does not fit the width (the address stays) and when the hub gave none', () => {
		const narrow = receiptLines(demoReceipt({evaluationUrl: url}), 'zh-CN', 40);
		expect(qrRowsOf(narrow)).toEqual([]);
		expect(narrow.join('')).toContain(url);
		const none = receiptLines(demoReceipt(), 'zh-CN');
		expect(qrRowsOf(none)).toEqual([]);
		expect(none.join('\n')).not.toContain('好差评');
	});

	it('is on the hand-over slip', () => {
		const lines = slipLines(
			{
				caseId: 'TB44-20261127-0000003',
				itemName: '领取养老金人员待遇资格认证',
				collector: {role: 'applicant', name: '欧阳**', cardType: 'resident', idNumberMasked: '510107********113X'},
				collectedAt: '2026-11-28T02:00:00.000Z',
				branchName: '演示网点',
				terminalId: 'T-DEMO-0001',
				operatorId: 'op-1001',
				evaluationUrl: url,
			},
			'zh-CN',
		);
		for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
		expect(decodeBlockQr(lines)).toBe(url);
		expect(lines.join('\n')).toContain('好差评');
	});
});

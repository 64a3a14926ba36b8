/** ESC/POS bytes of a receipt and a slip, read back command by command (text, QR payload, cut). */
import {describe, expect, it} from 'vitest';
import {errorText} from '../i18n/errors.js';
import {thrown} from '../test-utils/caught.js';
import {parseEscpos} from '../test-utils/escpos-parse.js';
import {demoReceipt} from '../test-utils/receipts.js';
import {displayWidth} from '../text/width.js';
import {escposBytes, ESCPOS_WIDTH, QR_PAYLOAD_LIMIT, QrPayloadTooLongError} from './escpos.js';
import {slipPaper} from './slip.js';
import {receiptPaper} from './text.js';

const url = 'http://127.0.0.1:41234/e/TB44-20261127-0000003.Ab3_xY9-k2Q';

describe('ESC/POS receipts', () => {
	it('a receipt: GB18030 text in Chinese mode, the QR command with the address, cut', () => {
		const paper = receiptPaper(demoReceipt({evaluationUrl: url}), 'zh-CN', ESCPOS_WIDTH);
		const bytes = escposBytes(paper);
		// GB18030 on the wire, not UTF-8: 受 is CA DC
		expect(bytes.includes(Buffer.from([0xca, 0xdc]))).toBe(true);
		expect(bytes.includes(Buffer.from('受', 'utf8'))).toBe(false);
		const parsed = parseEscpos(bytes);
		expect(parsed).toMatchObject({initialized: true, chineseMode: true, cut: true});
		expect(parsed.qr).toEqual([{payload: url, model: 2, moduleDots: 4, errorCorrection: 'M'}]);
		expect(parsed.lines).toEqual([...paper.lines, '', paper.qr!.caption, '', url]);
		expect(parsed.lines.join('').replace(/\s+/g, '')).toContain('欧阳**510107********113X');
		for (const line of paper.lines) expect(displayWidth(line)).toBeLessThanOrEqual(ESCPOS_WIDTH);
	});

	it('a hand-over slip, and a paper without an evaluation page prints no QR code', () => {
		const slip = {caseId: 'TB44-20261127-0000003', itemName: '领取养老金人员待遇资格认证', collector: {role: 'agent' as const, name: '李*', cardType: 'resident', idNumberMasked: '440305********123X'}, collectedAt: '2026-11-28T02:00:00.000Z', branchName: '演示网点', terminalId: 'T-DEMO-0001', operatorId: 'op-1001'};
		const parsed = parseEscpos(escposBytes(slipPaper({...slip, evaluationUrl: url}, 'en', ESCPOS_WIDTH)));
		expect(parsed.qr.map((q) => q.payload)).toEqual([url]);
		expect(parsed.lines.join('\n')).toContain('440305********123X');
		expect(parsed.cut).toBe(true);
		const without = parseEscpos(escposBytes(slipPaper(slip, 'zh-CN', ESCPOS_WIDTH)));
		expect(without.qr).toEqual([]);
		expect(without.lines).toEqual(slipPaper(slip, 'zh-CN', ESCPOS_WIDTH).lines);
	});

	it('refuses a QR payload over the printer limit before making any byte, saying the limit', () => {
		const long = `https://hub.example.cn/e/${'x'.repeat(QR_PAYLOAD_LIMIT)}`;
		const error = thrown(() => escposBytes({lines: ['x'], qr: {url: long, caption: 'c'}}));
		expect(error).toBeInstanceOf(QrPayloadTooLongError);
		expect(errorText(error, 'zh-CN')).toBe(`二维码内容 ${long.length} 字节，超过小票打印机二维码上限 300 字节，未打印`);
		expect(errorText(error, 'en')).toContain('over the receipt printer limit of 300 bytes');
		// at the limit it prints
		expect(parseEscpos(escposBytes({lines: [], qr: {url: 'h'.repeat(QR_PAYLOAD_LIMIT), caption: 'c'}})).qr[0]!.payload).toHaveLength(QR_PAYLOAD_LIMIT);
	});

	it('the parser refuses what it does not know (it can fail)', () => {
		expect(() => parseEscpos(Buffer.from([0x1b, 0x40, 0x1b, 0x21, 0x00]))).toThrow(/unknown command/);
		expect(() => parseEscpos(Buffer.from([0x1b, 0x40, 0xca, 0xdc, 0x0a]))).toThrow(/outside Chinese mode/);
	});
});

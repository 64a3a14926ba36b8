/** The receipt view draws the QR code of the case's evaluation page (issue 15.4), but not for asciiOnly terminals. */
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {createFakeServices} from '../../test-utils/fixtures.js';
import {decodeBlockQr, qrRowsOf} from '../../test-utils/qr-decode.js';
import {demoReceipt} from '../../test-utils/receipts.js';
import {createTranslator} from '../i18n/index.js';
import {initialState} from '../state/index.js';
import {pagedModel} from './caseScreens.js';

const url = 'http://127.0.0.1:41234/e/TB44-20261127-0000003.Ab3_xY9-k2Q';

function receiptView(asciiOnly: boolean, columns = 80) {
	const base = initialState('zh-CN');
	const state = {...base, nav: {...base.nav, root: 'receipt' as const}, case: {...base.case, receipt: {receipt: demoReceipt({evaluationUrl: url}), file: '/data/receipts/TB44-20261127-0000003.txt', scroll: 0}}};
	const model = pagedModel(state, {services: createFakeServices({asciiOnly}), t: createTranslator('zh-CN'), columns, viewHeight: 20, cameraPage: undefined});
	return model!.body.map((line) => line.text);
}

describe('the receipt view', () => {
	it('draws the QR code a decoder reads back as the evaluation page, within 80 columns, and says where the receipt was saved', () => {
		const lines = receiptView(false);
		expect(decodeBlockQr(lines)).toBe(url);
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
		expect(lines.join('\n')).toContain('/data/receipts/TB44-20261127-0000003.txt');
	});

	it('with asciiOnly leaves the blocks out (ambiguous-width characters) and keeps the address', () => {
		const lines = receiptView(true);
		expect(qrRowsOf(lines)).toEqual([]);
		expect(lines.join('\n')).toContain(url);
		expect(lines.join('')).not.toMatch(/[▀▄█]/);
	});
});

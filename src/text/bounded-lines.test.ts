import {describe, expect, it} from 'vitest';
import {boundedLines} from './bounded-lines.js';

async function lines(chunks: Array<Buffer | string>, max = 8) {
	async function* input() {
		yield* chunks;
	}
	const out = [];
	for await (const line of boundedLines(input(), max)) out.push(line);
	return out;
}

describe('boundedLines', () => {
	it('splits LF and CRLF lines, numbers them from 1, keeps blank ones and a last line without a break', async () => {
		expect(await lines(['ab\r\ncd\n', '\nef'])).toEqual([
			{text: 'ab', lineNo: 1, overlong: false},
			{text: 'cd', lineNo: 2, overlong: false},
			{text: '', lineNo: 3, overlong: false},
			{text: 'ef', lineNo: 4, overlong: false},
		]);
		expect(await lines(['x\n'])).toEqual([{text: 'x', lineNo: 1, overlong: false}]);
	});

	it('cuts a line over the limit, marks it overlong and holds no more of it, however many chunks it spans', async () => {
		const out = await lines(['123456', '789012345', 'x'.repeat(100_000), '\nok\n']);
		expect(out).toEqual([
			{text: '12345678', lineNo: 1, overlong: true},
			{text: 'ok', lineNo: 2, overlong: false},
		]);
		// Exactly at the limit, with a CRLF break, is not overlong.
		expect(await lines(['12345678\r\n'])).toEqual([{text: '12345678', lineNo: 1, overlong: false}]);
		expect(await lines(['123456789'])).toEqual([{text: '12345678', lineNo: 1, overlong: true}]);
	});

	it('decodes UTF-8 split across chunks', async () => {
		const bytes = Buffer.from('号码\n');
		expect(await lines([bytes.subarray(0, 1), bytes.subarray(1, 4), bytes.subarray(4)])).toEqual([{text: '号码', lineNo: 1, overlong: false}]);
	});
});

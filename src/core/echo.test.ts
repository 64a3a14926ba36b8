import {describe, expect, it} from 'vitest';
import {echoValue} from './echo.js';

describe('echoValue', () => {
	it('keeps a short plain value as it is, and shows an empty one as "-"', () => {
		expect(echoValue('TB44-20261202-0000012')).toBe('TB44-20261202-0000012');
		expect(echoValue('')).toBe('-');
	});

	it('cuts a long value, and escapes what a terminal would act on or hide', () => {
		expect(echoValue('x'.repeat(500))).toBe(`${'x'.repeat(32)}…`);
		expect(echoValue('a\u001b[2Jb\u202ec\u200bd\ne')).toBe('a\\u001b[2Jb\\u202ec\\u200bd\\u000ae');
	});

	it('masks an ID number anywhere in the value, before the cut', () => {
		expect(echoValue('44030519900101123X')).toBe('440305********123X');
		expect(echoValue('卡号 44030519900101123X 张三', 12)).toBe('卡号 440305***…');
		expect(echoValue('12345678901234567X')).toBe('12345678901234567X'); // wrong check character: not an ID number
	});
});

import {describe, expect, it} from 'vitest';
import {csvCell, csvLine} from './csv.js';

describe('csv', () => {
	it('quotes commas, quotes and line breaks', () => {
		expect(csvLine(['a,b', 'say "hi"', 'two\nlines', 'plain'])).toBe('"a,b","say ""hi""","two\nlines",plain');
	});

	it.each(['=cmd|/C calc!A0', '+1+1', '-2', '@SUM(A1)', '\tx', '\rx'])('never lets a cell start with a formula character: %j', (value) => {
		expect(csvCell(value).replace(/^"/, '').startsWith("'")).toBe(true);
	});
});

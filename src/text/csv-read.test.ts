import {describe, expect, it} from 'vitest';
import {csvLine} from './csv.js';
import {readDelimited} from './csv-read.js';

const records = (text: string) => {
	const read = readDelimited(text);
	if (!read.ok) throw new Error(`not read: ${read.reason} at line ${read.line}`);
	return read.records.map((r) => [r.line, ...r.cells]);
};

describe('readDelimited', () => {
	it('reads CSV with a BOM and CRLF, skipping blank lines and lines of empty cells, numbering lines as an editor does', () => {
		const read = readDelimited('\uFEFFcaseId,carrier\r\nA1,ems\r\n\r\n  \r\nB2,sf\r\n,,\r\n');
		expect(read).toMatchObject({ok: true, delimiter: ','});
		expect(records('\uFEFFcaseId,carrier\r\nA1,ems\r\n\r\n  \r\nB2,sf\r\n,,\r\n')).toEqual([
			[1, 'caseId', 'carrier'],
			[2, 'A1', 'ems'],
			[5, 'B2', 'sf'],
		]);
	});

	it('tells TSV by a tab in the header line; commas are then plain text', () => {
		const read = readDelimited('caseId\tcarrier\nA,1\tems\n');
		expect(read).toMatchObject({ok: true, delimiter: '\t'});
		expect(records('caseId\tcarrier\nA,1\tems\n')).toEqual([
			[1, 'caseId', 'carrier'],
			[2, 'A,1', 'ems'],
		]);
	});

	it('reads quoted cells: the delimiter, doubled quotes and line breaks inside; the next record keeps its own line number', () => {
		expect(records('a,b\n"x,y","say ""hi"""\n"two\r\nlines",z\nlast,one')).toEqual([
			[1, 'a', 'b'],
			[2, 'x,y', 'say "hi"'],
			[3, 'two\nlines', 'z'],
			[5, 'last', 'one'],
		]);
	});

	it('reads back what the CSV writer writes', () => {
		const cells = ['a,b', 'say "hi"', 'two\nlines', 'plain'];
		expect(records(`h1,h2,h3,h4\n${csvLine(cells)}\n`)[1]).toEqual([2, ...cells]);
	});

	it('keeps a stray quote inside an unquoted cell; a quote left open is an unreadable file, named by its line', () => {
		expect(records('a,b\nx"y,z\n')[1]).toEqual([2, 'x"y', 'z']);
		expect(readDelimited('a,b\nok,1\n"open,2\nmore\n')).toEqual({ok: false, reason: 'unterminated_quote', line: 3});
	});

	it('an empty text has no records', () => {
		expect(records('')).toEqual([]);
		expect(records('\uFEFF\r\n\n')).toEqual([]);
	});
});

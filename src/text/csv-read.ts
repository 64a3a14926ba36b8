/**
 * Reading the CSV and TSV files admins hand to batch commands (`cases ship --batch`), as
 * spreadsheets and scripts write them: RFC 4180 quoting (a quoted cell may hold the delimiter,
 * doubled quotes and line breaks), the delimiter told by the header line (a tab makes it TSV,
 * else a comma), a UTF-8 BOM and CRLF (or lone CR) line ends tolerated, and blank lines — and
 * lines of empty cells, which spreadsheets leave below the data — skipped. A stray quote inside
 * an unquoted cell is kept as typed (the caller's checks refuse the value); only a quote left
 * open, which would swallow the rest of the file, makes the file unreadable. The writer is csv.ts.
 */
interface DelimitedRecord {
	/** The line the record starts on (1 = the file's first line), as an editor numbers it. */
	line: number;
	/** Cells as written (unquoted), not trimmed. */
	cells: string[];
}

export type DelimitedRead = {ok: true; delimiter: ',' | '\t'; records: DelimitedRecord[]} | {ok: false; reason: 'unterminated_quote'; line: number};

/** The header is the first line with anything on it: a tab there means TSV. */
function delimiterOf(text: string): ',' | '\t' {
	const header = text.split(/\r\n|\r|\n/).find((line) => line.trim() !== '') ?? '';
	return header.includes('\t') ? '\t' : ',';
}

export function readDelimited(input: string): DelimitedRead {
	const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
	const delimiter = delimiterOf(text);
	const records: DelimitedRecord[] = [];
	let line = 1;
	let recordLine = 1;
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let quoteOpenedAt = 0;
	const endRecord = () => {
		cells.push(cell);
		if (cells.some((c) => c.trim() !== '')) records.push({line: recordLine, cells});
		cells = [];
		cell = '';
	};
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!;
		if (quoted) {
			if (char === '"') {
				if (text[i + 1] === '"') {
					cell += '"';
					i++;
				} else quoted = false;
			} else if (char === '\r' || char === '\n') {
				// A line break inside a quoted cell is part of the cell (as \n), and still a line of the file.
				if (char === '\r' && text[i + 1] === '\n') i++;
				cell += '\n';
				line++;
			} else cell += char;
			continue;
		}
		if (char === '"' && cell.trim() === '') {
			// An opening quote (spaces before it, as some writers put after the delimiter, dropped).
			cell = '';
			quoted = true;
			quoteOpenedAt = line;
		} else if (char === delimiter) {
			cells.push(cell);
			cell = '';
		} else if (char === '\r' || char === '\n') {
			if (char === '\r' && text[i + 1] === '\n') i++;
			endRecord();
			line++;
			recordLine = line;
		} else cell += char;
	}
	if (quoted) return {ok: false, reason: 'unterminated_quote', line: quoteOpenedAt};
	endRecord();
	return {ok: true, delimiter, records};
}

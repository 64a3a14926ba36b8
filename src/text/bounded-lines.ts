/**
 * Lines of a byte stream in bounded memory. Node's readline keeps a line whole however long it
 * is, so a file with no line breaks would be held entirely; here a line longer than `maxChars`
 * keeps only its first `maxChars` characters and is marked `overlong`, so a batch reading ID
 * numbers holds at most one short line at a time whatever it is fed.
 */
import {StringDecoder} from 'node:string_decoder';

export interface BoundedLine {
	/** The line without its break (and without a trailing CR), cut at maxChars. */
	text: string;
	/** 1-based position in the input. */
	lineNo: number;
	overlong: boolean;
}

export async function* boundedLines(input: AsyncIterable<Buffer | string>, maxChars: number): AsyncGenerator<BoundedLine> {
	const decoder = new StringDecoder('utf8');
	let text = '';
	let overlong = false;
	let lineNo = 0;
	const take = (piece: string) => {
		if (overlong) return;
		if (text.length + piece.length > maxChars + 1) {
			// +1 leaves room for a CR that belongs to a CRLF break.
			text += piece.slice(0, maxChars + 1 - text.length);
			overlong = true;
		} else text += piece;
	};
	const finish = (): BoundedLine => {
		lineNo++;
		let line = text.endsWith('\r') ? text.slice(0, -1) : text;
		let long = overlong;
		if (line.length > maxChars) {
			line = line.slice(0, maxChars);
			long = true;
		}
		text = '';
		overlong = false;
		return {text: line, lineNo, overlong: long};
	};
	for await (const chunk of input) {
		const piece = typeof chunk === 'string' ? chunk : decoder.write(chunk);
		let from = 0;
		for (let at = piece.indexOf('\n'); at !== -1; at = piece.indexOf('\n', from)) {
			take(piece.slice(from, at));
			yield finish();
			from = at + 1;
		}
		take(piece.slice(from));
	}
	take(decoder.end());
	if (text.length > 0 || overlong) yield finish();
}

/**
 * Column width of text made only of printable ASCII and common CJK (ideographs, CJK punctuation,
 * fullwidth forms), measured by code point ranges; undefined for anything else (emoji,
 * combining marks, control and escape codes, ambiguous-width characters), which needs
 * string-width's full Unicode rules.
 * Why: string-width's first non-ASCII calls compile large Unicode-property regexes and run the
 * grapheme segmenter, which cost a thin terminal ~100 ms before the console's first frame
 * (cpu profile); Chinese text is what every console frame is made of.
 */
export function fastWidth(text: string): number | undefined {
	let width = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code >= 0x20 && code <= 0x7e) width += 1;
		else if (isSimpleWide(code)) width += 2;
		else return undefined;
	}
	return width;
}

function isSimpleWide(code: number): boolean {
	return (
		(code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
		(code >= 0x3400 && code <= 0x4dbf) || // extension A
		(code >= 0x3001 && code <= 0x303e) || // CJK symbols and punctuation (not U+3000's neighbours)
		(code >= 0xff01 && code <= 0xff60) || // fullwidth forms
		(code >= 0xffe0 && code <= 0xffe6)
	);
}

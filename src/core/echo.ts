/**
 * A value from a file a user handed in (a batch file's cell), fit to be quoted back in a message
 * or a JSON line: a cell can hold anything, so before it is echoed a resident ID number in it is
 * masked (redact.ts), characters a terminal would act on or hide (controls such as ESC, bidi
 * overrides, zero-width marks, line separators) are written as \u escapes, and it is cut to a
 * bounded length. An empty value shows as "-", so a message never quotes nothing.
 */
import {maskIdNumbersInText} from './audit/redact.js';

/** Characters, not columns: a quoted value stays short in every language. */
const ECHO_MAX_CHARS = 32;
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/gu;

export function echoValue(value: string, maxChars = ECHO_MAX_CHARS): string {
	if (value === '') return '-';
	// Masked before the cut, so a cut can never leave most of a number showing.
	const masked = maskIdNumbersInText(value);
	const chars = [...masked];
	const kept = chars.length > maxChars ? `${chars.slice(0, maxChars).join('')}…` : masked;
	return kept.replace(UNSAFE, (char) => `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/**
 * CSV as admins open it in a spreadsheet (RFC 4180): a cell is quoted when it holds a comma, a
 * quote or a line break, and never starts with a formula character (`= + - @`, tab, CR), which
 * spreadsheets would run (CSV injection, OWASP): such a cell gets a leading apostrophe. The one
 * CSV writer of every `--csv` / `--format csv` output.
 */
export function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
	return cells.map(csvCell).join(',');
}

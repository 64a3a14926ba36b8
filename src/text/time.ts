/**
 * Times as the counter reads them: the terminal's local wall clock, to the minute
 * ("YYYY-MM-DD HH:MM"). One formatter for the top bar, the views, receipts and command output.
 */
const pad = (value: number) => String(value).padStart(2, '0');

export function formatMinute(date: Date): string {
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

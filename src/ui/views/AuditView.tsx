/** The audit log's most recent entries (already masked by the store), scrollable; admins only. */
import {Box} from 'ink';
import type {AuditEntry} from '../../core/audit/model.js';
import {padEndToWidth, wrapToWidth} from '../../text/width.js';
import {useConsole} from '../context.js';
import {Line} from '../components/Line.js';
import {formatMinute} from '../../text/time.js';

export interface AuditViewProps {
	entries: AuditEntry[] | undefined;
	/** The log could not be read (e.g. a damaged part): what the store said, in the console's language. */
	problem?: string | undefined;
	scroll: number;
	width: number;
	height: number;
}

/** Entry lines that fit: title, rule and the position line take three. */
export function auditPageSize(height: number): number {
	return Math.max(1, height - 3);
}

function compact(details: AuditEntry['details']): string {
	return Object.entries(details)
		.map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
		.join(' ');
}

function auditLine(entry: AuditEntry): string {
	const time = formatMinute(new Date(entry.ts));
	const target = entry.target.caseId ?? entry.target.itemCode ?? entry.target.devicePath ?? '';
	return `${padEndToWidth(String(entry.seq), 5)} ${time} ${padEndToWidth(entry.operator.id, 9)} ${padEndToWidth(entry.action, 20)} ${padEndToWidth(entry.outcome, 6)} ${target ? `${target} ` : ''}${compact(entry.details)}`;
}

export function AuditView({entries, problem, scroll, width, height}: AuditViewProps) {
	const {t, theme} = useConsole();
	const page = auditPageSize(height);
	const list = entries ?? [];
	const start = Math.max(0, Math.min(scroll, list.length - page));
	const shown = list.slice(start, start + page);
	return (
		<Box flexDirection="column" height={height}>
			<Line text={t('audit.title', {count: list.length})} width={width} color={theme.color.title} bold />
			<Line text={theme.symbols.rule.repeat(width)} width={width} color={theme.color.muted} />
			{entries === undefined ? <Line text={t('audit.loading')} width={width} color={theme.color.muted} /> : null}
			{problem ? wrapToWidth(problem, width).map((text, i) => <Line key={`p${i}`} text={text} width={width} color={theme.color.error} />) : null}
			{entries !== undefined && list.length === 0 && !problem ? <Line text={t('audit.empty')} width={width} color={theme.color.muted} /> : null}
			{shown.map((entry) => (
				<Line key={entry.seq} text={auditLine(entry)} width={width} color={entry.outcome === 'ok' ? undefined : theme.color.warn} />
			))}
			{list.length > 0 ? (
				<Line text={t('audit.position', {from: start + 1, to: start + shown.length, total: list.length})} width={width} color={theme.color.muted} />
			) : null}
		</Box>
	);
}

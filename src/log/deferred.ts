/**
 * An operations log that opens on its first line (src/log/file-log.ts loads pino then), so a
 * command or a console start that logs nothing pays nothing, and lines logged while it opens are
 * kept in order. A log that cannot open (a read-only data folder) drops its lines: it must never
 * stop the counter; the audit, which fails closed, stays the record.
 */
import {SILENT_LOG, type LogFields, type LogLevel, type OpsLog} from '../core/ports/ops-log.js';
import type {Settings} from '../store/settings-schema.js';

const RANK: Record<LogLevel, number> = {debug: 10, info: 20, warn: 30, error: 40};

export function deferredLog(open: () => Promise<OpsLog>, level: LogLevel): OpsLog {
	let opened: Promise<OpsLog | undefined> | undefined;
	let chain: Promise<unknown> = Promise.resolve();
	return {
		log(at: LogLevel, event: string, fields?: LogFields) {
			if (RANK[at] < RANK[level]) return;
			opened ??= open().catch(() => undefined);
			const line = {at, event, fields: fields ? {...fields} : undefined};
			chain = chain.then(async () => (await opened)?.log(line.at, line.event, line.fields));
		},
		async close() {
			await chain;
			if (opened) await (await opened)?.close();
		},
	};
}

/** The operations log the settings ask for, for `component` (console, a command's name). */
export function opsLogFor(dataDir: string, settings: Pick<Settings, 'logLevel'>, component: string): OpsLog {
	if (settings.logLevel === 'off') return SILENT_LOG;
	const level = settings.logLevel;
	return deferredLog(async () => (await import('./file-log.js')).openFileLog({dataDir, level, component}), level);
}

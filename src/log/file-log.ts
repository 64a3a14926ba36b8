/**
 * The operations log on disk (docs/operations.md#logs): JSON lines by pino (one object a line:
 * `level`, `time` RFC 3339 with the offset, `event`, the fields), to `<data>/logs/tongban.log`,
 * rotated by size by rotating-file-stream (logrotate style: tongban.log.1 is the newest old one),
 * files 0600 in a 0700 folder. pino and the stream are imported when the log opens, so a command
 * that never logs does not load them (thin terminals).
 */
import {mkdir, stat} from 'node:fs/promises';
import {join} from 'node:path';
import type {LogFields, LogLevel, OpsLog} from '../core/ports/ops-log.js';
import {scrubFields, scrubText} from './scrub.js';

export const LOG_FILE = 'tongban.log';

export interface FileLogOptions {
	dataDir: string;
	level: LogLevel;
	/** Rotate when the file passes this size (rotating-file-stream syntax, e.g. 5M). */
	size?: string;
	/** Rotated files kept besides the current one. */
	keep?: number;
	/** The component writing (console, cases, hub): one field on every line. */
	component: string;
}

export function logDir(dataDir: string): string {
	return join(dataDir, 'logs');
}

export async function openFileLog(options: FileLogOptions): Promise<OpsLog> {
	const dir = logDir(options.dataDir);
	// Never the reason a data folder comes into being: a command run before any setup logs nothing.
	await stat(options.dataDir);
	await mkdir(dir, {recursive: true, mode: 0o700});
	const [pinoModule, {createStream}] = await Promise.all([import('pino'), import('rotating-file-stream')]);
	// pino is CommonJS: under the bundle (esbuild, ESM) its named export is on the default one.
	const pino = pinoModule.pino ?? (pinoModule as unknown as {default: typeof pinoModule.pino}).default;
	const stream = createStream(LOG_FILE, {path: dir, size: options.size ?? '5M', rotate: options.keep ?? 5, mode: 0o600});
	// A log that cannot be written (disk full, folder removed) must not stop the counter: the
	// error is swallowed here and the audit, which fails closed, stays the record.
	stream.on('error', () => undefined);
	const logger = pino(
		{
			level: options.level,
			base: {pid: process.pid, component: options.component},
			timestamp: () => `,"time":"${localIso(new Date())}"`,
			formatters: {level: (label) => ({level: label})},
		},
		stream,
	);
	let closed = false;
	return {
		log(level: LogLevel, event: string, fields: LogFields = {}) {
			if (closed) return;
			logger[level]({event: scrubText(event), ...scrubFields(fields)});
		},
		async close() {
			if (closed) return;
			closed = true;
			await new Promise<void>((resolve) => {
				stream.end(() => resolve());
			});
		},
	};
}

/** 2026-12-03T20:31:05.123+08:00: the local time with its offset, as people and collectors read it. */
export function localIso(date: Date): string {
	const offset = -date.getTimezoneOffset();
	const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 23);
	const sign = offset >= 0 ? '+' : '-';
	const abs = Math.abs(offset);
	return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The operations log (docs/operations.md#logs): what the terminal did, for an operations team,
 * as structured events: hub calls with their request ids, device events, start and stop. It is
 * not the audit (src/store/audit.ts, tamper-evident, for who did what to which case); it may be
 * lost or rotated away, the audit never. Fields are facts about the machine, never personal data:
 * the adapter still scrubs them (src/log/scrub.ts) so a slip cannot leak a number or a name.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface OpsLog {
	log(level: LogLevel, event: string, fields?: LogFields): void;
	/** Writes out what is buffered; the log takes nothing after. */
	close(): Promise<void>;
}

/** For runs without a data folder to write to, and for tests that do not look at the log. */
export const SILENT_LOG: OpsLog = {
	log: () => undefined,
	close: async () => undefined,
};

/**
 * The audit entry: one thing an operator did at a terminal, sealed into the hash chain.
 * `prev` is the previous entry's hash (GENESIS for the very first one), `hash` the SHA-256 of the
 * canonical JSON of every other field — so the hash covers the link as well as the content.
 */
import type {AuditActionCode} from './actions.js';

export const AUDIT_FORMAT = 1;
/** `prev` of the first entry ever written. */
export const GENESIS_HASH = '0'.repeat(64);

type OperatorRole = 'clerk' | 'technician' | 'admin' | 'supervisor' | 'system';

export interface AuditActor {
	/** Operator id as the hub knows it; `os:<user>` for command-line runs without a hub session. */
	id: string;
	role: OperatorRole;
}

export interface AuditTarget {
	caseId?: string;
	itemCode?: string;
	devicePath?: string;
}

/** ok: done · denied: refused (wrong password, not eligible) · failed: error · unknown: outcome not known yet. */
export type AuditOutcome = 'ok' | 'denied' | 'failed' | 'unknown';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['ok', 'denied', 'failed', 'unknown'];

export type AuditValue = string | number | boolean | null | AuditValue[] | {[key: string]: AuditValue};

export interface AuditEntry {
	v: typeof AUDIT_FORMAT;
	seq: number;
	/** ISO 8601, UTC. */
	ts: string;
	operator: AuditActor;
	terminal: string;
	action: AuditActionCode;
	target: AuditTarget;
	outcome: AuditOutcome;
	details: Record<string, AuditValue>;
	prev: string;
	hash: string;
}

/** What a capability passes to `record`: the rest (seq, time, operator, terminal, chain) is added. */
export interface AuditInput {
	action: AuditActionCode;
	target?: AuditTarget;
	outcome: AuditOutcome;
	details?: Record<string, unknown>;
	/** Overrides the recorder's current operator (e.g. the sign-in entry of a new operator). */
	operator?: AuditActor;
}

/** The head anchor: the last entry written, kept outside the segments so truncation shows. */
export interface AuditHead {
	seq: number;
	hash: string;
	segment: string;
}

/**
 * An append in progress, written (durably) to the head BEFORE the entry's part: `seq`, `hash` and
 * `segment` are the last entry before it (seq 0, GENESIS_HASH and null before the first entry),
 * `next` the entry being written. Once the part is durable, the head becomes `next` (a "done"
 * AuditHead). See core/audit/head.ts for what each state accepts.
 */
export interface AuditIntent {
	seq: number;
	hash: string;
	segment: string | null;
	next: AuditHead;
}

/** What `audit/head.json` holds: the last entry written, or an append in progress. */
export type AuditHeadRecord = AuditHead | AuditIntent;

export function isIntent(record: AuditHeadRecord): record is AuditIntent {
	return (record as AuditIntent).next !== undefined;
}

/** Cheap structural check before trusting an object read from disk as an entry. */
export function isEntryShaped(value: unknown): value is AuditEntry {
	if (!isRecord(value)) return false;
	const e = value;
	return (
		Number.isSafeInteger(e.seq) &&
		typeof e.ts === 'string' &&
		isRecord(e.operator) &&
		typeof e.operator.id === 'string' &&
		typeof e.operator.role === 'string' &&
		typeof e.terminal === 'string' &&
		typeof e.action === 'string' &&
		isRecord(e.target) &&
		typeof e.outcome === 'string' &&
		isRecord(e.details) &&
		typeof e.prev === 'string' &&
		typeof e.hash === 'string'
	);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

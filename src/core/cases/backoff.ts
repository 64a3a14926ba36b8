/**
 * Exponential backoff with full jitter, never shorter than what the hub asked for (Retry-After).
 * Jitter spreads the retries of many terminals after a hub outage, so they do not all come back
 * in the same second.
 */
export interface BackoffPolicy {
	baseMs: number;
	maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {baseMs: 500, maxMs: 60_000};

/** Delay before retry number `attempt` (1 = first retry). `random` returns [0, 1). */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF, retryAfterMs?: number): number {
	const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
	// Half fixed, half random: keeps the growth visible while spreading clients apart.
	const jittered = ceiling / 2 + random() * (ceiling / 2);
	return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

/** Parses Retry-After (seconds or an HTTP date) into ms from `now`; undefined when absent or bad. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
	if (value === undefined || value === '') return undefined;
	if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
	const at = Date.parse(value);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - now.getTime());
}

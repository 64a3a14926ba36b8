/**
 * Fault injection for the mock hub, per route or global.
 *
 * Spec (for `--faults` and tests): rules separated by ";", each `[route:]key=value,key=value`.
 * route is a route id (see ROUTES in server.ts, e.g. cases.create) or "*" (default).
 *   latency=MS      added before answering
 *   500=P 503=P 429=P   share (0..1) of answers replaced by that status (503/429 carry Retry-After)
 *   reset=P         share of requests fully processed, then the socket is destroyed unanswered
 *   slow=MS         the body is written in small pieces spread over MS
 *   retryAfter=S    Retry-After seconds for 503/429 (default 1)
 *   down=44+51      province nodes marked down (global only)
 * Example: `*:latency=20;cases.create:reset=0.3,503=0.1`
 */
export type FaultKind = '500' | '503' | '429' | 'reset';

export interface FaultRule {
	latencyMs?: number;
	shares?: Partial<Record<FaultKind, number>>;
	slowMs?: number;
	retryAfterS?: number;
}

export interface FaultDecision {
	latencyMs: number;
	kind: FaultKind | undefined;
	slowMs: number;
	retryAfterS: number;
}

/** Small seeded PRNG (mulberry32) so a fault run can be repeated. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class FaultSpecError extends Error {}

export function parseFaultSpec(spec: string): {rules: Map<string, FaultRule>; down: string[]} {
	const rules = new Map<string, FaultRule>();
	const down: string[] = [];
	for (const rawRule of spec.split(';').map((r) => r.trim()).filter(Boolean)) {
		const colon = rawRule.indexOf(':');
		const route = colon >= 0 ? rawRule.slice(0, colon).trim() : '*';
		const body = colon >= 0 ? rawRule.slice(colon + 1) : rawRule;
		const rule: FaultRule = rules.get(route) ?? {};
		for (const pair of body.split(',').map((p) => p.trim()).filter(Boolean)) {
			const [key, value = ''] = pair.split('=').map((s) => s.trim()) as [string, string?];
			const n = Number(value);
			if (key === 'down') {
				down.push(...value.split('+').filter((c) => /^\d{2}$/.test(c)));
				continue;
			}
			if (!Number.isFinite(n) || n < 0) throw new FaultSpecError(`fault "${pair}": value must be a non-negative number`);
			if (key === 'latency') rule.latencyMs = n;
			else if (key === 'slow') rule.slowMs = n;
			else if (key === 'retryAfter') rule.retryAfterS = n;
			else if (key === '500' || key === '503' || key === '429' || key === 'reset') {
				if (n > 1) throw new FaultSpecError(`fault "${pair}": a share is between 0 and 1`);
				rule.shares = {...rule.shares, [key]: n};
			} else throw new FaultSpecError(`unknown fault "${key}" (latency, 500, 503, 429, reset, slow, retryAfter, down)`);
		}
		rules.set(route, rule);
	}
	return {rules, down};
}

export class Faults {
	#rules = new Map<string, FaultRule>();
	#queue: Array<{kind: FaultKind; route: string | undefined}> = [];
	#random: () => number;

	constructor(random: () => number = Math.random) {
		this.#random = random;
	}

	/** Replaces the rules of a route ("*" = every route without its own rule). */
	set(route: string, rule: FaultRule): void {
		this.#rules.set(route, rule);
	}

	load(rules: Map<string, FaultRule>): void {
		for (const [route, rule] of rules) this.set(route, rule);
	}

	clear(): void {
		this.#rules.clear();
		this.#queue = [];
	}

	/** The next `n` requests (to `route`, or any) fail with `kind`. */
	failNext(n: number, kind: FaultKind, route?: string): void {
		for (let i = 0; i < n; i++) this.#queue.push({kind, route});
	}

	decide(route: string): FaultDecision {
		const rule = {...this.#rules.get('*'), ...this.#rules.get(route)};
		const decision: FaultDecision = {latencyMs: rule.latencyMs ?? 0, kind: undefined, slowMs: rule.slowMs ?? 0, retryAfterS: rule.retryAfterS ?? 1};
		const queued = this.#queue.findIndex((q) => q.route === undefined || q.route === route);
		if (queued >= 0) {
			decision.kind = this.#queue[queued]!.kind;
			this.#queue.splice(queued, 1);
			return decision;
		}
		let roll = this.#random();
		for (const kind of ['500', '503', '429', 'reset'] as const) {
			const share = rule.shares?.[kind] ?? 0;
			if (roll < share) {
				decision.kind = kind;
				break;
			}
			roll -= share;
		}
		return decision;
	}
}

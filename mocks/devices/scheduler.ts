/**
 * Time for emulators: real timers by default, or a manual clock that tests advance by hand, so a
 * paced emulator can be checked byte by byte without sleeping.
 */
export interface Scheduler {
	/** Milliseconds, monotonic. */
	now(): number;
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
	now: () => performance.now(),
	setTimeout: (fn, ms) => setTimeout(fn, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ManualScheduler implements Scheduler {
	#now = 0;
	#seq = 0;
	readonly #timers = new Map<number, {at: number; fn: () => void}>();

	now(): number {
		return this.#now;
	}

	setTimeout(fn: () => void, ms: number): unknown {
		const id = ++this.#seq;
		this.#timers.set(id, {at: this.#now + Math.max(0, ms), fn});
		return id;
	}

	clearTimeout(handle: unknown): void {
		this.#timers.delete(handle as number);
	}

	get pending(): number {
		return this.#timers.size;
	}

	/** Runs every timer due within `ms`, in time order, moving the clock as it goes. */
	advance(ms: number): void {
		const end = this.#now + ms;
		for (;;) {
			let next: [number, {at: number; fn: () => void}] | undefined;
			for (const entry of this.#timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
			if (!next) break;
			this.#timers.delete(next[0]);
			this.#now = Math.max(this.#now, next[1].at);
			next[1].fn();
		}
		this.#now = end;
	}
}

/**
 * A value that arrives later: the console's ports are handed out before their backend exists (the
 * first frame is drawn first, docs/architecture.md#start-up-and-lazy-loading) and settle once it is
 * up.
 */
/** Settles a value once, and tells waiting subscribers. */
export class Later<T> {
	#value: T | undefined;
	#error: unknown;
	readonly promise: Promise<T>;
	#resolve!: (value: T) => void;
	#reject!: (error: unknown) => void;
	readonly #waiters = new Set<(value: T) => void>();

	constructor() {
		this.promise = new Promise<T>((resolve, reject) => {
			this.#resolve = resolve;
			this.#reject = reject;
		});
		// A failure is reported by whoever awaits; an unobserved one must not crash the process.
		this.promise.catch(() => undefined);
	}

	get value(): T | undefined {
		return this.#value;
	}

	get error(): unknown {
		return this.#error;
	}

	resolve(value: T): void {
		this.#value = value;
		this.#resolve(value);
		for (const waiter of this.#waiters) waiter(value);
		this.#waiters.clear();
	}

	reject(error: unknown): void {
		this.#error = error ?? new Error('backend failed');
		this.#reject(this.#error);
	}

	/** Runs `fn` now if settled, else when settled; returns a cancel function. */
	whenReady(fn: (value: T) => void): () => void {
		if (this.#value !== undefined) {
			fn(this.#value);
			return () => {};
		}
		this.#waiters.add(fn);
		return () => this.#waiters.delete(fn);
	}
}

/**
 * "Something changed": listeners subscribe, one call tells them all. The one mechanism behind every
 * port's `subscribe` (the outbox count, the hub's state, files set aside), instead of a hand-kept
 * listener set in each.
 */
export interface Signal<A extends unknown[] = []> {
	emit(...args: A): void;
	/** Returns the unsubscribe function. */
	subscribe(listener: (...args: A) => void): () => void;
}

export function createSignal<A extends unknown[] = []>(): Signal<A> {
	const listeners = new Set<(...args: A) => void>();
	return {
		emit(...args) {
			for (const listener of [...listeners]) listener(...args);
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

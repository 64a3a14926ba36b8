/**
 * The hub's state as the top bar shows it (demo | online | offline): set by the backend from what
 * its calls learn, read by the console. One owner and a change signal, instead of a mutable object
 * two modules write and read.
 */
import {createSignal} from '../core/signal.js';
import type {HubState} from '../ui/services.js';

export class HubStatus {
	#state: HubState;
	readonly #changed = createSignal();

	constructor(initial: HubState) {
		this.#state = initial;
	}

	get(): HubState {
		return this.#state;
	}

	/** Records what a call learnt; the demo's hub is always "demo". */
	reachable(ok: boolean): void {
		if (this.#state === 'demo') return;
		const next = ok ? 'online' : 'offline';
		if (next === this.#state) return;
		this.#state = next;
		this.#changed.emit();
	}

	subscribe(listener: () => void): () => void {
		return this.#changed.subscribe(listener);
	}
}

/**
 * Runs async jobs one at a time, in the order they were asked for; a job that fails does not stop
 * the ones after it (its caller gets the failure). The one mechanism behind every "one at a time"
 * in the code: a serial line (the reader, the camera), a file written whole (audit parts, lowdb
 * files), the audit chain's appends, the case index's writes.
 */
export class SerialQueue {
	#tail: Promise<unknown> = Promise.resolve();

	run<T>(job: () => Promise<T> | T): Promise<T> {
		const run = this.#tail.then(job);
		this.#tail = run.catch(() => undefined);
		return run;
	}

	/** Settles once every job queued so far has settled. */
	async idle(): Promise<void> {
		await this.#tail;
	}
}

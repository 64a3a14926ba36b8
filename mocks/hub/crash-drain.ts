/**
 * What the crash tests' child processes share: their hub client and outbox, tuned for a test
 * (short deadlines and backoffs), and the drain that runs until nothing is left to send. A
 * refused entry ends the child with exit 2 and its errors on stderr, so the test names it.
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {systemClock} from '../../src/core/ports/clock.js';
import {HubClient} from '../../src/hub/client.js';
import {openOutbox} from '../../src/store/outbox.js';

export async function openChildOutbox(hubUrl: string, dataDir: string, terminalId: string) {
	const hub = new HubClient({baseUrl: hubUrl, terminalId, token: 'demo-api-token', timeoutMs: 2_000, retries: 1, backoff: {baseMs: 2, maxMs: 20}});
	const outbox = await openOutbox({dataDir, hub, clock: systemClock, backoff: {baseMs: 5, maxMs: 50}});
	return {hub, outbox};
}

/** Drains until every entry is on the hub, waiting out each backoff; then closes the client and says "done". */
export async function drainToEmpty({hub, outbox}: Awaited<ReturnType<typeof openChildOutbox>>): Promise<void> {
	for (;;) {
		await outbox.drain();
		const pending = await outbox.pending();
		if (pending.length === 0) break;
		if (pending.some((e) => e.phase === 'failed')) {
			process.stderr.write(`failed: ${JSON.stringify(pending.filter((e) => e.phase === 'failed').map((e) => e.lastError))}\n`);
			process.exit(2);
		}
		const soonest = Math.min(...pending.map((e) => Date.parse(e.nextAttemptAt)));
		await sleep(Math.max(1, soonest - Date.now()));
	}
	await hub.close();
	process.stdout.write('done\n');
}

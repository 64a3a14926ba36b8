/**
 * The crash test's child process: a terminal that submits N cases through the durable outbox.
 * The test kills it with SIGKILL at random moments and starts it again until it finishes; every
 * run enqueues only the cases (by sequence number) not yet in the outbox, then drains.
 *
 *   node crash-child.mjs <hubUrl> <dataDir> <count>
 */
import {setTimeout as sleep} from 'node:timers/promises';
import {HubClient} from '../../src/hub/client.js';
import {openOutbox} from '../../src/store/outbox.js';
import {systemClock} from '../../src/core/ports/clock.js';
import {demoDraft, demoMaterial} from './demo-cases.js';

const [hubUrl, dataDir, countText] = process.argv.slice(2);
const count = Number(countText);
const hub = new HubClient({baseUrl: hubUrl!, terminalId: 'T-CRASH-01', token: 'demo-api-token', timeoutMs: 2_000, retries: 1, backoff: {baseMs: 2, maxMs: 20}});
const outbox = await openOutbox({dataDir: dataDir!, hub, clock: systemClock, backoff: {baseMs: 5, maxMs: 50}});

const known = new Set((await outbox.all()).map((e) => e.submission.answers['seq']));
for (let seq = 0; seq < count; seq++) {
	if (known.has(seq)) continue;
	await outbox.enqueue(demoDraft({terminalId: 'T-CRASH-01', answers: {seq}, createdAt: new Date().toISOString()}), [demoMaterial(`材料 ${seq}`)]);
}
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

/**
 * The supplement crash test's child process: a terminal that sends one supplement (补正) to each
 * returned case listed in a file, through the durable outbox, the way `cases supplement` does
 * (key from the case id and the material's hash, so every run asks for the same supplements and
 * `enqueueSupplement` hands back what an earlier, killed run queued). The test kills it with
 * SIGKILL at random moments and starts it again until it finishes.
 *
 *   node crash-supplement-child.mjs <hubUrl> <dataDir> <caseIdsFile>
 */
import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import {HubClient} from '../../src/hub/client.js';
import {openOutbox} from '../../src/store/outbox.js';
import {systemClock} from '../../src/core/ports/clock.js';
import {supplementIdempotencyKey} from '../../src/core/cases/idempotency.js';
import {demoDraft} from './demo-cases.js';
import {SUPPLEMENT_CRASH_TERMINAL, supplementMaterial} from './crash-supplement.js';

const [hubUrl, dataDir, idsFile] = process.argv.slice(2);
const caseIds = readFileSync(idsFile!, 'utf8').split('\n').filter(Boolean);
const hub = new HubClient({baseUrl: hubUrl!, terminalId: SUPPLEMENT_CRASH_TERMINAL, token: 'demo-api-token', timeoutMs: 2_000, retries: 1, backoff: {baseMs: 2, maxMs: 20}});
const outbox = await openOutbox({dataDir: dataDir!, hub, clock: systemClock, backoff: {baseMs: 5, maxMs: 50}});

for (const caseId of caseIds) {
	const material = supplementMaterial(caseId);
	const key = supplementIdempotencyKey(caseId, [createHash('sha256').update(material.bytes).digest('hex')]);
	await outbox.enqueueSupplement(caseId, demoDraft({terminalId: SUPPLEMENT_CRASH_TERMINAL, createdAt: new Date().toISOString()}), [material], {idempotencyKey: key});
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

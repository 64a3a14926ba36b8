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
import {supplementIdempotencyKey} from '../../src/core/cases/idempotency.js';
import {drainToEmpty, openChildOutbox} from './crash-drain.js';
import {demoDraft} from './demo-cases.js';
import {SUPPLEMENT_CRASH_TERMINAL, supplementMaterial} from './crash-supplement.js';

const [hubUrl, dataDir, idsFile] = process.argv.slice(2);
const caseIds = readFileSync(idsFile!, 'utf8').split('\n').filter(Boolean);
const child = await openChildOutbox(hubUrl!, dataDir!, SUPPLEMENT_CRASH_TERMINAL);
const {outbox} = child;

for (const caseId of caseIds) {
	const material = supplementMaterial(caseId);
	const key = supplementIdempotencyKey(caseId, [createHash('sha256').update(material.bytes).digest('hex')]);
	await outbox.enqueueSupplement(caseId, demoDraft({terminalId: SUPPLEMENT_CRASH_TERMINAL, createdAt: new Date().toISOString()}), [material], {idempotencyKey: key});
}
await drainToEmpty(child);

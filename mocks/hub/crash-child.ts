/**
 * The crash test's child process: a terminal that submits N cases through the durable outbox.
 * The test kills it with SIGKILL at random moments and starts it again until it finishes; every
 * run enqueues only the cases (by sequence number) not yet in the outbox, then drains.
 *
 *   node crash-child.mjs <hubUrl> <dataDir> <count>
 */
import {drainToEmpty, openChildOutbox} from './crash-drain.js';
import {demoDraft, demoMaterial} from './demo-cases.js';

const [hubUrl, dataDir, countText] = process.argv.slice(2);
const count = Number(countText);
const child = await openChildOutbox(hubUrl!, dataDir!, 'T-CRASH-01');
const {outbox} = child;

const known = new Set((await outbox.all()).map((e) => e.submission.answers['seq']));
for (let seq = 0; seq < count; seq++) {
	if (known.has(seq)) continue;
	await outbox.enqueue(demoDraft({terminalId: 'T-CRASH-01', answers: {seq}, createdAt: new Date().toISOString()}), [demoMaterial(`材料 ${seq}`)]);
}
await drainToEmpty(child);

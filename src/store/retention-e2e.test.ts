/**
 * Personal data has an end (issue 12): a case handled at the counter leaves the citizen's full
 * ID number, name and images in many places — the draft and its captures, the outbox payload and
 * its material bytes, the demo hub's saved state, a quarantined copy, temp files of a killed
 * writer. Aged 40 days on a fake clock and purged with a 30-day retention, none of them may be
 * left anywhere under the data folder; what the record needs (key, case id, state, the audit
 * chain) stays.
 */
import {readFileSync, readdirSync, statSync} from 'node:fs';
import {mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, expect, it} from 'vitest';
import {startMockHub} from '../../mocks/hub/server.js';
import {manualClock} from '../../mocks/hub/testing.js';
import {demoDraft} from '../../mocks/hub/demo-cases.js';
import {purgeDemoHub} from '../wiring/demo-retention.js';
import {HubClient} from '../hub/client.js';
import {scanForPersonalData} from '../test-utils/pii-scan.js';
import {demoReceipt} from '../test-utils/receipts.js';
import {AuditStore, verifyAuditLog} from './audit-store.js';
import {casesIndexAcceptance} from './case-acceptance.js';
import {openCasesIndex} from './cases-index.js';
import {DraftStore} from './drafts.js';
import {openOutbox, openOutboxStore} from './outbox.js';
import {ReceiptStore} from './receipts.js';
import {runPurge} from './retention.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const c of cleanups.splice(0).reverse()) await c();
});

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

it('40 days after acceptance, a purge leaves no full ID number, name or image anywhere under the data folder', async () => {
	const dataDir = await mkdtemp(join(tmpdir(), 'tongban-retention-'));
	cleanups.push(() => rm(dataDir, {recursive: true, force: true}));
	const clock = manualClock(new Date('2026-10-01T02:00:00.000Z'));
	const applicant = {idNumber: '510107197206083457', name: '赵德明', cardType: 'resident'};
	// The daughter who handles it for him (委托代办): her name and number must go too.
	const agent = {idNumber: '110105199001010514', name: '赵小红', cardType: 'resident'};
	const jpeg = readFileSync(join(root, 'mocks/devices/pages/application-320x240.jpg'));

	// The hub keeps its state in the data folder, as the demo console's does.
	const hub = await startMockHub({clock, stepMs: 1_000, dataFile: join(dataDir, 'demo-hub.json')});
	const client = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', token: 'demo-api-token', clock, retries: 0});
	const drafts = await DraftStore.open({dataDir, clock});
	const draft = await drafts.create({itemCode: '990120000001', implementationCode: demoDraft().implementationCode, applicant: {idNumber: applicant.idNumber, masked: '510107********3457', name: applicant.name, cardType: 'resident'}});
	const sha256 = (await import('node:crypto')).createHash('sha256').update(jpeg).digest('hex');
	await drafts.saveCapture(draft.draftId, 'M01', jpeg, sha256);
	const outbox = await openOutbox({dataDir, hub: client, clock});
	// An agent acts, so the list's 委托书 (M04) goes with the case (docs/people.md#agents-委托代办).
	await outbox.enqueue(demoDraft({applicant, agent, createdAt: clock.now().toISOString()}), [{code: 'M01', bytes: jpeg, contentType: 'image/jpeg', pages: 1, originalVerified: true}, {code: 'M04', bytes: jpeg, contentType: 'image/jpeg', pages: 1, originalVerified: true}], {idempotencyKey: draft.draftId});
	await outbox.drain();
	const [entry] = await outbox.all();
	expect(entry?.phase).toBe('done');
	const caseId = entry!.receipt!.caseId;
	await drafts.markSubmitted(draft.draftId, {idempotencyKey: draft.draftId, submittedAt: clock.now().toISOString(), caseId});
	const index = await openCasesIndex(dataDir, {clock});
	await index.recordSubmitted(entry!, clock.now());
	await (await ReceiptStore.open(dataDir)).save(demoReceipt({caseId, applicantName: '赵**', applicantNumber: '510107********3457'}), 'zh-CN');
	// Accepted by the handling node a few steps later, and seen by tracking.
	clock.advance(10_000);
	await index.recordFromHub(await client.getCase(caseId), clock.now());
	expect(index.get(caseId)?.history.some((h) => h.status === 'accepted')).toBe(true);

	// Two more copies: a damaged draft set aside, and temp files a killed writer left behind.
	await writeFile(join(dataDir, 'drafts', 'broken-draft.json'), `{"draftId":"broken-draft","applicant":{"idNumber":"${applicant.idNumber}","name":"${applicant.name}"`);
	expect((await drafts.listOpen()).length).toBe(0);
	const dead = 2 ** 22 + 777;
	await writeFile(join(dataDir, `.outbox.json.${dead}.4.tmp`), JSON.stringify({applicant}));
	await mkdir(join(dataDir, 'receipts'), {recursive: true});
	await writeFile(join(dataDir, 'drafts', `.${draft.draftId}.json.${dead}.9.tmp`), JSON.stringify({applicant}));
	await client.close();
	await outbox.stop();
	await hub.close();

	const secrets = [applicant.idNumber, applicant.name, agent.idNumber, agent.name];
	const image = jpeg.subarray(300, 360);
	const imageBase64 = image.toString('base64');
	const holdsImage = () => filesUnder(dataDir).filter((f) => readFileSync(f).includes(image) || readFileSync(f).includes(imageBase64));
	// Before: the data is in several places (so the scan below can find it).
	expect(scanForPersonalData([dataDir], [], secrets).length).toBeGreaterThan(3);
	expect(holdsImage().length).toBeGreaterThan(2);

	clock.advance(40 * 86_400_000);
	const audit = await AuditStore.open({dataDir, terminal: 'T-DEMO-0001', clock});
	try {
		const result = await runPurge({dataDir, retentionDays: 30, acceptance: casesIndexAcceptance(dataDir), dryRun: false, audit, clock, copies: {demoHub: (cutoff, dry) => purgeDemoHub(dataDir, cutoff, dry)}});
		expect(result.copies).toMatchObject({outboxEntries: 1, outboxBlobs: 1, quarantined: 1, demoHubCases: 1, demoHubBlobs: 1});
	} finally {
		await audit.close();
	}

	const findings = scanForPersonalData([dataDir], [], secrets);
	expect(findings.map((f) => `${f.where.slice(dataDir.length)} (secret ${f.secretIndex})`)).toEqual([]);
	expect(holdsImage().map((f) => f.slice(dataDir.length))).toEqual([]);
	// What the record needs stays: the key, the case id and its state; the audit chain is whole.
	const [kept] = await (await openOutboxStore(dataDir)).list();
	expect(kept).toMatchObject({idempotencyKey: draft.draftId, phase: 'done', receipt: {caseId}});
	expect(kept?.purgedAt).toBe(clock.now().toISOString());
	expect((await openCasesIndex(dataDir)).get(caseId)?.applicantMasked).toBe('赵**');
	expect((await verifyAuditLog(dataDir)).ok).toBe(true);
}, 30_000);

import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {CaseRecord, CaseStatus, CaseSubmission, HistoryEntry} from '../core/cases/model.js';
import {newEntry} from '../core/cases/outbox-machine.js';
import {casesIndexAcceptance} from './case-acceptance.js';
import {openCasesIndex} from './cases-index.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-acceptance-');

const submission: CaseSubmission = {
	itemCode: '440300000001',
	implementationCode: '11440300MB2C12345X4440300000001',
	receivingNode: '44',
	applicant: {idNumber: 'not-used-here', name: '测试人', cardType: 'resident'},
	answers: {},
	eligibility: {result: 'eligible', ruleVersion: '2026.11'},
	materials: [],
	operatorId: 'clerk01',
	terminalId: 'T-TEST-01',
	createdAt: '2026-11-01T08:00:00.000Z',
};

const KEY = {accepted: '6f1c1e1a-0000-4000-8000-000000000001', received: '6f1c1e1a-0000-4000-8000-000000000002', returned: '6f1c1e1a-0000-4000-8000-000000000003', rejected: '6f1c1e1a-0000-4000-8000-000000000004'};

/** The outbox got a case onto the hub: what the console records (received, at the receiving node). */
async function submit(dataDir: string, key: string, caseId: string, receivedAt: string): Promise<void> {
	const entry = {...newEntry(key, submission, [], new Date(receivedAt)), phase: 'done' as const, receipt: {caseId, status: 'received' as const, receivingNode: '44', handlingNode: '51', receivedAt}};
	await (await openCasesIndex(dataDir)).recordSubmitted(entry, new Date(receivedAt));
}

/** A status poll brought the hub's record: the timeline up to `steps`. */
async function poll(dataDir: string, caseId: string, steps: Array<[CaseStatus, string]>): Promise<void> {
	const history: HistoryEntry[] = steps.map(([status, at]) => ({status, node: '51', at}));
	const last = history.at(-1)!;
	const record: CaseRecord = {caseId, status: last.status, receivingNode: '44', handlingNode: '51', receivedAt: history[0]!.at, itemCode: submission.itemCode, implementationCode: submission.implementationCode, terminalId: 'T-TEST-01', updatedAt: last.at, history};
	await (await openCasesIndex(dataDir)).recordFromHub(record, new Date(last.at));
}

describe('casesIndexAcceptance', () => {
	it('answers, per draft id, when the hub accepted its case; cases not accepted yet and unknown ids are left out', async () => {
		const dataDir = tempDir();
		await submit(dataDir, KEY.accepted, 'TB44-0001', '2026-11-01T08:00:00.000Z');
		await poll(dataDir, 'TB44-0001', [['received', '2026-11-01T08:00:00.000Z'], ['dispatched', '2026-11-01T09:00:00.000Z'], ['accepted', '2026-11-02T10:00:00.000Z'], ['in_review', '2026-11-03T10:00:00.000Z'], ['approved', '2026-11-05T10:00:00.000Z']]);
		await submit(dataDir, KEY.received, 'TB44-0002', '2026-11-01T08:05:00.000Z');
		await poll(dataDir, 'TB44-0002', [['received', '2026-11-01T08:05:00.000Z'], ['dispatched', '2026-11-01T09:05:00.000Z']]);
		await submit(dataDir, KEY.rejected, 'TB44-0004', '2026-11-01T08:15:00.000Z');
		await poll(dataDir, 'TB44-0004', [['received', '2026-11-01T08:15:00.000Z'], ['dispatched', '2026-11-01T09:15:00.000Z'], ['accepted', '2026-11-01T11:15:00.000Z'], ['in_review', '2026-11-02T11:15:00.000Z'], ['rejected', '2026-11-03T11:15:00.000Z'], ['completed', '2026-11-04T11:15:00.000Z']]);

		const answer = await casesIndexAcceptance(dataDir).acceptedAt([KEY.accepted, KEY.received, KEY.rejected, 'TB44-0001', 'unknown-draft', 'constructor']);
		expect(Object.fromEntries([...answer].map(([id, at]) => [id, at.toISOString()]))).toEqual({
			[KEY.accepted]: '2026-11-02T10:00:00.000Z',
			[KEY.rejected]: '2026-11-01T11:15:00.000Z',
			'TB44-0001': '2026-11-02T10:00:00.000Z', // files named after the case id match too
		});
	});

	it('holds a case the handling node returned for more material, and counts it again once it moves on', async () => {
		const dataDir = tempDir();
		const steps: Array<[CaseStatus, string]> = [['received', '2026-11-01T08:00:00.000Z'], ['dispatched', '2026-11-01T09:00:00.000Z'], ['accepted', '2026-11-01T10:00:00.000Z'], ['in_review', '2026-11-02T10:00:00.000Z'], ['returned', '2026-11-03T10:00:00.000Z']];
		await submit(dataDir, KEY.returned, 'TB44-0003', '2026-11-01T08:00:00.000Z');
		await poll(dataDir, 'TB44-0003', steps);
		const port = casesIndexAcceptance(dataDir);
		expect((await port.acceptedAt([KEY.returned])).size).toBe(0);
		await poll(dataDir, 'TB44-0003', [...steps, ['in_review', '2026-11-10T10:00:00.000Z']]);
		expect((await port.acceptedAt([KEY.returned])).get(KEY.returned)?.toISOString()).toBe('2026-11-01T10:00:00.000Z');
	});

	it('reads the index at each call, so a case accepted since the port was made counts', async () => {
		const dataDir = tempDir();
		const port = casesIndexAcceptance(dataDir);
		expect((await port.acceptedAt([KEY.accepted])).size).toBe(0); // no cases.json yet
		await submit(dataDir, KEY.accepted, 'TB44-0001', '2026-11-01T08:00:00.000Z');
		expect((await port.acceptedAt([KEY.accepted])).size).toBe(0); // received only
		await poll(dataDir, 'TB44-0001', [['received', '2026-11-01T08:00:00.000Z'], ['dispatched', '2026-11-01T09:00:00.000Z'], ['accepted', '2026-11-02T10:00:00.000Z']]);
		expect((await port.acceptedAt([KEY.accepted])).get(KEY.accepted)?.toISOString()).toBe('2026-11-02T10:00:00.000Z');
	});

	it("links a draft to a case indexed without its key through the draft's submitted.caseId", async () => {
		const dataDir = tempDir();
		// Seen by a status query first: the index holds the case, but not the idempotency key.
		await poll(dataDir, 'TB44-0009', [['received', '2026-11-01T08:00:00.000Z'], ['accepted', '2026-11-01T10:00:00.000Z']]);
		mkdirSync(join(dataDir, 'drafts'), {recursive: true});
		writeFileSync(join(dataDir, 'drafts', `${KEY.accepted}.json`), JSON.stringify({draftId: KEY.accepted, submitted: {caseId: 'TB44-0009', idempotencyKey: KEY.accepted, submittedAt: '2026-11-01T08:00:00.000Z'}}));
		writeFileSync(join(dataDir, 'drafts', `${KEY.received}.json`), '{"draftId": "not json any more');
		const answer = await casesIndexAcceptance(dataDir).acceptedAt([KEY.accepted, KEY.received]);
		expect([...answer.keys()]).toEqual([KEY.accepted]);
	});
});

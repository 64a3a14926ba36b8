/**
 * Contract: the real client talks to the real mock hub over HTTP, every exchange on the wire is
 * recorded, and each request and answer is checked against docs/hub-api.yaml (ajv 2020).
 * Every operation of the document must be exercised, including its error answers.
 */
import {createHash} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {HubError, HubRejectedError} from '../../src/core/errors.js';
import {HubClient} from '../../src/hub/client.js';
import {loadContract} from './openapi.js';
import {ROUTES, startMockHub, type Exchange, type MockHub} from './server.js';
import {manualClock} from './testing.js';
import {demoDraft} from './demo-cases.js';
import {maskName} from '../../src/core/identity/mask.js';
import {errorText} from '../../src/i18n/errors.js';

const clock = manualClock();
const exchanges: Exchange[] = [];
let hub: MockHub;
let client: HubClient;
const contract = loadContract();

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
	hub = await startMockHub({clock, onExchange: (e) => exchanges.push(e), seed: 1});
	client = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', token: 'demo-api-token', retries: 0, backoff: {baseMs: 1, maxMs: 2}});
});

afterAll(async () => {
	await client.close();
	await hub.close();
});

async function rejected(p: Promise<unknown>): Promise<HubRejectedError | HubError> {
	try {
		await p;
	} catch (error) {
		if (error instanceof HubRejectedError || error instanceof HubError) return error;
		throw error;
	}
	throw new Error('expected a rejection');
}

describe('docs/hub-api.yaml', () => {
	it('documents every route of the mock hub, and the mock serves every documented operation', () => {
		const documented = new Set(contract.operations());
		const served = new Set(ROUTES.map((r) => `${r.method} ${r.doc}`));
		expect([...served].filter((op) => !documented.has(op))).toEqual([]);
		expect([...documented].filter((op) => !served.has(op))).toEqual([]);
	});

	it('is followed by the client requests and the mock answers for every operation and error', async () => {
		// nodes, catalog (JSON, 304, NDJSON)
		expect((await client.listNodes()).length).toBeGreaterThan(3);
		const full = await client.fetchCatalog({});
		expect(full.notModified).toBe(false);
		expect(await client.fetchCatalog({etag: full.etag})).toEqual({notModified: true, etag: full.etag});
		const ndjson = await client.fetchCatalog({ndjson: true});
		expect(ndjson.notModified === false && ndjson.version).toBe(full.notModified === false && full.version);

		// facts: known citizen, unknown citizen (nulls), bad body (422)
		const facts = await client.queryFacts({idNumber: '110105198503152348', itemCode: '990120000001', facts: ['pension.recipient', 'no.such.fact']});
		expect(facts.facts).toEqual({'pension.recipient': true, 'no.such.fact': null});
		expect((await client.queryFacts({idNumber: '110105198001010015', itemCode: '990120000001', facts: ['pension.recipient']})).facts).toEqual({'pension.recipient': null});
		expect((await rejected(client.queryFacts({idNumber: 'x', itemCode: '990120000001', facts: []}))).code).toBe('hub_validation_failed');

		// blobs: HEAD 404, PUT 201, PUT 200, HEAD 200, PUT with a wrong hash 422
		const bytes = new TextEncoder().encode('JPEG:合同');
		expect(await client.hasBlob(sha(bytes))).toBe(false);
		expect(await client.putBlob(sha(bytes), bytes, 'image/jpeg')).toBe('created');
		expect(await client.putBlob(sha(bytes), bytes, 'application/octet-stream')).toBe('present');
		expect(await client.hasBlob(sha(bytes))).toBe(true);
		expect((await rejected(client.putBlob(sha(new Uint8Array([1])), bytes, 'image/jpeg'))).code).toBe('hub_hash_mismatch');

		// cases: 201, 200 replay, 409 conflict, 404 item, 422 blob missing, 422 validation
		const draft = {...demoDraft({}, clock), materials: [{code: 'M01', sha256: sha(bytes), pages: 1, originalVerified: true}]};
		const first = await client.createCase('key-0000-0001', draft);
		expect(first.created).toBe(true);
		const again = await client.createCase('key-0000-0001', draft);
		expect(again).toEqual({receipt: first.receipt, created: false});
		// A 2017 foreign permanent resident card's 15-character number is an applicant too (issue 12.8).
		const foreign = {...draft, applicant: {idNumber: 'USA310075061521', name: '约翰', cardType: 'foreign2017'}};
		expect((await client.createCase('key-0000-0017', foreign)).created).toBe(true);
		expect((await client.queryFacts({idNumber: 'USA310075061521', itemCode: '990120000001', facts: ['pension.recipient']})).facts).toEqual({'pension.recipient': null});
		expect((await rejected(client.createCase('key-0000-0001', {...draft, answers: {other: 1}}))).code).toBe('hub_idempotency_conflict');
		expect((await rejected(client.createCase('key-0000-0002', {...draft, implementationCode: '12440000TB000006942990120009999', itemCode: '990120009999'}))).code).toBe('hub_item_not_found');
		const missing = await rejected(client.createCase('key-0000-0003', {...draft, materials: [{code: 'M02', sha256: 'a'.repeat(64), pages: 1, originalVerified: false}]}));
		expect(missing.code).toBe('hub_blob_missing');
		expect(missing.details?.['sha256']).toBe('a'.repeat(64));
		const invalid = await rejected(client.createCase('key-0000-0004', {...draft, receivingNode: 'guangdong'}));
		expect(invalid.message).toContain('receivingNode');

		// agents (委托代办): only where the list allows one (agentAllowed), never the applicant, always with the 委托书
		const agentFor = {name: '李明华', idNumber: '110105199001010514', cardType: 'resident'};
		const inPerson = {...draft, itemCode: '990120000003', implementationCode: '12440000TB000006942990120000003', agent: agentFor};
		const notAllowed = await rejected(client.createCase('key-agent-0001', inPerson));
		expect([notAllowed.status, notAllowed.code]).toEqual([422, 'hub_agent_not_allowed']);
		expect(errorText(notAllowed, 'zh-CN')).toBe('该事项须申请人本人办理，不能委托代办，未提交');
		expect(errorText(notAllowed, 'en')).toBe('this item is handled by the applicant in person: no agent may act for them; nothing was submitted');
		const noPoa = await rejected(client.createCase('key-agent-0002', {...draft, agent: agentFor}));
		expect([noPoa.status, noPoa.code, noPoa.details?.['material']]).toEqual([422, 'hub_power_of_attorney_missing', 'M04']);
		const self = await rejected(client.createCase('key-agent-0003', {...draft, agent: {...agentFor, idNumber: draft.applicant.idNumber}, materials: [...draft.materials, {code: 'M04', sha256: sha(bytes), pages: 1, originalVerified: true}]}));
		expect([self.code, self.message]).toEqual(['hub_validation_failed', expect.stringContaining('agent.idNumber')]);
		expect([hub.state.findByKey('key-agent-0001'), hub.state.findByKey('key-agent-0002'), hub.state.findByKey('key-agent-0003')]).toEqual([undefined, undefined, undefined]);
		const agentCase = await client.createCase('key-agent-0004', {...draft, answers: {agent: 1}, applicant: {idNumber: '51010719560920113X', name: '欧阳建国', cardType: 'resident', source: 'typed'}, agent: agentFor, materials: [...draft.materials, {code: 'M04', sha256: sha(bytes), pages: 1, originalVerified: true}]});
		// typed in because an agent stands for the applicant: no approval needed (the agent's card was read)
		expect(agentCase.created).toBe(true);

		// GET case, by key (found, 404), by terminal (two pages), batch, 404 case
		const record = await client.getCase(first.receipt.caseId);
		expect(record.history[0]!.status).toBe('received');

		// the evaluation and progress page (好差评 QR code): on the receipt and the case, a real page
		// at that address with the masked name only; a wrong or borrowed signature is 404
		expect(first.receipt.evaluationUrl).toMatch(new RegExp(`^${new URL(hub.url).origin}/e/${first.receipt.caseId}\\.[A-Za-z0-9_-]{11}$`));
		expect(record.evaluationUrl).toBe(first.receipt.evaluationUrl);
		const page = await fetch(first.receipt.evaluationUrl!);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const html = await page.text();
		expect(html).toContain(first.receipt.caseId);
		expect(html).toContain('已受理');
		expect(html).toContain(maskName(draft.applicant.name));
		expect(html).not.toContain(draft.applicant.name);
		expect(html).not.toContain(draft.applicant.idNumber);
		const signature = first.receipt.evaluationUrl!.split('.').at(-1)!;
		expect((await fetch(first.receipt.evaluationUrl!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status).toBe(404);
		expect((await fetch(`${new URL(hub.url).origin}/e/${[...hub.state.cases.keys()].find((id) => id !== first.receipt.caseId)}.${signature}`)).status).toBe(404);
		expect((await fetch(first.receipt.evaluationUrl!, {method: 'POST'})).status).toBe(405);

		// open cases of an applicant for an item (the duplicate guard): the number goes in the body,
		// never in the URL; matched upper-cased; another applicant or item has none; bad bodies 400/422
		const applicant = {cardType: 'resident', idNumber: '44030519900101123x'};
		expect(await client.findOpenCases({applicant, itemCode: draft.itemCode})).toEqual([{caseId: first.receipt.caseId, status: 'received', receivedAt: first.receipt.receivedAt, receivingNode: '44'}]);
		expect(await client.findOpenCases({applicant: {cardType: 'resident', idNumber: '110105198001010015'}, itemCode: draft.itemCode})).toEqual([]);
		expect(await client.findOpenCases({applicant, itemCode: '990120000002'})).toEqual([]);
		const badNumber = await rejected(client.findOpenCases({applicant: {cardType: 'resident', idNumber: '4403'}, itemCode: draft.itemCode}));
		expect(badNumber.code).toBe('hub_validation_failed');
		expect(badNumber.message).toContain('applicant.idNumber');
		const openQuery = (body: string) =>
			fetch(`${hub.url}/cases/open:query`, {method: 'POST', headers: {'x-request-id': '3b2e6a40-6f0e-4c43-9d7a-2d7a1f7e0c13', 'x-terminal-id': 'T-DEMO-0001', authorization: 'Bearer demo-api-token', 'content-type': 'application/json'}, body});
		const notJson = await openQuery('{"applicant":');
		expect(notJson.status).toBe(400);
		expect(await notJson.json()).toMatchObject({code: 'malformed_json'});
		const noItem = await openQuery(JSON.stringify({applicant: {idNumber: '44030519900101123X'}}));
		expect(noItem.status).toBe(422);
		expect(((await noItem.json()) as {errors: Array<{field: string}>}).errors.map((e) => e.field)).toEqual(['applicant.cardType', 'itemCode']);
		expect((await openQuery('[]')).status).toBe(422);
		expect(exchanges.filter((e) => e.route === 'cases.openQuery').some((e) => e.url.toUpperCase().includes('44030519900101123X'))).toBe(false);
		expect((await client.findCaseByIdempotencyKey('key-0000-0001'))?.caseId).toBe(first.receipt.caseId);
		expect(await client.findCaseByIdempotencyKey('key-never-used')).toBeNull();
		// another applicant: a second open case of the same one is an exception needing approval (below)
		await client.createCase('key-0000-0005', {...draft, answers: {n: 5}, applicant: {idNumber: '110105198001010015', name: '张三', cardType: 'resident'}});
		const page1 = await client.listCases({terminalId: 'T-DEMO-0001', since: '2025-01-01T00:00:00Z', limit: 1});
		expect(page1.nextCursor).not.toBeNull();
		const page2 = await client.listCases({terminalId: 'T-DEMO-0001', since: '2025-01-01T00:00:00Z', limit: 1, cursor: page1.nextCursor!});
		expect(page2.cases[0]!.caseId).not.toBe(page1.cases[0]!.caseId);
		expect((await rejected(client.getCase('TB44-NOPE'))).code).toBe('hub_case_not_found');

		// the lifecycle moves on the clock; a returned case takes a supplement
		const seeded = hub.state.seedCases(40, 'T-DEMO-0001');
		clock.advance(10 * 30_000);
		const statuses = await client.batchStatus([...seeded, 'TB99-UNKNOWN']);
		expect(statuses.at(-1)).toEqual({caseId: 'TB99-UNKNOWN', error: 'not_found'});
		const returned = statuses.find((s) => 'status' in s && s.status === 'returned');
		expect(returned).toBeDefined();
		const supplemented = await client.addSupplement(returned!.caseId, 'supp-0000-0001', [{code: 'M03', sha256: sha(bytes), pages: 2, originalVerified: true}]);
		expect(supplemented.status).toBe('in_review');
		expect((await rejected(client.addSupplement(seeded.find((id) => id !== returned!.caseId)!, 'supp-0000-0002', [{code: 'M03', sha256: sha(bytes), pages: 1, originalVerified: true}]))).status).toBe(409);

		// audit anchor: X-Audit-Head on POST /cases and supplements, the highest seq kept per terminal
		let auditHead: {seq: number; hash: string} | undefined = {seq: 41, hash: 'e'.repeat(64)};
		const terminal = new HubClient({baseUrl: hub.url, terminalId: 'T-ANCHOR-01', token: 'demo-api-token', retries: 0, auditHead: () => auditHead});
		expect(await terminal.getAuditHead('T-ANCHOR-01')).toBeNull();
		const anchoredCase = {...draft, terminalId: 'T-ANCHOR-01', answers: {anchor: 1}};
		await terminal.createCase('key-anchor-0001', anchoredCase);
		expect(await client.getAuditHead('T-ANCHOR-01')).toMatchObject({terminalId: 'T-ANCHOR-01', seq: 41, hash: 'e'.repeat(64), receivedAt: clock.now().toISOString()});
		auditHead = {seq: 40, hash: 'f'.repeat(64)}; // a retry that arrives late: kept out, not refused
		expect((await terminal.createCase('key-anchor-0001', anchoredCase)).created).toBe(false);
		expect((await terminal.getAuditHead('T-ANCHOR-01'))?.seq).toBe(41);
		auditHead = {seq: 45, hash: 'a'.repeat(64)};
		expect((await terminal.addSupplement(returned!.caseId, 'supp-0000-0001', [{code: 'M03', sha256: sha(bytes), pages: 2, originalVerified: true}])).caseId).toBe(returned!.caseId);
		expect(await terminal.getAuditHead('T-ANCHOR-01')).toMatchObject({seq: 45, hash: 'a'.repeat(64)});
		auditHead = {seq: 0, hash: '0'.repeat(64)}; // an empty log sends no header
		await terminal.createCase('key-anchor-0002', {...anchoredCase, answers: {anchor: 2}});
		expect(exchanges.at(-1)!.requestHeaders['x-audit-head']).toBeUndefined();
		expect(hub.state.getAuditHead('T-DEMO-0001')).toBeUndefined(); // per terminal
		await terminal.close();
		const malformed = await fetch(`${hub.url}/cases`, {
			method: 'POST',
			headers: {'x-request-id': '3b2e6a40-6f0e-4c43-9d7a-2d7a1f7e0c11', 'x-terminal-id': 'T-ANCHOR-01', authorization: 'Bearer demo-api-token', 'idempotency-key': 'key-anchor-0003', 'x-audit-head': '41:not-a-hash', 'content-type': 'application/json'},
			body: JSON.stringify(anchoredCase),
		});
		expect(malformed.status).toBe(422);
		expect(await malformed.json()).toMatchObject({code: 'validation_failed', errors: [{field: 'X-Audit-Head'}]});
		expect(hub.state.getAuditHead('T-ANCHOR-01')?.seq).toBe(45);
		expect(hub.state.findByKey('key-anchor-0003')).toBeUndefined();

		// return trips (docs/return-trips.md): a branch's cases, their originals, returns and results
		const branch = '440305001';
		const agent = {name: '李代办', idNumber: '110105198503152348', cardType: 'resident'};
		const tripIds: string[] = [];
		// An agent acts (docs/people.md#agents-委托代办): the list's 委托书 (M04) goes with the case.
		const withPoa = [...draft.materials, {code: 'M04', sha256: sha(bytes), pages: 1, originalVerified: true}];
		for (let i = 0; i < 30; i++) tripIds.push((await client.createCase(`trip-${String(i).padStart(4, '0')}-key`, {...draft, materials: withPoa, answers: {trip: i}, branchCode: branch, agent})).receipt.caseId);
		const trips = await Promise.all(tripIds.map((id) => client.getCase(id)));
		const needsOriginals = trips.filter((c) => c.originalsRequired);
		const noOriginals = trips.filter((c) => !c.originalsRequired);
		expect(needsOriginals.length).toBeGreaterThan(2);
		expect(noOriginals.length).toBeGreaterThan(2);
		const before = await client.branchWork({branchCode: branch});
		if (before.notModified) throw new Error('a first fetch is never 304');
		expect(before.items.filter((w) => w.need === 'shipment').map((w) => w.caseId).sort()).toEqual(needsOriginals.map((c) => c.caseId).sort());
		expect(await client.branchWork({branchCode: branch, etag: before.etag})).toEqual({notModified: true, etag: before.etag});

		const parcel = {carrier: 'ems' as const, waybill: 'EA123456785CN', sentAt: clock.now().toISOString(), operatorId: 'op-1001'};
		const shipped = await client.addShipment(needsOriginals[0]!.caseId, 'ship-0000-0001', parcel);
		expect(shipped).toMatchObject({created: true, shipment: {carrier: 'ems', waybill: 'EA123456785CN', receivedAt: null}});
		expect(await client.addShipment(needsOriginals[0]!.caseId, 'ship-0000-0001', parcel)).toEqual({...shipped, created: false});
		expect((await rejected(client.addShipment(needsOriginals[0]!.caseId, 'ship-0000-0001', {...parcel, waybill: '1234567890123'}))).code).toBe('hub_idempotency_conflict');
		expect((await rejected(client.addShipment(noOriginals[0]!.caseId, 'ship-0000-0002', parcel))).status).toBe(409);
		const badDigit = await rejected(client.addShipment(needsOriginals[1]!.caseId, 'ship-0000-0003', {...parcel, waybill: 'EA123456784CN'}));
		expect(badDigit.code).toBe('hub_validation_failed');
		expect(badDigit.message).toContain('waybill');
		const afterShipping = await client.branchWork({branchCode: branch, etag: before.etag});
		expect(afterShipping.notModified).toBe(false);

		clock.advance(10 * 30_000);
		const decided = await Promise.all(tripIds.map((id) => client.getCase(id)));
		expect(decided.find((c) => c.caseId === needsOriginals[0]!.caseId)!.shipments![0]!.receivedAt).not.toBeNull();
		const ready = decided.filter((c) => c.status === 'ready_for_pickup');
		const returnedTrip = decided.find((c) => c.status === 'returned');
		expect(ready.length).toBeGreaterThan(1);
		expect(returnedTrip?.returnRequest).toMatchObject({reason: expect.any(String), materials: [expect.objectContaining({code: expect.any(String)})]});
		expect(decided.filter((c) => c.status === 'completed').some((c) => c.delivery?.method === 'post' || c.delivery?.method === 'licence')).toBe(true);
		// decided cases (rejected, completed) are not open any more; every other one of the applicant is
		const openNow = (await client.findOpenCases({applicant, itemCode: draft.itemCode})).map((c) => c.caseId);
		const closed = decided.filter((c) => c.status === 'completed' || c.status === 'rejected');
		expect(closed.length).toBeGreaterThan(0);
		expect(openNow.filter((id) => tripIds.includes(id)).sort()).toEqual(decided.filter((c) => !closed.includes(c)).map((c) => c.caseId).sort());
		const work = await client.branchWork({branchCode: branch, needs: ['pickup', 'supplement']});
		if (work.notModified) throw new Error('the work changed');
		expect(work.items.filter((w) => w.need === 'pickup').map((w) => w.caseId).sort()).toEqual(ready.map((c) => c.caseId).sort());
		expect(work.items.find((w) => w.need === 'supplement' && w.caseId === returnedTrip!.caseId)).toMatchObject({deadline: returnedTrip!.returnRequest!.deadline});
		const firstPage = await client.branchWork({branchCode: branch, needs: ['pickup'], limit: 1});
		expect(firstPage.notModified === false && firstPage.nextCursor).toBeTruthy();
		const secondPage = await client.branchWork({branchCode: branch, needs: ['pickup'], limit: 1, cursor: firstPage.notModified ? '' : firstPage.nextCursor!});
		expect(secondPage.notModified === false && secondPage.items[0]!.caseId).toBe(ready.map((c) => c.caseId)[1]);
		const badNeeds = await fetch(`${hub.url}/branches/${branch}/work?needs=coffee`, {headers: {'x-request-id': '3b2e6a40-6f0e-4c43-9d7a-2d7a1f7e0c12', 'x-terminal-id': 'T-DEMO-0001', authorization: 'Bearer demo-api-token'}});
		expect(badNeeds.status).toBe(422);

		const applicantCollects = {collector: {role: 'applicant' as const, name: '陈**', cardType: 'resident', idNumberMasked: '440305********123X'}, collectedAt: clock.now().toISOString(), operatorId: 'op-1001'};
		expect((await rejected(client.handOver(ready[0]!.caseId, 'hand-0000-0001', {...applicantCollects, collector: {...applicantCollects.collector, idNumberMasked: '110105********2348'}}))).code).toBe('hub_collector_mismatch');
		const agentNoPaper = {...applicantCollects, collector: {role: 'agent' as const, name: '李**', cardType: 'resident', idNumberMasked: '110105********2348'}};
		expect((await rejected(client.handOver(ready[0]!.caseId, 'hand-0000-0002', agentNoPaper))).code).toBe('hub_validation_failed');
		const handed = await client.handOver(ready[0]!.caseId, 'hand-0000-0003', applicantCollects);
		expect(handed).toMatchObject({status: 'completed', delivery: {method: 'branch', handover: {collector: {role: 'applicant', idNumberMasked: '440305********123X'}}}});
		expect((await client.handOver(ready[0]!.caseId, 'hand-0000-0003', applicantCollects)).status).toBe('completed');
		expect((await client.handOver(ready[1]!.caseId, 'hand-0000-0004', {...agentNoPaper, collector: {...agentNoPaper.collector, powerOfAttorney: sha(bytes)}})).delivery).toMatchObject({handover: {collector: {role: 'agent'}}});
		expect((await rejected(client.handOver(noOriginals.find((c) => !ready.some((r) => r.caseId === c.caseId))!.caseId, 'hand-0000-0005', applicantCollects))).status).toBe(409);

		// the branch's day (日终): a local day's bounds, paged, no personal data, bad bounds refused
		const today = {branchCode: branch, from: '2025-06-05T00:00:00+08:00', to: '2025-06-06T00:00:00+08:00'};
		const dayRows: string[] = [];
		let dayCursor: string | undefined;
		do {
			const page = await client.branchCases({...today, limit: 7, ...(dayCursor ? {cursor: dayCursor} : {})});
			expect(page.cases.length).toBeLessThanOrEqual(7);
			dayRows.push(...page.cases.map((c) => c.caseId));
			dayCursor = page.nextCursor ?? undefined;
		} while (dayCursor);
		expect(dayRows).toEqual([...tripIds].sort((a, b) => Date.parse(hub.state.cases.get(a)!.receivedAt) - Date.parse(hub.state.cases.get(b)!.receivedAt) || a.localeCompare(b)));
		const dayPage = await client.branchCases({...today, limit: 500});
		expect(dayPage.cases.find((c) => c.caseId === needsOriginals[0]!.caseId)).toMatchObject({shipmentPending: false, terminalId: 'T-DEMO-0001'});
		expect(dayPage.cases.find((c) => c.caseId === ready[0]!.caseId)).toMatchObject({handedOver: true, status: 'completed'});
		expect(JSON.stringify(dayPage)).not.toMatch(/李代办|110105198503152348/);
		// the same instants in UTC give the same rows; the day before (ending at 16:00Z) has none of them
		expect((await client.branchCases({branchCode: branch, from: '2025-06-04T16:00:00Z', to: '2025-06-05T16:00:00Z', limit: 500})).cases.map((c) => c.caseId)).toEqual(dayPage.cases.map((c) => c.caseId));
		expect((await client.branchCases({branchCode: branch, from: '2025-06-04T00:00:00+08:00', to: '2025-06-05T00:00:00+08:00'})).cases).toEqual([]);
		expect((await rejected(client.branchCases({branchCode: branch, from: today.to, to: today.from}))).code).toBe('hub_validation_failed');
		expect((await rejected(client.branchCases({branchCode: branch, from: '2025-06-05', to: today.to}))).code).toBe('hub_validation_failed');
		expect((await rejected(client.branchCases({branchCode: branch, from: '2025-05-01T00:00:00Z', to: today.to}))).code).toBe('hub_validation_failed');
		// 好差评 (docs/people.md#好差评-evaluation): the citizen's channel (the evaluation page's API
		// token, never staff), one per case; a supervisor's follow-up, listed to supervisors only
		const evaluate = (caseId: string, body: unknown, token = 'demo-api-token') =>
			fetch(`${hub.url}/cases/${caseId}/evaluation`, {method: 'POST', headers: {'x-request-id': '3b2e6a40-6f0e-4c43-9d7a-2d7a1f7e0c14', 'x-terminal-id': 'T-EVAL-PAGE', authorization: `Bearer ${token}`, 'content-type': 'application/json'}, body: JSON.stringify(body)});
		const supervisor = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', retries: 0});
		const clerk = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', retries: 0});
		await supervisor.signIn({operatorId: 'op-9002', pin: '802802', terminalId: 'T-DEMO-0001'});
		const clerkSession = await clerk.signIn({operatorId: 'op-1001', pin: '246810', terminalId: 'T-DEMO-0001'});
		const evaluated = ready[0]!.caseId;
		expect((await client.getCase(evaluated)).evaluation).toBeNull();
		const undecided = (await client.createCase('eval-key-0001', {...draft, answers: {evaluation: 1}, branchCode: branch})).receipt.caseId;
		expect(await (await evaluate(undecided, {level: 'satisfied'})).json()).toMatchObject({status: 409, code: 'invalid_state'});
		const bad = {level: 'dissatisfied', reason: '等候时间太长，取号后等了一个多小时'};
		const byStaff = await evaluate(evaluated, bad, clerkSession.token);
		expect([byStaff.status, ((await byStaff.json()) as {code: string}).code]).toEqual([403, 'evaluation_by_staff']);
		const given = await evaluate(evaluated, bad);
		expect(given.status).toBe(201);
		expect(await given.json()).toMatchObject({caseId: evaluated, evaluation: {...bad, evaluatedAt: clock.now().toISOString(), followUp: null}});
		expect((await evaluate(evaluated, bad)).status).toBe(200);
		expect(await (await evaluate(evaluated, {level: 'very_satisfied', reason: ''})).json()).toMatchObject({status: 409, code: 'evaluation_exists'});
		const badLevel = await evaluate(ready[1]!.caseId, {level: 'meh'});
		expect([badLevel.status, ((await badLevel.json()) as {errors: Array<{field: string}>}).errors[0]!.field]).toEqual([422, 'level']);
		expect((await client.getCase(evaluated)).evaluation).toMatchObject({level: 'dissatisfied', followUp: null});
		const followUps = async (who: HubClient) => {
			const page = await who.branchWork({branchCode: branch});
			return page.notModified ? [] : page.items.filter((w) => w.need === 'follow_up');
		};
		// (the default plan's citizens evaluate the branch's other completed cases on the clock, too)
		expect((await followUps(supervisor)).filter((w) => w.caseId === evaluated)).toEqual([expect.objectContaining({caseId: evaluated, need: 'follow_up', since: clock.now().toISOString(), evaluation: expect.objectContaining({level: 'dissatisfied'})})]);
		expect(await followUps(clerk)).toEqual([]);
		expect(await followUps(client)).toEqual([]);
		const note = '已电话联系申请人致歉，增开一个综合窗口并调整午间排班';
		expect((await rejected(clerk.followUpEvaluation(evaluated, 'fup-0000-0001', note))).code).toBe('hub_supervisor_required');
		expect((await rejected(client.followUpEvaluation(evaluated, 'fup-0000-0001', note))).status).toBe(403);
		expect((await rejected(supervisor.followUpEvaluation(ready[1]!.caseId, 'fup-0000-0002', note))).code).toBe('hub_follow_up_not_needed');
		expect((await rejected(supervisor.followUpEvaluation(evaluated, 'fup-0000-0003', '  '))).code).toBe('hub_validation_failed');
		const followed = await supervisor.followUpEvaluation(evaluated, 'fup-0000-0001', note);
		expect(followed.evaluation).toEqual({...bad, evaluatedAt: expect.any(String), followUp: {note, operatorId: 'op-9002', at: clock.now().toISOString()}});
		expect(await supervisor.followUpEvaluation(evaluated, 'fup-0000-0001', note)).toEqual(followed);
		expect((await rejected(supervisor.followUpEvaluation(evaluated, 'fup-0000-0001', `${note}。`))).code).toBe('hub_idempotency_conflict');
		expect((await rejected(supervisor.followUpEvaluation(evaluated, 'fup-0000-0004', note))).code).toBe('hub_follow_up_recorded');
		expect((await followUps(supervisor)).map((w) => w.caseId)).not.toContain(evaluated);
		await supervisor.close();
		await clerk.close();

		// overload and rate limiting carry Retry-After; 500 is a problem document too
		hub.faults.failNext(1, '503', 'nodes');
		expect((await rejected(client.listNodes())).code).toBe('hub_unavailable');
		hub.faults.failNext(1, '429', 'cases.batch');
		expect((await rejected(client.batchStatus(seeded.slice(0, 2)))).code).toBe('hub_rate_limited');
		hub.faults.failNext(1, '503', 'cases.openQuery');
		expect((await rejected(client.findOpenCases({applicant, itemCode: draft.itemCode}))).code).toBe('hub_unavailable');
		hub.faults.failNext(1, '500', 'cases.get');
		expect((await rejected(client.getCase(first.receipt.caseId))).code).toBe('hub_server_error');

		// auth: 401 without a token, wrong PIN 401, locked 423, sign-in 201, sign-out 204
		const anonymous = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', retries: 0});
		expect((await rejected(anonymous.getCase(first.receipt.caseId))).code).toBe('hub_unauthorized');
		expect((await rejected(anonymous.branchCases({branchCode: '440305001', from: '2025-06-05T00:00:00+08:00', to: '2025-06-06T00:00:00+08:00'}))).code).toBe('hub_unauthorized');
		for (let i = 0; i < 4; i++) expect((await rejected(anonymous.signIn({operatorId: 'op-1002', pin: '000000', terminalId: 'T-DEMO-0001'}))).code).toBe('hub_invalid_credentials');
		expect((await rejected(anonymous.signIn({operatorId: 'op-1002', pin: '000000', terminalId: 'T-DEMO-0001'}))).code).toBe('hub_operator_locked');
		expect((await rejected(anonymous.signIn({operatorId: 'op-1002', pin: '135790', terminalId: 'T-DEMO-0001'}))).status).toBe(423);
		const session = await anonymous.signIn({operatorId: 'op-1001', pin: '246810', terminalId: 'T-DEMO-0001'});
		expect(session.operator.roles).toEqual(['clerk']);
		// the 30 return-trip cases and the undecided one the evaluation block opened; the list carries the evaluation's level
		const listed = (await anonymous.branchCases({branchCode: '440305001', from: '2025-06-05T00:00:00+08:00', to: '2025-06-06T00:00:00+08:00'})).cases;
		expect(listed.length).toBe(31);
		expect(listed.find((c) => c.caseId === evaluated)?.evaluation).toBe('dissatisfied');
		expect(listed.find((c) => c.caseId === undecided)?.evaluation).toBeNull();
		expect((await anonymous.getCase(first.receipt.caseId)).caseId).toBe(first.receipt.caseId);
		await anonymous.signOut();
		await anonymous.close();

		// maker-checker (POST /auth/approvals): a case with an exception needs an approval that covers
		// it; a supervisor never approves their own; wrong PINs lock the supervisor; unlock lifts a lock
		const uncertain = {...draft, answers: {n: 'approval'}, eligibility: {result: 'unknown' as const, ruleVersion: 'demo-1'}};
		const refused = await rejected(client.createCase('key-0000-0101', uncertain));
		expect([refused.status, refused.code, refused.details?.['exceptions']]).toEqual([403, 'hub_approval_required', ['eligibility_uncertain']]);
		const approval = await client.approve({supervisorId: 'op-9002', pin: '802802', purpose: 'submit', makerId: 'op-1001', exceptions: ['eligibility_uncertain']});
		expect(approval).toMatchObject({supervisor: {id: 'op-9002', name: '赵主管'}, purpose: 'submit', makerId: 'op-1001', exceptions: ['eligibility_uncertain']});
		const approved = {...uncertain, approval: {id: approval.id, supervisorId: 'op-9002', exceptions: approval.exceptions}};
		expect((await client.createCase('key-0000-0101', approved)).created).toBe(true);
		expect((await client.createCase('key-0000-0101', approved)).created).toBe(false);
		// one case per approval; an approval that leaves an exception out; a forged approval id
		expect((await rejected(client.createCase('key-0000-0102', {...approved, answers: {n: 'again'}}))).code).toBe('hub_approval_required');
		const typed = {...approved, answers: {n: 'typed'}, applicant: {...draft.applicant, source: 'typed' as const}};
		const narrow = await client.approve({supervisorId: 'op-9002', pin: '802802', purpose: 'submit', makerId: 'op-1001', exceptions: ['eligibility_uncertain']});
		const partly = await rejected(client.createCase('key-0000-0103', {...typed, approval: {id: narrow.id, supervisorId: 'op-9002', exceptions: ['eligibility_uncertain', 'typed_applicant']}}));
		expect(partly.details?.['exceptions']).toEqual(['typed_applicant']);
		expect((await rejected(client.createCase('key-0000-0104', {...typed, approval: {id: 'ap-forged00000', supervisorId: 'op-9002', exceptions: ['typed_applicant', 'eligibility_uncertain']}}))).code).toBe('hub_approval_required');
		// the supervisor is the maker (李主管 submitting and approving): refused at the approval and at the case
		expect((await rejected(client.approve({supervisorId: 'op-9001', pin: '900900', purpose: 'submit', makerId: 'op-9001', exceptions: ['typed_applicant']}))).code).toBe('hub_self_approval');
		const forOther = await client.approve({supervisorId: 'op-9001', pin: '900900', purpose: 'submit', makerId: 'op-1001', exceptions: ['typed_applicant', 'eligibility_uncertain']});
		expect((await rejected(client.createCase('key-0000-0105', {...typed, operatorId: 'op-9001', approval: {id: forOther.id, supervisorId: 'op-9001', exceptions: forOther.exceptions}}))).code).toBe('hub_approval_required');
		expect((await rejected(client.approve({supervisorId: 'op-1001', pin: '246810', purpose: 'submit', makerId: 'op-1002', exceptions: []}))).code).toBe('hub_not_supervisor');
		expect((await rejected(client.approve({supervisorId: 'op-9002', pin: '802802', purpose: 'submit', makerId: 'op-1001', exceptions: ['lost_card' as never]}))).code).toBe('hub_validation_failed');
		// an unlock can come from the sign-in screen, where nobody has a session; the other purposes cannot
		const signInScreen = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', retries: 0});
		expect((await rejected(signInScreen.approve({supervisorId: 'op-9001', pin: '900900', purpose: 'submit', makerId: 'op-1002', exceptions: []}))).status).toBe(401);
		expect((await rejected(signInScreen.approve({supervisorId: 'op-9001', pin: '900900', purpose: 'switch', makerId: 'op-1002'}))).status).toBe(401);
		await signInScreen.close();
		// op-1002 was locked above: 李主管 unlocks (from the sign-in screen, no session), then op-1002 signs in
		const unlocker = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', retries: 0});
		expect((await unlocker.approve({supervisorId: 'op-9001', pin: '900900', purpose: 'unlock', makerId: 'op-1002'})).exceptions).toEqual([]);
		await unlocker.close();
		const relieved = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', retries: 0});
		expect((await relieved.signIn({operatorId: 'op-1002', pin: '135790', terminalId: 'T-DEMO-0001'})).operator.id).toBe('op-1002');
		// wrong supervisor PINs count toward 赵主管's own lock, exactly like sign-in
		const wrong = () => rejected(client.approve({supervisorId: 'op-9002', pin: '000000', purpose: 'unlock', makerId: 'op-1001'}));
		expect((await wrong()).details?.['remainingAttempts']).toBe(4);
		for (let i = 0; i < 3; i++) expect((await wrong()).code).toBe('hub_invalid_credentials');
		expect((await wrong()).code).toBe('hub_operator_locked');
		expect((await rejected(relieved.signIn({operatorId: 'op-9002', pin: '802802', terminalId: 'T-DEMO-0001'}))).status).toBe(423);
		await relieved.close();

		const problems = exchanges.flatMap((e) => contract.check(e));
		expect(problems).toEqual([]);
		const seen = new Set(exchanges.map((e) => `${e.method} ${e.doc}`));
		expect(contract.operations().filter((op) => !seen.has(op))).toEqual([]);
		const statusesSeen = new Set(exchanges.map((e) => e.status));
		for (const s of [200, 201, 204, 304, 401, 403, 404, 409, 422, 423, 429, 500, 503]) expect(statusesSeen).toContain(s);
	});

	it('catches an answer that breaks the contract (the checker can fail)', () => {
		const bad: Exchange = {
			method: 'GET',
			route: 'cases.get',
			doc: '/cases/{caseId}',
			url: '/api/v1/cases/TB44-1',
			requestHeaders: {'x-request-id': 'r', 'x-terminal-id': 'T', authorization: 'Bearer x'},
			requestBody: Buffer.alloc(0),
			status: 200,
			responseHeaders: {'content-type': 'application/json'},
			responseBody: Buffer.from(JSON.stringify({caseId: 'TB44-1', status: 'lost'})),
		};
		expect(contract.check(bad).join('\n')).toMatch(/required|enum/);
		expect(contract.check({...bad, requestHeaders: {}})).toContain('request GET /cases/{caseId}: missing header X-Request-Id');
		const posted: Exchange = {
			...bad,
			method: 'POST',
			route: 'cases.create',
			doc: '/cases',
			url: '/api/v1/cases',
			requestHeaders: {...bad.requestHeaders, 'idempotency-key': 'key-0000-0009', 'x-audit-head': '0:abc', 'content-type': 'application/json'},
			requestBody: Buffer.from(JSON.stringify({...demoDraft({}, clock), materials: []})),
			status: 201,
			responseBody: Buffer.from(JSON.stringify({caseId: 'TB44-1', status: 'received', receivingNode: '44', handlingNode: '51', receivedAt: '2026-11-26T08:00:00Z'})),
		};
		expect(contract.check(posted).join('\n')).toMatch(/header X-Audit-Head .*pattern/);
	});
});

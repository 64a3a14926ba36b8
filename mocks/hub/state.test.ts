import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {HubClient} from '../../src/hub/client.js';
import {startMockHub} from './server.js';
import {checkWaybill} from '../../src/core/cases/waybill.js';
import {isValidHistory} from '../../src/core/cases/lifecycle.js';
import {parseFaultSpec, FaultSpecError} from './faults.js';
import {HubState, purgeSnapshot} from './state.js';
import {createHash} from 'node:crypto';
import {manualClock} from './testing.js';
import {DEMO_IMPLEMENTATION, demoDraft} from './demo-cases.js';

function state() {
	const clock = manualClock();
	const s = new HubState({clock, stepMs: 1000, implementations: new Map([[DEMO_IMPLEMENTATION.implementationCode, '440000']])});
	return {clock, s};
}

describe('mock hub state', () => {
	it('moves cases through the lifecycle on the clock, every history a valid walk', () => {
		const {clock, s} = state();
		const ids = s.seedCases(60, 'T');
		clock.advance(20_000);
		const ends = new Map<string, number>();
		for (const id of ids) {
			const c = s.getCase(id)!;
			expect(isValidHistory(c.history.map((h) => h.status))).toBe(true);
			// A case rests where the counter must act (returned, ready for pickup) or completed.
			expect(['completed', 'returned', 'ready_for_pickup']).toContain(c.status);
			ends.set(c.status, (ends.get(c.status) ?? 0) + 1);
		}
		expect(ends.get('ready_for_pickup')).toBeGreaterThan(0);
		expect(ends.get('completed')).toBeGreaterThan(ends.get('ready_for_pickup')!);
	});

	it('delivers results by licence, post (a valid S10 waybill) or back to the branch, in realistic shares', () => {
		const {clock, s} = state();
		const ids = s.seedCases(400, 'T');
		clock.advance(20_000);
		const methods = new Map<string, number>();
		let originals = 0;
		for (const id of ids) {
			const c = s.getCase(id)!;
			if (c.originalsRequired) originals++;
			if (!c.delivery) continue;
			methods.set(c.delivery.method, (methods.get(c.delivery.method) ?? 0) + 1);
			if (c.delivery.method === 'post') expect(checkWaybill('ems', c.delivery.waybill)).toMatchObject({ok: true, format: 's10'});
			if (c.delivery.method === 'branch') expect(c.status).toBe('ready_for_pickup');
		}
		const delivered = [...methods.values()].reduce((a, b) => a + b, 0);
		// planOf: ~45% licence, ~25% post, ~30% branch; ~30% of cases need their originals.
		expect(methods.get('licence')! / delivered).toBeGreaterThan(0.3);
		expect(methods.get('post')! / delivered).toBeGreaterThan(0.12);
		expect(methods.get('branch')! / delivered).toBeGreaterThan(0.18);
		expect(originals / ids.length).toBeGreaterThan(0.18);
		expect(originals / ids.length).toBeLessThan(0.42);
	});

	it('a node that is down holds its cases in dispatched, and releases them when back', () => {
		const {clock, s} = state();
		s.setNodeStatus('44', 'down');
		const [id] = s.seedCases(1, 'T');
		clock.advance(10_000);
		expect(s.getCase(id!)!.status).toBe('dispatched');
		s.setNodeStatus('44', 'up');
		clock.advance(1_000);
		expect(s.getCase(id!)!.status).toBe('accepted');
	});

	it('a planned return asks for what the plan says, on any day; without a plan the ask comes from the case id', () => {
		const clock = manualClock();
		const materials = new Map([[DEMO_IMPLEMENTATION.implementationCode, [{code: 'M01', name: '身份证'}, {code: 'M02', name: '社保卡'}, {code: 'M03', name: '缴费凭证'}]]]);
		const returnAsk = {reason: '证明材料已过有效期，请重新开具', materialCodes: ['M02']};
		const planned = new HubState({clock, stepMs: 1000, implementations: new Map([[DEMO_IMPLEMENTATION.implementationCode, '440000']]), materials, plan: () => ({outcome: 'returned', delivery: 'licence', originalsRequired: false, returnAsk})});
		const ids = planned.seedCases(5, 'T');
		clock.advance(20_000);
		for (const id of ids) {
			const c = planned.getCase(id)!;
			expect(c.status).toBe('returned');
			expect(c.returnRequest).toMatchObject({reason: returnAsk.reason, materials: [{code: 'M02', name: '社保卡'}]});
		}
		const free = new HubState({clock, stepMs: 1000, implementations: new Map([[DEMO_IMPLEMENTATION.implementationCode, '440000']]), materials, plan: () => ({outcome: 'returned', delivery: 'licence', originalsRequired: false})});
		const reasons = new Set(free.seedCases(40, 'T').map((id) => (clock.advance(20_000), free.getCase(id)!.returnRequest!.reason)));
		expect(reasons.size).toBeGreaterThan(1);
	});

	it('same key + same body (any key order) is the same case; a different body conflicts', () => {
		const {s} = state();
		const body = {...demoDraft(), materials: []};
		const reordered = Object.fromEntries(Object.entries(body).reverse()) as typeof body;
		const a = s.createCase('key-00000001', body);
		expect(s.createCase('key-00000001', reordered)).toEqual({created: false, record: a.record});
		expect(() => s.createCase('key-00000001', {...body, answers: {x: 1}})).toThrow(/different case/);
		expect(s.cases.size).toBe(1);
	});

	it('facts: null for unknown citizens and unknown facts, never guessed', () => {
		const {s} = state();
		expect(s.queryFacts('110105198503152348', ['pension.province', 'x'])).toEqual({'pension.province': '11', x: null});
		expect(s.queryFacts('110105198001010015', ['pension.province'])).toEqual({'pension.province': null});
	});

	it('parses fault specs and refuses bad ones', () => {
		const parsed = parseFaultSpec('*:latency=20;cases.create:reset=0.3,503=0.1;down=51+54');
		expect(parsed.rules.get('cases.create')).toEqual({shares: {reset: 0.3, 503: 0.1}});
		expect(parsed.down).toEqual(['51', '54']);
		expect(() => parseFaultSpec('*:reset=2')).toThrow(FaultSpecError);
		expect(() => parseFaultSpec('*:explode=1')).toThrow(/unknown fault/);
	});

	it('audit anchors: the highest seq per terminal, a later lower or equal one kept out, kept across a snapshot', () => {
		const {clock, s} = state();
		expect(s.noteAuditHead('T1', {seq: 5, hash: 'a'.repeat(64)})).toBe(true);
		clock.advance(1000);
		expect(s.noteAuditHead('T1', {seq: 4, hash: 'b'.repeat(64)})).toBe(false);
		expect(s.noteAuditHead('T1', {seq: 5, hash: 'c'.repeat(64)})).toBe(false);
		expect(s.noteAuditHead('T2', {seq: 1, hash: 'd'.repeat(64)})).toBe(true);
		expect(s.getAuditHead('T1')).toMatchObject({terminalId: 'T1', seq: 5, hash: 'a'.repeat(64)});
		const {s: again} = state();
		again.restore(JSON.parse(JSON.stringify(s.snapshot())));
		expect(again.getAuditHead('T1')).toEqual(s.getAuditHead('T1'));
		expect(again.getAuditHead('T2')?.seq).toBe(1);
		// A snapshot from before the anchor existed restores with none.
		const {auditHeads: _none, ...older} = s.snapshot();
		again.restore(JSON.parse(JSON.stringify(older)));
		expect(again.getAuditHead('T1')).toBeUndefined();
	});
});

describe('mock hub 好差评 (docs/people.md#好差评-evaluation)', () => {
	it('citizens evaluate completed cases one step after, in realistic shares, each case always the same way', () => {
		const {clock, s} = state();
		const ids = s.seedCases(3000, 'T');
		clock.advance(30_000);
		const completed = ids.map((id) => s.getCase(id)!).filter((c) => c.status === 'completed');
		const levels = new Map<string, number>();
		for (const c of completed) {
			if (!c.evaluation) continue;
			levels.set(c.evaluation.level, (levels.get(c.evaluation.level) ?? 0) + 1);
			// One step after it completed, never before; nobody followed it up yet.
			expect(Date.parse(c.evaluation.evaluatedAt) - Date.parse(c.updatedAt)).toBe(1000);
			expect(c.evaluation.followUp).toBeNull();
			if (c.evaluation.level === 'dissatisfied' || c.evaluation.level === 'very_dissatisfied') expect(c.evaluation.reason.length).toBeGreaterThan(3);
		}
		const evaluated = [...levels.values()].reduce((a, b) => a + b, 0);
		const share = (level: string) => (levels.get(level) ?? 0) / evaluated;
		expect(evaluated / completed.length).toBeGreaterThan(0.55);
		expect(evaluated / completed.length).toBeLessThan(0.75);
		expect(share('very_satisfied') + share('satisfied')).toBeGreaterThan(0.85);
		expect(share('basic')).toBeGreaterThan(0.02);
		expect(share('basic')).toBeLessThan(0.1);
		const bad = share('dissatisfied') + share('very_dissatisfied');
		expect(bad).toBeGreaterThan(0.025);
		expect(bad).toBeLessThan(0.06);
		expect(levels.get('very_dissatisfied')).toBeGreaterThan(0);
		// Deterministic per case id: another hub with the same cases gives the same evaluations.
		const again = state();
		const twins = again.s.seedCases(3000, 'T');
		again.clock.advance(30_000);
		expect(twins.map((id) => again.s.getCase(id)!.evaluation)).toEqual(ids.map((id) => s.getCase(id)!.evaluation));
	});

	it('a plan can force the evaluation; it is listed to supervisors only, kept in a snapshot, and its reason is purged with the case', () => {
		const clock = manualClock(new Date('2026-10-01T02:00:00.000Z'));
		const plan = () => ({outcome: 'approved' as const, delivery: 'licence' as const, originalsRequired: false, evaluation: {level: 'very_dissatisfied' as const, reason: '跑了三趟还没办好'}});
		const s = new HubState({clock, stepMs: 1000, plan, implementations: new Map([[DEMO_IMPLEMENTATION.implementationCode, '440000']])});
		const {record} = s.createCase('eval-key-0001', {...demoDraft({createdAt: clock.now().toISOString()}), materials: [], branchCode: '440305001'});
		clock.advance(5_000);
		expect(s.getCase(record.caseId)).toMatchObject({status: 'completed', evaluation: null});
		clock.advance(1_000);
		expect(s.getCase(record.caseId)!.evaluation).toMatchObject({level: 'very_dissatisfied', reason: '跑了三趟还没办好', followUp: null});
		const all = new Set(['supplement', 'pickup', 'shipment', 'follow_up'] as const);
		expect(s.listWork('440305001', all).map((w) => w.need)).toEqual([]);
		expect(s.listWork('440305001', all, {followUps: true}).map((w) => w.need)).toEqual(['follow_up']);
		const copy = new HubState({clock, stepMs: 1000, implementations: new Map()});
		copy.restore(JSON.parse(JSON.stringify(s.snapshot())));
		expect(copy.getCase(record.caseId)!.evaluation).toEqual(s.getCase(record.caseId)!.evaluation);
		copy.followUpEvaluation(record.caseId, 'fup-key-0001', {note: '已回访致歉'}, 'op-9002');
		const restored = new HubState({clock, stepMs: 1000, implementations: new Map()});
		restored.restore(JSON.parse(JSON.stringify(copy.snapshot())));
		expect(restored.getCase(record.caseId)!.evaluation!.followUp).toMatchObject({note: '已回访致歉', operatorId: 'op-9002'});
		expect(restored.listWork('440305001', all, {followUps: true})).toEqual([]);

		const purged = purgeSnapshot(copy.snapshot(), () => new Date('2026-08-01T00:00:00.000Z'), new Date('2026-09-01T00:00:00.000Z'));
		expect(purged.cases).toBe(1);
		const kept = purged.snapshot.cases[0]!;
		expect(kept.evaluation).toMatchObject({level: 'very_dissatisfied', reason: '', followUp: {note: '已回访致歉'}});
		expect(JSON.stringify(purged.snapshot)).not.toContain('跑了三趟');
		expect(purgeSnapshot(purged.snapshot, () => new Date('2026-08-01T00:00:00.000Z'), new Date('2026-09-01T00:00:00.000Z')).cases).toBe(0);
	});
});

describe('mock hub --data', () => {
	it('keeps the audit anchors it was sent across a restart', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'tongban-hubdata-'));
		try {
			const dataFile = join(dir, 'hub.json');
			const first = await startMockHub({dataFile});
			const client = new HubClient({baseUrl: first.url, terminalId: 'T-DEMO-0001', token: 'demo-api-token', retries: 0, auditHead: () => ({seq: 7, hash: '7'.repeat(64)})});
			// Refused (unknown item) but authenticated and well-formed: the head is still a fact about the terminal.
			await client.createCase('key-data-0001', {...demoDraft(), itemCode: '000000000000', materials: []}).catch(() => undefined);
			await client.close();
			await first.close();
			const second = await startMockHub({dataFile});
			const reader = new HubClient({baseUrl: second.url, terminalId: 'T-OTHER', token: 'demo-api-token', retries: 0});
			expect(await reader.getAuditHead('T-DEMO-0001')).toMatchObject({seq: 7, hash: '7'.repeat(64)});
			await reader.close();
			await second.close();
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});

	it('keeps the return trips through a snapshot, and reads a snapshot from before them', () => {
		const {clock, s} = state();
		const ids = s.seedCases(40, 'T');
		const withOriginals = ids.find((id) => s.getCase(id)!.originalsRequired)!;
		const parcel = {carrier: 'sf' as const, waybill: 'SF1234567890', sentAt: clock.now().toISOString(), operatorId: 'op-1001'};
		s.addShipment(withOriginals, 'ship-key-0001', parcel);
		clock.advance(20_000);
		const copy = new HubState({clock, stepMs: 1000, implementations: new Map([[DEMO_IMPLEMENTATION.implementationCode, '440000']])});
		copy.restore(JSON.parse(JSON.stringify(s.snapshot())));
		for (const id of ids) expect(copy.getCase(id)).toEqual(s.getCase(id));
		expect(copy.addShipment(withOriginals, 'ship-key-0001', parcel).created).toBe(false);

		// A snapshot written before the return trips: no plan, no shipments, no delivery.
		const old = JSON.parse(JSON.stringify(s.snapshot()));
		for (const c of old.cases) for (const k of ['plan', 'returnRequest', 'shipments', 'shipmentKeys', 'delivery', 'handoverKey', 'branchCode']) delete c[k];
		const legacy = new HubState({clock, stepMs: 1000, implementations: new Map()});
		legacy.restore(old);
		const record = legacy.getCase(ids[0]!)!;
		expect(record).toMatchObject({originalsRequired: false, shipments: [], delivery: null, returnRequest: null});
	});
});

describe('mock hub retention (purgeSnapshot)', () => {
	it('blanks the applicant and the agent of a purged case and drops its material and 委托书 bytes; a younger case keeps all', () => {
		const clock = manualClock(new Date('2026-10-01T02:00:00.000Z'));
		const plan = () => ({outcome: 'approved' as const, delivery: 'branch' as const, originalsRequired: false});
		// The list allows an agent (the catalog's agentAllowed, docs/people.md#agents-委托代办).
		const s = new HubState({clock, stepMs: 1000, plan, implementations: new Map([[DEMO_IMPLEMENTATION.implementationCode, '440000']]), agentAllowed: new Set([DEMO_IMPLEMENTATION.implementationCode])});
		const bytes = (text: string) => Buffer.from(`JPEG:${text}`);
		const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
		const [m1, poa, m2] = [bytes('身份证'), bytes('委托书'), bytes('年轻的案件')];
		for (const b of [m1, poa, m2]) s.putBlob(sha(b), b);
		const agent = {idNumber: '110105199001010514', name: '李明华', cardType: 'resident'};
		const material = (b: Buffer) => [{code: 'M01', sha256: sha(b), pages: 1, originalVerified: true}];
		const old = s.createCase('purge-key-0001', {...demoDraft({createdAt: clock.now().toISOString()}), agent, materials: material(m1)}).record;
		clock.advance(20_000);
		expect(s.getCase(old.caseId)?.status).toBe('ready_for_pickup');
		s.handOver(old.caseId, 'purge-hand-0001', {collector: {role: 'agent', name: '李**', cardType: 'resident', idNumberMasked: '110105********0514', powerOfAttorney: sha(poa)}, collectedAt: clock.now().toISOString(), operatorId: 'op-1001'});
		const young = s.createCase('purge-key-0002', {...demoDraft({createdAt: clock.now().toISOString()}), agent, materials: material(m2)}).record;

		const snapshot = s.snapshot();
		const startedAt = (c: {caseId: string}) => (c.caseId === old.caseId ? new Date('2026-08-01T00:00:00.000Z') : undefined);
		const result = purgeSnapshot(snapshot, startedAt, new Date('2026-09-01T00:00:00.000Z'));
		expect(result).toMatchObject({cases: 1, blobs: 2});
		const purged = result.snapshot.cases.find((c) => c.caseId === old.caseId)!;
		expect(purged.submission.applicant).toEqual({idNumber: '', name: '', cardType: 'resident'});
		expect(purged.submission.agent).toEqual({idNumber: '', name: '', cardType: 'resident'});
		expect(Object.keys(result.snapshot.blobs).sort()).toEqual([sha(m2)]);
		const kept = result.snapshot.cases.find((c) => c.caseId === young.caseId)!;
		expect(kept.submission.agent).toEqual(agent);
		// Masked numbers (the collector's 110105********0514) name no one and stay; full ones go.
		expect(JSON.stringify(purged)).not.toMatch(/李明华|陈晓明|110105199001010514|44030519900101123X/);
		// Purged once, a second run finds nothing left to do.
		expect(purgeSnapshot(result.snapshot, startedAt, new Date('2026-09-01T00:00:00.000Z'))).toMatchObject({cases: 0, blobs: 0});
	});
});

/**
 * auditOutbox (src/core/cases/audit.ts) over a real outbox, the mock hub and the audit store:
 * a submission whose answer is lost leaves case.submit (queued) → case.outcome_unknown →
 * case.outcome_resolved (created, by idempotency-key lookup) → case.submit ok, all under the same
 * key, the applicant masked, and the chain verifying.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {auditOutbox} from '../core/cases/audit.js';
import type {AuditInput} from '../core/audit/model.js';
import {HubClient} from '../hub/client.js';
import {startMockHub} from '../../mocks/hub/server.js';
import {manualClock} from '../../mocks/hub/testing.js';
import {demoDraft, demoMaterial} from '../../mocks/hub/demo-cases.js';
import {scanForPersonalData} from '../test-utils/pii-scan.js';
import {AuditStore, listRecent, verifyAuditLog} from './audit-store.js';
import {openOutbox} from './outbox.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(faults?: string) {
	const hub = await startMockHub({faults, seed: 7});
	const dir = mkdtempSync(join(tmpdir(), 'tongban-auditoutbox-'));
	const client = new HubClient({baseUrl: hub.url, terminalId: 'T-DEMO-0001', token: 'demo-api-token', timeoutMs: 2_000, retries: 1, backoff: {baseMs: 1, maxMs: 5}, sleep: async () => {}});
	const clock = manualClock();
	const outbox = await openOutbox({dataDir: dir, hub: client, clock});
	const audit = await AuditStore.open({dataDir: dir, terminal: 'T-DEMO-0001', actor: {id: 'clerk01', role: 'clerk'}, clock});
	cleanups.push(() => rmSync(dir, {recursive: true, force: true}), () => hub.close(), () => client.close(), () => audit.close());
	return {hub, dir, clock, outbox, audit};
}

const APPLICANT = demoDraft().applicant;

describe('auditOutbox', () => {
	it('lost answer: queued → outcome_unknown → outcome_resolved(created) → submitted, one key, nothing in clear', async () => {
		const {hub, dir, clock, outbox, audit} = await setup();
		const outboxAudit = auditOutbox(outbox, audit);
		hub.faults.failNext(1, 'reset', 'cases.create');
		hub.faults.failNext(5, '503', 'cases.query');
		const entry = await outbox.enqueue(demoDraft({}, clock), [demoMaterial()]);
		for (let round = 0; round < 10 && (await outbox.pending()).length > 0; round++) {
			await outbox.drain();
			clock.advance(120_000);
		}
		await outboxAudit.flush();
		const entries = await listRecent(dir, 20);
		const trail = entries.map((e) => [e.action, e.outcome, e.details['stage'] ?? e.details['resolution']]);
		// Lookups that fail too (503) stay "unknown" until one answers.
		const lookups = trail.slice(2, -2);
		expect(lookups.length).toBeGreaterThan(0);
		expect(new Set(lookups.map((t) => t.join()))).toEqual(new Set(['case.outcome_unknown,unknown,lookup']));
		expect([...trail.slice(0, 2), ...trail.slice(-2)]).toEqual([
			['case.submit', 'unknown', 'queued'],
			['case.outcome_unknown', 'unknown', 'post'],
			['case.outcome_resolved', 'ok', 'created'],
			['case.submit', 'ok', 'accepted'],
		]);
		for (const e of entries) {
			expect(e.details).toMatchObject({idempotencyKey: entry.idempotencyKey, applicantMasked: '陈**', materials: 1});
			expect(e.details['idNumberMasked']).toMatch(/^440305\*{8}\d{3}[\dX]$/);
			expect(e.target.itemCode).toBe(entry.submission.itemCode);
		}
		const caseId = hub.state.byKey.get(entry.idempotencyKey);
		expect(entries.at(-1)!.target.caseId).toBe(caseId);
		expect(hub.counts.get('cases.create')).toBe(1);
		expect((await verifyAuditLog(dir)).ok).toBe(true);
		expect(scanForPersonalData([join(dir, 'audit')], [], [APPLICANT.idNumber, APPLICANT.name])).toEqual([]);
	});

	it('hub down then a refusal: retry is case.submit failed; a rejection is case.submit denied', async () => {
		const {hub, dir, clock, outbox, audit} = await setup('down=44');
		const outboxAudit = auditOutbox(outbox, audit);
		await outbox.enqueue(demoDraft({}, clock), []);
		await outbox.drain();
		hub.state.setNodeStatus('44', 'up');
		clock.advance(120_000);
		// An item the hub does not know is refused for good.
		await outbox.enqueue(demoDraft({itemCode: '000000000000'}, clock), []);
		await outbox.drain();
		await outboxAudit.flush();
		const trail = (await listRecent(dir, 20)).map((e) => [e.action, e.outcome, e.details['stage']]);
		expect(trail[0]).toEqual(['case.submit', 'unknown', 'queued']);
		expect(trail[1]).toEqual(['case.submit', 'failed', 'retry']);
		expect(trail).toContainEqual(['case.submit', 'ok', 'accepted']);
		expect(trail).toContainEqual(['case.submit', 'denied', 'rejected']);
		expect((await verifyAuditLog(dir)).ok).toBe(true);
	});

	it('stop() unsubscribes; a recorder that fails reaches onError and flush() rejects, the outbox goes on', async () => {
		const {dir, clock, outbox} = await setup();
		const seen: AuditInput[] = [];
		const failing = {record: (input: AuditInput) => (seen.push(input), Promise.reject(new Error('disk full')))};
		const errors: unknown[] = [];
		const outboxAudit = auditOutbox(outbox, failing, {onError: (error) => errors.push(error)});
		await outbox.enqueue(demoDraft({}, clock), []);
		await outbox.drain();
		await expect(outboxAudit.flush()).rejects.toThrow('disk full');
		expect(errors.length).toBe(seen.length);
		expect((await outbox.all())[0]?.phase).toBe('done');
		outboxAudit.stop();
		const before = seen.length;
		await outbox.enqueue(demoDraft({}, clock), []);
		expect(seen.length).toBe(before);
		expect(await listRecent(dir, 5)).toEqual([]);
	});
});

import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {HubError, HubRejectedError} from '../errors.js';
import {backoffDelay, parseRetryAfter} from './backoff.js';
import {isValidHistory} from './lifecycle.js';
import {classify} from './outbox.js';
import {applyEvent, newEntry, nextAction, type OutboxEntry} from './outbox-machine.js';
import type {CaseSubmission} from './model.js';
import {streamBatchStatus, timeline} from './tracking.js';

const now = new Date('2025-06-05T01:00:00Z');
const submission = {itemCode: '990120000001', materials: []} as unknown as CaseSubmission;
const receipt = {caseId: 'TB44-1', status: 'received' as const, receivingNode: '44', handlingNode: '44', receivedAt: now.toISOString()};
const blob = (s: string) => ({sha256: s.repeat(64).slice(0, 64), contentType: 'image/jpeg'});

describe('outbox state machine', () => {
	it('uploads every blob, then posts; a lost answer leads to a lookup, not a resend', () => {
		let e: OutboxEntry = newEntry('key-1', submission, [blob('a'), blob('b')], now);
		expect(nextAction(e, now)).toEqual({kind: 'upload', blob: blob('a')});
		e = applyEvent(e, {type: 'blob_confirmed', sha256: blob('a').sha256}, now, () => 0);
		expect(nextAction(e, now)).toEqual({kind: 'upload', blob: blob('b')});
		e = applyEvent(e, {type: 'blob_confirmed', sha256: blob('b').sha256}, now, () => 0);
		expect(nextAction(e, now)).toEqual({kind: 'post'});
		e = applyEvent(e, {type: 'post_started'}, now, () => 0);
		e = applyEvent(e, {type: 'transient_failure', error: {code: 'hub_connection_lost', message: ''}, postNotProcessed: false}, now, () => 0);
		expect(nextAction(e, now).kind).toBe('wait');
		const later = new Date(Date.parse(e.nextAttemptAt) + 1);
		expect(nextAction(e, later)).toEqual({kind: 'resolve'});
		e = applyEvent(e, {type: 'resolved', receipt: null}, later, () => 0);
		expect(nextAction(e, later)).toEqual({kind: 'post'});
		e = applyEvent(e, {type: 'created', receipt}, later, () => 0);
		expect(e.phase).toBe('done');
		expect(nextAction(e, later)).toEqual({kind: 'none'});
	});

	it('a failed lookup never clears "maybe sent" (property: only a known outcome does)', () => {
		const events = fc.oneof(
			fc.constant({type: 'post_started'} as const),
			fc.record({type: fc.constant('transient_failure' as const), error: fc.constant({code: 'x', message: 'x'}), postNotProcessed: fc.constant(undefined)}),
			fc.constant({type: 'rejected', error: {code: 'x', message: 'x'}} as const),
		);
		fc.assert(
			fc.property(fc.array(events, {maxLength: 20}), (list) => {
				let e = newEntry('key-1', submission, [], now);
				let sent = false;
				for (const ev of list) {
					e = applyEvent(e, ev, now, () => 0.5);
					if (ev.type === 'post_started') sent = true;
				}
				expect(e.maybeSent).toBe(sent);
			}),
		);
	});

	it('a blob the hub lost is uploaded again', () => {
		let e = newEntry('key-1', submission, [blob('a')], now);
		e = applyEvent(e, {type: 'blob_confirmed', sha256: blob('a').sha256}, now, () => 0);
		e = applyEvent(e, {type: 'blob_missing', sha256: blob('a').sha256}, now, () => 0);
		expect(nextAction(e, now)).toEqual({kind: 'upload', blob: blob('a')});
	});

	it('classifies hub errors: busy → retry, refused for good → failed, lost answer keeps maybeSent', () => {
		const busy = new HubError('hub_unavailable', {'zh-CN': 'x', en: 'x'}, {retryable: true, retryAfterMs: 3000});
		expect(classify(busy, true)).toMatchObject({type: 'transient_failure', postNotProcessed: true, retryAfterMs: 3000});
		const lost = new HubError('hub_connection_lost', {'zh-CN': 'x', en: 'x'}, {retryable: true, outcomeUnknown: true});
		expect(classify(lost, true)).toMatchObject({type: 'transient_failure', postNotProcessed: false});
		expect(classify(new HubRejectedError(409, 'idempotency_conflict', {'zh-CN': 'x', en: 'x'}), true).type).toBe('rejected');
		expect(classify(new HubRejectedError(422, 'blob_missing', {'zh-CN': 'x', en: 'x'}, {sha256: 'f'.repeat(64)}), true)).toEqual({type: 'blob_missing', sha256: 'f'.repeat(64)});
	});
});

describe('backoff', () => {
	it('grows, stays under the cap, and never undercuts Retry-After', () => {
		fc.assert(
			fc.property(fc.integer({min: 1, max: 30}), fc.double({min: 0, max: 0.999, noNaN: true}), fc.option(fc.integer({min: 0, max: 120_000}), {nil: undefined}), (attempt, r, retryAfter) => {
				const d = backoffDelay(attempt, () => r, {baseMs: 100, maxMs: 10_000}, retryAfter);
				expect(d).toBeGreaterThanOrEqual(retryAfter ?? 0);
				if (retryAfter === undefined) expect(d).toBeLessThanOrEqual(10_000);
			}),
		);
		expect(backoffDelay(3, () => 0, {baseMs: 100, maxMs: 10_000})).toBe(200);
	});

	it('parses Retry-After in seconds and as an HTTP date', () => {
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter(new Date(now.getTime() + 5000).toUTCString(), now)).toBe(5000);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
	});
});

describe('tracking', () => {
	it('timeline is in time order with 收分转汇 stages', () => {
		const steps = timeline({
			history: [
				{status: 'dispatched', node: '44', at: '2025-06-05T01:30:00Z'},
				{status: 'received', node: '44', at: '2025-06-05T01:00:00Z'},
			],
		});
		expect(steps.map((s) => [s.stage, s.waitedMinutes])).toEqual([
			['收', undefined],
			['分', 30],
		]);
		expect(isValidHistory(['received', 'dispatched', 'accepted', 'in_review', 'returned', 'in_review', 'approved', 'completed'])).toBe(true);
		expect(isValidHistory(['received', 'accepted'])).toBe(false);
	});

	it('streams batch rows in input order with at most `concurrency` chunks in flight', async () => {
		let inFlight = 0;
		let peak = 0;
		const hub = {
			async batchStatus(ids: readonly string[]) {
				inFlight++;
				peak = Math.max(peak, inFlight);
				// Later chunks answer first: order must still hold.
				await new Promise((r) => setImmediate(r));
				if (ids[0] === 'C-0000') await new Promise((r) => setImmediate(r));
				inFlight--;
				return ids.map((caseId) => (caseId.endsWith('7') ? {caseId, error: 'not_found' as const} : {caseId, status: 'received' as const, updatedAt: now.toISOString()}));
			},
		};
		async function* ids() {
			for (let i = 0; i < 2345; i++) yield `C-${String(i).padStart(4, '0')}`;
			yield 'no good';
		}
		const rows = [];
		for await (const row of streamBatchStatus(hub, ids(), {concurrency: 3, chunkSize: 100})) rows.push(row);
		expect(rows.map((r) => r.caseId)).toEqual([...Array.from({length: 2345}, (_, i) => `C-${String(i).padStart(4, '0')}`), 'no good']);
		expect(rows.at(-1)).toEqual({caseId: 'no good', error: 'invalid_id'});
		expect(peak).toBeLessThanOrEqual(3);
		expect(peak).toBeGreaterThan(1);
	});
});

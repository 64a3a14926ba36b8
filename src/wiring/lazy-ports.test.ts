/**
 * The console's lazy ports when the backend never comes (e.g. another console holds the audit
 * log): callers that wait get the error, fire-and-forget uses and subscriptions stay quiet, so
 * the command reports the failure once instead of the process dying on an unhandled rejection.
 */
import {describe, expect, it} from 'vitest';
import {Later} from './later.js';
import {lazyAudit, lazyCamera, lazyDemoCards, lazySubmission} from './lazy-ports.js';
import type {AuditPort, CameraPort, DemoCardsPort, SubmissionPort} from '../ui/services.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('lazy ports over a backend that failed', () => {
	it('reject what is awaited and swallow what is not (vitest fails the run on an unhandled rejection)', async () => {
		const submission = new Later<SubmissionPort>();
		const audit = new Later<AuditPort>();
		const cards = new Later<DemoCardsPort>();
		const camera = new Later<CameraPort>();
		const port = lazySubmission(submission, {canPrint: true});
		const unsubscribe = port.subscribe(() => undefined);
		lazyAudit(audit).setActor({id: 'op-1', role: 'clerk'});
		lazyDemoCards(cards).place('resident');
		lazyCamera(camera, {demoPages: true}).setPage!('dark');
		const failure = new Error('audit log locked');
		for (const later of [submission, audit, cards, camera] as Array<Later<unknown>>) later.reject(failure);
		await expect(port.submit('d-1', 'op-1')).rejects.toBe(failure);
		await expect(port.print!('TB44-20261127-0000001')).rejects.toBe(failure);
		await tick();
		unsubscribe();
	});

	it('subscribe once the port is there, and not after unsubscribing', async () => {
		const later = new Later<SubmissionPort>();
		const listeners: unknown[] = [];
		const real: SubmissionPort = {
			submit: async () => ({status: 'queued'}),
			subscribe: (listener) => {
				listeners.push(listener);
				return () => listeners.splice(listeners.indexOf(listener), 1);
			},
			receipt: async () => undefined,
		};
		const port = lazySubmission(later, {canPrint: false});
		expect(port.print).toBeUndefined();
		const stop = port.subscribe(() => undefined);
		const early = port.subscribe(() => undefined);
		early();
		later.resolve(real);
		await tick();
		expect(listeners).toHaveLength(1);
		stop();
		expect(listeners).toHaveLength(0);
	});
});

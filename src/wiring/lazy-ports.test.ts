/**
 * The console's lazy ports when the backend never comes (e.g. another console holds the audit
 * log): callers that wait get the error, fire-and-forget uses and subscriptions stay quiet, so
 * the command reports the failure once instead of the process dying on an unhandled rejection.
 */
import {describe, expect, it} from 'vitest';
import {HubStatus} from './hub-status.js';
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

	it('the demo card and camera page subscriptions reach the demo once it is up, and tell the view then', () => {
		const cards = new Later<DemoCardsPort>();
		const camera = new Later<CameraPort>();
		const told: string[] = [];
		const real = {cards: new Set<() => void>(), pages: new Set<() => void>()};
		const into = (set: Set<() => void>) => (listener: () => void) => {
			set.add(listener);
			return () => void set.delete(listener);
		};
		const stopCards = lazyDemoCards(cards).subscribe(() => told.push('card'));
		const stopPages = lazyCamera(camera, {demoPages: true}).onPageChange!(() => told.push('page'));
		expect(told).toEqual([]);
		cards.resolve({ids: () => [], current: () => undefined, place: () => undefined, lift: () => undefined, subscribe: into(real.cards)});
		camera.resolve({capture: async () => Promise.reject(new Error('unused')), page: () => 'hukou', onPageChange: into(real.pages)});
		expect(told).toEqual(['card', 'page']);
		for (const listener of [...real.cards, ...real.pages]) listener();
		expect(told).toEqual(['card', 'page', 'card', 'page']);
		stopCards();
		stopPages();
		expect(real.cards.size + real.pages.size).toBe(0);
	});
});

describe('the hub status', () => {
	it('tells its subscribers of each change, once, and not after they leave', () => {
		const hub = new HubStatus('offline');
		const seen: string[] = [];
		const stop = hub.subscribe(() => seen.push(hub.get()));
		hub.reachable(true);
		hub.reachable(true);
		hub.reachable(false);
		stop();
		hub.reachable(true);
		expect(seen).toEqual(['online', 'offline']);
		expect(hub.get()).toBe('online');
	});

	it('stays "demo" whatever the calls learn', () => {
		const hub = new HubStatus('demo');
		const seen: string[] = [];
		hub.subscribe(() => seen.push(hub.get()));
		hub.reachable(false);
		hub.reachable(true);
		expect([hub.get(), seen]).toEqual(['demo', []]);
	});
});

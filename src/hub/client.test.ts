/**
 * The hub client through real sockets (the mock hub on 127.0.0.1:0): deadlines, retries with
 * Retry-After, lookup before resend, response validation, and the token kept out of sight.
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {inspect} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import {HubError} from '../core/errors.js';
import {startMockHub} from '../../mocks/hub/server.js';
import {demoDraft} from '../../mocks/hub/demo-cases.js';
import {HubClient, type HubClientOptions} from './client.js';
import {errorText} from '../i18n/errors.js';
import {caught} from '../test-utils/caught.js';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
	for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(faults?: string, options: Partial<HubClientOptions> = {}) {
	const hub = await startMockHub(faults ? {faults, seed: 3} : {});
	const sleeps: number[] = [];
	const client = new HubClient({
		baseUrl: hub.url,
		terminalId: 'T-DEMO-0001',
		token: 'demo-api-token',
		retries: 3,
		sleep: async (ms) => void sleeps.push(ms),
		...options,
	});
	cleanups.push(() => hub.close(), () => client.close());
	return {hub, client, sleeps};
}

describe('HubClient', () => {
	it('gives every call its own deadline (a slow body times out instead of hanging)', async () => {
		const {client} = await setup('nodes:slow=2000', {timeoutMs: 100, retries: 0});
		const error = await caught(client.listNodes());
		expect(error).toBeInstanceOf(HubError);
		expect((error as HubError).code).toBe('hub_timeout');
		expect((error as HubError).exitCode).toBe(3);
	});

	it('retries idempotent calls, waiting at least what Retry-After asks', async () => {
		const {hub, client, sleeps} = await setup('*:retryAfter=7');
		hub.faults.failNext(2, '503', 'nodes');
		expect((await client.listNodes()).length).toBeGreaterThan(0);
		expect(hub.counts.get('nodes')).toBe(3);
		expect(sleeps).toHaveLength(2);
		for (const ms of sleeps) expect(ms).toBeGreaterThanOrEqual(7000);
	});

	it('retries a GET whose connection was reset', async () => {
		const {hub, client} = await setup();
		hub.faults.failNext(2, 'reset', 'nodes');
		expect((await client.listNodes()).length).toBeGreaterThan(0);
		expect(hub.counts.get('nodes')).toBe(3);
	});

	it('posts a case once: a lost answer comes back as outcome unknown (the outbox resolves it), never a second POST', async () => {
		const {hub, client} = await setup();
		hub.faults.failNext(1, 'reset', 'cases.create');
		const error = (await client.createCase('key-lost-0001', {...demoDraft(), materials: []}).catch((e: unknown) => e)) as HubError;
		expect(error).toBeInstanceOf(HubError);
		expect(error.outcomeUnknown).toBe(true);
		expect(hub.counts.get('cases.create')).toBe(1);
		expect(hub.counts.get('cases.query')).toBeUndefined();
		// The case may exist: only a lookup by key tells.
		expect((await client.findCaseByIdempotencyKey('key-lost-0001'))?.caseId).toBe(hub.state.byKey.get('key-lost-0001'));
	});

	it('a 503 on a case POST is "nothing done, try again later", not an unknown outcome', async () => {
		const {hub, client} = await setup();
		hub.faults.failNext(1, '503', 'cases.create');
		const error = (await client.createCase('key-busy-0001', {...demoDraft(), materials: []}).catch((e: unknown) => e)) as HubError;
		expect(error).toMatchObject({retryable: true, outcomeUnknown: false, status: 503});
		expect(hub.counts.get('cases.create')).toBe(1);
		expect(hub.state.cases.size).toBe(0);
	});

	it('sends the audit head it is given at each POST (a later one carries the newer head), never a malformed one', async () => {
		let asked = 0;
		const {hub, client} = await setup(undefined, {auditHead: () => ({seq: ++asked * 10, hash: String(asked).repeat(64)})});
		hub.faults.failNext(1, '503', 'cases.create');
		await client.createCase('key-head-0001', {...demoDraft(), materials: []}).catch(() => undefined);
		await client.createCase('key-head-0001', {...demoDraft(), materials: []});
		expect(asked).toBe(2);
		expect(hub.state.getAuditHead('T-DEMO-0001')).toMatchObject({seq: 20, hash: '2'.repeat(64)});
		expect(await client.getAuditHead('T-DEMO-0001')).toMatchObject({terminalId: 'T-DEMO-0001', seq: 20});
		const junk = new HubClient({baseUrl: hub.url, terminalId: 'T-JUNK', token: 'demo-api-token', retries: 0, auditHead: () => ({seq: 1.5, hash: 'xyz'})});
		cleanups.push(() => junk.close());
		expect((await junk.createCase('key-head-0002', {...demoDraft(), materials: []})).created).toBe(true);
		expect(await junk.getAuditHead('T-JUNK')).toBeNull();
	});

	it('does not retry what cannot succeed (4xx) and never retries a sign-in', async () => {
		const {hub, client} = await setup();
		await caught(client.getCase('TB44-NONE'));
		expect(hub.counts.get('cases.get')).toBe(1);
		hub.faults.failNext(1, '503', 'auth.signIn');
		await caught(client.signIn({operatorId: 'op-1001', pin: '246810', terminalId: 'T-DEMO-0001'}));
		expect(hub.counts.get('auth.signIn')).toBe(1);
	});

	it('never shows the token: not in errors, JSON or inspect output', async () => {
		const {client} = await setup();
		const error = await caught(new HubClient({baseUrl: 'http://127.0.0.1:1/api/v1', terminalId: 'T', token: 'demo-api-token', retries: 0}).listNodes());
		const shown = [JSON.stringify(client), inspect(client, {showHidden: true, depth: 5}), String(error), JSON.stringify((error as HubError).details), inspect(error, {depth: 5})].join('\n');
		expect(shown).not.toContain('demo-api-token');
		expect((error as HubError).code).toBe('hub_unreachable');
	});
});

describe('HubClient response validation', () => {
	let server: Server;
	async function answering(body: unknown, status = 200): Promise<HubClient> {
		server = createServer((_req, res) => {
			res.writeHead(status, {'content-type': 'application/json'});
			res.end(typeof body === 'string' ? body : JSON.stringify(body));
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const client = new HubClient({baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`, terminalId: 'T', retries: 0});
		cleanups.push(() => new Promise((r) => server.close(r)), () => client.close());
		return client;
	}

	it('names the field that is wrong', async () => {
		const client = await answering({caseId: 'TB44-1', status: 'received', receivingNode: '44', handlingNode: '44', receivedAt: '2025-06-05T01:00:00Z', itemCode: 'x', implementationCode: 'y', terminalId: 'T', updatedAt: '2025-06-05T01:00:00Z', history: [{status: 'lost', node: '44', at: '2025-06-05T01:00:00Z'}]});
		const error = (await caught(client.getCase('TB44-1'))) as HubError;
		expect(error.code).toBe('hub_invalid_response');
		expect(errorText(error, 'en')).toContain('history.0.status');
		expect(errorText(error, 'zh-CN')).toContain('GET /cases/{caseId}');
	});

	it('reports a body that is not JSON, and a batch answer out of order', async () => {
		expect(errorText(await caught((await answering('<html>')).listNodes()), 'en')).toContain('not JSON');
		server.close();
		const client = await answering({results: [{caseId: 'B', error: 'not_found'}, {caseId: 'A', error: 'not_found'}]});
		expect(errorText(await caught(client.batchStatus(['A', 'B'])), 'en')).toContain('order');
	});
});

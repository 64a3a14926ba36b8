/**
 * The doctor's hub checks against the real mock hub on 127.0.0.1 (port 0): over HTTPS with a
 * certificate made at test time (trusted through --ca: the chain's days to expiry; not trusted:
 * a failure, the connection refused, never bypassed), the clock against the hub's Date header
 * with the terminal's clock set ahead or behind, the sign-in endpoint, and a hub that is gone.
 */
import {rmSync} from 'node:fs';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {startMockHub, type MockHub} from '../../mocks/hub/server.js';
import {makeTestPki, opensslAvailable, type TestPki} from '../../src/test-utils/pki.js';
import {checkHub} from './hub.js';

const OPENSSL = opensslAvailable();
const realNow = () => new Date();
const hubs: MockHub[] = [];
afterEach(async () => {
	for (const h of hubs.splice(0)) await h.close();
});
const base = {tls: {}, now: realNow, timeoutMs: 5000, terminalId: 'T-DEMO-0001'};
const byCheck = (findings: Awaited<ReturnType<typeof checkHub>>) => Object.fromEntries(findings.map((f) => [f.check, f]));

describe('doctor: the hub', () => {
	let soon: TestPki | undefined;
	let late: TestPki | undefined;
	beforeAll(() => {
		if (!OPENSSL) return;
		soon = makeTestPki(10);
		late = makeTestPki(400);
	});
	afterAll(() => {
		for (const p of [soon, late]) if (p) rmSync(p.dir, {recursive: true, force: true});
	});

	it.skipIf(!OPENSSL)('https: a chain trusted through --ca is verified and its days to expiry told (10 days: warn, 400: ok); without the CA it is a failure', async () => {
		const hubSoon = await startMockHub({tls: {cert: soon!.serverCert, key: soon!.serverKey}});
		const hubLate = await startMockHub({tls: {cert: late!.serverCert, key: late!.serverKey}});
		hubs.push(hubSoon, hubLate);
		expect(hubSoon.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+/);

		const warned = byCheck(await checkHub({...base, baseUrl: hubSoon.url, tls: {caFile: soon!.caFile}}));
		expect(warned['hub.tls']).toMatchObject({status: 'warn', code: 'tls.expiring', params: {chain: 2}});
		expect(warned['hub.tls']!.params['days']).toBeGreaterThanOrEqual(9);
		expect(warned['hub.tls']!.params['days']).toBeLessThanOrEqual(10);
		expect(warned['hub.reach']).toMatchObject({status: 'ok'});
		expect(warned['hub.signin']).toMatchObject({status: 'ok', code: 'signin.ok'});

		const fine = byCheck(await checkHub({...base, baseUrl: hubLate.url, tls: {caFile: late!.caFile}}));
		expect(fine['hub.tls']).toMatchObject({status: 'ok', code: 'tls.ok'});
		expect(fine['hub.tls']!.params['days']).toBeGreaterThanOrEqual(399);

		// Not trusted: the handshake is refused and nothing after it is asked
		const untrusted = await checkHub({...base, baseUrl: hubLate.url});
		expect(untrusted.map((f) => f.check)).toEqual(['hub.dns', 'hub.tls']);
		expect(untrusted[1]).toMatchObject({status: 'fail', code: 'tls.untrusted', exitCode: 3});
		expect(String(untrusted[1]!.params['code'])).toMatch(/UNABLE_TO_(GET_ISSUER_CERT_LOCALLY|VERIFY_LEAF_SIGNATURE)|SELF_SIGNED/);
		// The wrong CA is not trusted either
		const wrongCa = byCheck(await checkHub({...base, baseUrl: hubLate.url, tls: {caFile: soon!.caFile}}));
		expect(wrongCa['hub.tls']).toMatchObject({status: 'fail', code: 'tls.untrusted'});
	});

	it('the clock against the hub\'s Date header: in step ok, 45 s ahead warn, 10 min behind fail (exit 1)', async () => {
		const hub = await startMockHub({});
		hubs.push(hub);
		const at = async (offsetMs: number) => byCheck(await checkHub({...base, baseUrl: hub.url, now: () => new Date(Date.now() + offsetMs)}));
		const inStep = await at(0);
		expect(inStep['hub.clock']).toMatchObject({status: 'ok', code: 'clock.ok'});
		expect(inStep['hub.tls']).toMatchObject({status: 'warn', code: 'tls.http'});
		expect(inStep['hub.signin']).toMatchObject({status: 'ok'});
		const ahead = await at(45_000);
		expect(ahead['hub.clock']).toMatchObject({status: 'warn', code: 'clock.warn', params: {direction: 'ahead'}});
		const behind = await at(-600_000);
		expect(behind['hub.clock']).toMatchObject({status: 'fail', code: 'clock.fail', exitCode: 1, params: {direction: 'behind'}});
		expect(Number(behind['hub.clock']!.params['seconds'])).toBeGreaterThanOrEqual(598);
	});

	it('a hub that is gone, a path that is not the hub, a name that does not resolve: exit 3 findings', async () => {
		const hub = await startMockHub({});
		const url = hub.url;
		await hub.close();
		const gone = byCheck(await checkHub({...base, baseUrl: url}));
		expect(gone['hub.reach']).toMatchObject({status: 'fail', code: 'reach.fail', exitCode: 3});
		expect(gone['hub.clock']).toBeUndefined();

		const other = await startMockHub({});
		hubs.push(other);
		const wrongPath = byCheck(await checkHub({...base, baseUrl: other.url.replace(/\/api\/v1$/, '/nope')}));
		expect(wrongPath['hub.reach']).toMatchObject({status: 'fail', code: 'reach.notHub', exitCode: 3});

		const unresolved = byCheck(await checkHub({...base, baseUrl: 'https://hub.invalid/api/v1'}));
		expect(unresolved['hub.dns']).toMatchObject({status: 'fail', code: 'dns.fail', exitCode: 3});
	});
});

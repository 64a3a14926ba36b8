/**
 * The hub client's TLS and proxy behaviour over real sockets on 127.0.0.1: a throwaway CA made
 * with the openssl CLI, the mock hub served over HTTPS (optionally requiring a client
 * certificate), and a tiny CONNECT proxy that counts its tunnels. Shows that verification is
 * always on, that an untrusted hub gets a clear error without the token in it, and that
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import {connect as connectTcp, type AddressInfo, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {inspect} from 'node:util';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {startMockHub, type MockHub, type MockHubOptions} from '../../mocks/hub/server.js';
import {HubError} from '../core/errors.js';
import {HubClient, type HubClientOptions} from './client.js';
import {tlsConnectOptions, type HubTlsOptions} from './dispatcher.js';
import {errorText, errorTexts} from '../i18n/errors.js';
import {caught, thrown} from '../test-utils/caught.js';
import {TEST_OPENSSL_CNF} from '../test-utils/pki.js';

const TOKEN = 'tls-test-secret-token-7f3a9c';

// ----- a throwaway PKI -----

function hasOpenssl(): boolean {
	try {
		execFileSync('openssl', ['version'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}
const OPENSSL = hasOpenssl();
if (!OPENSSL) console.warn('tls-proxy.test: the openssl CLI is missing, so the TLS tests are skipped (the proxy test over plain HTTP still runs)');

interface Pki {
	dir: string;
	caFile: string;
	serverCert: string;
	serverKey: string;
	clientCertFile: string;
	clientKeyFile: string;
	/** A second CA that signed nothing the hub trusts. */
	otherCaFile: string;
}


function makePki(): Pki {
	const dir = mkdtempSync(join(tmpdir(), 'tongban-tls-'));
	const cnf = join(dir, 'openssl.cnf');
	writeFileSync(cnf, TEST_OPENSSL_CNF);
	const ssl = (...args: string[]) => execFileSync('openssl', args, {cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000});
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	const makeCa = (name: string) => ssl('req', '-config', cnf, '-x509', '-new', ...ec, '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=tongban ${name}`, '-extensions', 'ca');
	const makeLeaf = (name: string, cn: string, section: string) => {
		ssl('req', '-config', cnf, '-new', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
		ssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', String(Date.now()), '-days', '2', '-out', `${name}.pem`, '-extfile', cnf, '-extensions', section);
	};
	makeCa('ca');
	makeCa('other-ca');
	makeLeaf('server', '127.0.0.1', 'server');
	makeLeaf('client', 'T-DEMO-0001', 'client');
	return {
		dir,
		caFile: join(dir, 'ca.pem'),
		serverCert: readFileSync(join(dir, 'server.pem'), 'utf8'),
		serverKey: readFileSync(join(dir, 'server.key'), 'utf8'),
		clientCertFile: join(dir, 'client.pem'),
		clientKeyFile: join(dir, 'client.key'),
		otherCaFile: join(dir, 'other-ca.pem'),
	};
}

let pki: Pki | undefined;
beforeAll(() => {
	if (OPENSSL) pki = makePki();
});
afterAll(() => {
	if (pki) rmSync(pki.dir, {recursive: true, force: true});
});
function thePki(): Pki {
	if (!pki) throw new Error('no PKI (openssl missing)');
	return pki;
}

// ----- environment: proxies are read from it, so every test starts from a clean one -----

const PROXY_VARS = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY', 'NODE_TLS_REJECT_UNAUTHORIZED'] as const;
let savedEnv: Record<string, string | undefined> = {};
beforeEach(() => {
	savedEnv = Object.fromEntries(PROXY_VARS.map((k) => [k, process.env[k]]));
	for (const k of PROXY_VARS) delete process.env[k];
});

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
	for (const c of cleanups.splice(0).reverse()) await c();
	for (const k of PROXY_VARS) {
		const v = savedEnv[k];
		if (v === undefined) delete process.env[k];
		else process.env[k] = v;
	}
});

async function hub(options: MockHubOptions = {}): Promise<MockHub> {
	const h = await startMockHub(options);
	cleanups.push(() => h.close());
	return h;
}

async function httpsHub(mutual = false): Promise<MockHub> {
	const p = thePki();
	return hub({tls: {cert: p.serverCert, key: p.serverKey, ...(mutual ? {clientCa: readFileSync(p.caFile)} : {})}});
}

function client(baseUrl: string, options: Partial<HubClientOptions> = {}): HubClient {
	const c = new HubClient({baseUrl, terminalId: 'T-DEMO-0001', token: TOKEN, retries: 0, timeoutMs: 5_000, ...options});
	cleanups.push(() => c.close());
	return c;
}

/** Everything a user or a log could ever see of an error. */
function everythingShown(error: Error): string {
	const messages = error instanceof HubError ? Object.values(errorTexts(error)).join('\n') : '';
	return [error.message, messages, JSON.stringify(error), JSON.stringify((error as HubError).details ?? {}), inspect(error, {depth: 8}), String(error.stack)].join('\n');
}

// ----- a CONNECT proxy that counts its tunnels -----

interface CountingProxy {
	url: string;
	readonly tunnels: number;
	/** host:port of every CONNECT received. */
	readonly targets: string[];
}

async function countingProxy(): Promise<CountingProxy> {
	const targets: string[] = [];
	const sockets = new Set<Socket>();
	const track = (s: Socket) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	};
	const server: Server = createServer((_req, res) => {
		// Only tunnels: a plain forwarded request would mean the client did not tunnel.
		res.writeHead(405).end();
	});
	server.on('connection', track);
	server.on('connect', (req, clientSocket: Socket, head: Buffer) => {
		const target = req.url ?? '';
		targets.push(target);
		const match = /^127\.0\.0\.1:(\d+)$/.exec(target);
		if (!match) {
			// Loopback only: the test proxy never reaches out of the machine.
			clientSocket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		const upstream = connectTcp(Number(match[1]), '127.0.0.1', () => {
			clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length > 0) upstream.write(head);
			upstream.pipe(clientSocket);
			clientSocket.pipe(upstream);
		});
		track(upstream);
		upstream.on('error', () => clientSocket.destroy());
		clientSocket.on('error', () => upstream.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	cleanups.push(async () => {
		for (const s of sockets) s.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		get tunnels() {
			return targets.length;
		},
		targets,
	};
}

// ----- tests -----

describe.skipIf(!OPENSSL)('hub client over TLS', () => {
	it('talks to an HTTPS hub whose certificate is signed by the CA given with caFile', async () => {
		const h = await httpsHub();
		expect(h.url.startsWith('https://127.0.0.1:')).toBe(true);
		const nodes = await client(h.url, {tls: {caFile: thePki().caFile}}).listNodes();
		expect(nodes.length).toBeGreaterThan(0);
		expect(h.counts.get('nodes')).toBe(1);
	});

	it('refuses a hub whose certificate it cannot verify, with a specific error that keeps the token out', async () => {
		const h = await httpsHub();
		const error = await caught(client(h.url).listNodes());
		expect(error).toBeInstanceOf(HubError);
		const hubError = error as HubError;
		expect(hubError.code).toBe('hub_tls_untrusted');
		expect(hubError.exitCode).toBe(3);
		// Retrying does not make a certificate trusted.
		expect(hubError.retryable).toBe(false);
		expect(hubError.details?.['cause']).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
		expect(errorText(hubError, 'zh-CN')).toContain('证书不受信任');
		expect(errorText(hubError, 'zh-CN')).toContain('--ca');
		expect(errorText(hubError, 'en')).toContain('not trusted');
		expect(errorText(hubError, 'en')).toContain('verification stays on');
		// The request never reached the hub's routes.
		expect(h.counts.get('nodes')).toBeUndefined();
		const shown = everythingShown(error);
		expect(shown).not.toContain(TOKEN);
		expect(shown.toLowerCase()).not.toContain('bearer');
		expect(shown.toLowerCase()).not.toContain('authorization');
	});

	it('refuses a hub signed by a different CA than the one configured', async () => {
		const h = await httpsHub();
		const error = await caught(client(h.url, {tls: {caFile: thePki().otherCaFile}}).listNodes());
		expect((error as HubError).code).toBe('hub_tls_untrusted');
		expect(everythingShown(error)).not.toContain(TOKEN);
	});

	it('without a client certificate a hub that requires one refuses; with cert + key it answers', async () => {
		const h = await httpsHub(true);
		const p = thePki();
		const refused = await caught(client(h.url, {tls: {caFile: p.caFile}}).listNodes());
		expect(refused).toBeInstanceOf(HubError);
		expect((refused as HubError).code).toBe('hub_tls_client_cert');
		expect(errorText((refused as HubError), 'zh-CN')).toContain('--cert');
		expect(errorText((refused as HubError), 'en')).toContain('client certificate');
		expect(everythingShown(refused)).not.toContain(TOKEN);
		expect(h.counts.get('nodes')).toBeUndefined();

		const nodes = await client(h.url, {tls: {caFile: p.caFile, certFile: p.clientCertFile, keyFile: p.clientKeyFile}}).listNodes();
		expect(nodes.length).toBeGreaterThan(0);
		expect(h.counts.get('nodes')).toBe(1);
	});

	it('has no way to turn verification off', async () => {
		// The options type has no such switch (tsc checks these lines: an excess property is an error).
		const tlsOff: HubTlsOptions = {
			// @ts-expect-error rejectUnauthorized is not an option of the hub client
			rejectUnauthorized: false,
		};
		expect(tlsConnectOptions(tlsOff).rejectUnauthorized).toBe(true);
		expect(tlsConnectOptions({caFile: thePki().caFile}).rejectUnauthorized).toBe(true);

		// Smuggled in at run time, or set in the environment, it changes nothing: the connect
		// options always say rejectUnauthorized: true, which wins over NODE_TLS_REJECT_UNAUTHORIZED.
		const h = await httpsHub();
		process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';
		const smuggled = {rejectUnauthorized: false, insecure: true} as unknown as HubTlsOptions;
		const error = await caught(client(h.url, {tls: smuggled}).listNodes());
		expect((error as HubError).code).toBe('hub_tls_untrusted');
		expect(h.counts.get('nodes')).toBeUndefined();
	});

	it('reports a missing CA file as bad input naming the file, before any connection', () => {
		const missing = join(thePki().dir, 'no-such-ca.pem');
		expect(errorText(thrown(() => client('https://127.0.0.1:9/api/v1', {tls: {caFile: missing}})), 'zh-CN')).toMatch(/no-such-ca\.pem/);
		expect(errorText(thrown(() => client('https://127.0.0.1:9/api/v1', {tls: {certFile: thePki().clientCertFile}})), 'en')).toMatch(/--cert/);
	});
});

describe.skipIf(!OPENSSL)('hub client through an HTTPS proxy (CONNECT)', () => {
	it('tunnels through HTTPS_PROXY, still verifying the hub certificate end to end', async () => {
		const h = await httpsHub();
		const proxy = await countingProxy();
		// EnvHttpProxyAgent reads HTTPS_PROXY when the client (its dispatcher) is built.
		process.env['HTTPS_PROXY'] = proxy.url;
		const c = client(h.url, {tls: {caFile: thePki().caFile}});
		expect((await c.listNodes()).length).toBeGreaterThan(0);
		expect(proxy.tunnels).toBeGreaterThan(0);
		expect(proxy.targets.every((t) => t === new URL(h.url).host)).toBe(true);

		// Through the tunnel the hub's certificate is still checked.
		const untrusted = await caught(client(h.url).listNodes());
		expect((untrusted as HubError).code).toBe('hub_tls_untrusted');
		expect(everythingShown(untrusted)).not.toContain(TOKEN);
	});

	it('goes direct for hosts in NO_PROXY', async () => {
		const h = await httpsHub();
		const proxy = await countingProxy();
		process.env['HTTPS_PROXY'] = proxy.url;
		process.env['HTTP_PROXY'] = proxy.url;
		process.env['NO_PROXY'] = '127.0.0.1';
		const c = client(h.url, {tls: {caFile: thePki().caFile}});
		expect((await c.listNodes()).length).toBeGreaterThan(0);
		expect(h.counts.get('nodes')).toBe(1);
		expect(proxy.tunnels).toBe(0);
	});
});

describe('hub client through an HTTP proxy', () => {
	it('sends plain-HTTP hub calls through HTTP_PROXY, and not when NO_PROXY lists the host', async () => {
		const h = await hub();
		const proxy = await countingProxy();
		process.env['HTTP_PROXY'] = proxy.url;
		expect((await client(h.url).listNodes()).length).toBeGreaterThan(0);
		expect(proxy.tunnels).toBeGreaterThan(0);

		const before = proxy.tunnels;
		process.env['NO_PROXY'] = 'localhost,127.0.0.1';
		expect((await client(h.url).listNodes()).length).toBeGreaterThan(0);
		expect(proxy.tunnels).toBe(before);
		expect(h.counts.get('nodes')).toBe(2);
	});

	it('a dead proxy is reported as an unreachable hub, without the token', async () => {
		const h = await hub();
		// A port that was just free: nothing listens there now.
		const probe = createServer();
		await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
		const {port} = probe.address() as AddressInfo;
		await new Promise<void>((resolve) => probe.close(() => resolve()));
		process.env['HTTP_PROXY'] = `http://127.0.0.1:${port}`;
		const error = await caught(client(h.url).listNodes());
		expect(error).toBeInstanceOf(HubError);
		expect(everythingShown(error)).not.toContain(TOKEN);
		expect(h.counts.get('nodes')).toBeUndefined();
	});
});

/**
 * The doctor's checks of the hub: the name resolves, the TLS chain verifies (always verified, as
 * the client does: an untrusted chain is a finding, never bypassed) and how soon it expires, the
 * hub answers `GET /nodes`, the terminal's clock against the hub's `Date` header, and the sign-in
 * endpoint is there (`POST /auth/sessions` with an empty request: 422 by the contract; no operator
 * is named, so no PIN is needed and nobody can be locked out). Each check stops the ones after it
 * that could only fail the same way.
 */
import {randomUUID} from 'node:crypto';
import {lookup} from 'node:dns/promises';
import {isIP} from 'node:net';
import {connect as tlsConnect, type PeerCertificate, type TLSSocket} from 'node:tls';
import {request} from 'undici';
import {clockSkewMs, finding, judgeCertificate, judgeSkew, type Finding} from '../../src/core/doctor/findings.js';
import {errorTexts} from '../../src/i18n/errors.js';
import {createHubDispatcher, tlsConnectOptions, type HubTlsOptions} from '../../src/hub/dispatcher.js';
import {networkError} from '../../src/hub/errors.js';
import {nodesSchema} from '../../src/hub/schemas.js';

export interface HubCheckOptions {
	/** With the version path, e.g. https://hub.example/api/v1. */
	baseUrl: string;
	tls: HubTlsOptions;
	/** The terminal's clock (the one compared with the hub's). */
	now: () => Date;
	timeoutMs: number;
	terminalId: string;
}

/** Node's codes for a chain that does not verify (as opposed to a connection that failed). */
const UNTRUSTED = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|ISSUER|SIGNATURE|CHAIN/;

export async function checkHub(options: HubCheckOptions): Promise<Finding[]> {
	const url = new URL(options.baseUrl);
	const host = url.hostname.replace(/^\[|\]$/g, '');
	const findings: Finding[] = [];
	if (isIP(host)) findings.push(finding('hub.dns', 'ok', 'dns.ip', {host}));
	else {
		try {
			const addresses = await lookup(host, {all: true});
			findings.push(finding('hub.dns', 'ok', 'dns.ok', {host, count: addresses.length}));
		} catch (error) {
			findings.push(finding('hub.dns', 'fail', 'dns.fail', {host, code: String((error as NodeJS.ErrnoException).code ?? 'unknown')}, 3));
			return findings;
		}
	}
	if (url.protocol === 'https:') {
		const tls = await checkTls(host, Number(url.port || 443), options);
		findings.push(tls);
		if (tls.status === 'fail') return findings;
	} else findings.push(finding('hub.tls', 'warn', 'tls.http'));

	const dispatcher = createHubDispatcher({tls: options.tls, connections: 1});
	const headers = () => ({accept: 'application/json', 'x-request-id': randomUUID(), 'x-terminal-id': options.terminalId});
	try {
		const nodes = `${options.baseUrl}/nodes`;
		const call = 'GET /nodes';
		const sentAt = options.now();
		const started = performance.now();
		let answer;
		try {
			answer = await request(nodes, {method: 'GET', headers: headers(), dispatcher, signal: AbortSignal.timeout(options.timeoutMs)});
		} catch (error) {
			findings.push(finding('hub.reach', 'fail', 'reach.fail', {reason: errorTexts(networkError(error, call, options.timeoutMs))}, 3));
			return findings;
		}
		const answeredAt = options.now();
		const ms = Math.round(performance.now() - started);
		const text = await answer.body.text();
		if (answer.statusCode !== 200 || !isNodes(text)) {
			findings.push(finding('hub.reach', 'fail', 'reach.notHub', {call, status: answer.statusCode}, 3));
			return findings;
		}
		findings.push(finding('hub.reach', 'ok', 'reach.ok', {call, ms}));
		const date = answer.headers['date'];
		const hubDate = typeof date === 'string' ? new Date(date) : undefined;
		findings.push(hubDate && !Number.isNaN(hubDate.getTime()) ? judgeSkew(clockSkewMs(hubDate, sentAt, answeredAt)) : finding('hub.clock', 'warn', 'clock.noDate'));

		const signInCall = 'POST /auth/sessions';
		try {
			const current = await request(`${options.baseUrl}/auth/sessions`, {
				method: 'POST',
				headers: {...headers(), 'content-type': 'application/json'},
				body: '{}',
				dispatcher,
				signal: AbortSignal.timeout(options.timeoutMs),
			});
			const problem = await current.body.text();
			findings.push(current.statusCode === 422 && problem.includes('validation_failed') ? finding('hub.signin', 'ok', 'signin.ok', {call: signInCall}) : finding('hub.signin', 'fail', 'signin.fail', {call: signInCall, status: current.statusCode}, 3));
		} catch (error) {
			findings.push(finding('hub.signin', 'fail', 'reach.fail', {reason: errorTexts(networkError(error, signInCall, options.timeoutMs))}, 3));
		}
		return findings;
	} finally {
		await dispatcher.close();
	}
}

function isNodes(text: string): boolean {
	try {
		return nodesSchema.safeParse(JSON.parse(text)).success;
	} catch {
		return false;
	}
}

/** A handshake with verification on, as the client's (the same CA and client certificate files). */
async function checkTls(host: string, port: number, options: HubCheckOptions): Promise<Finding> {
	let connect;
	try {
		connect = tlsConnectOptions(options.tls);
	} catch (error) {
		return finding('hub.tls', 'fail', 'tls.failed', {code: errorTexts(error)}, 2);
	}
	return new Promise<Finding>((done) => {
		const socket: TLSSocket = tlsConnect({host, port, ...(isIP(host) ? {} : {servername: host}), ...connect, timeout: options.timeoutMs});
		const finish = (result: Finding) => {
			socket.destroy();
			done(result);
		};
		socket.once('secureConnect', () => {
			const chain = chainOf(socket.getPeerCertificate(true));
			const first = Math.min(...chain.map((c) => Date.parse(c.valid_to)).filter(Number.isFinite));
			finish(judgeCertificate(new Date(first), options.now(), chain.length));
		});
		socket.once('timeout', () => finish(finding('hub.tls', 'fail', 'tls.failed', {code: 'timeout'}, 3)));
		socket.once('error', (error: NodeJS.ErrnoException) => {
			const code = String(error.code ?? 'unknown');
			finish(finding('hub.tls', 'fail', UNTRUSTED.test(code) ? 'tls.untrusted' : 'tls.failed', {code}, 3));
		});
	});
}

/** The leaf and its issuers as the hub sent them (a self-signed root points at itself). */
function chainOf(leaf: PeerCertificate & {issuerCertificate?: PeerCertificate}): PeerCertificate[] {
	const chain: PeerCertificate[] = [];
	let cert: (PeerCertificate & {issuerCertificate?: PeerCertificate}) | undefined = leaf;
	while (cert && Object.keys(cert).length > 0 && !chain.includes(cert)) {
		chain.push(cert);
		cert = cert.issuerCertificate as typeof cert;
	}
	return chain;
}

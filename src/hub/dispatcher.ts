/**
 * The one connection pool of the process: keep-alive, TLS with verification always on (an extra
 * CA and a client certificate can be given), and proxies from the environment (HTTPS_PROXY,
 * HTTP_PROXY, NO_PROXY) through undici's EnvHttpProxyAgent, which falls back to a plain Agent for
 * hosts that are not proxied.
 */
import {readFileSync} from 'node:fs';
import {buildConnector, EnvHttpProxyAgent, type Dispatcher} from 'undici';
import {InputError} from '../core/errors.js';
import {systemReason} from '../core/reasons.js';

export interface HubTlsOptions {
	/** PEM file with the CA(s) that signed the hub's certificate (added to verification). */
	caFile?: string;
	/** Client certificate and key (PEM) for mutual TLS. */
	certFile?: string;
	keyFile?: string;
}

export interface DispatcherOptions {
	tls?: HubTlsOptions;
	/** Connection pool per origin. */
	connections?: number;
	keepAliveTimeoutMs?: number;
	connectTimeoutMs?: number;
}

const PEM_KINDS = {
	ca: {'zh-CN': 'CA 证书', en: 'CA certificate'},
	cert: {'zh-CN': '客户端证书', en: 'client certificate'},
	key: {'zh-CN': '客户端私钥', en: 'client key'},
} as const;

function readPem(file: string, kind: keyof typeof PEM_KINDS): Buffer {
	try {
		return readFileSync(file);
	} catch (error) {
		throw new InputError('hub_tls_file', {what: PEM_KINDS[kind], file, reason: systemReason(error)}, {file});
	}
}

export function tlsConnectOptions(tls: HubTlsOptions = {}): {ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized: true} {
	if (Boolean(tls.certFile) !== Boolean(tls.keyFile)) {
		throw new InputError('hub_tls_pair');
	}
	return {
		...(tls.caFile ? {ca: readPem(tls.caFile, 'ca')} : {}),
		...(tls.certFile ? {cert: readPem(tls.certFile, 'cert')} : {}),
		...(tls.keyFile ? {key: readPem(tls.keyFile, 'key')} : {}),
		// Never configurable: a hub with a certificate we cannot verify is not our hub.
		rejectUnauthorized: true,
	};
}

/**
 * TLS alerts the hub sent, by the local end of the socket. A TLS 1.3 hub that wants a client
 * certificate accepts the handshake and then sends an alert and closes; undici reports that as
 * "other side closed" and drops the alert, the one thing that says why. errors.ts looks it up by
 * the socket facts undici does keep (local address and port).
 */
const tlsAlerts = new Map<string, string>();
const TLS_ALERT_CODE = /^ERR_SSL_/;
/** Long enough for the failed request to be mapped; short enough that a reused port is not mislabelled. */
const ALERT_MEMORY_MS = 10_000;

function endpointKey(address: unknown, port: unknown): string {
	return `${String(address)}:${String(port)}`;
}

/** The TLS alert code seen on the socket undici describes, if any (`SocketError.socket`). */
export function tlsAlertOf(socketInfo: unknown): string | undefined {
	if (!socketInfo || typeof socketInfo !== 'object') return undefined;
	const {localAddress, localPort} = socketInfo as {localAddress?: unknown; localPort?: unknown};
	if (localPort === undefined) return undefined;
	return tlsAlerts.get(endpointKey(localAddress, localPort));
}

function alertRecordingConnector(options: buildConnector.BuildOptions): buildConnector.connector {
	const connect = buildConnector(options);
	return (opts, callback) => {
		connect(opts, (...args) => {
			const socket = args[1];
			if (socket) {
				const key = endpointKey(socket.localAddress, socket.localPort);
				socket.prependListener('error', (error: {code?: unknown}) => {
					if (typeof error.code !== 'string' || !TLS_ALERT_CODE.test(error.code)) return;
					tlsAlerts.set(key, error.code);
					setTimeout(() => tlsAlerts.delete(key), ALERT_MEMORY_MS).unref();
				});
			}
			callback(...args);
		});
	};
}

export function createHubDispatcher(options: DispatcherOptions = {}): Dispatcher {
	const tls = tlsConnectOptions(options.tls);
	return new EnvHttpProxyAgent({
		connections: options.connections ?? 8,
		keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
		connect: alertRecordingConnector({...tls, timeout: options.connectTimeoutMs ?? 5_000}),
		// TLS to the hub when the connection goes through an HTTPS proxy (CONNECT tunnel).
		requestTls: tls,
	} as ConstructorParameters<typeof EnvHttpProxyAgent>[0]);
}

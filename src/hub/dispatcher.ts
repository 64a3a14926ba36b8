/**
 * The one connection pool of the process: keep-alive, TLS with verification always on (an extra
 * CA and a client certificate can be given), and proxies from the environment (HTTPS_PROXY,
 * HTTP_PROXY, NO_PROXY) through undici's EnvHttpProxyAgent, which falls back to a plain Agent for
 * hosts that are not proxied.
 */
import {readFileSync} from 'node:fs';
import {EnvHttpProxyAgent, type Dispatcher} from 'undici';
import {InputError} from '../core/errors.js';

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

function readPem(file: string, what: string): Buffer {
	try {
		return readFileSync(file);
	} catch (error) {
		throw new InputError('hub_tls_file', `无法读取${what}文件 ${file}：${(error as Error).message}`, {file});
	}
}

export function tlsConnectOptions(tls: HubTlsOptions = {}): {ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized: true} {
	if (Boolean(tls.certFile) !== Boolean(tls.keyFile)) {
		throw new InputError('hub_tls_pair', '客户端证书和私钥必须同时提供（--cert 与 --key）');
	}
	return {
		...(tls.caFile ? {ca: readPem(tls.caFile, 'CA 证书')} : {}),
		...(tls.certFile ? {cert: readPem(tls.certFile, '客户端证书')} : {}),
		...(tls.keyFile ? {key: readPem(tls.keyFile, '客户端私钥')} : {}),
		// Never configurable: a hub with a certificate we cannot verify is not our hub.
		rejectUnauthorized: true,
	};
}

export function createHubDispatcher(options: DispatcherOptions = {}): Dispatcher {
	const tls = tlsConnectOptions(options.tls);
	return new EnvHttpProxyAgent({
		connections: options.connections ?? 8,
		keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
		connect: {...tls, timeout: options.connectTimeoutMs ?? 5_000},
		// TLS to the hub when the connection goes through an HTTPS proxy (CONNECT tunnel).
		requestTls: tls,
	} as ConstructorParameters<typeof EnvHttpProxyAgent>[0]);
}

/**
 * A throwaway PKI made at test time with the openssl CLI: a CA and a server certificate for
 * 127.0.0.1 it signed, valid for the days asked (to test what a TLS check says of a chain that
 * expires soon or late). Own minimal openssl config: nothing from the system's openssl.cnf.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export function opensslAvailable(): boolean {
	try {
		execFileSync('openssl', ['version'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

/** The minimal openssl config of the test PKIs (server and client certificates; the tls-proxy test makes both). */
export const TEST_OPENSSL_CNF = `
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
[client]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
`;

export interface TestPki {
	dir: string;
	caFile: string;
	serverCert: string;
	serverKey: string;
}

export function makeTestPki(days: number): TestPki {
	const dir = mkdtempSync(join(tmpdir(), 'tongban-pki-'));
	writeFileSync(join(dir, 'openssl.cnf'), TEST_OPENSSL_CNF);
	const ssl = (...args: string[]) => execFileSync('openssl', args, {cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 20_000});
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	ssl('req', '-config', 'openssl.cnf', '-x509', '-new', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', String(days + 30), '-subj', '/CN=tongban test CA', '-extensions', 'ca');
	ssl('req', '-config', 'openssl.cnf', '-new', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
	ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', String(Date.now()), '-days', String(days), '-out', 'server.pem', '-extfile', 'openssl.cnf', '-extensions', 'server');
	return {dir, caFile: join(dir, 'ca.pem'), serverCert: readFileSync(join(dir, 'server.pem'), 'utf8'), serverKey: readFileSync(join(dir, 'server.key'), 'utf8')};
}

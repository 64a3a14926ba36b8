/**
 * Turns what undici and the hub give back into the project's typed errors, with a message in
 * both languages. Nothing here looks at request headers: the token cannot leak into an error.
 */
import {errors as undiciErrors} from 'undici';
import {parseRetryAfter} from '../core/cases/backoff.js';
import {HubError, HubRejectedError} from '../core/errors.js';
import {tlsAlertOf} from './dispatcher.js';
import {problemSchema} from './schemas.js';
import type {NestedMessage} from '../core/template.js';

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ENETDOWN']);
const TLS_CODE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|ERR_OSSL)/;
/** The hub's chain does not end at a CA we trust: the fix is --ca, never turning checks off. */
const UNTRUSTED_CODES = new Set([
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'CERT_UNTRUSTED',
	'CERT_SIGNATURE_FAILURE',
]);
/** Alerts a hub sends when it wants a client certificate, or does not accept ours. */
const CLIENT_CERT_ALERTS = new Set([
	'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
	'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
	'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
	'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
	'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
	'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED',
]);

function codeOf(error: unknown): string | undefined {
	let current: unknown = error;
	for (let i = 0; i < 4 && current; i++) {
		const code = (current as {code?: unknown}).code;
		if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
		current = (current as {cause?: unknown}).cause;
	}
	return typeof (error as {code?: unknown}).code === 'string' ? (error as {code: string}).code : undefined;
}

/** A failure before any answer arrived. */
export function networkError(error: unknown, call: string, timeoutMs: number): HubError {
	const name = (error as {name?: string}).name;
	if (name === 'TimeoutError' || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
		return new HubError('hub_timeout', {timeoutMs, call}, {retryable: true, outcomeUnknown: true, details: {call}});
	}
	// A TLS alert undici dropped in favour of "other side closed" (see dispatcher.ts).
	const code = tlsAlertOf((error as {socket?: unknown} | undefined)?.socket) ?? codeOf(error);
	// The system's or undici's code goes into the details (and --json), never into the words.
	const details = {call, cause: code ?? name};
	if (code && CONNECT_CODES.has(code)) return new HubError('hub_unreachable', {call}, {retryable: true, outcomeUnknown: false, details});
	if (code && UNTRUSTED_CODES.has(code)) return new HubError('hub_tls_untrusted', {call}, {retryable: false, outcomeUnknown: false, details});
	// Refused during the handshake: no request was sent.
	if (code && CLIENT_CERT_ALERTS.has(code)) return new HubError('hub_tls_client_cert', {call}, {retryable: false, outcomeUnknown: false, details});
	if (code && TLS_CODE.test(code)) return new HubError('hub_tls', {call}, {retryable: false, outcomeUnknown: false, details});
	// The request may have left: a reset, a closed socket, a broken body.
	return new HubError('hub_connection_lost', {call}, {retryable: true, outcomeUnknown: true, details});
}

/** An answer with a status the call does not expect. */
export function statusError(status: number, text: string, retryAfter: string | undefined, call: string, now: Date): HubError | HubRejectedError {
	let problem: {code: string; detail?: string; errors?: Array<{field: string; message: string}>; [k: string]: unknown} | undefined;
	try {
		const parsed = problemSchema.safeParse(JSON.parse(text));
		if (parsed.success) problem = parsed.data;
	} catch {
		// Not JSON: reported by status alone.
	}
	const code = problem?.code ?? `http_${status}`;
	const retryAfterMs = parseRetryAfter(retryAfter, now);
	// The hub's own words (`detail`, field messages) are English prose: details only, for --json.
	const hubSays = {...(problem?.detail ? {detail: problem.detail} : {}), ...(problem?.errors ? {errors: problem.errors} : {})};
	if (status === 429 || status === 503) {
		return new HubError(status === 429 ? 'hub_rate_limited' : 'hub_unavailable', {status, problemCode: code}, {
			retryable: true,
			outcomeUnknown: false,
			status,
			...(retryAfterMs !== undefined ? {retryAfterMs} : {}),
			details: {call, problemCode: code, ...hubSays},
		});
	}
	// A 404 that is not the hub naming a missing thing (its own route_not_found, or a page that is
	// no problem document at all: a proxy, another server) means the address is wrong, not that
	// some case is missing: exit 3 like any hub that cannot be used, never 1 "not found".
	if (status === 404 && (problem === undefined || code === 'route_not_found')) {
		return new HubError('hub_route_not_found', {call}, {retryable: false, outcomeUnknown: false, status, details: {call, problemCode: code, ...hubSays}});
	}
	if (status >= 500) {
		// A 500 may come after the hub did the work: the caller must treat the outcome as unknown.
		return new HubError('hub_server_error', {status, problemCode: code}, {retryable: true, outcomeUnknown: true, status, details: {call, problemCode: code, ...hubSays}});
	}
	const extra: Record<string, unknown> = {call, ...hubSays};
	if (typeof problem?.['sha256'] === 'string') extra['sha256'] = problem['sha256'];
	if (typeof problem?.['caseId'] === 'string') extra['caseId'] = problem['caseId'];
	// The material a refusal names (power_of_attorney_missing: the list's 委托书): a code, never personal data.
	if (typeof problem?.['material'] === 'string') extra['material'] = problem['material'];
	// A wrong PIN: how many tries are left before the operator is locked out (sign-in shows it).
	if (Number.isInteger(problem?.['remainingAttempts'])) extra['remainingAttempts'] = problem!['remainingAttempts'];
	// The exceptions a case needs approved (403 approval_required): identifiers, never personal data.
	if (Array.isArray(problem?.['exceptions'])) extra['exceptions'] = (problem!['exceptions'] as unknown[]).filter((e) => typeof e === 'string');
	// The fields a validation failure names are identifiers, safe in either language.
	const fields = problem?.errors?.map((e) => e.field).join(', ');
	return new HubRejectedError(status, code, {call, ...(fields ? {fields} : {})}, extra);
}

/**
 * The hub's answer does not match the contract: `why` says how (a reason code; a schema's fields
 * by their paths), `what` is the checker's own English, kept for --json.
 */
export function invalidResponse(call: string, why: NestedMessage, what: string): HubError {
	// The hub answered, so whatever it did may have happened: unknown for a POST.
	return new HubError('hub_invalid_response', {call, reason: why}, {retryable: false, outcomeUnknown: true, details: {call, problem: what}});
}

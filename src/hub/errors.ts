/**
 * Turns what undici and the hub give back into the project's typed errors, with a message in
 * both languages. Nothing here looks at request headers: the token cannot leak into an error.
 */
import {errors as undiciErrors} from 'undici';
import {parseRetryAfter} from '../core/cases/backoff.js';
import {HubError, HubRejectedError} from '../core/errors.js';
import {tlsAlertOf} from './dispatcher.js';
import {problemSchema} from './schemas.js';

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
		return new HubError(
			'hub_timeout',
			{'zh-CN': `中台在 ${timeoutMs} 毫秒内没有响应（${call}）`, en: `the hub did not answer within ${timeoutMs} ms (${call})`},
			{retryable: true, outcomeUnknown: true, details: {call}},
		);
	}
	// A TLS alert undici dropped in favour of "other side closed" (see dispatcher.ts).
	const code = tlsAlertOf((error as {socket?: unknown} | undefined)?.socket) ?? codeOf(error);
	if (code && CONNECT_CODES.has(code)) {
		return new HubError(
			'hub_unreachable',
			{'zh-CN': `无法连接中台（${code}，${call}）`, en: `cannot connect to the hub (${code}, ${call})`},
			{retryable: true, outcomeUnknown: false, details: {call, cause: code}},
		);
	}
	if (code && UNTRUSTED_CODES.has(code)) {
		return new HubError(
			'hub_tls_untrusted',
			{
				'zh-CN': `中台证书不受信任（${code}，${call}）：证书校验始终开启、不能关闭；请用 --ca 指定签发中台证书的 CA 文件（PEM）`,
				en: `the hub's certificate is not trusted (${code}, ${call}); verification stays on and cannot be turned off: give the CA that signed it with --ca (PEM)`,
			},
			{retryable: false, outcomeUnknown: false, details: {call, cause: code}},
		);
	}
	if (code && CLIENT_CERT_ALERTS.has(code)) {
		return new HubError(
			'hub_tls_client_cert',
			{
				'zh-CN': `中台要求客户端证书，或不认可本终端的证书（${code}，${call}）：请用 --cert 与 --key 提供中台认可的证书和私钥`,
				en: `the hub requires a client certificate or does not accept this terminal's (${code}, ${call}): give one it accepts with --cert and --key`,
			},
			// Refused during the handshake: no request was sent.
			{retryable: false, outcomeUnknown: false, details: {call, cause: code}},
		);
	}
	if (code && TLS_CODE.test(code)) {
		return new HubError(
			'hub_tls',
			{'zh-CN': `中台证书校验失败（${code}）：请检查 CA 证书配置`, en: `the hub's certificate failed verification (${code}): check the CA setting`},
			{retryable: false, outcomeUnknown: false, details: {call, cause: code}},
		);
	}
	// The request may have left: a reset, a closed socket, a broken body.
	return new HubError(
		'hub_connection_lost',
		{'zh-CN': `与中台的连接中断（${code ?? name ?? 'unknown'}，${call}），结果未知`, en: `the connection to the hub broke (${code ?? name ?? 'unknown'}, ${call}); outcome unknown`},
		{retryable: true, outcomeUnknown: true, details: {call, cause: code ?? name}},
	);
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
	const detail = problem?.detail ?? `HTTP ${status}`;
	const retryAfterMs = parseRetryAfter(retryAfter, now);
	if (status === 429 || status === 503) {
		return new HubError(
			status === 429 ? 'hub_rate_limited' : 'hub_unavailable',
			{'zh-CN': `中台暂时繁忙（${status} ${code}），请稍后重试`, en: `the hub is busy (${status} ${code}); try again later`},
			{retryable: true, outcomeUnknown: false, status, ...(retryAfterMs !== undefined ? {retryAfterMs} : {}), details: {call, problemCode: code}},
		);
	}
	if (status >= 500) {
		return new HubError(
			'hub_server_error',
			{'zh-CN': `中台内部错误（${status} ${code}：${detail}）`, en: `hub server error (${status} ${code}: ${detail})`},
			// A 500 may come after the hub did the work: the caller must treat the outcome as unknown.
			{retryable: true, outcomeUnknown: true, status, details: {call, problemCode: code}},
		);
	}
	const fields = problem?.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
	const extra: Record<string, unknown> = {call};
	if (problem?.errors) extra['errors'] = problem.errors;
	if (typeof problem?.['sha256'] === 'string') extra['sha256'] = problem['sha256'];
	if (typeof problem?.['caseId'] === 'string') extra['caseId'] = problem['caseId'];
	// A wrong PIN: how many tries are left before the operator is locked out (sign-in shows it).
	if (Number.isInteger(problem?.['remainingAttempts'])) extra['remainingAttempts'] = problem!['remainingAttempts'];
	return new HubRejectedError(
		status,
		code,
		{'zh-CN': `中台拒绝了请求（${status} ${code}）：${fields ?? detail}`, en: `the hub refused the request (${status} ${code}): ${fields ?? detail}`},
		extra,
	);
}

export function invalidResponse(call: string, what: string): HubError {
	return new HubError(
		'hub_invalid_response',
		{'zh-CN': `中台对 ${call} 的应答不符合接口约定：${what}`, en: `the hub's answer to ${call} does not match the contract: ${what}`},
		// The hub answered, so whatever it did may have happened: unknown for a POST.
		{retryable: false, outcomeUnknown: true, details: {call, problem: what}},
	);
}

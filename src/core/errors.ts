/**
 * Typed errors with stable codes and the exit codes of docs/architecture.md#exit-codes:
 * 0 ok · 1 some items failed · 2 usage / bad input · 3 hub unreachable · 4 device ·
 * 5 data integrity · 6 an open case of the applicant for the item (not sent) · 130 interrupted.
 *
 * An error carries a code and its parameters, never text: the words are chosen at the edge, in
 * the user's language, from the one catalogue of error texts (src/i18n/errors.ts `errorText`).
 * So a hub error raised in the client reads in English under `--lang en`, and no parser's or
 * library's English reaches a zh-CN screen (their own text stays in `details`, for --json).
 */
import type {TemplateParams} from './template.js';

export const EXIT = {
	ok: 0,
	partial: 1,
	usage: 2,
	hub: 3,
	device: 4,
	integrity: 5,
	/** Not sent: the applicant already has an open case for the item (`cases submit` without --allow-duplicate). */
	duplicate: 6,
	interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class AppError extends Error {
	/** Stable machine code, e.g. "catalog_invalid": the key of its text in src/i18n/errors.ts. */
	readonly code: string;
	readonly exitCode: ExitCode;
	/** The values its text is filled with (no personal data in clear). */
	readonly params: TemplateParams;
	/** Extra machine-readable facts for --json output (never personal data). */
	readonly details: Record<string, unknown> | undefined;

	constructor(code: string, exitCode: ExitCode, params: TemplateParams = {}, details?: Record<string, unknown>) {
		// Error.message is for stack traces and logs only: the code and its parameters, no language.
		super(Object.keys(params).length > 0 ? `${code} ${JSON.stringify(params)}` : code);
		this.name = new.target.name;
		this.code = code;
		this.exitCode = exitCode;
		this.params = params;
		this.details = details;
	}
}

/** Bad input from the user: a usage error, an invalid value, a malformed file given on the command line. */
export class InputError extends AppError {
	constructor(code: string, params?: TemplateParams, details?: Record<string, unknown>) {
		super(code, EXIT.usage, params, details);
	}
}

/** Something asked for does not exist (an item code, a config key). */
export class NotFoundError extends AppError {
	constructor(code: string, params?: TemplateParams, details?: Record<string, unknown>) {
		super(code, EXIT.partial, params, details);
	}
}

/** Stored data failed validation or an integrity check. */
export class IntegrityError extends AppError {
	constructor(code: string, params?: TemplateParams, details?: Record<string, unknown>) {
		super(code, EXIT.integrity, params, details);
	}
}

export function isAppError(error: unknown): error is AppError {
	return error instanceof AppError;
}

/** A peripheral (ID card reader, camera) is missing, not answering or reporting a fault: exit 4. */
export class DeviceError extends AppError {
	constructor(code: string, params?: TemplateParams, details?: Record<string, unknown>) {
		super(code, EXIT.device, params, details);
	}
}

/**
 * The hub could not be reached, timed out, overloaded, or answered something we cannot use:
 * exit 3. `retryable` says whether trying again later can help; `outcomeUnknown` is set when the
 * request may have reached the hub but no answer came back (a reset or a timeout after sending),
 * so a non-idempotent call must be resolved (e.g. GET /cases?idempotencyKey=) before a resend.
 * Never carries the request's headers (the token stays out of logs and --json output).
 */
export class HubError extends AppError {
	readonly retryable: boolean;
	readonly outcomeUnknown: boolean;
	/** HTTP status when the hub answered. */
	readonly status: number | undefined;
	/** Delay the hub asked for (Retry-After), in ms. */
	readonly retryAfterMs: number | undefined;

	constructor(
		code: string,
		params: TemplateParams,
		options: {retryable: boolean; outcomeUnknown?: boolean; status?: number; retryAfterMs?: number; details?: Record<string, unknown>},
	) {
		super(code, EXIT.hub, params, {...options.details, ...(options.status ? {status: options.status} : {})});
		this.retryable = options.retryable;
		this.outcomeUnknown = options.outcomeUnknown ?? false;
		this.status = options.status;
		this.retryAfterMs = options.retryAfterMs;
	}
}

/**
 * The hub answered and refused the request for a reason retrying will not fix (4xx problem
 * document): unknown item, idempotency conflict, validation, wrong PIN. Not found is exit 1,
 * everything else exit 2 (bad input). `problemCode` is the hub's stable `code`; the error's code is
 * `hub_<problemCode>`, so each refusal the contract names has its own text.
 */
export class HubRejectedError extends AppError {
	readonly status: number;
	readonly problemCode: string;

	constructor(status: number, problemCode: string, params: TemplateParams, details?: Record<string, unknown>) {
		super(`hub_${problemCode}`, status === 404 ? EXIT.partial : EXIT.usage, {status, problemCode, ...params}, {...details, status, problemCode});
		this.status = status;
		this.problemCode = problemCode;
	}
}

/**
 * A store that allows one writer at a time is held by another live process (its pid is in
 * `details.pid`), and the wait deadline passed: exit 1, the caller may retry later.
 */
export class StoreBusyError extends AppError {
	constructor(code: string, params?: TemplateParams, details?: Record<string, unknown>) {
		super(code, EXIT.partial, params, details);
	}
}

/** The code an audit entry records for a failure: ours or the system's (ENOENT …), else "unexpected". Never its message. */
export function failureCode(error: unknown): string {
	return error instanceof Error && 'code' in error ? String(error.code) : 'unexpected';
}

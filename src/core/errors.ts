/**
 * Typed errors with stable codes and the exit codes of docs/architecture.md#exit-codes:
 * 0 ok · 1 some items failed · 2 usage / bad input · 3 hub unreachable · 4 device ·
 * 5 data integrity · 130 interrupted.
 */
export const EXIT = {
	ok: 0,
	partial: 1,
	usage: 2,
	hub: 3,
	device: 4,
	integrity: 5,
	interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class AppError extends Error {
	/** Stable machine code, e.g. "catalog_invalid". */
	readonly code: string;
	readonly exitCode: ExitCode;
	/** Extra machine-readable facts for --json output (never personal data). */
	readonly details: Record<string, unknown> | undefined;

	constructor(code: string, message: string, exitCode: ExitCode, details?: Record<string, unknown>) {
		super(message);
		this.name = new.target.name;
		this.code = code;
		this.exitCode = exitCode;
		this.details = details;
	}
}

/** Bad input from the user: a usage error, an invalid value, a malformed file given on the command line. */
export class InputError extends AppError {
	constructor(code: string, message: string, details?: Record<string, unknown>) {
		super(code, message, EXIT.usage, details);
	}
}

/** Something asked for does not exist (an item code, a config key). */
export class NotFoundError extends AppError {
	constructor(code: string, message: string, details?: Record<string, unknown>) {
		super(code, message, EXIT.partial, details);
	}
}

/** Stored data failed validation or an integrity check. */
export class IntegrityError extends AppError {
	constructor(code: string, message: string, details?: Record<string, unknown>) {
		super(code, message, EXIT.integrity, details);
	}
}

export function isAppError(error: unknown): error is AppError {
	return error instanceof AppError;
}

/**
 * An error's text in a language: the errors that carry both (`messages`) answer in the one asked
 * for; the others have only their zh-CN `message`.
 */
export function messageIn(error: AppError, lang: 'zh-CN' | 'en'): string {
	const messages = (error as {messages?: Partial<Record<'zh-CN' | 'en', string>>}).messages;
	return messages?.[lang] ?? error.message;
}

/** A message safe to show for any thrown value. */
export function errorMessage(error: unknown): string {
	if (error instanceof Error) return error.message;
	return String(error);
}

/**
 * A peripheral (ID card reader, camera) is missing, not answering or reporting a fault: exit 4.
 * `messages` keeps the text in both languages so a command can show the operator's language;
 * `message` is the zh-CN text.
 */
export class DeviceError extends AppError {
	readonly messages: Readonly<{'zh-CN': string; en: string}>;

	constructor(code: string, messages: {'zh-CN': string; en: string}, details?: Record<string, unknown>) {
		super(code, messages['zh-CN'], EXIT.device, details);
		this.messages = messages;
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
	readonly messages: Readonly<{'zh-CN': string; en: string}>;
	readonly retryable: boolean;
	readonly outcomeUnknown: boolean;
	/** HTTP status when the hub answered. */
	readonly status: number | undefined;
	/** Delay the hub asked for (Retry-After), in ms. */
	readonly retryAfterMs: number | undefined;

	constructor(
		code: string,
		messages: {'zh-CN': string; en: string},
		options: {retryable: boolean; outcomeUnknown?: boolean; status?: number; retryAfterMs?: number; details?: Record<string, unknown>},
	) {
		super(code, messages['zh-CN'], EXIT.hub, {...options.details, ...(options.status ? {status: options.status} : {})});
		this.messages = messages;
		this.retryable = options.retryable;
		this.outcomeUnknown = options.outcomeUnknown ?? false;
		this.status = options.status;
		this.retryAfterMs = options.retryAfterMs;
	}
}

/**
 * The hub answered and refused the request for a reason retrying will not fix (4xx problem
 * document): unknown item, idempotency conflict, validation, wrong PIN. Not found is exit 1,
 * everything else exit 2 (bad input). `problemCode` is the hub's stable `code`.
 */
export class HubRejectedError extends AppError {
	readonly messages: Readonly<{'zh-CN': string; en: string}>;
	readonly status: number;
	readonly problemCode: string;

	constructor(status: number, problemCode: string, messages: {'zh-CN': string; en: string}, details?: Record<string, unknown>) {
		super(`hub_${problemCode}`, messages['zh-CN'], status === 404 ? EXIT.partial : EXIT.usage, {...details, status, problemCode});
		this.messages = messages;
		this.status = status;
		this.problemCode = problemCode;
	}
}

/**
 * A store that allows one writer at a time is held by another live process (its pid is in
 * `details.pid`), and the wait deadline passed: exit 1, the caller may retry later.
 */
export class StoreBusyError extends AppError {
	readonly messages: Readonly<{'zh-CN': string; en: string}>;

	constructor(code: string, messages: {'zh-CN': string; en: string}, details?: Record<string, unknown>) {
		super(code, messages['zh-CN'], EXIT.partial, details);
		this.messages = messages;
	}
}

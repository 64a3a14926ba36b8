/**
 * Typed errors with stable codes and the exit codes of ARCHITECTURE.md:
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

/** A message safe to show for any thrown value. */
export function errorMessage(error: unknown): string {
	if (error instanceof Error) return error.message;
	return String(error);
}

/**
 * What every device's errors have in common: a DeviceError (exit code 4) whose code is one of the
 * device's own, and the values of the two port failures every driver reports through PortKeeper
 * ("no such port", "the port went away"). Each device keeps its codes and factories; the words are
 * in src/i18n/errors.ts.
 */
import {DeviceError} from '../src/core/errors.js';
import {systemReason} from '../src/core/reasons.js';
import type {TemplateParams} from '../src/core/template.js';

export class CodedDeviceError<Code extends string> extends DeviceError {
	override readonly code: Code;

	constructor(code: Code, params: TemplateParams = {}, details?: Record<string, unknown>) {
		super(code, params, details);
		this.code = code;
	}
}

/** The message values and details of an error, as the error constructors take them. */
type ErrorValues = [params: TemplateParams, details: Record<string, unknown>];

/** "No such port": the path, and the system's reason in the words. */
export function notFoundValues(path: string, cause: unknown): ErrorValues {
	return [{path, reason: systemReason(cause)}, {path}];
}

/** The port went away (unplugged, powered off); `cause` is the system's error, kept as its code. */
export function portGoneValues(path: string, cause?: unknown): ErrorValues {
	return [{path}, {path, ...(cause ? {reason: systemReason(cause)} : {})}];
}

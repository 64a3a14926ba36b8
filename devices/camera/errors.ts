/**
 * The camera's failures, each with a stable code and its values (exit code 4, device); the words
 * (both languages) are in src/i18n/errors.ts and say what happened and what the clerk or
 * technician can do next.
 */
import type {NestedMessage} from '../../src/core/template.js';
import {CodedDeviceError, notFoundValues, portGoneValues} from '../errors.js';

export type CameraErrorCode =
	| 'camera_timeout'
	| 'camera_bad_reply'
	| 'camera_status'
	| 'camera_corrupted_image'
	| 'camera_capture_abandoned'
	| 'camera_not_found'
	| 'camera_port_gone';

export class CameraError extends CodedDeviceError<CameraErrorCode> {}

export function timeout(step: string, deadlineMs: number, path: string, attempts = 1): CameraError {
	// "after N attempts": a fragment of the sentence in both languages, empty for a first try.
	const tries = attempts > 1 ? {'zh-CN': `，已重试 ${attempts - 1} 次`, en: ` after ${attempts} attempts`} : {'zh-CN': '', en: ''};
	return new CameraError('camera_timeout', {step, deadlineMs, path, tries}, {step, deadlineMs, path, attempts});
}

/** The clerk gave the capture up (discarded it, or took another) while the camera was still being read. */
export function abandoned(step: string): CameraError {
	return new CameraError('camera_capture_abandoned', {step}, {step});
}

export function badReply(step: string, why: NestedMessage, details: Record<string, unknown> = {}): CameraError {
	return new CameraError('camera_bad_reply', {step, reason: why}, {step, reason: why, ...details});
}

export function statusError(step: string, status: number): CameraError {
	return new CameraError('camera_status', {step, status: status.toString(16).toUpperCase().padStart(2, '0')}, {step, status});
}

export function corruptedImage(why: NestedMessage, details: Record<string, unknown> = {}): CameraError {
	return new CameraError('camera_corrupted_image', {reason: why}, {reason: why, ...details});
}

export function notFound(path: string, cause: unknown): CameraError {
	return new CameraError('camera_not_found', ...notFoundValues(path, cause));
}

export function portGone(path: string, cause?: unknown): CameraError {
	return new CameraError('camera_port_gone', ...portGoneValues(path, cause));
}

/**
 * Why something failed, as data: a reason code and its values, worded in the user's language at
 * the edge (src/i18n/errors.ts), like the errors that carry it. An operating system's or a
 * library's own English never becomes part of a message: `systemReason` keeps only the errno code
 * it recognises.
 */
import type {NestedMessage, TemplateParams} from './template.js';

export function reason(code: `reason_${string}`, params?: TemplateParams): NestedMessage {
	return params ? {code, params} : {code};
}

/** Error codes of the OS the messages name in words; others are shown as their code. */
const KNOWN = new Set(['ENOENT', 'EACCES', 'EPERM', 'EBUSY', 'ENODEV', 'ENXIO', 'EIO', 'ENOSPC', 'EROFS', 'EISDIR', 'ENOTDIR', 'EADDRINUSE', 'ECONNREFUSED', 'ETIMEDOUT']);

/** The reason of a failed system call (`error.code`), or "unknown" for anything else. */
export function systemReason(error: unknown): NestedMessage {
	const code = (error as {code?: unknown} | undefined)?.code;
	if (typeof code === 'string' && KNOWN.has(code)) return reason(`reason_os_${code.toLowerCase()}` as `reason_${string}`);
	if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return reason('reason_os_other', {errno: code});
	return reason('reason_unknown');
}

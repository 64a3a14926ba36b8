/**
 * What every effect module is given: the services, the store (read synchronously, so effects
 * started by one input chunk compose), the flash line and the audit log. It imports none of the
 * effect modules, so they share it without a circle.
 */
import type {AuditInput} from '../../core/audit/model.js';
import type {Flash} from '../hooks/useFlash.js';
import type {Lang} from '../i18n/index.js';
import {messageOf} from '../problem.js';
import type {ConsoleServices} from '../services.js';
import type {AppAction, AppState} from '../state/index.js';

export interface StoreDeps {
	services: ConsoleServices;
	getState(): AppState;
	dispatch(action: AppAction): void;
	flash(flash: Flash): void;
}

export interface EffectDeps extends StoreDeps {
	/** Records an audit entry; a failure to record becomes a flash of its own, never silence. */
	audit(input: AuditInput): void;
}

export function createAudit({services, getState, flash}: StoreDeps): (input: AuditInput) => void {
	return (input) => {
		if (!services.audit) return;
		services.audit.record(input).catch((error: unknown) => flash({level: 'error', key: 'flash.auditFailed', params: {message: messageOf(error, getState().nav.lang)}}));
	};
}

/** A flash for a failure, worded in the console's language at the time of the failure. */
export function failureFlash(key: Flash['key'], error: unknown, lang: Lang): Flash {
	return {level: 'error', key, params: {message: messageOf(error, lang)}};
}

/**
 * The console as `tongban console --demo` wires it, for the in-process flow tests: the real
 * backend (mock hub on loopback, emulated reader and camera, outbox, drafts, receipts, audit) in
 * `dir`, and the Ink app rendered by ink-testing-library. The caller closes the backend.
 */
import {builtinRegionTable} from '../catalog/regions.js';
import {systemClock} from '../core/ports/clock.js';
import {defaultSettings, type Settings} from '../store/settings-schema.js';
import {createTranslator} from '../ui/i18n/index.js';
import type {AppState} from '../ui/state/index.js';
import {startBackend} from '../wiring/backend.js';
import {HubStatus} from '../wiring/hub-status.js';
import {consoleServices, newBackendPorts} from '../wiring/services.js';
import {KEYS, renderConsole, type Tui} from './renderTui.js';

/** The demo backend comes up behind the first frame: catalog, hub, reader. */
export const START_MS = 10_000;
const isKnownRegion = (code: string) => builtinRegionTable().isKnown(code);
const zh = createTranslator('zh-CN');

export async function startDemoCounter(dir: string, options: {columns?: number; rows?: number; settings?: Partial<Settings>; stepMs?: number; onState?: (state: AppState) => void} = {}) {
	const settings: Settings = {...defaultSettings(), ...options.settings};
	const ports = newBackendPorts();
	const hubStatus = new HubStatus('demo');
	const services = consoleServices({settings, lang: 'zh-CN', clock: systemClock, demo: true, isKnownRegion, hubStatus, ports});
	const backend = await startBackend({lang: 'zh-CN', dataDir: dir, settings, demo: true, clock: systemClock, isKnownRegion, hubStatus, ports, demoStepMs: options.stepMs ?? 60_000});
	const tui = await renderConsole({services, columns: options.columns ?? 80, rows: options.rows ?? 24, ...(options.onState ? {onState: options.onState} : {})});
	return {tui, services, backend};
}

/** The demo clerk signs in (op-1001, PIN 246810). */
export async function signInClerk(tui: Tui): Promise<void> {
	await tui.waitForText(zh('signin.operator'), START_MS);
	await tui.type('op-1001');
	await tui.press(KEYS.enter);
	await tui.type('246810');
	await tui.press(KEYS.enter);
}

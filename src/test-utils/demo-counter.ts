/**
 * The console as `tongban console --demo` wires it, for the in-process flow tests: the real
 * backend (mock hub on loopback, emulated reader and camera, outbox, drafts, receipts, audit) in
 * `dir`, and the Ink app rendered by ink-testing-library. The caller closes the backend.
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, beforeEach} from 'vitest';
import {builtinRegionTable} from '../catalog/regions.js';
import {systemClock} from '../core/ports/clock.js';
import {defaultSettings, type Settings} from '../store/settings-schema.js';
import {createTranslator} from '../ui/i18n/index.js';
import type {AppState} from '../ui/state/index.js';
import {startBackend} from '../wiring/backend.js';
import {HubStatus} from '../wiring/hub-status.js';
import {consoleServices, newBackendPorts} from '../wiring/services.js';
import {KEYS, renderConsole, type Tui} from './renderTui.js';
import {tempDirs} from './temp-dirs.js';

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

/** A capture on the demo camera (a 320x240 page, ~13 KB: ~1.2 s at 115200 baud), generous for a loaded CI machine. */
export const CAPTURE_MS = 15_000;

/**
 * The hooks every demo-counter flow test file needs: a fresh data folder before each test
 * (given to `setDir`), and after it the rendered consoles unmounted and the backends the test
 * pushed onto the returned list closed, before the folder is removed. Call at the file's top.
 */
export function demoFlowHooks(prefix: string, setDir: (dir: string) => void): Array<{close(): Promise<void>}> {
	const tempDir = tempDirs(prefix);
	const running: Array<{close(): Promise<void>}> = [];
	beforeEach(() => setDir(tempDir()));
	afterEach(async () => {
		cleanup();
		for (const backend of running.splice(0)) await backend.close();
	});
	return running;
}

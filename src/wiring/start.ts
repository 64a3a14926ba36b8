/**
 * Starts the full-screen console. The first frame (sign-in) is drawn as soon as Ink is loaded;
 * then, behind it, the catalog (from caches when fresh), the hub (client, session, outbox draining
 * in the background, the cases index), the audit log and, in the demo, the mock hub and the
 * emulated card reader are wired into lazy ports (lazy-ports.ts). Everything is closed once the
 * operator quits, so the process exits. If the services cannot start (e.g. another console holds
 * the audit log), the console closes and the error is reported by the command.
 * Loaded lazily by `tongban console`, so that other commands never pay for Ink and React.
 */
import {appendFileSync} from 'node:fs';
import {builtinRegionTable} from '../catalog/regions.js';
import {systemClock} from '../core/ports/clock.js';
import {HubStatus} from './hub-status.js';
import type {StartConsoleOptions} from './options.js';
import {consoleServices, newBackendPorts} from './services.js';

export async function startConsole(options: StartConsoleOptions): Promise<void> {
	const clock = options.clock ?? systemClock;
	trace('console module loaded');
	const ui = await import('../ui/run.js');
	trace('ink and the views loaded');

	// The region table is read on first use (manual ID entry, the reader's checks), not before the first frame.
	const isKnownRegion = (code: string) => builtinRegionTable().isKnown(code);
	const ports = newBackendPorts();
	const hubStatus = new HubStatus(options.demo ? 'demo' : 'offline');
	const services = consoleServices({settings: options.settings, lang: options.lang, clock, demo: options.demo, isKnownRegion, hubStatus, ports});

	const abort = new AbortController();
	const running = ui.runConsole(services, {lang: options.lang, signal: abort.signal});
	// Let Ink write the first frame before the heavier modules load.
	trace('first frame rendered');
	await new Promise<void>((resolve) => setImmediate(resolve));
	let failure: unknown;
	const backend = import('./backend.js')
		.then(({startBackend}) => startBackend({...options, clock, isKnownRegion, hubStatus, ports}))
		.catch((error: unknown) => {
		failure = error;
		for (const later of Object.values(ports)) later.reject(error);
		abort.abort();
		return undefined;
	});
	try {
		await running;
	} finally {
		await (await backend)?.close();
	}
	if (failure) throw failure;
}

/**
 * Start-up trace for performance work: TONGBAN_STARTUP_TRACE=FILE appends milliseconds since the
 * process started at each step (a file, because the screen belongs to the console).
 */
function trace(step: string): void {
	const file = process.env.TONGBAN_STARTUP_TRACE;
	if (file) appendFileSync(file, `${performance.now().toFixed(1)} ms  ${step}\n`);
}

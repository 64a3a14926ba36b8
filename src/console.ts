/**
 * Starts the full-screen console. The first frame (sign-in) is drawn as soon as Ink is loaded;
 * then, behind it, the catalog (from caches when fresh), the hub (client, session, outbox draining
 * in the background, the cases index), the audit log and, in the demo, the mock hub and the
 * emulated card reader are wired into lazy ports (console-lazy.ts). Everything is closed once the
 * operator quits, so the process exits. If the services cannot start (e.g. another console holds
 * the audit log), the console closes and the error is reported by the command.
 * Loaded lazily by `tongban console`, so that other commands never pay for Ink and React.
 */
import {appendFileSync} from 'node:fs';
import {builtinRegions} from './catalog/regions.js';
import {RegionTable} from './core/identity/regions.js';
import {systemClock, type Clock} from './core/ports/clock.js';
import type {BackendPorts} from './console-backend.js';
import {Later, lazyAudit, lazyCamera, lazyCases, lazyCatalog, lazyDemoCards, lazyDrafts, lazyEligibility, lazyOutbox, lazyQuarantine, lazyReader, lazySession, lazySubmission, watchedHubState} from './console-lazy.js';
import {cliText, type Lang} from './i18n/cli.js';
import type {Settings} from './store/settings-schema.js';
import type {ConsoleServices, HubState} from './ui/services.js';

/** How `tongban console` starts the console (the command reads the settings first). */
export interface StartConsoleOptions {
	lang: Lang;
	dataDir: string;
	settings: Settings;
	/** true: the built-in demo (`--demo`); false: the configured hub (the command has checked one is set). */
	demo: boolean;
	clock?: Clock;
	/** Demo hub: milliseconds per case status step (tests; default DEMO_STEP_MS). */
	demoStepMs?: number;
}

export async function startConsole(options: StartConsoleOptions): Promise<void> {
	const clock = options.clock ?? systemClock;
	const {settings} = options;
	const useDemo = options.demo;
	trace('console module loaded');
	const ui = await import('./ui/run.js');
	trace('ink and the views loaded');

	let regions: RegionTable | undefined;
	// Read on first use (manual ID entry, the reader's checks), not before the first frame.
	const isKnownRegion = (code: string) => (regions ??= new RegionTable(builtinRegions())).isKnown(code);
	const ports = newBackendPorts();
	const hub = watchedHubState(useDemo ? 'demo' : 'offline');
	const services = consoleServices({settings, lang: options.lang, clock, useDemo, isKnownRegion, hub, ports});

	const abort = new AbortController();
	const running = ui.runConsole(services, {lang: options.lang, signal: abort.signal});
	// Let Ink write the first frame before the heavier modules load.
	trace('first frame rendered');
	await new Promise<void>((resolve) => setImmediate(resolve));
	let failure: unknown;
	const backend = import('./console-backend.js')
		.then(({startBackend}) => startBackend({...options, clock, useDemo, isKnownRegion, hub, ports}))
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

export function newBackendPorts(): BackendPorts {
	return {
		catalog: new Later(),
		session: new Later(),
		reader: new Later(),
		demoCards: new Later(),
		outbox: new Later(),
		cases: new Later(),
		audit: new Later(),
		eligibility: new Later(),
		camera: new Later(),
		drafts: new Later(),
		submission: new Later(),
		quarantine: new Later(),
	};
}

/**
 * The console's services as lazy ports over what the backend resolves later (the same wiring for
 * `tongban console` and the in-process flow tests).
 */
export function consoleServices(options: {
	settings: Settings;
	lang: Lang;
	clock: Clock;
	useDemo: boolean;
	isKnownRegion: (code: string) => boolean;
	/** The backend assigns `state`; `subscribe` (when given) tells the top bar. */
	hub: {state: HubState; subscribe?(listener: () => void): () => void};
	ports: BackendPorts;
}): ConsoleServices {
	const {settings, clock, useDemo, isKnownRegion, hub, ports} = options;
	return {
		catalog: lazyCatalog(ports.catalog),
		catalogReady: ports.catalog.promise,
		clock,
		operator: {id: '', name: cliText(options.lang, 'demo.operator'), branch: settings.branchName},
		hubState: () => hub.state,
		...(hub.subscribe ? {onHubStateChange: hub.subscribe} : {}),
		session: lazySession(ports.session),
		idleLockMinutes: settings.idleLockMinutes,
		// The demo has its emulated devices; a branch console has the ones its settings name.
		...(useDemo || settings.readerPort ? {reader: lazyReader(ports.reader)} : {}),
		...(useDemo ? {demoCards: lazyDemoCards(ports.demoCards)} : {}),
		...(useDemo || settings.cameraPort ? {camera: lazyCamera(ports.camera, {demoPages: useDemo})} : {}),
		drafts: lazyDrafts(ports.drafts),
		submission: lazySubmission(ports.submission, {canPrint: settings.receiptPrintCommand.trim() !== ''}),
		asciiOnly: settings.asciiOnly,
		outbox: lazyOutbox(ports.outbox),
		cases: lazyCases(ports.cases),
		audit: lazyAudit(ports.audit),
		eligibility: lazyEligibility(ports.eligibility),
		// The counter's region is the branch's: the first 6 digits of its code (GB/T 2260).
		counterRegion: settings.branchCode.slice(0, 6),
		isKnownRegion,
		quarantine: lazyQuarantine(ports.quarantine),
	};
}

/**
 * Start-up trace for performance work: TONGBAN_STARTUP_TRACE=FILE appends milliseconds since the
 * process started at each step (a file, because the screen belongs to the console).
 */
function trace(step: string): void {
	const file = process.env.TONGBAN_STARTUP_TRACE;
	if (file) appendFileSync(file, `${performance.now().toFixed(1)} ms  ${step}\n`);
}

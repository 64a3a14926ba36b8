/**
 * The console's services as lazy ports over what the backend resolves later: the same wiring for
 * `tongban console` and the in-process flow tests (src/wiring/console-flow.test.tsx).
 */
import type {Clock} from '../core/ports/clock.js';
import {cliText} from '../i18n/cli.js';
import {type Lang} from '../core/lang.js';
import {isKnownNationality} from '../catalog/nationalities.js';
import {builtinRegionTable} from '../catalog/regions.js';
import type {Settings} from '../store/settings-schema.js';
import type {ConsoleServices} from '../ui/services.js';
import type {HubStatus} from './hub-status.js';
import {Later} from './later.js';
import {urgencyFromSettings} from '../core/cases/return-trips.js';
import {lazyAudit, lazyCamera, lazyCases, lazyCatalog, lazyDemoCards, lazyDrafts, lazyEligibility, lazyOutbox, lazyQuarantine, lazyReader, lazySession, lazySubmission, lazyWork} from './lazy-ports.js';
import type {BackendPorts} from './options.js';

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
		work: new Later(),
		dayReport: new Later(),
	};
}

export function consoleServices(options: {
	settings: Settings;
	lang: Lang;
	clock: Clock;
	demo: boolean;
	isKnownRegion: (code: string) => boolean;
	hubStatus: HubStatus;
	ports: BackendPorts;
}): ConsoleServices {
	const {settings, clock, demo, isKnownRegion, hubStatus, ports} = options;
	// A printer is a device (receiptPrinter) or a command (receiptPrintCommand), src/receipts/print.ts.
	const canPrint = settings.receiptPrinter.trim() !== '' || settings.receiptPrintCommand.trim() !== '';
	return {
		catalog: lazyCatalog(ports.catalog),
		catalogReady: ports.catalog.promise,
		clock,
		operator: {id: '', name: cliText(options.lang, 'demo.operator'), branch: settings.branchName},
		hubState: () => hubStatus.get(),
		onHubStateChange: (listener) => hubStatus.subscribe(listener),
		session: lazySession(ports.session),
		idleLockMinutes: settings.idleLockMinutes,
		// The demo has its emulated devices; a branch console has the ones its settings name.
		...(demo || settings.readerPort ? {reader: lazyReader(ports.reader)} : {}),
		...(demo ? {demoCards: lazyDemoCards(ports.demoCards)} : {}),
		...(demo || settings.cameraPort ? {camera: lazyCamera(ports.camera, {demoPages: demo})} : {}),
		drafts: lazyDrafts(ports.drafts),
		submission: lazySubmission(ports.submission, {canPrint}),
		// Unshipped originals are due after the shipWithinHours setting; the demo lists them at once,
		// so the shipping step can be tried on its first cases.
		work: lazyWork(ports.work, {policy: urgencyFromSettings(demo ? {shipWithinHours: 0} : settings), canPrint: canPrint}),
		asciiOnly: settings.asciiOnly,
		// NO_COLOR (no-color.org): present and not empty means no colour, whatever the setting says.
		monochrome: settings.theme === 'monochrome' || (process.env.NO_COLOR ?? '') !== '',
		outbox: lazyOutbox(ports.outbox),
		cases: lazyCases(ports.cases),
		audit: lazyAudit(ports.audit),
		eligibility: lazyEligibility(ports.eligibility),
		// The counter's region is the branch's: the first 6 digits of its code (GB/T 2260).
		counterRegion: settings.branchCode.slice(0, 6),
		isKnownRegion,
		isKnownNationality,
		quarantine: lazyQuarantine(ports.quarantine),
		// 日终 for supervisors (the key is theirs only); province names from the built-in regions, loaded when first asked.
		dayReport: {today: async () => (await ports.dayReport.promise)(), provinceName: (node) => builtinRegionTable().provinceName(node.padEnd(6, '0'))},
	};
}

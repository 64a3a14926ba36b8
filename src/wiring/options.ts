/**
 * The composition root's options and port types, in one place: what `tongban console` (and the
 * in-process flow tests) start the console with, and the ports the backend resolves behind the
 * first frame. Every other module of src/wiring imports its types from here, so none of them
 * imports another one for a type (no import circle).
 */
import type {CatalogService} from '../core/ports/catalog.js';
import type {Clock} from '../core/ports/clock.js';
import type {Lang} from '../core/lang.js';
import type {Settings} from '../store/settings-schema.js';
import type {AuditPort, CameraPort, CasesPort, DemoCardsPort, DraftsPort, EligibilityPort, OutboxPort, QuarantinePort, ReaderPort, SessionPort, SubmissionPort, WorkPort, DayReportPort} from '../ui/services.js';
import type {HubStatus} from './hub-status.js';
import type {Later} from './later.js';

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

/** The ports the console gets at once and the backend settles later (lazy-ports.ts). */
export interface BackendPorts {
	catalog: Later<CatalogService>;
	session: Later<SessionPort>;
	reader: Later<ReaderPort>;
	demoCards: Later<DemoCardsPort>;
	outbox: Later<OutboxPort>;
	cases: Later<CasesPort>;
	audit: Later<AuditPort>;
	eligibility: Later<EligibilityPort>;
	camera: Later<CameraPort>;
	drafts: Later<DraftsPort>;
	submission: Later<SubmissionPort>;
	quarantine: Later<QuarantinePort>;
	work: Later<WorkPort>;
	dayReport: Later<DayReportPort['today']>;
}

/** What the backend is started with: the console's options, resolved, and what it shares with the UI. */
export interface BackendOptions extends StartConsoleOptions {
	clock: Clock;
	isKnownRegion: (code: string) => boolean;
	hubStatus: HubStatus;
	ports: BackendPorts;
}

export interface Backend {
	/** Undoes everything in reverse; nothing writes into the data folder once it returns. */
	close(): Promise<void>;
	/** The hub the client talks to (the demo's own, on loopback, in the demo). */
	hubUrl: string;
}

/**
 * What the console needs from the rest of the application. The composition root builds this
 * (real or demo adapters); tests hand in fakes. Capabilities beyond the catalog are optional:
 * a console without a session port starts signed in as `operator` (tests of the search shell),
 * without a reader it has no applicant panel, and so on. The UI never imports the hub client or
 * the stores: these ports are all it knows (docs/architecture.md#boundaries).
 */
import type {ReturnTrips} from '../core/cases/tracking.js';
import type {AuditEntry, AuditInput, AuditActor} from '../core/audit/model.js';
import type {CaseStatus, HistoryEntry} from '../core/cases/model.js';
import type {CatalogService} from '../core/ports/catalog.js';
import type {Clock} from '../core/ports/clock.js';
import type {Decision} from '../core/eligibility/model.js';
import type {EligibilityRequest} from '../core/eligibility/service.js';
import type {CardReadEvent, ReaderEvent, ReaderState} from '../core/ports/reader.js';
import type {Pixels} from '../core/imaging/pixels.js';
import type {CounterDraft, DraftPatch, NewDraft, ReviewProblem} from '../core/cases/counter-draft.js';
import type {ReceiptDoc} from '../core/cases/receipt.js';
import type {DuplicateCheck} from '../core/cases/duplicates.js';
import type {KnownPeople} from '../core/cases/counter-match.js';
import type {Collector, UrgencyPolicy, WorkItem} from '../core/cases/return-trips.js';
import type {Carrier} from '../core/cases/waybill.js';
import type {Evaluation} from '../core/cases/evaluation.js';
import type {DayReport} from '../core/report/day.js';
import type {Approval, ApprovalRequest, CaseApproval, CaseException} from '../core/cases/approval.js';

export type HubState = 'demo' | 'online' | 'offline';
export type Role = 'clerk' | 'technician' | 'admin' | 'supervisor';
export const ALL_ROLES: readonly Role[] = ['clerk', 'technician', 'admin', 'supervisor'];

interface OperatorInfo {
	/** Staff number, e.g. "0123". */
	id: string;
	/** Display name of the signed-in operator (staff, not a citizen: shown unmasked). */
	name: string;
	/** Branch name, e.g. "成都高新支行". */
	branch: string;
	/** Roles of a console without sign-in (default: every role). */
	roles?: readonly Role[];
}

export interface SignedInOperator {
	id: string;
	name: string;
	roles: readonly Role[];
}

export type SignInResult =
	| {ok: true; operator: SignedInOperator}
	| {ok: false; reason: 'invalid'; remainingAttempts?: number}
	| {ok: false; reason: 'locked' | 'unreachable' | 'error'};

/** The hub's answer to a supervisor's PIN (maker-checker, docs/people.md#supervisors-maker-checker). */
export type ApprovalResult =
	| {ok: true; approval: Approval}
	| {ok: false; reason: 'invalid'; remainingAttempts?: number}
	| {ok: false; reason: 'locked' | 'self' | 'notSupervisor' | 'unreachable' | 'error'};

/** The hub session. The token stays inside the implementation (memory only). */
export interface SessionPort {
	signIn(operatorId: string, pin: string): Promise<SignInResult>;
	signOut(): Promise<void>;
	/** A supervisor's PIN checked at the hub for one purpose (absent: no maker-checker, e.g. tests of the shell). */
	approve?(request: ApprovalRequest): Promise<ApprovalResult>;
}

/** Timer seam: the idle lock and case polling use it, tests advance a manual one. */
export interface Timers {
	/** Runs `fn` once after `ms`; returns the cancel function. */
	after(ms: number, fn: () => void): () => void;
}

export type ReaderPort = {
	state(): ReaderState;
	lastCard(): CardReadEvent | undefined;
	readNow(): Promise<CardReadEvent>;
	subscribe(listener: (event: ReaderEvent) => void): () => void;
};

/** Demo only: there is no physical card, so the operator places and lifts emulated ones. */
export interface DemoCardsPort {
	ids(): readonly string[];
	current(): string | undefined;
	place(id: string): void;
	lift(): void;
	/** Called whenever the card on the emulated reader changes (placed, swapped, lifted); returns the unsubscribe. */
	subscribe(listener: () => void): () => void;
}

export interface OutboxPort {
	/** Cases not yet on the hub. */
	pendingCount(): Promise<number>;
	/** Called whenever the outbox or the hub state may have changed. */
	subscribe(listener: () => void): () => void;
}

/** One case as the cases index holds it (masked applicant only). */
export interface CaseRow {
	caseId: string;
	itemCode: string;
	applicantMasked: string;
	/** The agent who acted (委托代办), masked; absent when none. */
	agentMasked?: string;
	status: CaseStatus;
	receivedAt: string;
	updatedAt: string;
	history: HistoryEntry[];
	/** Supplements asked, originals sent, the result's way back (core/cases/tracking.ts). */
	returnTrips?: ReturnTrips;
	/** The citizen's 好差评; the reason only as the hub last answered it (never kept on disk). */
	evaluation?: Omit<Evaluation, 'reason'> & {reason?: string};
}

export interface CasesPort {
	/** Today's cases of this terminal from the local index, newest first. */
	list(): CaseRow[];
	/** Asks the hub for the status of the unfinished ones, updates the index, returns the new list. Throws when the hub cannot be reached. */
	refresh(): Promise<CaseRow[]>;
}

export interface AuditPort {
	/** Appends one entry; never throws into the UI (failures reach `onError`). */
	record(input: AuditInput): Promise<void>;
	setActor(actor: AuditActor): void;
	/** The most recent entries, oldest first (already masked by the store's redactor). */
	recent(n: number): Promise<AuditEntry[]>;
}

/** The eligibility rules (src/eligibility/service.ts) with the hub's facts behind them. */
export interface EligibilityPort {
	hasRules(itemCode: string): boolean;
	/** Throws AppError on bad input (e.g. an answer the question does not take). */
	evaluate(request: EligibilityRequest): Promise<Decision>;
	/** Where the hub's facts say the citizen's matters are handled: basic code → province (never throws). */
	handlingProvinces?(idNumber: string): Promise<ReadonlyMap<string, string>>;
}

/** One verified picture from the document camera (devices/camera/service.ts capture()). */
export interface CapturedImage {
	jpeg: Uint8Array;
	sha256: string;
	width: number;
	height: number;
	quality: {brightness: number; sharpness: number; warnings: readonly string[]};
	/** Decoded pixels, for the terminal preview. */
	pixels: Pixels;
	/**
	 * Setting cameraVerify 'behind': this picture is the first read (a preview, not to be kept);
	 * the picture read identically twice arrives here, with the number of chunks that differed
	 * and were read a third time; it rejects (bilingual DeviceError) when no two reads agreed.
	 */
	verification?: Promise<{result: CapturedImage; differed: number}>;
}

/** The document camera. Throws a DeviceError (bilingual `messages`) on timeout, bad image, no camera. */
export interface CameraPort {
	/** `signal`: the clerk gave the capture up; reading (or verifying) stops at the next chunk. */
	capture(request: {onProgress?: (bytes: number, total: number) => void; signal?: AbortSignal}): Promise<CapturedImage>;
	/** Demo only: the emulated pages and the one in front of the lens now. */
	pages?(): readonly string[];
	page?(): string;
	setPage?(name: string): void;
	/** Demo only: called whenever another page is in front of the lens; returns the unsubscribe. */
	onPageChange?(listener: () => void): () => void;
}

/** A case draft as the console sees it (src/store/drafts.ts holds it on disk). */
export type DraftRecord = CounterDraft;

export interface DraftsPort {
	create(input: NewDraft): Promise<DraftRecord>;
	/** The latest open draft of the implementation list for this applicant (none given: one without an applicant). */
	findLatest(implementationCode: string, idNumber?: string): Promise<DraftRecord | undefined>;
	get(draftId: string): Promise<DraftRecord | undefined>;
	/** Drafts not yet submitted, most recently updated first. */
	listOpen(): Promise<DraftRecord[]>;
	/** Stores the image by its SHA-256 (refusing bytes that do not match it). */
	saveCapture(draftId: string, materialCode: string, jpeg: Uint8Array, sha256: string): Promise<DraftRecord>;
	setOriginalVerified(draftId: string, materialCode: string, verified: boolean): Promise<DraftRecord>;
	update(draftId: string, patch: DraftPatch): Promise<DraftRecord>;
	/** Deletes an open draft and its captures (the caller confirmed and audits it). */
	abandon(draftId: string): Promise<DraftRecord>;
}

export type SubmitOutcome =
	| {status: 'submitted'; receipt: ReceiptDoc; file: string}
	/** In the outbox, not on the hub yet (it keeps trying); the receipt follows as an event. */
	| {status: 'queued'; reason?: {code: string; message: string}}
	| {status: 'rejected'; reason: {code: string; message: string}}
	| {status: 'not_ready'; problems: ReviewProblem[]}
	/** Not sent: the applicant has open cases for the item; only a confirmed (audited) submit sends it. */
	| {status: 'duplicate'; check: DuplicateCheck}
	/** Not sent: the case has exceptions no approval given covers (src/core/cases/approval.ts). */
	| {status: 'needs_approval'; exceptions: CaseException[]};

/** A queued case reached the hub: its receipt was saved. */
export interface SubmissionEvent {
	draftId: string;
	receipt: ReceiptDoc;
	file: string;
}

/** Drafts to cases (src/wiring/submission.ts): outbox, receipt file, print command. */
export interface SubmissionPort {
	/**
	 * A draft not yet sent goes only when the applicant has no open case for its item, or with
	 * `allowDuplicate` (the clerk confirmed a second case, and the caller audited it).
	 */
	submit(draftId: string, operatorId: string, options?: {allowDuplicate?: boolean; approval?: CaseApproval}): Promise<SubmitOutcome>;
	/** The exceptions the draft's case would have (a second case when `allowDuplicate`), for the supervisor's approval. */
	exceptions?(draftId: string, options?: {allowDuplicate?: boolean}): Promise<CaseException[]>;
	/** The applicant's open cases for the draft's item (local, then the hub within a deadline); undefined when there is nothing to check. */
	checkDuplicates?(draftId: string): Promise<DuplicateCheck | undefined>;
	subscribe(listener: (event: SubmissionEvent) => void): () => void;
	receipt(caseId: string): Promise<{receipt: ReceiptDoc; file: string} | undefined>;
	/** Present only when a print command is configured (setting receiptPrintCommand). */
	print?(caseId: string): Promise<void>;
}

/** A damaged data file the console set aside (src/store/quarantine.ts), until a technician acknowledges it. */
export interface QuarantinedFile {
	id: string;
	/** Where it was, relative to the data folder (no personal data: a path). */
	original: string;
}

export interface QuarantinePort {
	/** Unacknowledged notices, oldest first. */
	list(): Promise<QuarantinedFile[]>;
	/** Called when a file was set aside while running. */
	subscribe(listener: () => void): () => void;
}

/** A picture kept for a return trip (a supplement's material, an agent's 委托书). */
export interface KeptPicture {
	code: string;
	jpeg: Uint8Array;
	sha256: string;
	originalVerified: boolean;
}

/** What a return trip at the counter ended in: a document on screen and in receipts/, or the outbox keeps trying. */
export type WorkOutcome =
	| {status: 'done'; caseId: string; lines: string[]; file: string}
	/** A supplement waits in the durable outbox (the hub is away); its receipt follows when it lands. */
	| {status: 'queued'; caseId: string};

/**
 * The branch's return trips (docs/return-trips.md; src/wiring/work-port.ts): its work list,
 * polled with the last ETag, and the three acts on it. Failures throw AppErrors (worded by the
 * console); nothing is changed on the hub by a call that threw before it was sent.
 */
export interface WorkPort {
	/** The work list; `changed` is false when the hub answered 304 (no body). Throws when the hub cannot be reached. */
	poll(): Promise<{changed: boolean; items: readonly WorkItem[]}>;
	/** When unshipped originals become work (settings). */
	policy: UrgencyPolicy;
	/** The case's people in full while this terminal keeps them (the case was received here). */
	knownPeople(caseId: string): Promise<KnownPeople | undefined>;
	/** 补正: the pictures through the durable outbox under one idempotency key. */
	supplement(request: {caseId: string; itemCode: string; pictures: readonly KeptPicture[]; operatorId: string}): Promise<WorkOutcome>;
	/** 领取: the hub records who collected, the case completes; the slip is saved (and printed by `print`). */
	handOver(request: {caseId: string; itemCode: string; collector: Collector; powerOfAttorney?: KeptPicture; operatorId: string}): Promise<WorkOutcome>;
	/** 资料流转: the waybill is checked before anything is sent. */
	ship(request: {caseId: string; carrier: Carrier; waybill: string; operatorId: string}): Promise<{created: boolean; waybill: string; unchecked: boolean}>;
	/** Present when a print command is configured. */
	print?(file: string): Promise<void>;
	/** 差评整改: a supervisor's follow-up note on a bad evaluation; the hub records who (the session's operator). */
	followUp(request: {caseId: string; note: string}): Promise<{evaluation: Evaluation | null}>;
}

export type PreviewDepth = 'truecolor' | 'ansi256' | 'plain';

export interface ConsoleServices {
	catalog: CatalogService;
	/** Settles when a lazily loaded catalog is there (its load warning is known only then). */
	catalogReady?: Promise<unknown>;
	clock: Clock;
	operator: OperatorInfo;
	/** The hub's state now (cheap and synchronous); the console reads it once and then on every change. */
	hubState(): HubState;
	/** Called whenever the hub state may have changed (absent: it never changes, e.g. the demo); returns the unsubscribe. */
	onHubStateChange?(listener: () => void): () => void;
	session?: SessionPort;
	/** Minutes without a key before the screen locks (0 = never); default 10. */
	idleLockMinutes?: number;
	timers?: Timers;
	reader?: ReaderPort;
	demoCards?: DemoCardsPort;
	outbox?: OutboxPort;
	cases?: CasesPort;
	/** 日终 (supervisors): today's report of this terminal, reconciled with the hub (docs/people.md#日终-closing-the-day). */
	dayReport?: DayReportPort;
	audit?: AuditPort;
	eligibility?: EligibilityPort;
	/** The counter's region (settings branchCode, first 6 digits): the eligibility "counter region". */
	counterRegion?: string;
	camera?: CameraPort;
	drafts?: DraftsPort;
	submission?: SubmissionPort;
	/** Settings `asciiOnly`: the preview is drawn in plain ASCII shades. */
	asciiOnly?: boolean;
	/** Setting `theme` monochrome, or NO_COLOR set: no colour anywhere on the console. */
	monochrome?: boolean;
	/** Validation of a typed ID number's region code (GB/T 2260). */
	isKnownRegion?: (code: string) => boolean;
	/** Validation of a typed foreign permanent residence number's nationality code (GB/T 2659). */
	isKnownNationality?: (code: string) => boolean;
	/** Damaged files set aside: shown in the top bar until acknowledged (`tongban quarantine ack`). */
	quarantine?: QuarantinePort;
	/** The branch's return trips: the work queue, supplements, hand-overs, shipments. */
	work?: WorkPort;
}

export const realTimers: Timers = {
	after(ms, fn) {
		const handle = setTimeout(fn, ms);
		// Timers alone never keep the process alive after the console quits.
		handle.unref?.();
		return () => clearTimeout(handle);
	},
};

/** 日终: today's report (the local day of the branch), read fresh on every call. */
export interface DayReportPort {
	today(): Promise<DayReport>;
	/** A province's name for its hub node code ("51" → 四川省); undefined when unknown. */
	provinceName(node: string): string | undefined;
}

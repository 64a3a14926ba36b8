/**
 * Ports that work before their backend exists. The console draws its first frame (the sign-in
 * screen) before the catalog, the hub client, the audit log and, in the demo, the mock hub and
 * the emulated reader have loaded: on a thin terminal those take longer than Ink itself. Each
 * port below waits for its backend when asked to act, and reads as "not yet" (empty, not
 * connected) when only asked to show.
 */
import type {Catalog} from '../core/catalog/model.js';
import type {SearchResult} from '../core/catalog/search/types.js';
import type {CatalogService} from '../core/ports/catalog.js';
import type {Later} from './later.js';
import type {AuditPort, CameraPort, CasesPort, DemoCardsPort, DraftsPort, EligibilityPort, OutboxPort, QuarantinePort, ReaderPort, SessionPort, SubmissionPort, WorkPort} from '../ui/services.js';
import type {UrgencyPolicy} from '../core/cases/return-trips.js';

const EMPTY_CATALOG: Catalog = {version: '', items: [], implementations: []};
const EMPTY_RESULT: SearchResult = {hits: [], more: false};

/**
 * For fire-and-forget uses of a port that may never come: the backend's failure is reported once
 * by the console command, not again as an unhandled rejection per waiting caller.
 */
const ignoreFailure = (): undefined => undefined;

export function lazyCatalog(later: Later<CatalogService>): CatalogService {
	const real = () => later.value;
	return {
		catalog: () => real()?.catalog() ?? EMPTY_CATALOG,
		regions: () => real()?.regions() ?? new Map(),
		search: (query) => real()?.search(query) ?? EMPTY_RESULT,
		item: (code) => real()?.item(code),
		implementation: (code) => real()?.implementation(code),
		implementationsOf: (code) => real()?.implementationsOf(code) ?? [],
		regionPath: (code) => real()?.regionPath(code) ?? code,
		loadWarning: () => real()?.loadWarning(),
	};
}

export function lazySession(later: Later<SessionPort>): SessionPort {
	return {
		signIn: async (id, pin) => (await later.promise).signIn(id, pin),
		signOut: async () => (await later.promise).signOut(),
		approve: async (request) => {
			const port = await later.promise;
			return port.approve ? port.approve(request) : {ok: false, reason: 'error'};
		},
	};
}

/**
 * A subscription to a port that may not be there yet: made once it is, and `ready` then tells the
 * listener what it missed (the view drew "not yet" until now).
 */
function subscribeWhenReady<P>(later: Later<P>, subscribe: (port: P) => () => void, ready: (port: P) => void): () => void {
	let unsubscribe: () => void = () => {};
	const cancel = later.whenReady((port) => {
		unsubscribe = subscribe(port);
		ready(port);
	});
	return () => {
		cancel();
		unsubscribe();
	};
}

export function lazyReader(later: Later<ReaderPort>): ReaderPort {
	return {
		state: () => later.value?.state() ?? 'disconnected',
		lastCard: () => later.value?.lastCard(),
		readNow: async () => (await later.promise).readNow(),
		subscribe: (listener) => subscribeWhenReady(later, (reader) => reader.subscribe(listener), (reader) => listener({type: 'state', state: reader.state()})),
	};
}

export function lazyDemoCards(later: Later<DemoCardsPort>): DemoCardsPort {
	return {
		ids: () => later.value?.ids() ?? [],
		current: () => later.value?.current(),
		place: (id) => void later.promise.then((cards) => cards.place(id), ignoreFailure),
		lift: () => void later.promise.then((cards) => cards.lift(), ignoreFailure),
		subscribe: (listener) => subscribeWhenReady(later, (port) => port.subscribe(listener), () => listener()),
	};
}

export function lazyOutbox(later: Later<OutboxPort>): OutboxPort {
	return {
		pendingCount: async () => (await later.promise).pendingCount(),
		subscribe: (listener) => subscribeWhenReady(later, (port) => port.subscribe(listener), () => listener()),
	};
}

export function lazyQuarantine(later: Later<QuarantinePort>): QuarantinePort {
	return {
		list: async () => (await later.promise).list(),
		subscribe: (listener) => subscribeWhenReady(later, (port) => port.subscribe(listener), () => listener()),
	};
}

export function lazyCases(later: Later<CasesPort>): CasesPort {
	return {
		list: () => later.value?.list() ?? [],
		refresh: async () => (await later.promise).refresh(),
	};
}

export function lazyAudit(later: Later<AuditPort>): AuditPort {
	return {
		record: async (input) => (await later.promise).record(input),
		// The actor applies to every entry recorded after it, so it waits for the store in order.
		setActor: (actor) => void later.promise.then((audit) => audit.setActor(actor), ignoreFailure),
		recent: async (n) => (await later.promise).recent(n),
	};
}

export function lazyEligibility(later: Later<EligibilityPort>): EligibilityPort {
	return {
		// Before the rules are loaded no item has any: the key says so rather than waiting.
		hasRules: (itemCode) => later.value?.hasRules(itemCode) ?? false,
		evaluate: async (request) => (await later.promise).evaluate(request),
		// A card read before the rules are loaded still gets its ranking once they are.
		handlingProvinces: async (idNumber) => (await (await later.promise).handlingProvinces?.(idNumber)) ?? new Map(),
	};
}

/**
 * The document camera. The demo's page choice is read synchronously for the checklist, so it
 * reads as empty until the emulator is there; a page picked before that is applied once it is.
 */
export function lazyCamera(later: Later<CameraPort>, options: {demoPages?: boolean} = {}): CameraPort {
	return {
		capture: async (request) => (await later.promise).capture(request),
		// The demo's emulated pages come from the demo itself once it is up; declaring the
		// methods now lets the keymap offer the page keys from the first frame.
		...(options.demoPages
			? {
					pages: () => later.value?.pages?.() ?? [],
					page: () => later.value?.page?.() ?? '',
					setPage(name: string) {
						// Synchronously when the camera is there: the checklist redraws its page line right away.
						if (later.value) later.value.setPage?.(name);
						else void later.promise.then((camera) => camera.setPage?.(name), ignoreFailure);
					},
					onPageChange: (listener: () => void) => subscribeWhenReady(later, (camera) => camera.onPageChange?.(listener) ?? (() => {}), () => listener()),
				}
			: {}),
	};
}

export function lazyDrafts(later: Later<DraftsPort>): DraftsPort {
	return {
		create: async (input) => (await later.promise).create(input),
		findLatest: async (code, idNumber) => (await later.promise).findLatest(code, idNumber),
		saveCapture: async (id, code, jpeg, sha256) => (await later.promise).saveCapture(id, code, jpeg, sha256),
		setOriginalVerified: async (id, code, verified) => (await later.promise).setOriginalVerified(id, code, verified),
		update: async (id, patch) => (await later.promise).update(id, patch),
		get: async (id) => (await later.promise).get(id),
		listOpen: async () => (await later.promise).listOpen(),
		abandon: async (id) => (await later.promise).abandon(id),
	};
}

/**
 * Submissions. Whether receipts can be printed is known from the settings before the backend
 * is up, so the print key is offered from the first frame.
 */
export function lazySubmission(later: Later<SubmissionPort>, options: {canPrint: boolean}): SubmissionPort {
	return {
		submit: async (draftId, operatorId, options) => (await later.promise).submit(draftId, operatorId, options),
		checkDuplicates: async (draftId) => (await later.promise).checkDuplicates?.(draftId),
		exceptions: async (draftId, options) => (await (await later.promise).exceptions?.(draftId, options)) ?? [],
		// Nothing to catch up on: receipts that arrived before are the submit() calls' own answers.
		subscribe: (listener) => subscribeWhenReady(later, (port) => port.subscribe(listener), () => {}),
		receipt: async (caseId) => (await later.promise).receipt(caseId),
		...(options.canPrint
			? {
					print: async (caseId: string) => {
						const port = await later.promise;
						if (!port.print) throw new Error('no print command');
						await port.print(caseId);
					},
				}
			: {}),
	};
}

/** The work port; its urgency policy comes from the settings at once (the hub client later). */
export function lazyWork(later: Later<WorkPort>, options: {policy: UrgencyPolicy; canPrint: boolean}): WorkPort {
	return {
		policy: options.policy,
		poll: async () => (await later.promise).poll(),
		knownPeople: async (caseId) => (await later.promise).knownPeople(caseId),
		supplement: async (request) => (await later.promise).supplement(request),
		handOver: async (request) => (await later.promise).handOver(request),
		ship: async (request) => (await later.promise).ship(request),
		followUp: async (request) => (await later.promise).followUp(request),
		...(options.canPrint
			? {
					print: async (file: string) => {
						const port = await later.promise;
						if (!port.print) throw new Error('no print command');
						await port.print(file);
					},
				}
			: {}),
	};
}

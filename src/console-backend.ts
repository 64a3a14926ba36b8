/**
 * Everything behind the console's lazy ports: the catalog, the hub client and session, the
 * outbox draining in the background, the cases index, the audit log and, in the demo, the mock
 * hub and the emulated card reader. Loaded by src/console.ts only after the first frame.
 */
import {openCatalog} from './app.js';
import {auditOutbox} from './core/cases/audit.js';
import type {CaseRecord} from './core/cases/model.js';
import {HubError, HubRejectedError} from './core/errors.js';
import type {CatalogService} from './core/ports/catalog.js';
import type {Clock} from './core/ports/clock.js';
import type {Later} from './console-lazy.js';
import type {StartConsoleOptions} from './console.js';
import type {Demo} from './demo.js';
import {HubClient} from './hub/client.js';
import {openCasesIndex, type IndexedCase} from './store/cases-index.js';
import {openOutbox} from './store/outbox.js';
import {AuditStore, listRecent} from './store/audit-store.js';
import {DraftStore} from './store/drafts.js';
import {ReceiptStore} from './store/receipts.js';
import {createDraftSubmitter} from './console-submit.js';
import {startBranchDevices} from './console-devices.js';
import type {AuditPort, CameraPort, CasesPort, DraftsPort, SubmissionPort, CaseRow, DemoCardsPort, EligibilityPort, HubState, OutboxPort, QuarantinePort, ReaderPort, SessionPort, SignInResult} from './ui/services.js';
import {DataFileQuarantinedError, openNotices} from './store/quarantine.js';
import type {FactsPort} from './core/ports/facts.js';
import {RegionTable} from './core/identity/regions.js';
import {builtinRegions} from './app.js';
import {factsFromHub} from './eligibility/facts-hub.js';
import {createMemoryFacts} from './eligibility/facts-memory.js';
import {loadRuleSet, rulesPath} from './eligibility/load.js';
import {createEligibilityService} from './eligibility/service.js';
import {isKnownNationality} from './catalog/nationalities.js';

function sameLocalDay(iso: string, today: Date): boolean {
	const d = new Date(iso);
	return d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
}

function toRow(c: IndexedCase | CaseRecord & {applicantMasked?: string}): CaseRow {
	return {caseId: c.caseId, itemCode: c.itemCode, applicantMasked: c.applicantMasked ?? '', status: c.status, receivedAt: c.receivedAt, updatedAt: c.updatedAt, history: c.history};
}

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
}

/**
 * The demo's facts: the mock hub's answer through the hub client, with the demo records filling
 * in the facts the mock hub does not hold (null there). Outside the demo only the hub answers.
 */
export function demoFacts(hub: FactsPort, fallback: FactsPort = createMemoryFacts()): FactsPort {
	return {
		async query(idNumber, itemCode, names) {
			const answer = await hub.query(idNumber, itemCode, names);
			const missing = names.filter((name) => answer.facts[name] === null || answer.facts[name] === undefined);
			if (missing.length === 0) return answer;
			const local = await fallback.query(idNumber, itemCode, missing);
			const facts = {...answer.facts};
			for (const name of missing) facts[name] = local.facts[name] ?? null;
			return {facts, asOf: answer.asOf};
		},
	};
}

export interface BackendOptions extends StartConsoleOptions {
	clock: Clock;
	useDemo: boolean;
	isKnownRegion: (code: string) => boolean;
	hub: {state: HubState};
	ports: BackendPorts;
}

/** Opens everything behind the console's ports; the returned close() undoes it in reverse. `hubUrl`: the hub the client talks to. */
export async function startBackend(options: BackendOptions): Promise<{close(): Promise<void>; hubUrl: string}> {
	const {clock, settings, dataDir, useDemo, isKnownRegion, hub, ports} = options;
	const closers: Array<() => Promise<unknown>> = [];
	const close = async () => {
		for (const closer of closers.reverse()) await closer().catch(() => undefined);
	};
	try {
		const catalog = await openCatalog({dataDir, catalogDir: settings.catalogDir});
		ports.catalog.resolve(catalog);
		let demo: Demo | undefined;
		if (useDemo) {
			const {startDemo} = await import('./demo.js');
			demo = await startDemo({clock, lang: options.lang, isKnownRegion, cameraVerify: settings.cameraVerify, dataDir, ...(options.demoStepMs ? {stepMs: options.demoStepMs} : {})});
			closers.push(() => demo!.close());
			ports.reader.resolve(demo.reader);
			ports.demoCards.resolve(demo.demoCards);
			ports.camera.resolve(demo.camera);
		} else {
			const devices = await startBranchDevices({settings, clock, lang: options.lang, isKnownRegion});
			closers.push(() => devices.close());
			if (devices.reader) ports.reader.resolve(devices.reader);
			if (devices.camera) ports.camera.resolve(devices.camera);
		}
		// Submissions carry the audit head (the hub's anchor of this terminal's log). The client is
		// built before the store opens, hence the closure: no head until the store is open.
		let openAudit: AuditStore | undefined;
		const client = new HubClient({baseUrl: demo?.hubUrl ?? settings.hubUrl, terminalId: settings.terminalId, clock, timeoutMs: 8_000, retries: 2, auditHead: () => openAudit?.last});
		closers.push(() => client.close());
		const audit = await AuditStore.open({dataDir, terminal: settings.terminalId, actor: {id: 'console', role: 'system'}, lockWaitMs: 2_000});
		openAudit = audit;
		closers.push(() => audit.close());
		// Damaged files met while running are set aside (store/quarantine.ts); the top bar shows
		// them until a technician acknowledges them.
		const quarantineListeners = new Set<() => void>();
		const quarantined = () => {
			for (const listener of quarantineListeners) listener();
		};
		ports.quarantine.resolve({
			list: async () => (await openNotices(dataDir)).map((n) => ({id: n.id, original: n.original})),
			subscribe(listener) {
				quarantineListeners.add(listener);
				return () => quarantineListeners.delete(listener);
			},
		});
		const drafts = await DraftStore.open({dataDir, clock, onQuarantined: quarantined});
		ports.drafts.resolve(drafts);
		// A damaged case index is set aside and rebuilt from the outbox at once: the console goes on.
		const index = await openCasesIndex(dataDir, {onQuarantined: quarantined, clock}).catch((error: unknown) => {
			if (!(error instanceof DataFileQuarantinedError)) throw error;
			quarantined();
			return openCasesIndex(dataDir, {onQuarantined: quarantined, clock});
		});
		// Writes to the case index that nobody awaits (a status refresh, a case just submitted):
		// closing waits for them and refuses later ones (after the outbox has stopped, closers run
		// in reverse), so nothing writes into the data folder after close() returns, even from a
		// refresh still walking its list.
		closers.push(() => index.close());
		const outbox = await openOutbox({dataDir, hub: client, clock});
		closers.push(() => outbox.stop());
		const provinces = new RegionTable(builtinRegions());
		const submitter = createDraftSubmitter({
			drafts,
			outbox,
			receipts: await ReceiptStore.open(dataDir, {onQuarantined: quarantined}),
			catalog: () => catalog,
			clock,
			settings,
			provinceName: (node) => provinces.provinceName(node.padEnd(6, '0')) ?? node,
			lang: () => options.lang,
		});
		closers.push(async () => submitter.close());
		ports.submission.resolve(submitter);
		// Submissions, lost answers and their resolution go to the audit as the outbox reports
		// them (closed before the outbox and the audit store, which were pushed earlier).
		const outboxAudit = auditOutbox(outbox, audit);
		closers.push(async () => {
			outboxAudit.stop();
			await outboxAudit.flush().catch(() => undefined);
		});

		const listeners = new Set<() => void>();
		const changed = () => {
			for (const listener of listeners) listener();
		};
		const reachable = (ok: boolean) => {
			if (useDemo) return;
			const next = ok ? 'online' : 'offline';
			if (next !== hub.state) {
				hub.state = next;
				changed();
			}
		};
		outbox.on('submitted', (entry) => {
			reachable(true);
			void index.recordSubmitted(entry, clock.now()).then(changed, () => undefined);
		});
		outbox.on('retry', (entry) => {
			reachable(!/^hub_(unreachable|timeout|connection_lost)/.test(entry.lastError?.code ?? ''));
			changed();
		});
		outbox.on('enqueued', changed);
		outbox.on('failed', changed);
		outbox.on('drained', changed);
		outbox.start({maxIdleMs: 15_000});

		ports.session.resolve({
			async signIn(operatorId, pin): Promise<SignInResult> {
				try {
					const result = await client.signIn({operatorId, pin, terminalId: settings.terminalId});
					reachable(true);
					// Cases waiting for a session go now rather than at their next backoff step.
					void outbox.drain().catch(() => undefined);
					if (demo) void demo.seedCases(outbox, result.operator.id, settings.terminalId).catch(() => undefined);
					return {ok: true, operator: {id: result.operator.id, name: result.operator.name, roles: result.operator.roles}};
				} catch (error) {
					if (error instanceof HubRejectedError) {
						if (error.status === 423) return {ok: false, reason: 'locked'};
						if (error.status === 401) {
							const left = error.details?.['remainingAttempts'];
							return typeof left === 'number' ? {ok: false, reason: 'invalid', remainingAttempts: left} : {ok: false, reason: 'invalid'};
						}
						return {ok: false, reason: 'error'};
					}
					if (error instanceof HubError) {
						reachable(false);
						return {ok: false, reason: 'unreachable'};
					}
					return {ok: false, reason: 'error'};
				}
			},
			async signOut() {
				await client.signOut().catch(() => client.setToken(undefined));
			},
		});

		const todays = () => index.list().filter((c) => sameLocalDay(c.receivedAt, clock.now()));
		ports.outbox.resolve({
			pendingCount: async () => (await outbox.pending()).length,
			subscribe(listener) {
				listeners.add(listener);
				return () => listeners.delete(listener);
			},
		});
		ports.cases.resolve({
			list: () => todays().map(toRow),
			async refresh() {
				try {
					for (const c of todays().filter((x) => x.status !== 'completed')) {
						await index.recordFromHub(await client.getCase(c.caseId), clock.now());
					}
				} catch (error) {
					if (error instanceof HubError) reachable(false);
					throw error;
				}
				reachable(true);
				return todays().map(toRow);
			},
		});
		const regions = provinces;
		const hubFacts = factsFromHub(client);
		const eligibility = createEligibilityService({
			rules: loadRuleSet(rulesPath(settings.catalogDir || undefined)),
			facts: useDemo ? demoFacts(hubFacts) : hubFacts,
			clock,
			isKnownRegion,
			isKnownNationality,
			provinceName: (code) => regions.provinceName(code),
		});
		ports.eligibility.resolve({hasRules: (code) => eligibility.hasRules(code), evaluate: (request) => eligibility.evaluate(request)});
		ports.audit.resolve({
			record: async (input) => {
				await audit.record(input);
			},
			setActor: (actor) => audit.setActor(actor),
			recent: (n) => listRecent(dataDir, n),
		});
		return {close, hubUrl: client.baseUrl};
	} catch (error) {
		await close();
		throw error;
	}
}

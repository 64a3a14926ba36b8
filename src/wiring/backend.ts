/**
 * Everything behind the console's lazy ports: the catalog, the devices (the demo's emulated ones or
 * the branch's own), the hub client and session, the audit log, the drafts, the outbox draining in
 * the background, the case index and the receipts. Loaded by start.ts only after the first frame.
 * Each port is built by its own module; this one opens the stores in order and closes them in
 * reverse.
 */
import {isKnownNationality} from '../catalog/nationalities.js';
import {builtinRegionTable} from '../catalog/regions.js';
import {auditOutbox} from '../core/cases/audit.js';
import {checkDuplicates, queuedCasesFor} from '../core/cases/duplicates.js';
import {createSignal} from '../core/signal.js';
import {factsFromHub} from '../eligibility/facts-hub.js';
import {loadRuleSet, rulesPath} from '../eligibility/load.js';
import {createEligibilityService} from '../eligibility/service.js';
import {HubClient} from '../hub/client.js';
import {opsLogFor} from '../log/deferred.js';
import {logExchange} from '../log/hub-exchange.js';
import {logOutbox} from '../log/outbox-events.js';
import {AuditStore, listRecent} from '../store/audit-store.js';
import {openCasesIndex} from '../store/cases-index.js';
import {DraftStore} from '../store/drafts.js';
import {openOutbox} from '../store/outbox.js';
import {DataFileQuarantinedError, openNotices} from '../store/quarantine.js';
import {ReceiptStore} from '../store/receipts.js';
import {startBranchDevices} from './branch-devices.js';
import {casesPort} from './cases-port.js';
import {openCatalog} from './catalog.js';
import type {Demo} from './demo.js';
import {demoFacts} from './facts.js';
import type {Backend, BackendOptions} from './options.js';
import {sessionPort} from './session-port.js';
import {createDraftSubmitter} from './submission.js';
import {createWorkPort, saveSupplementReceipt} from './work-port.js';
import {readDayReport} from './day-report.js';
import {localDateOf, parseLocalDay} from '../core/report/day.js';

/** Opens everything behind the console's ports; the returned close() undoes it in reverse. */
export async function startBackend(options: BackendOptions): Promise<Backend> {
	const {clock, settings, dataDir, isKnownRegion, hubStatus, ports} = options;
	const closers: Array<() => Promise<unknown>> = [];
	// The operations log (docs/operations.md#logs), closed last: it has the stop line.
	const log = opsLogFor(dataDir, settings, 'console');
	closers.push(async () => {
		log.log('info', 'console.stop', {});
		await log.close();
	});
	const close = async () => {
		for (const closer of closers.reverse()) await closer().catch(() => undefined);
	};
	try {
		const catalog = await openCatalog({dataDir, catalogDir: settings.catalogDir});
		ports.catalog.resolve(catalog);
		let demo: Demo | undefined;
		if (options.demo) {
			const {startDemo} = await import('./demo.js');
			demo = await startDemo({clock, lang: options.lang, isKnownRegion, cameraVerify: settings.cameraVerify, dataDir, ...(options.demoStepMs ? {stepMs: options.demoStepMs} : {})});
			closers.push(() => demo!.close());
			ports.reader.resolve(demo.reader);
			ports.demoCards.resolve(demo.demoCards);
			ports.camera.resolve(demo.camera);
		} else {
			const devices = await startBranchDevices({settings, clock, lang: options.lang, isKnownRegion, log});
			closers.push(() => devices.close());
			if (devices.reader) ports.reader.resolve(devices.reader);
			if (devices.camera) ports.camera.resolve(devices.camera);
		}
		// Submissions carry the audit head (the hub's anchor of this terminal's log). The client is
		// built before the store opens, hence the closure: no head until the store is open.
		let openAudit: AuditStore | undefined;
		const client = new HubClient({baseUrl: demo?.hubUrl ?? settings.hubUrl, terminalId: settings.terminalId, clock, timeoutMs: 8_000, retries: 2, auditHead: () => openAudit?.last, onExchange: (exchange) => logExchange(log, exchange)});
		closers.push(() => client.close());
		const audit = await AuditStore.open({dataDir, terminal: settings.terminalId, actor: {id: 'console', role: 'system'}, lockWaitMs: 2_000});
		openAudit = audit;
		closers.push(() => audit.close());

		// Damaged files met while running are set aside (store/quarantine.ts); the top bar shows
		// them until a technician acknowledges them.
		const quarantined = createSignal();
		ports.quarantine.resolve({
			list: async () => (await openNotices(dataDir)).map((n) => ({id: n.id, original: n.original})),
			subscribe: (listener) => quarantined.subscribe(listener),
		});
		const onQuarantined = () => quarantined.emit();
		const drafts = await DraftStore.open({dataDir, clock, onQuarantined});
		ports.drafts.resolve(drafts);
		// A damaged case index is set aside and rebuilt from the outbox at once: the console goes on.
		const index = await openCasesIndex(dataDir, {onQuarantined, clock}).catch((error: unknown) => {
			if (!(error instanceof DataFileQuarantinedError)) throw error;
			onQuarantined();
			return openCasesIndex(dataDir, {onQuarantined, clock});
		});
		// The index waits for the writes nobody awaits (a status refresh, a case just submitted) and
		// refuses later ones: closed after the outbox has stopped (closers run in reverse), so
		// nothing writes into the data folder once close() returns.
		closers.push(() => index.close());
		const outbox = await openOutbox({dataDir, hub: client, clock});
		closers.push(() => outbox.stop());
		const provinces = builtinRegionTable();
		const receipts = await ReceiptStore.open(dataDir, {onQuarantined});
		const submitter = createDraftSubmitter({
			drafts,
			outbox,
			receipts,
			catalog: () => catalog,
			clock,
			settings,
			provinceName: (node) => provinces.provinceName(node.padEnd(6, '0')) ?? node,
			lang: () => options.lang,
			// The index (after another process's writes) and the outbox here, then the hub within its deadline.
			async duplicates(applicant, itemCode, idempotencyKey) {
				await index.reload();
				const local = [...index.openCasesFor(applicant, itemCode), ...queuedCasesFor(await outbox.pending(), index.fingerprint, applicant, itemCode, idempotencyKey)];
				return checkDuplicates({applicant, itemCode, local, hub: client});
			},
		});
		closers.push(() => submitter.close());
		ports.submission.resolve(submitter);
		const workDeps = {hub: client, outbox, receipts, catalog: () => catalog, clock, settings, lang: () => options.lang, provinceName: (node: string) => provinces.provinceName(node.padEnd(6, '0')) ?? node};
		ports.work.resolve(createWorkPort(workDeps));
		// 日终: read fresh from the data folder and the hub each time the supervisor opens it.
		ports.dayReport.resolve(() => readDayReport({hub: client, dataDir, settings, clock}, parseLocalDay(localDateOf(clock.now()))!));
		// A supplement the hub took later (it was "queued" at the counter): its receipt is saved then.
		outbox.on('supplemented', (entry) => void saveSupplementReceipt(workDeps, entry, undefined).catch(() => undefined));
		// Submissions, lost answers and their resolution go to the audit as the outbox reports
		// them (closed before the outbox and the audit store, which were pushed earlier).
		const outboxAudit = auditOutbox(outbox, audit);
		closers.push(async () => {
			outboxAudit.stop();
			await outboxAudit.flush().catch(() => undefined);
		});

		// The top bar's outbox count and hub state follow the outbox's life.
		const outboxChanged = createSignal();
		hubStatus.subscribe(() => outboxChanged.emit());
		// A supplement (补正) marks its case in the index rather than adding one (cases-index.ts).
		for (const event of ['submitted', 'supplemented'] as const) {
			outbox.on(event, (entry) => {
				hubStatus.reachable(true);
				void index.recordSubmitted(entry, clock.now()).then(() => outboxChanged.emit(), () => undefined);
			});
		}
		outbox.on('retry', (entry) => {
			hubStatus.reachable(!/^hub_(unreachable|timeout|connection_lost)/.test(entry.lastError?.code ?? ''));
			outboxChanged.emit();
		});
		for (const event of ['enqueued', 'failed', 'drained'] as const) outbox.on(event, () => outboxChanged.emit());
		logOutbox(outbox, log);
		outbox.start({maxIdleMs: 15_000});
		ports.outbox.resolve({
			pendingCount: async () => (await outbox.pending()).length,
			subscribe: (listener) => outboxChanged.subscribe(listener),
		});

		ports.session.resolve(
			sessionPort({
				client,
				terminalId: settings.terminalId,
				hubStatus,
				onSignedIn(operatorId) {
					// Cases waiting for a session go now rather than at their next backoff step.
					void outbox.drain().catch(() => undefined);
					if (demo) void demo.seedCases(outbox, operatorId, settings.terminalId).catch(() => undefined);
				},
			}),
		);
		ports.cases.resolve(casesPort({index, client, clock, hubStatus}));

		const hubFacts = factsFromHub(client);
		const eligibility = createEligibilityService({
			rules: loadRuleSet(rulesPath(settings.catalogDir || undefined)),
			facts: options.demo ? demoFacts(hubFacts) : hubFacts,
			clock,
			isKnownRegion,
			isKnownNationality,
			provinceName: (code) => provinces.provinceName(code),
		});
		ports.eligibility.resolve({hasRules: (code) => eligibility.hasRules(code), evaluate: (request) => eligibility.evaluate(request), handlingProvinces: (idNumber) => eligibility.handlingProvinces(idNumber)});
		ports.audit.resolve({
			record: async (input) => {
				await audit.record(input);
			},
			setActor: (actor) => audit.setActor(actor),
			recent: (n) => listRecent(dataDir, n),
		});
		log.log('info', 'console.start', {terminalId: settings.terminalId, demo: Boolean(options.demo), hub: client.baseUrl});
		return {close, hubUrl: client.baseUrl};
	} catch (error) {
		await close();
		throw error;
	}
}

/**
 * Starts the full-screen console: loads the catalog (from caches when they are fresh) and the
 * Ink UI in parallel, wires the hub (client, session, outbox draining in the background, the
 * cases index), the audit log and, in the demo, the mock hub and the emulated card reader; hands
 * the ports to the UI and closes everything once the operator quits, so the process exits.
 * Loaded lazily by `tongban console`, so that other commands never pay for Ink and React.
 */
import {builtinRegions, openCatalog} from './app.js';
import type {CaseRecord} from './core/cases/model.js';
import {HubError, HubRejectedError} from './core/errors.js';
import {RegionTable} from './core/identity/regions.js';
import {systemClock, type Clock} from './core/ports.js';
import type {Demo} from './demo.js';
import {HubClient} from './hub/client.js';
import {cliText, type Lang} from './i18n/cli.js';
import {openCasesIndex, type IndexedCase} from './store/cases-index.js';
import {openOutbox} from './store/outbox.js';
import {AuditStore, listRecent} from './store/audit-store.js';
import type {Settings} from './store/settings-schema.js';
import type {CaseRow, ConsoleServices, HubState, SessionPort, SignInResult} from './ui/services.js';

export interface StartConsoleOptions {
	lang: Lang;
	dataDir: string;
	settings: Settings;
	demo: boolean;
	clock?: Clock;
}

function sameLocalDay(iso: string, today: Date): boolean {
	const d = new Date(iso);
	return d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
}

function toRow(c: IndexedCase | CaseRecord & {applicantMasked?: string}): CaseRow {
	return {caseId: c.caseId, itemCode: c.itemCode, applicantMasked: c.applicantMasked ?? '', status: c.status, receivedAt: c.receivedAt, updatedAt: c.updatedAt, history: c.history};
}

export async function startConsole(options: StartConsoleOptions): Promise<void> {
	const clock = options.clock ?? systemClock;
	const {settings, dataDir} = options;
	const useDemo = options.demo || !settings.hubUrl;
	const [catalog, ui] = await Promise.all([openCatalog({dataDir, catalogDir: settings.catalogDir}), import('./ui/run.js')]);
	const regions = new RegionTable(builtinRegions());
	const isKnownRegion = (code: string) => regions.isKnown(code);

	const closers: Array<() => Promise<unknown>> = [];
	const closeAll = async () => {
		for (const close of closers.reverse()) await close().catch(() => undefined);
	};
	try {
		let demo: Demo | undefined;
		if (useDemo) {
			const {startDemo} = await import('./demo.js');
			demo = await startDemo({clock, lang: options.lang, isKnownRegion});
			closers.push(() => demo!.close());
		}
		const client = new HubClient({baseUrl: demo?.hubUrl ?? settings.hubUrl, terminalId: settings.terminalId, clock, timeoutMs: 8_000, retries: 2});
		closers.push(() => client.close());
		const audit = await AuditStore.open({dataDir, terminal: settings.terminalId, actor: {id: 'console', role: 'system'}, lockWaitMs: 2_000});
		closers.push(() => audit.close());
		const index = await openCasesIndex(dataDir);
		const outbox = await openOutbox({dataDir, hub: client, clock});
		closers.push(() => outbox.stop());

		let hubState: HubState = useDemo ? 'demo' : 'offline';
		const listeners = new Set<() => void>();
		const changed = () => {
			for (const listener of listeners) listener();
		};
		const reachable = (ok: boolean) => {
			if (useDemo) return;
			const next = ok ? 'online' : 'offline';
			if (next !== hubState) {
				hubState = next;
				changed();
			}
		};
		outbox.on('submitted', (entry) => {
			reachable(true);
			void index.recordSubmitted(entry, clock.now()).then(changed);
		});
		outbox.on('retry', (entry) => {
			reachable(!/^hub_(unreachable|timeout|connection_lost)/.test(entry.lastError?.code ?? ''));
			changed();
		});
		outbox.on('enqueued', changed);
		outbox.on('failed', changed);
		outbox.on('drained', changed);
		outbox.start({maxIdleMs: 15_000});

		const session: SessionPort = {
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
						if (error.status === 401) return {ok: false, reason: 'invalid'};
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
		};

		const todays = () => index.list().filter((c) => sameLocalDay(c.receivedAt, clock.now()));
		const services: ConsoleServices = {
			catalog,
			clock,
			operator: {id: '', name: cliText(options.lang, 'demo.operator'), branch: settings.branchName},
			hubState: () => hubState,
			session,
			idleLockMinutes: settings.idleLockMinutes,
			...(demo ? {reader: demo.reader, demoCards: demo.demoCards} : {}),
			outbox: {
				pendingCount: async () => (await outbox.pending()).length,
				subscribe(listener) {
					listeners.add(listener);
					return () => listeners.delete(listener);
				},
			},
			cases: {
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
			},
			audit: {
				record: async (input) => {
					await audit.record(input);
				},
				setActor: (actor) => audit.setActor(actor),
				recent: (n) => listRecent(dataDir, n),
			},
			isKnownRegion,
		};
		await ui.runConsole(services, {lang: options.lang});
	} finally {
		await closeAll();
	}
}

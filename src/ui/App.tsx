/**
 * The console: top bar, the current view (or an overlay), flash line and hint line, sized to the
 * terminal. The dynamic area is kept at rows - 1 lines: on Ink 6 output as tall as the terminal
 * flickers (docs/architecture.md#flicker-at-full-height). All keys arrive through the single input
 * router, through the keymap as the signed-in operator's roles and the wired services allow it.
 */
import {Box, useApp, useStdout} from 'ink';
import {useCallback, useEffect, useMemo} from 'react';
import {performAction, performText, type ActionContext} from './actions.js';
import {CommandPalette, paletteHeight} from './components/CommandPalette.js';
import {FlashLine} from './components/FlashLine.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {HintLine} from './components/HintLine.js';
import {TopBar} from './components/TopBar.js';
import {ConsoleContext, makeContextValue} from './context.js';
import {createEffects} from './effects.js';
import {useCachedSearch} from './hooks/useCachedSearch.js';
import {useCasePolling} from './hooks/useCasePolling.js';
import {useDetailLines} from './hooks/useDetailLines.js';
import {useFlash} from './hooks/useFlash.js';
import {useIdleLock} from './hooks/useIdleLock.js';
import {useInputRouter} from './hooks/useInputRouter.js';
import {useAuditEntries, useOutboxCount, useQuarantined, useReaderState} from './hooks/useServiceFeeds.js';
import {useStore} from './hooks/useStore.js';
import {useTerminalSize} from './hooks/useTerminalSize.js';
import {createTranslator, type Lang, type MessageKey} from './i18n/index.js';
import {gatedKeymap, type Capability, type KeyGate} from './keys/keymap.js';
import {commandsFor} from './palette/commands.js';
import {ALL_ROLES, realTimers, type CaseRow, type ConsoleServices} from './services.js';
import {appReducer, focusOf, initialState, viewFocusOf, type AppState} from './state/appState.js';
import {ApplicantView} from './views/ApplicantView.js';
import {AuditView, auditPageSize} from './views/AuditView.js';
import {CasesView} from './views/CasesView.js';
import {DetailView, detailPageSize} from './views/DetailView.js';
import {applicantNumber} from './effects.js';
import {PagedView, pagedPageSize, type ViewLine} from './views/PagedView.js';
import {reviewBody, reviewHeader} from './views/reviewModel.js';
import {DRAFT_ROW_LINES, draftRows, draftsHeader} from './views/draftsModel.js';
import {wrapToWidth} from '../text/width.js';
import {reviewDraft} from '../core/cases/counter-draft.js';
import {receiptLines} from '../receipts/text.js';
import {eligibilityBody, eligibilityHeader} from './views/eligibilityModel.js';
import {MaterialsView} from './views/MaterialsView.js';
import {materialsHeader, previewDepthFor} from './views/materialsModel.js';
import {maskIdNumber} from '../core/identity/mask.js';
import {SearchView, searchPageSize} from './views/SearchView.js';
import {SignInView} from './views/SignInView.js';

export interface AppProps {
	services: ConsoleServices;
	lang: Lang;
	/** Called instead of Ink's exit() when set (tests); runConsole leaves it unset. */
	onQuit?: () => void;
}

/** Lines outside the view: top bar, flash line, hint line, and one spare (flicker). */
const CHROME_LINES = 4;
export const DEFAULT_IDLE_LOCK_MINUTES = 10;

function gateOf(state: AppState, services: ConsoleServices): KeyGate {
	const roles = state.auth.required ? (state.auth.operator?.roles ?? []) : (services.operator.roles ?? ALL_ROLES);
	const present: Record<Capability, boolean> = {
		reader: Boolean(services.reader),
		demoCards: Boolean(services.demoCards),
		cases: Boolean(services.cases),
		audit: Boolean(services.audit),
		session: Boolean(services.session),
		eligibility: Boolean(services.eligibility),
		camera: Boolean(services.camera),
		cameraPages: Boolean(services.camera?.setPage),
		submission: Boolean(services.submission && services.drafts),
		printer: Boolean(services.submission?.print),
	};
	return {roles, has: (capability) => present[capability]};
}

function viewTitleOf(state: AppState): MessageKey {
	if (state.auth.status === 'signedOut') return 'view.signin';
	if (state.auth.status === 'locked') return 'view.lock';
	if (state.root !== 'search') return `view.${state.root}`;
	return state.details.length > 0 ? 'view.detail' : 'view.search';
}

export function App({services, lang, onQuit}: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize();
	const {stdout} = useStdout();
	const previewDepth = useMemo(
		() => previewDepthFor({asciiOnly: services.asciiOnly, isTTY: Boolean(stdout.isTTY), colorDepth: (stdout as {getColorDepth?: () => number}).getColorDepth?.()}),
		[services.asciiOnly, stdout],
	);
	const {state, dispatch, getState} = useStore(appReducer, () => initialState(lang, {signIn: Boolean(services.session)}));
	const {flash, show} = useFlash();
	const context = useMemo(() => makeContextValue(services, state.lang), [services, state.lang]);
	const search = useCachedSearch(services.catalog);
	const detail = useDetailLines(services);
	const timers = services.timers ?? realTimers;
	const effects = useMemo(() => createEffects({services, getState, dispatch, flash: show}), [services, getState, dispatch, show]);
	const signedIn = state.auth.status === 'signedIn';
	const gate = useMemo(() => gateOf(state, services), [state.auth, services]); // eslint-disable-line react-hooks/exhaustive-deps
	const keymap = useMemo(() => gatedKeymap(gate), [gate]);
	const commands = useMemo(() => commandsFor(gate), [gate]);

	const readerState = useReaderState(services.reader);
	const outbox = useOutboxCount(services.outbox);
	const quarantined = useQuarantined(services.quarantine);
	const newestQuarantined = quarantined.at(-1)?.original;
	useEffect(() => {
		if (newestQuarantined) show({level: 'warn', key: 'flash.quarantined', params: {file: newestQuarantined}});
	}, [newestQuarantined, show]);
	const auditFeed = useAuditEntries(services.audit, signedIn && state.root === 'audit');
	const auditEntries = auditFeed.entries;
	const onCaseChange = useCallback(
		(row: CaseRow, from: CaseRow['status']) => {
			const t = createTranslator(getState().lang);
			show({level: 'info', key: 'flash.caseStatus', params: {id: row.caseId, from: t(`status.${from}`), to: t(`status.${row.status}`)}});
			effects.audit({action: 'case.status_seen', outcome: 'ok', target: {caseId: row.caseId, itemCode: row.itemCode}, details: {status: row.status, from}});
		},
		[getState, show, effects],
	);
	const cases = useCasePolling({cases: services.cases, active: signedIn, clock: services.clock, timers, onChange: onCaseChange, reloadKey: outbox.version});
	const idle = useIdleLock({
		enabled: signedIn && Boolean(services.session),
		minutes: services.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES,
		clock: services.clock,
		timers,
		onIdle: () => effects.lock('idle'),
	});

	useEffect(() => {
		if (!services.reader) return;
		return services.reader.subscribe((event) => {
			if (event.type === 'card') effects.cardRead(event.event);
		});
	}, [services, effects]);

	const bodyHeight = Math.max(1, rows - CHROME_LINES);
	const paletteLines = state.overlay === 'palette' ? paletteHeight(state.palette.text, commands) : 0;
	const viewHeight = Math.max(1, bodyHeight - paletteLines);

	const eligibilityModel = () => {
		const current = getState();
		const step = current.eligibility;
		if (!step) return undefined;
		const tr = createTranslator(current.lang);
		const implementation = services.catalog.implementation(step.implementationCode);
		const item = implementation && services.catalog.item(implementation.basicCode);
		const header = eligibilityHeader(
			step,
			{itemName: item?.name ?? '', regionCode: implementation?.regionCode ?? '', counterRegion: services.counterRegion, idNumber: applicantNumber(current), hasReader: Boolean(services.reader)},
			tr,
			current.lang,
			columns,
		);
		return {title: tr('elig.title', {name: item?.name ?? step.implementationCode}), header, body: eligibilityBody(step.decision, tr, current.lang, columns)};
	};

	/** The review, receipt or drafts view as header + body lines (undefined for other views). */
	const pagedModel = (): {title: string; header: ViewLine[]; body: ViewLine[]; scroll: number} | undefined => {
		const current = getState();
		const model = pagedLines(current);
		// A draft waiting for "abandon? y/n" says which one, above everything else.
		if (model && current.confirmAbandon) {
			const tr = createTranslator(current.lang);
			const draft = current.drafts.list?.find((d) => d.draftId === current.confirmAbandon) ?? current.draft;
			const item = draft ? (services.catalog.item(draft.itemCode)?.name ?? draft.itemCode) : '';
			const question = tr('drafts.confirmAbandon', {item, applicant: draft?.applicant?.masked ?? '', count: draft?.materials.filter((m) => m.sha256).length ?? 0});
			model.header.unshift(...wrapToWidth(question, columns).map((text) => ({text, tone: 'warn' as const})));
		}
		return model;
	};

	const pagedLines = (current: AppState): {title: string; header: ViewLine[]; body: ViewLine[]; scroll: number} | undefined => {
		const tr = createTranslator(current.lang);
		const province = (code: string | undefined) => (code ? services.catalog.regionPath(`${code.slice(0, 2)}0000`) || code.slice(0, 2) : '-');
		if (current.root === 'review' && current.review) {
			const draft = current.draft;
			const implementation = draft ? services.catalog.implementation(draft.implementationCode) : undefined;
			const item = draft ? services.catalog.item(draft.itemCode) : undefined;
			const ctx = {
				draft,
				review: draft ? reviewDraft(draft, implementation) : undefined,
				state: current.review,
				item,
				implementation,
				receivingProvince: province(services.counterRegion),
				handlingProvince: province(implementation?.regionCode),
			};
			return {title: tr('rev.title', {name: item?.name ?? draft?.itemCode ?? ''}), header: reviewHeader(ctx, tr, columns), body: reviewBody(ctx, tr, columns), scroll: current.review.scroll};
		}
		if (current.root === 'receipt' && current.receipt) {
			const {receipt, file, scroll} = current.receipt;
			const header: ViewLine[] = [{text: tr('rcp.next'), tone: 'ok'}];
			const body: ViewLine[] = [...receiptLines(receipt, current.lang, columns).map((text) => ({text, tone: 'body' as const})), {text: tr('rcp.saved', {file}), tone: 'muted'}];
			return {title: tr('view.receipt'), header, body, scroll};
		}
		if (current.root === 'drafts') {
			const {list, selected} = current.drafts;
			const itemName = (code: string) => services.catalog.item(code)?.name ?? code;
			const header = draftsHeader(list, tr, columns);
			const page = pagedPageSize(viewHeight, header.length);
			const first = selected * DRAFT_ROW_LINES;
			return {title: tr('view.drafts'), header, body: draftRows(list, selected, itemName, tr, columns), scroll: Math.max(0, first + DRAFT_ROW_LINES - page)};
		}
		return undefined;
	};

	const actionContext = useMemo<ActionContext>(() => {
		const current = () => getState();
		return {
			getState: current,
			dispatch,
			flash: show,
			quit: onQuit ?? (() => exit()),
			services,
			result: () => search(current().search.query, current().search.filters),
			detailLineCount: () => {
				const top = current().details.at(-1);
				return top ? detail(top.implementationCode, columns, createTranslator(current().lang)).lines.length : 0;
			},
			listPage: () => searchPageSize(viewHeight),
			detailPage: () => detailPageSize(viewHeight),
			t: () => createTranslator(current().lang),
			effects,
			gate: () => gate,
			cases: {count: () => cases.rows.length, refresh: cases.refreshNow},
			auditLog: {count: () => auditEntries?.length ?? 0, page: () => auditPageSize(viewHeight)},
			eligibilityLog: {
				count: () => eligibilityModel()?.body.length ?? 0,
				page: () => pagedPageSize(viewHeight, eligibilityModel()?.header.length ?? 0),
			},
			pagedLog: {
				max: () => {
					const model = pagedModel();
					return model ? Math.max(0, model.body.length - pagedPageSize(viewHeight, model.header.length)) : 0;
				},
			},
		};
	}, [getState, dispatch, show, onQuit, exit, services, search, detail, columns, viewHeight, effects, gate, cases.rows.length, cases.refreshNow, auditEntries]); // eslint-disable-line react-hooks/exhaustive-deps

	const handlers = useMemo(
		() => ({
			focus: () => focusOf(getState()),
			keymap: () => keymap,
			onActivity: idle.noteActivity,
			onAction: (action: Parameters<typeof performAction>[0]) => performAction(action, actionContext),
			onText: (text: string) => performText(text, actionContext),
		}),
		[getState, actionContext, keymap, idle.noteActivity],
	);
	useInputRouter(handlers);

	useEffect(() => {
		if (!services.submission) return;
		return services.submission.subscribe((event) => effects.drafts.onSubmitted(event));
	}, [services, effects]);

	useEffect(() => {
		let live = true;
		void Promise.resolve(services.catalogReady)
			.catch(() => undefined)
			.then(() => {
				const warning = live ? services.catalog.loadWarning() : undefined;
				if (warning) show({level: 'warn', key: 'flash.catalogWarning', params: {message: warning}});
			});
		return () => {
			live = false;
		};
	}, [services, show]);

	const top = state.details.at(-1);
	const viewFocus = viewFocusOf(state);
	const viewTitle = viewTitleOf(state);
	const viewTop = 1 + paletteLines;
	let body;
	if (state.auth.status !== 'signedIn') {
		body = <SignInView auth={state.auth} width={columns} height={bodyHeight} top={1} />;
	} else if (state.overlay === 'help') {
		body = <HelpOverlay focus={viewFocus} viewTitle={viewTitle} width={columns} height={bodyHeight} keymap={keymap} />;
	} else if (state.root === 'applicant') {
		body = (
			<ApplicantView
				applicant={state.applicant}
				demoCard={services.demoCards?.current()}
				hasDemo={Boolean(services.demoCards)}
				width={columns}
				height={viewHeight}
				top={viewTop}
			/>
		);
	} else if (state.root === 'eligibility' && state.eligibility) {
		const model = eligibilityModel()!;
		body = <PagedView title={model.title} header={model.header} body={model.body} scroll={state.eligibility.scroll} width={columns} height={viewHeight} top={viewTop} />;
	} else if (state.root === 'review' || state.root === 'receipt' || state.root === 'drafts') {
		const model = pagedModel();
		body = model ? <PagedView title={model.title} header={model.header} body={model.body} scroll={model.scroll} width={columns} height={viewHeight} top={viewTop} /> : null;
	} else if (state.root === 'materials' && state.materials) {
		const step = state.materials;
		const implementation = services.catalog.implementation(step.implementationCode);
		const item = implementation && services.catalog.item(implementation.basicCode);
		const materials = implementation?.materials ?? [];
		const number = applicantNumber(state);
		// The open draft belongs on this checklist only when it is this implementation list's.
		const draft = state.draft?.implementationCode === step.implementationCode ? state.draft : undefined;
		const header = materialsHeader(
			{
				...(number ? {applicantMasked: maskIdNumber(number)} : draft?.applicant ? {applicantMasked: draft.applicant.masked} : {}),
				...(draft ? {draft} : {}),
				loading: step.loading,
				...(services.camera?.page ? {page: services.camera.page()} : {}),
				materials,
			},
			context.t,
			columns,
		);
		body = <MaterialsView title={context.t('mat.title', {name: item?.name ?? step.implementationCode})} header={header} step={step} draft={draft} materials={materials} previewDepth={previewDepth} width={columns} height={viewHeight} />;
	} else if (state.root === 'cases') {
		body = <CasesView rows={cases.rows} selected={Math.min(state.cases.selected, Math.max(0, cases.rows.length - 1))} polledAt={cases.polledAt} retryInMs={cases.retryInMs} width={columns} height={viewHeight} />;
	} else if (state.root === 'audit') {
		body = <AuditView entries={auditEntries} problem={auditFeed.problem?.[state.lang]} scroll={state.audit.scroll} width={columns} height={viewHeight} />;
	} else if (top) {
		const model = detail(top.implementationCode, columns, context.t);
		body = <DetailView title={model.title} lines={model.lines} scroll={top.scroll} width={columns} height={viewHeight} />;
	} else {
		body = (
			<SearchView
				search={state.search}
				result={search(state.search.query, state.search.filters)}
				active={state.overlay === 'none'}
				width={columns}
				height={viewHeight}
				top={viewTop}
			/>
		);
	}

	const operator = state.auth.required ? (state.auth.operator ?? null) : undefined;
	return (
		<ConsoleContext.Provider value={context}>
			<Box flexDirection="column" width={columns}>
				<TopBar width={columns} viewTitle={viewTitle} operator={operator} readerState={readerState} outboxCount={services.outbox ? (outbox.count ?? 0) : undefined} quarantined={quarantined.length} />
				<Box flexDirection="column" height={bodyHeight} overflow="hidden">
					{state.overlay === 'palette' && signedIn ? (
						<CommandPalette text={state.palette.text} selected={state.palette.selected} width={columns} top={1} commands={commands} />
					) : null}
					{body}
				</Box>
				<FlashLine flash={flash} width={columns} />
				<HintLine focus={focusOf(state)} width={columns} keymap={keymap} />
			</Box>
		</ConsoleContext.Provider>
	);
}

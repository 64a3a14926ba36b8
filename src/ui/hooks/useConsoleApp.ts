/**
 * Everything the console's layout draws from, in one place: the store (state slices), the
 * effects, the services' feeds and events, the keys, the sizes, and the view on screen with its
 * model built once per state and size (its facts go to the key actions through a ref).
 */
import {defaultTheme, monochromeTheme} from '../theme.js';
import {useApp, useStdout} from 'ink';
import {useCallback, useMemo, useRef} from 'react';
import {counterContext} from '../../core/catalog/search/context.js';
import {paletteHeight} from '../components/CommandPalette.js';
import {makeContextValue} from '../context.js';
import {createEffects} from '../effects/index.js';
import {createTranslator, type Lang} from '../i18n/index.js';
import {gatedKeymap, type Capability, type KeyGate, type Keymap} from '../keys/keymap.js';
import {keyAvailability} from '../keys/when.js';
import {commandsFor} from '../palette/commands.js';
import {ALL_ROLES, realTimers, type CaseRow, type ConsoleServices} from '../services.js';
import {applicantNumber} from '../state/case.js';
import {appReducer, initialState, type AppState} from '../state/index.js';
import {previewDepthFor} from '../views/materialsModel.js';
import {buildScreen, type FrameFacts} from '../views/screen.js';
import {useCachedSearch} from './useCachedSearch.js';
import {useCasePolling} from './useCasePolling.js';
import {useDetailLines} from './useDetailLines.js';
import {useFlash} from './useFlash.js';
import {useHandlingProvinces} from './useHandlingProvinces.js';
import {useIdleLock} from './useIdleLock.js';
import {useKeyboard} from './useKeyboard.js';
import {useServiceEvents} from './useServiceEvents.js';
import {useAuditEntries, useDayReport, useCameraPage, useDemoCard, useHubState, useOutboxCount, useQuarantined, useReaderState} from './useServiceFeeds.js';
import {useStore} from './useStore.js';
import {useTerminalSize} from './useTerminalSize.js';
import {useWorkPolling} from './useWorkPolling.js';

/** Lines outside the view: top bar, flash line, hint line, and one spare (flicker). */
const CHROME_LINES = 4;
const DEFAULT_IDLE_LOCK_MINUTES = 10;

function gateOf(session: AppState['session'], services: ConsoleServices): KeyGate {
	const roles = session.required ? (session.operator?.roles ?? []) : (services.operator.roles ?? ALL_ROLES);
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
		work: Boolean(services.work),
		workPrinter: Boolean(services.work?.print),
		dayReport: Boolean(services.dayReport),
	};
	return {roles, has: (capability) => present[capability]};
}

export function useConsoleApp(services: ConsoleServices, lang: Lang, onQuit: (() => void) | undefined, start?: AppState) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize();
	const {stdout} = useStdout();
	const previewDepth = useMemo(
		() => previewDepthFor({asciiOnly: services.asciiOnly === true || services.monochrome === true, isTTY: Boolean(stdout.isTTY), colorDepth: (stdout as {getColorDepth?: () => number}).getColorDepth?.()}),
		[services.asciiOnly, services.monochrome, stdout],
	);
	const {state, dispatch, getState} = useStore(appReducer, () => start ?? initialState(lang, {signIn: Boolean(services.session)}));
	const {flash, show} = useFlash();
	const context = useMemo(() => makeContextValue(services, state.nav.lang, services.monochrome ? monochromeTheme : defaultTheme), [services, state.nav.lang]);
	// Who is at the counter ranks the implementation lists (issue 18.1): where the hub's facts say
	// the citizen's matter is handled, the applicant's ID number (card read or typed) and the
	// branch's province (docs/catalog.md#ranking-by-who-is-at-the-counter).
	const number = applicantNumber(state.case);
	useHandlingProvinces(services, number, dispatch);
	const searchContext = useCallback(() => {
		const work = getState().case;
		const applicantId = applicantNumber(work);
		const handling = work.handling && work.handling.number === applicantId ? work.handling.provinces : undefined;
		return counterContext({applicantId, branchRegion: services.counterRegion, handling});
	}, [getState, services.counterRegion]);
	const search = useCachedSearch(services.catalog, searchContext);
	const detail = useDetailLines(services);
	const timers = services.timers ?? realTimers;
	const effects = useMemo(() => createEffects({services, getState, dispatch, flash: show}), [services, getState, dispatch, show]);
	const signedIn = state.session.status === 'signedIn';
	// The keys allowed for a session, computed once per session state. Keys read them from the
	// latest state, not from the last render: a key pressed right after sign-in, before React has
	// re-registered the input handler, must already find the signed-in operator's keys.
	const keysOf = useMemo(() => {
		let last: {session: AppState['session']; gate: KeyGate; keymap: Keymap} | undefined;
		return (session: AppState['session']) => {
			if (last?.session !== session) {
				const gate = gateOf(session, services);
				last = {session, gate, keymap: gatedKeymap(gate)};
			}
			return last;
		};
	}, [services]);
	const {gate, keymap} = keysOf(state.session);
	const currentKeys = useCallback(() => keysOf(getState().session), [keysOf, getState]);
	const commands = useMemo(() => commandsFor(gate), [gate]);

	const feeds = {
		hub: useHubState(services),
		reader: useReaderState(services.reader),
		demoCard: useDemoCard(services.demoCards),
		cameraPage: useCameraPage(services.camera),
		outbox: useOutboxCount(services.outbox),
		quarantined: useQuarantined(services.quarantine),
		audit: useAuditEntries(services.audit, signedIn && state.nav.root === 'audit'),
		day: useDayReport(services.dayReport, signedIn && state.nav.root === 'day', state.nav.day.reload),
	};
	useServiceEvents(services, effects, show, feeds.quarantined.at(-1)?.original);
	const onCaseChange = useCallback(
		(row: CaseRow, from: CaseRow['status']) => {
			const t = createTranslator(getState().nav.lang);
			show({level: 'info', key: 'flash.caseStatus', params: {id: row.caseId, from: t(`status.${from}`), to: t(`status.${row.status}`)}});
			effects.audit({action: 'case.status_seen', outcome: 'ok', target: {caseId: row.caseId, itemCode: row.itemCode}, details: {status: row.status, from}});
		},
		[getState, show, effects],
	);
	const cases = useCasePolling({cases: services.cases, active: signedIn, clock: services.clock, timers, onChange: onCaseChange, reloadKey: feeds.outbox.version});
	const clerk = state.session.operator?.roles.includes('clerk') ?? gate.roles.includes('clerk');
	useWorkPolling({work: services.work, active: signedIn && clerk, timers, poll: effects.work.poll});
	const idle = useIdleLock({
		enabled: signedIn && Boolean(services.session),
		minutes: services.idleLockMinutes ?? DEFAULT_IDLE_LOCK_MINUTES,
		clock: services.clock,
		timers,
		onIdle: () => effects.lock('idle'),
	});

	const bodyHeight = Math.max(1, rows - CHROME_LINES);
	const paletteLines = state.nav.overlay === 'palette' ? paletteHeight(state.nav.palette.text, commands) : 0;
	const viewHeight = Math.max(1, bodyHeight - paletteLines);
	const auditEntries = feeds.audit.entries?.length ?? 0;
	const casesRows = cases.rows.length;
	const {screen, facts} = useMemo(() => {
		// The help lists what the view under it can act on (its own scroll keys aside).
		const viewKeys = keyAvailability({state, hits: search(state.search.query, state.search.filters).hits.length, cases: casesRows, helpMax: 0});
		return buildScreen(state, {services, t: context.t, columns, viewHeight, cameraPage: feeds.cameraPage, search, detail, casesRows, auditEntries, day: feeds.day, keys: {keymap, available: viewKeys}});
	}, [state, services, context.t, columns, viewHeight, feeds.cameraPage, search, detail, casesRows, auditEntries, feeds.day, keymap]);
	// The keys pressed while this frame is on screen read its facts (never a model built again).
	const frame = useRef<FrameFacts>(facts);
	frame.current = facts;
	// What can act now: the hint line shows it, and the router reads it for the state as it is when a key comes.
	const available = useMemo(() => keyAvailability({state, hits: facts.hits, cases: facts.cases.rows, helpMax: facts.help.max}), [state, facts]);
	const availableNow = useCallback(() => {
		const now = getState();
		return keyAvailability({state: now, hits: search(now.search.query, now.search.filters).hits.length, cases: frame.current.cases.rows, helpMax: frame.current.help.max});
	}, [getState, search]);

	const quit = useCallback(() => (onQuit ? onQuit() : exit()), [onQuit, exit]);
	useKeyboard({services, getState, dispatch, show, quit, effects, search, frame, keys: currentKeys, available: availableNow, refreshCases: cases.refreshNow, onActivity: idle.noteActivity});

	return {state, context, flash, keymap, available, commands, feeds, cases, previewDepth, screen, size: {columns, bodyHeight, viewHeight, paletteLines}};
}

export type ConsoleApp = ReturnType<typeof useConsoleApp>;

/**
 * The console's layout: top bar, the current view (or an overlay), flash line and hint line, sized
 * to the terminal. The dynamic area is kept at rows - 1 lines: on Ink 6 output as tall as the
 * terminal flickers (style.md §3.3). What is drawn comes from useConsoleApp: the state, the feeds
 * and the view on screen with its model, built once for the frame.
 */
import {Box} from 'ink';
import {CommandPalette} from './components/CommandPalette.js';
import {FlashLine} from './components/FlashLine.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {HintLine} from './components/HintLine.js';
import {TopBar} from './components/TopBar.js';
import {ConsoleContext} from './context.js';
import {useConsoleApp, type ConsoleApp} from './hooks/useConsoleApp.js';
import type {Lang} from './i18n/index.js';
import type {ConsoleServices} from './services.js';
import {focusOf, viewFocusOf, viewTitleOf} from './state/derived.js';
import {ApplicantView} from './views/ApplicantView.js';
import {AuditView} from './views/AuditView.js';
import {CasesView} from './views/CasesView.js';
import {DetailView} from './views/DetailView.js';
import {MaterialsView} from './views/MaterialsView.js';
import {PagedView} from './views/PagedView.js';
import {SearchView} from './views/SearchView.js';
import {SignInView} from './views/SignInView.js';

export interface AppProps {
	services: ConsoleServices;
	lang: Lang;
	/** Called instead of Ink's exit() when set (tests); runConsole leaves it unset. */
	onQuit?: () => void;
}

/** The view the state picked, given its model. */
function Body({app}: {app: ConsoleApp}) {
	const {state, screen, feeds, cases, size, keymap, context} = app;
	const {columns: width, viewHeight: height} = size;
	const top = 1 + size.paletteLines;
	switch (screen.view) {
		case 'signin':
			return <SignInView auth={state.session} hub={feeds.hub} width={width} height={size.bodyHeight} top={1} />;
		case 'help':
			return <HelpOverlay focus={viewFocusOf(state)} viewTitle={viewTitleOf(state)} width={width} height={size.bodyHeight} keymap={keymap} />;
		case 'applicant':
			return <ApplicantView applicant={state.case.applicant} demoCard={feeds.demoCard} hasDemo={Boolean(context.services.demoCards)} width={width} height={height} top={top} />;
		case 'eligibility':
		case 'paged':
			return <PagedView {...screen.model} width={width} height={height} top={top} />;
		case 'materials':
			return <MaterialsView {...screen.model} previewDepth={app.previewDepth} width={width} height={height} />;
		case 'cases':
			return <CasesView rows={cases.rows} selected={Math.min(state.nav.cases.selected, Math.max(0, cases.rows.length - 1))} polledAt={cases.polledAt} retryInMs={cases.retryInMs} width={width} height={height} />;
		case 'audit':
			return <AuditView entries={feeds.audit.entries} problem={feeds.audit.problem?.[state.nav.lang]} scroll={state.nav.audit.scroll} width={width} height={height} />;
		case 'detail':
			return <DetailView title={screen.model.title} lines={screen.model.lines} scroll={screen.scroll} width={width} height={height} />;
		case 'search':
			return <SearchView search={state.search} result={screen.result} active={state.nav.overlay === 'none'} width={width} height={height} top={top} />;
		case 'blank':
			return null;
	}
}

export function App({services, lang, onQuit}: AppProps) {
	const app = useConsoleApp(services, lang, onQuit);
	const {state, size, feeds, keymap} = app;
	const width = size.columns;
	const operator = state.session.required ? (state.session.operator ?? null) : undefined;
	return (
		<ConsoleContext.Provider value={app.context}>
			<Box flexDirection="column" width={width}>
				<TopBar
					width={width}
					viewTitle={viewTitleOf(state)}
					hub={feeds.hub}
					operator={operator}
					readerState={feeds.reader}
					outboxCount={services.outbox ? (feeds.outbox.count ?? 0) : undefined}
					quarantined={feeds.quarantined.length}
				/>
				<Box flexDirection="column" height={size.bodyHeight} overflow="hidden">
					{state.nav.overlay === 'palette' && state.session.status === 'signedIn' ? (
						<CommandPalette text={state.nav.palette.text} selected={state.nav.palette.selected} width={width} top={1} commands={app.commands} />
					) : null}
					<Body app={app} />
				</Box>
				<FlashLine flash={app.flash} width={width} />
				<HintLine focus={focusOf(state)} width={width} keymap={keymap} />
			</Box>
		</ConsoleContext.Provider>
	);
}

/**
 * The console's layout: top bar, the current view (or an overlay), flash line and hint line, sized
 * to the terminal. The dynamic area is kept at rows - 1 lines: on Ink 6 output as tall as the
 * terminal flickers (docs/architecture.md#flicker-at-full-height). What is drawn comes from useConsoleApp: the state, the feeds
 * and the view on screen with its model, built once for the frame.
 */
import {Box} from 'ink';
import {CommandPalette} from './components/CommandPalette.js';
import {FlashLine} from './components/FlashLine.js';
import {HintLine} from './components/HintLine.js';
import {TopBar} from './components/TopBar.js';
import {countWork} from '../core/cases/return-trips.js';
import {ConsoleContext} from './context.js';
import {useConsoleApp} from './hooks/useConsoleApp.js';
import type {Lang} from './i18n/index.js';
import type {ConsoleServices} from './services.js';
import {focusOf, viewTitleOf} from './state/derived.js';
import type {AppState} from './state/index.js';
import {ViewBody} from './views/ViewBody.js';

export interface AppProps {
	services: ConsoleServices;
	lang: Lang;
	/** Called instead of Ink's exit() when set (tests); runConsole leaves it unset. */
	onQuit?: () => void;
	/** Where the console starts (tests that walk every view state start a console at one); absent: the sign-in or the search. */
	initialState?: AppState;
	/** Told of each state the console commits (the same tests take the state to start another console at). */
	onState?: (state: AppState) => void;
}

export function App({services, lang, onQuit, initialState, onState}: AppProps) {
	const app = useConsoleApp(services, lang, onQuit, initialState);
	onState?.(app.state);
	const {state, size, feeds, keymap, available} = app;
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
					work={state.session.status === 'signedIn' && state.work.items ? countWork(state.work.items, services.clock.now(), services.work?.policy) : undefined}
				/>
				<Box flexDirection="column" height={size.bodyHeight} overflow="hidden">
					{state.nav.overlay === 'palette' && state.session.status === 'signedIn' ? (
						<CommandPalette text={state.nav.palette.text} selected={state.nav.palette.selected} width={width} top={1} commands={app.commands} />
					) : null}
					<ViewBody app={app} />
				</Box>
				<FlashLine flash={app.flash} width={width} />
				<HintLine focus={focusOf(state)} width={width} keymap={keymap} available={available} />
			</Box>
		</ConsoleContext.Provider>
	);
}

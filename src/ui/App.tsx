/**
 * The console: top bar, the current view (or an overlay), flash line and hint line, sized to
 * the terminal. The dynamic area is kept at rows - 1 lines: on Ink 6 output as tall as the
 * terminal flickers (style.md §3.3). All keys arrive through the single input router.
 */
import {Box, useApp} from 'ink';
import {useEffect, useMemo} from 'react';
import {performAction, performText, type ActionContext} from './actions.js';
import {CommandPalette, paletteHeight} from './components/CommandPalette.js';
import {FlashLine} from './components/FlashLine.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {HintLine} from './components/HintLine.js';
import {TopBar} from './components/TopBar.js';
import {ConsoleContext, makeContextValue} from './context.js';
import {useCachedSearch} from './hooks/useCachedSearch.js';
import {useDetailLines} from './hooks/useDetailLines.js';
import {useFlash} from './hooks/useFlash.js';
import {useInputRouter} from './hooks/useInputRouter.js';
import {useStore} from './hooks/useStore.js';
import {useTerminalSize} from './hooks/useTerminalSize.js';
import {createTranslator, type Lang} from './i18n/index.js';
import type {ConsoleServices} from './services.js';
import {appReducer, focusOf, initialState, viewFocusOf} from './state/appState.js';
import {DetailView, detailPageSize} from './views/DetailView.js';
import {SearchView, searchPageSize} from './views/SearchView.js';

export interface AppProps {
	services: ConsoleServices;
	lang: Lang;
	/** Called instead of Ink's exit() when set (tests); runConsole leaves it unset. */
	onQuit?: () => void;
}

/** Lines outside the view: top bar, flash line, hint line, and one spare (flicker). */
const CHROME_LINES = 4;

export function App({services, lang, onQuit}: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize();
	const {state, dispatch, getState} = useStore(appReducer, () => initialState(lang));
	const {flash, show} = useFlash();
	const context = useMemo(() => makeContextValue(services, state.lang), [services, state.lang]);
	const search = useCachedSearch(services.catalog);
	const detail = useDetailLines(services);

	const bodyHeight = Math.max(1, rows - CHROME_LINES);
	const paletteLines = state.overlay === 'palette' ? paletteHeight(state.palette.text) : 0;
	const viewHeight = Math.max(1, bodyHeight - paletteLines);

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
		};
	}, [getState, dispatch, show, onQuit, exit, services, search, detail, columns, viewHeight]);

	const handlers = useMemo(
		() => ({
			focus: () => focusOf(getState()),
			onAction: (action: Parameters<typeof performAction>[0]) => performAction(action, actionContext),
			onText: (text: string) => performText(text, actionContext),
		}),
		[getState, actionContext],
	);
	useInputRouter(handlers);

	useEffect(() => {
		const warning = services.catalog.loadWarning();
		if (warning) show({level: 'warn', key: 'flash.catalogWarning', params: {message: warning}});
	}, [services, show]);

	const top = state.details.at(-1);
	const viewFocus = viewFocusOf(state);
	const viewTitle = top ? 'view.detail' : 'view.search';
	const viewTop = 1 + paletteLines;
	let body;
	if (state.overlay === 'help') {
		body = <HelpOverlay focus={viewFocus} viewTitle={viewTitle} width={columns} height={bodyHeight} />;
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

	return (
		<ConsoleContext.Provider value={context}>
			<Box flexDirection="column" width={columns}>
				<TopBar width={columns} viewTitle={viewTitle} />
				<Box flexDirection="column" height={bodyHeight} overflow="hidden">
					{state.overlay === 'palette' ? (
						<CommandPalette text={state.palette.text} selected={state.palette.selected} width={columns} top={1} />
					) : null}
					{body}
				</Box>
				<FlashLine flash={flash} width={columns} />
				<HintLine focus={focusOf(state)} width={columns} />
			</Box>
		</ConsoleContext.Provider>
	);
}

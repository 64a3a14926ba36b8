/**
 * The console's state: five slices, each a small pure reducer with its own tests (the session,
 * the search, the case in progress, navigation and overlays, the branch's work queue), and the thin reducer that combines
 * them. A slice's own actions are "slice/verb"; events without a prefix (state/events.ts) reach
 * every slice, and each updates its own part.
 */
import type {Lang} from '../i18n/index.js';
import {caseReducer, initialCase, type CaseAction, type CaseState} from './case.js';
import type {AppEvent} from './events.js';
import {initialNav, navReducer, type NavAction, type NavState} from './nav.js';
import {initialSearch, searchReducer, type SearchAction, type SearchState} from './search.js';
import {initialSession, sessionReducer, type SessionAction, type SessionState} from './session.js';
import {initialWork, workReducer, type WorkAction, type WorkState} from './work.js';

export interface AppState {
	session: SessionState;
	search: SearchState;
	case: CaseState;
	nav: NavState;
	work: WorkState;
}

export type AppAction = SessionAction | SearchAction | CaseAction | NavAction | WorkAction | AppEvent;

export function initialState(lang: Lang, options: {signIn?: boolean} = {}): AppState {
	return {session: initialSession(options.signIn ?? false), search: initialSearch(), case: initialCase(), nav: initialNav(lang), work: initialWork()};
}

/** The slice's own actions and the shared events (which have no "slice/" prefix). */
function reaches<A extends AppAction>(action: AppAction, slice: string): action is A {
	return !action.type.includes('/') || action.type.startsWith(`${slice}/`);
}

export function appReducer(state: AppState, action: AppAction): AppState {
	// Nothing of the previous operator's work survives a sign-out.
	if (action.type === 'session/signedOut') return initialState(state.nav.lang, {signIn: state.session.required});
	// Signing in over a lock resumes where the operator was: only the session changes.
	if (action.type === 'signedIn' && state.session.status === 'locked') return {...state, session: sessionReducer(state.session, action)};
	return {
		session: reaches<SessionAction | AppEvent>(action, 'session') ? sessionReducer(state.session, action) : state.session,
		search: reaches<SearchAction | AppEvent>(action, 'search') ? searchReducer(state.search, action) : state.search,
		case: reaches<CaseAction | AppEvent>(action, 'case') ? caseReducer(state.case, action) : state.case,
		nav: reaches<NavAction | AppEvent>(action, 'nav') ? navReducer(state.nav, action) : state.nav,
		work: reaches<WorkAction | AppEvent>(action, 'work') ? workReducer(state.work, action) : state.work,
	};
}

/** Clamps a list index into [0, count - 1] (0 for an empty list). */
export function clampIndex(index: number, count: number): number {
	return Math.max(0, Math.min(index, count - 1));
}

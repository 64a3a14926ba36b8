/**
 * Console state and its reducer (pure). Views are a stack: the search view is the root and
 * item details are pushed on top of it. Overlays (help, palette) are modal and drawn in
 * normal flow, never positioned over CJK text (docs/architecture.md#cjk-text).
 */
import type {SearchFilters} from '../../core/catalog/search/types.js';
import type {Lang, MessageKey, Params} from '../i18n/index.js';
import type {Focus} from '../keys/keymap.js';
import type {CardReadEvent} from '../../core/ports/reader.js';
import type {CapturedImage, DraftRecord, SignedInOperator} from '../services.js';
import type {ReceiptDoc} from '../../core/cases/receipt.js';
import type {Decision, FactValue, OpenQuestion} from '../../core/eligibility/model.js';

export interface DetailEntry {
	implementationCode: string;
	scroll: number;
}

/** Root views; item details stack on top of the search root only. */
export type RootView = 'search' | 'applicant' | 'cases' | 'audit' | 'eligibility' | 'materials' | 'review' | 'receipt' | 'drafts';

/** The review step of the open draft: submitting, and what the outbox said if not a receipt. */
export interface ReviewState {
	busy: boolean;
	notice?: {tone: 'warn' | 'error'; key: MessageKey; params?: Params};
	scroll: number;
}

/** The receipt of the case just submitted (or a queued one that got through). */
export interface ReceiptState {
	receipt: ReceiptDoc;
	file: string;
	scroll: number;
}

/** The list of open drafts (after sign-in, or key d). */
export interface DraftsState {
	list?: DraftRecord[];
	selected: number;
}

/** One capture of the selected material, from the camera to accept / retake. */
export interface CaptureState {
	materialCode: string;
	status: 'running' | 'review' | 'error' | 'saving';
	bytes: number;
	total: number;
	image?: CapturedImage;
	/** The camera's or the store's failure: bilingual message. */
	error?: {'zh-CN': string; en: string};
}

/** The materials checklist of one implementation list and its draft (once anything was kept). */
export interface MaterialsState {
	implementationCode: string;
	selected: number;
	/** The draft is being looked up on disk. */
	loading: boolean;
	capture?: CaptureState;
}

/** The eligibility step for one implementation list (opened from its detail view). */
export interface EligibilityState {
	implementationCode: string;
	/** Answers given so far, typed, by question id. */
	answers: Record<string, FactValue>;
	/** Warning-only questions the citizen could not or would not answer. */
	skipped: string[];
	decision?: Decision;
	busy: boolean;
	/** The last evaluation or answer failed: bilingual message. */
	error?: {'zh-CN': string; en: string};
	/** Text of the field (an ID number when there is no applicant, or a date / number answer). */
	input: string;
	/** Highlighted option of a yes/no or choice question. */
	cursor: number;
	/** Options ticked so far of a multi-choice question. */
	picked: string[];
	scroll: number;
}

export interface AuthState {
	/** False when the console has no session port (it starts signed in). */
	required: boolean;
	status: 'signedOut' | 'signedIn' | 'locked';
	operator?: SignedInOperator;
	field: 'id' | 'pin';
	idText: string;
	/** The PIN as typed: only ever drawn as '*' and dropped as soon as it was sent. */
	pin: string;
	busy: boolean;
	error?: {key: MessageKey; params?: Params};
}

export interface ApplicantState {
	/** Text of the manual-entry field while it is open. */
	manual?: string;
	/** The full number is on screen (after a confirmed, audited reveal). */
	revealed: boolean;
	confirmReveal: boolean;
	/** A number typed in by hand and accepted (valid GB 11643), in memory only. */
	manualNumber?: string;
	/** The last card read (full data in memory only; the screen shows masked fields). */
	card?: CardReadEvent;
}

export interface AppState {
	lang: Lang;
	root: RootView;
	auth: AuthState;
	applicant: ApplicantState;
	cases: {selected: number};
	audit: {scroll: number};
	overlay: 'none' | 'help' | 'palette';
	palette: {text: string; selected: number};
	search: {query: string; focused: boolean; filters: SearchFilters; selected: number};
	/** Views above the search root; the last one is shown. */
	details: DetailEntry[];
	eligibility?: EligibilityState;
	materials?: MaterialsState;
	/** The draft of the case in progress (the citizen at the counter and the item), once stored. */
	draft?: DraftRecord;
	review?: ReviewState;
	receipt?: ReceiptState;
	drafts: DraftsState;
	/** A draft the clerk asked to abandon: waiting for y / n. */
	confirmAbandon?: string;
}

export type AppAction =
	| {type: 'setLang'; lang: Lang}
	| {type: 'openOverlay'; overlay: 'help' | 'palette'}
	| {type: 'closeOverlay'}
	| {type: 'paletteText'; text: string}
	| {type: 'paletteSelect'; index: number}
	| {type: 'focusSearch'; query?: string}
	| {type: 'setFocused'; focused: boolean}
	| {type: 'setQuery'; query: string}
	| {type: 'select'; index: number}
	| {type: 'setFilters'; filters: SearchFilters}
	| {type: 'openDetail'; implementationCode: string}
	| {type: 'back'}
	| {type: 'scroll'; scroll: number}
	| {type: 'setRoot'; root: RootView}
	| {type: 'auth'; patch: Partial<AuthState>}
	| {type: 'signedIn'; operator: SignedInOperator}
	| {type: 'signedOut'}
	| {type: 'lock'}
	| {type: 'unlocked'}
	| {type: 'applicant'; patch: Partial<ApplicantState>}
	| {type: 'newCard'; card: CardReadEvent}
	| {type: 'selectCase'; index: number}
	| {type: 'auditScroll'; scroll: number}
	| {type: 'openEligibility'; implementationCode: string}
	| {type: 'eligibility'; patch: Partial<EligibilityState>}
	| {type: 'openMaterials'; implementationCode: string}
	| {type: 'materials'; patch: Partial<MaterialsState>}
	| {type: 'capture'; patch: Partial<CaptureState> | undefined}
	| {type: 'draft'; draft: DraftRecord | undefined}
	| {type: 'openReview'}
	| {type: 'review'; patch: Partial<ReviewState>}
	| {type: 'showReceipt'; receipt: ReceiptDoc; file: string}
	| {type: 'receiptScroll'; scroll: number}
	| {type: 'openDrafts'; list?: DraftRecord[]}
	| {type: 'drafts'; patch: Partial<DraftsState>}
	| {type: 'confirmAbandon'; draftId: string | undefined}
	/** Back to an empty search for the next citizen: nothing of the last one stays on screen. */
	| {type: 'nextCitizen'}
	/** A stored draft becomes the case in progress again (its applicant by number, the item's detail under it). */
	| {type: 'resumeDraft'; draft: DraftRecord};

export function initialState(lang: Lang, options: {signIn?: boolean} = {}): AppState {
	const required = options.signIn ?? false;
	return {
		lang,
		root: 'search',
		auth: {required, status: required ? 'signedOut' : 'signedIn', field: 'id', idText: '', pin: '', busy: false},
		applicant: {revealed: false, confirmReveal: false},
		cases: {selected: 0},
		audit: {scroll: 0},
		overlay: 'none',
		palette: {text: '', selected: 0},
		search: {query: '', focused: false, filters: {}, selected: 0},
		details: [],
		drafts: {selected: 0},
	};
}

export function focusOf(state: AppState): Focus {
	if (state.auth.status === 'signedOut') return 'signin';
	if (state.auth.status === 'locked') return 'lock';
	if (state.overlay !== 'none') return state.overlay;
	if (state.confirmAbandon) return 'confirm';
	if (state.root === 'review' || state.root === 'receipt' || state.root === 'drafts') return state.root;
	if (state.root === 'applicant') {
		if (state.applicant.confirmReveal) return 'confirm';
		return state.applicant.manual === undefined ? 'applicant' : 'manual';
	}
	if (state.root === 'eligibility') {
		if (!state.applicant.manualNumber && !state.applicant.card) return 'answer';
		const question = currentQuestion(state.eligibility);
		return question && (question.type === 'date' || question.type === 'number') ? 'answer' : 'eligibility';
	}
	if (state.root === 'materials') return state.materials?.capture ? 'capture' : 'materials';
	if (state.root !== 'search') return state.root;
	if (state.details.length > 0) return 'detail';
	return state.search.focused ? 'input' : 'search';
}

/** The focus of the view under any overlay (the help overlay documents that one). */
export function viewFocusOf(state: AppState): Focus {
	return focusOf({...state, overlay: 'none'});
}

export function appReducer(state: AppState, action: AppAction): AppState {
	switch (action.type) {
		case 'setLang':
			return {...state, lang: action.lang};
		case 'openOverlay':
			return {...state, overlay: action.overlay, palette: {text: '', selected: 0}};
		case 'closeOverlay':
			return {...state, overlay: 'none'};
		case 'paletteText':
			return {...state, palette: {text: action.text, selected: 0}};
		case 'paletteSelect':
			return {...state, palette: {...state.palette, selected: action.index}};
		case 'focusSearch': {
			const query = action.query ?? state.search.query;
			const selected = query === state.search.query ? state.search.selected : 0;
			return {...state, root: 'search', overlay: 'none', details: [], search: {...state.search, query, selected, focused: true}};
		}
		case 'setFocused':
			return {...state, search: {...state.search, focused: action.focused}};
		case 'setQuery':
			return {...state, search: {...state.search, query: action.query, selected: 0}};
		case 'select':
			return {...state, search: {...state.search, selected: action.index}};
		case 'setFilters':
			return {...state, search: {...state.search, filters: action.filters, selected: 0}};
		case 'openDetail':
			return {
				...state,
				root: 'search',
				overlay: 'none',
				search: {...state.search, focused: false},
				details: [...state.details, {implementationCode: action.implementationCode, scroll: 0}],
			};
		case 'back':
			if (state.root !== 'search') return {...state, root: 'search', applicant: {...state.applicant, manual: undefined, confirmReveal: false}};
			return {...state, details: state.details.slice(0, -1)};
		case 'scroll': {
			const top = state.details.at(-1);
			if (!top) return state;
			return {...state, details: [...state.details.slice(0, -1), {...top, scroll: action.scroll}]};
		}
		case 'setRoot':
			return {...state, overlay: 'none', root: action.root, applicant: {...state.applicant, manual: undefined, confirmReveal: false}};
		case 'auth':
			return {...state, auth: {...state.auth, ...action.patch}};
		case 'signedIn':
			// Unlocking resumes where the operator was; a fresh sign-in starts at the search view.
			return {
				...(state.auth.status === 'locked' ? state : {...state, root: 'search' as const, details: [], overlay: 'none' as const}),
				auth: {...state.auth, status: 'signedIn', operator: action.operator, pin: '', busy: false, error: undefined},
			};
		case 'signedOut':
			// Nothing of the previous operator's work survives a sign-out.
			return initialState(state.lang, {signIn: state.auth.required});
		case 'lock':
			// Personal data on screen goes away with the lock (the view itself stays for resuming).
			return {
				...state,
				overlay: 'none',
				auth: {...state.auth, status: 'locked', pin: '', busy: false, error: undefined},
				applicant: {...state.applicant, revealed: false, confirmReveal: false},
			};
		case 'unlocked':
			return {...state, auth: {...state.auth, status: 'signedIn', pin: '', busy: false, error: undefined}};
		case 'applicant':
			return {...state, applicant: {...state.applicant, ...action.patch}};
		case 'newCard':
			// Another citizen: the answers given so far were the previous one's, and so is the draft.
			return {
				...state,
				...(state.draft?.applicant && state.draft.applicant.idNumber !== action.card.card.number ? {draft: undefined} : {}),
				applicant: {revealed: false, confirmReveal: false, card: action.card},
				...(state.eligibility ? {eligibility: {...state.eligibility, answers: {}, skipped: [], decision: undefined, input: '', cursor: 0, picked: [], scroll: 0}} : {}),
			};
		case 'selectCase':
			return {...state, cases: {selected: action.index}};
		case 'auditScroll':
			return {...state, audit: {scroll: action.scroll}};
		case 'openEligibility': {
			const same = state.eligibility?.implementationCode === action.implementationCode;
			const eligibility: EligibilityState = same && state.eligibility
				? {...state.eligibility, error: undefined}
				: {implementationCode: action.implementationCode, answers: {}, skipped: [], busy: false, input: '', cursor: 0, picked: [], scroll: 0};
			return {...state, overlay: 'none', root: 'eligibility', eligibility};
		}
		case 'eligibility':
			return state.eligibility ? {...state, eligibility: {...state.eligibility, ...action.patch}} : state;
		case 'openMaterials': {
			const same = state.materials?.implementationCode === action.implementationCode;
			const materials: MaterialsState = same && state.materials
				? {...state.materials, capture: undefined}
				: {implementationCode: action.implementationCode, selected: 0, loading: true};
			return {...state, overlay: 'none', root: 'materials', materials};
		}
		case 'materials':
			return state.materials ? {...state, materials: {...state.materials, ...action.patch}} : state;
		case 'draft':
			return {...state, draft: action.draft};
		case 'openReview':
			return {...state, overlay: 'none', root: 'review', review: {busy: false, scroll: 0}};
		case 'review':
			return state.review ? {...state, review: {...state.review, ...action.patch}} : state;
		case 'showReceipt':
			return {...state, overlay: 'none', root: 'receipt', receipt: {receipt: action.receipt, file: action.file, scroll: 0}};
		case 'receiptScroll':
			return state.receipt ? {...state, receipt: {...state.receipt, scroll: action.scroll}} : state;
		case 'openDrafts':
			return {...state, overlay: 'none', root: 'drafts', drafts: {selected: 0, ...(action.list ? {list: action.list} : {})}};
		case 'drafts':
			return {...state, drafts: {...state.drafts, ...action.patch}};
		case 'confirmAbandon':
			return action.draftId ? {...state, confirmAbandon: action.draftId} : {...state, confirmAbandon: undefined};
		case 'nextCitizen': {
			const {eligibility: _e, materials: _m, draft: _d, review: _r, ...rest} = state;
			return {
				...rest,
				root: 'search',
				overlay: 'none',
				details: [],
				applicant: {revealed: false, confirmReveal: false},
				search: {...state.search, query: '', selected: 0, focused: false},
			};
		}
		case 'resumeDraft': {
			const {eligibility: _e, materials: _m, review: _r, ...rest} = state;
			const draft = action.draft;
			return {
				...rest,
				overlay: 'none',
				draft,
				details: [{implementationCode: draft.implementationCode, scroll: 0}],
				applicant: {revealed: false, confirmReveal: false, ...(draft.applicant ? {manualNumber: draft.applicant.idNumber} : {})},
				search: {...state.search, focused: false},
			};
		}
		case 'capture': {
			if (!state.materials) return state;
			const {capture: current, ...rest} = state.materials;
			if (!action.patch) return {...state, materials: rest};
			const capture = current ? {...current, ...action.patch} : ({materialCode: '', status: 'running', bytes: 0, total: 0, ...action.patch} as CaptureState);
			return {...state, materials: {...rest, capture}};
		}
	}
}

/** Clamps a list index into [0, count - 1] (0 for an empty list). */
export function clampIndex(index: number, count: number): number {
	return Math.max(0, Math.min(index, count - 1));
}

/** The question the console asks now: the first open one not skipped, blocking ones first. */
export function currentQuestion(eligibility: EligibilityState | undefined): OpenQuestion | undefined {
	const open = eligibility?.decision?.openQuestions.filter((q) => !eligibility.skipped.includes(q.id)) ?? [];
	return open.find((q) => q.blocking) ?? open[0];
}

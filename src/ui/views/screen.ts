/**
 * The view on screen for a state, with its model built once for the frame, and the facts of that
 * frame the key actions read (page sizes, line counts, scroll bounds): a key never builds a view
 * model again to learn how far it may scroll.
 */
import type {SearchFilters, SearchResult} from '../../core/catalog/search/types.js';
import type {DetailModel} from '../hooks/useDetailLines.js';
import type {Translate} from '../i18n/index.js';
import type {AppState} from '../state/index.js';
import {auditPageSize} from './AuditView.js';
import {eligibilityModel, materialsModel, pagedModel, type MaterialsModel, type PagedModel, type StepInput} from './caseScreens.js';
import {detailPageSize} from './DetailView.js';
import {pagedPageSize} from './PagedView.js';
import {searchPageSize} from './SearchView.js';
import type {CaptureState} from '../state/case.js';
import {picturesOf, POA_CODE} from '../state/work.js';
import {taskModel, workQueueModel} from './workModel.js';
import {dayModel, type DayFeed} from './dayModel.js';
import {localDateOf} from '../../core/report/day.js';
import {viewFocusOf} from '../state/derived.js';
import {helpMaxScroll, helpPageSize, helpRows, type HelpRow} from './helpModel.js';
import type {Available, Keymap} from '../keys/keymap.js';

export type Screen =
	| {view: 'signin' | 'approval' | 'applicant' | 'cases' | 'audit' | 'blank'}
	/** The `?` overlay: every key the view under it offers now, one row each (scrolled by j/k). */
	| {view: 'help'; rows: HelpRow[]}
	| {view: 'eligibility' | 'paged'; model: PagedModel}
	| {view: 'materials'; model: MaterialsModel}
	/** A return trip's picture being taken (work queue): the materials step's capture screen. */
	| {view: 'capture'; capture: CaptureState; name: string}
	| {view: 'detail'; model: DetailModel; scroll: number}
	| {view: 'search'; result: SearchResult};

/** What the frame on screen measured, for the keys pressed while it is shown. */
export interface FrameFacts {
	/** Result rows of one page of the search list. */
	listPage: number;
	/** The detail on top: its lines at this width and the lines of one page. */
	detail: {lines: number; page: number};
	/** The eligibility result's lines and how many fit under its header. */
	eligibility: {lines: number; page: number};
	/** The review / receipt / drafts view on screen: its furthest scroll position. */
	pagedMax: number;
	/** Body lines of one page of that view. */
	pagedPage: number;
	audit: {entries: number; page: number};
	cases: {rows: number};
	/** Hits of the search as the state has it (the keys that open or move through them need some). */
	hits: number;
	/** The `?` overlay's furthest scroll and the rows of one page. */
	help: {max: number; page: number};
}

export interface ScreenInput extends StepInput {
	search(query: string, filters: SearchFilters): SearchResult;
	detail(implementationCode: string, width: number, t: Translate): DetailModel;
	casesRows: number;
	auditEntries: number;
	/** 日终: the report on screen (absent until the view asks for it). */
	day?: DayFeed;
	/** The operator's keymap and what of it can act now (the `?` overlay lists those). */
	keys: {keymap: Keymap; available: Available};
}

/** The view for the state, in the order the console has always picked it. */
function screenOf(state: AppState, input: ScreenInput): Screen {
	const {session, nav, case: work, search} = state;
	if (session.approval) return {view: 'approval'};
	if (session.status !== 'signedIn') return {view: 'signin'};
	if (nav.overlay === 'help') return {view: 'help', rows: helpRows(viewFocusOf(state), input.t, input.keys.keymap, input.keys.available)};
	const root = nav.root;
	if (root === 'applicant') return {view: 'applicant'};
	const eligibility = root === 'eligibility' ? eligibilityModel(state, input) : undefined;
	if (eligibility) return {view: 'eligibility', model: eligibility};
	if (root === 'review' || root === 'receipt' || root === 'drafts') {
		const model = pagedModel(state, input);
		return model ? {view: 'paged', model} : {view: 'blank'};
	}
	if (root === 'materials' && work.materials) return {view: 'materials', model: materialsModel(work.materials, state, input)};
	if (root === 'cases' || root === 'audit') return {view: root};
	if (root === 'work') return workScreen(state, input);
	if (root === 'day') {
		const {services, t} = input;
		const model = dayModel(input.day ?? {}, {
			t,
			lang: state.nav.lang,
			columns: input.columns,
			scroll: state.nav.day.scroll,
			today: localDateOf(services.clock.now()),
			itemName: (code) => services.catalog.item(code)?.name ?? code,
			provinceName: (node) => services.dayReport?.provinceName(node),
		});
		return {view: 'paged', model};
	}
	const top = search.details.at(-1);
	if (top) return {view: 'detail', model: input.detail(top.implementationCode, input.columns, input.t), scroll: top.scroll};
	return {view: 'search', result: input.search(search.query, search.filters)};
}

function workScreen(state: AppState, input: ScreenInput): Screen {
	const {task} = state.work;
	const port = input.services.work;
	const modelInput = {
		t: input.t,
		lang: state.nav.lang,
		columns: input.columns,
		itemName: (code: string) => input.services.catalog.item(code)?.name ?? code,
		now: input.services.clock.now(),
		policy: port?.policy,
	};
	if (task?.capture) {
		const material = picturesOf(task).find((m) => m.code === task.capture?.materialCode);
		return {view: 'capture', capture: task.capture, name: material?.code === POA_CODE ? input.t('task.poa') : (material?.name ?? '')};
	}
	return {view: 'paged', model: task ? taskModel(task, modelInput) : workQueueModel(state.work, modelInput, pagedPageSize(input.viewHeight, 0))};
}

export function buildScreen(state: AppState, input: ScreenInput): {screen: Screen; facts: FrameFacts} {
	const screen = screenOf(state, input);
	const height = input.viewHeight;
	const paged = screen.view === 'eligibility' || screen.view === 'paged' ? screen.model : undefined;
	const pagedPage = paged ? pagedPageSize(height, paged.header.length) : 0;
	return {
		screen,
		facts: {
			listPage: searchPageSize(height),
			detail: {lines: screen.view === 'detail' ? screen.model.lines.length : 0, page: detailPageSize(height)},
			eligibility: screen.view === 'eligibility' ? {lines: screen.model.body.length, page: pagedPage} : {lines: 0, page: 1},
			pagedMax: screen.view === 'paged' ? Math.max(0, screen.model.body.length - pagedPage) : 0,
			pagedPage: Math.max(1, pagedPage),
			audit: {entries: input.auditEntries, page: auditPageSize(height)},
			cases: {rows: input.casesRows},
			hits: input.search(state.search.query, state.search.filters).hits.length,
			help: {max: screen.view === 'help' ? helpMaxScroll(screen.rows.length, height) : 0, page: helpPageSize(height)},
		},
	};
}

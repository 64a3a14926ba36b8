/**
 * The models of the case steps' views, built from the state (pure but for the catalog look-ups):
 * the eligibility step, the review, the receipt and the drafts list (all drawn by PagedView), and
 * the materials checklist.
 */
import {materialsForCase, type Material} from '../../core/catalog/model.js';
import {reviewDraft} from '../../core/cases/counter-draft.js';
import {maskIdNumber} from '../../core/identity/mask.js';
import {receiptLines} from '../../receipts/text.js';
import {wrapToWidth} from '../../text/width.js';
import type {Translate} from '../i18n/index.js';
import type {ConsoleServices, DraftRecord} from '../services.js';
import {agentActs, applicantNumber, type MaterialsState} from '../state/case.js';
import type {AppState} from '../state/index.js';
import {DRAFT_ROW_LINES, draftRows, draftsHeader} from './draftsModel.js';
import {eligibilityBody, eligibilityHeader} from './eligibilityModel.js';
import {materialsHeader, type MaterialsLine} from './materialsModel.js';
import {pagedPageSize, type ViewLine} from './PagedView.js';
import {reviewBody, reviewHeader} from './reviewModel.js';

/** What a PagedView draws. */
export interface PagedModel {
	title: string;
	header: ViewLine[];
	body: ViewLine[];
	scroll: number;
}

export interface MaterialsModel {
	title: string;
	header: MaterialsLine[];
	step: MaterialsState;
	/** The case's draft, when it is this checklist's. */
	draft: DraftRecord | undefined;
	materials: readonly Material[];
}

export interface StepInput {
	services: ConsoleServices;
	t: Translate;
	columns: number;
	viewHeight: number;
	/** Demo: the page in front of the camera (the checklist names it). */
	cameraPage: string | undefined;
}

export function eligibilityModel(state: AppState, {services, t, columns}: StepInput): PagedModel | undefined {
	const step = state.case.eligibility;
	if (!step) return undefined;
	const lang = state.nav.lang;
	const implementation = services.catalog.implementation(step.implementationCode);
	const item = implementation && services.catalog.item(implementation.basicCode);
	const context = {itemName: item?.name ?? '', regionCode: implementation?.regionCode ?? '', counterRegion: services.counterRegion, idNumber: applicantNumber(state.case), hasReader: Boolean(services.reader)};
	return {
		title: t('elig.title', {name: item?.name ?? step.implementationCode}),
		header: eligibilityHeader(step, context, t, lang, columns),
		body: eligibilityBody(step.decision, t, lang, columns),
		scroll: step.scroll,
	};
}

function reviewModel(state: AppState, {services, t, columns}: StepInput): PagedModel | undefined {
	const {draft, review} = state.case;
	if (!review) return undefined;
	const province = (code: string | undefined) => (code ? services.catalog.regionPath(`${code.slice(0, 2)}0000`) || code.slice(0, 2) : '-');
	const implementation = draft ? services.catalog.implementation(draft.implementationCode) : undefined;
	const item = draft ? services.catalog.item(draft.itemCode) : undefined;
	const ctx = {
		draft,
		review: draft ? reviewDraft(draft, implementation) : undefined,
		state: review,
		item,
		implementation,
		receivingProvince: province(services.counterRegion),
		handlingProvince: province(implementation?.regionCode),
	};
	return {title: t('rev.title', {name: item?.name ?? draft?.itemCode ?? ''}), header: reviewHeader(ctx, t, columns), body: reviewBody(ctx, t, columns), scroll: review.scroll};
}

function receiptModel(state: AppState, {services, t, columns}: StepInput): PagedModel | undefined {
	if (!state.case.receipt) return undefined;
	const {receipt, file, scroll} = state.case.receipt;
	// The QR code is drawn on the screen too (the citizen may scan it there), except with asciiOnly.
	const lines = receiptLines(receipt, state.nav.lang, columns, {blocks: services.asciiOnly !== true});
	const body: ViewLine[] = [...lines.map((text) => ({text, tone: 'body' as const})), {text: t('rcp.saved', {file}), tone: 'muted'}];
	return {title: t('view.receipt'), header: [{text: t('rcp.next'), tone: 'ok'}], body, scroll};
}

function draftsModel(state: AppState, {services, t, columns, viewHeight}: StepInput): PagedModel {
	const {list, selected} = state.case.drafts;
	const itemName = (code: string) => services.catalog.item(code)?.name ?? code;
	const header = draftsHeader(list, t, columns);
	const page = pagedPageSize(viewHeight, header.length);
	const first = selected * DRAFT_ROW_LINES;
	return {title: t('view.drafts'), header, body: draftRows(list, selected, itemName, t, columns), scroll: Math.max(0, first + DRAFT_ROW_LINES - page)};
}

/** The review, receipt or drafts view; a draft waiting for "abandon? y/n" says which one, above everything else. */
export function pagedModel(state: AppState, input: StepInput): PagedModel | undefined {
	const root = state.nav.root;
	const model = root === 'review' ? reviewModel(state, input) : root === 'receipt' ? receiptModel(state, input) : root === 'drafts' ? draftsModel(state, input) : undefined;
	const abandoning = state.case.confirmAbandon;
	if (!model || !abandoning) return model;
	const draft = state.case.drafts.list?.find((d) => d.draftId === abandoning) ?? state.case.draft;
	const item = draft ? (input.services.catalog.item(draft.itemCode)?.name ?? draft.itemCode) : '';
	const question = input.t('drafts.confirmAbandon', {item, applicant: draft?.applicant?.masked ?? '', count: draft?.materials.filter((m) => m.sha256).length ?? 0});
	return {...model, header: [...wrapToWidth(question, input.columns).map((text) => ({text, tone: 'warn' as const})), ...model.header]};
}

export function materialsModel(step: MaterialsState, state: AppState, {services, t, columns, cameraPage}: StepInput): MaterialsModel {
	const implementation = services.catalog.implementation(step.implementationCode);
	const item = implementation && services.catalog.item(implementation.basicCode);
	// With an agent acting, the 委托书 is required (docs/people.md#agents-委托代办).
	const materials = implementation ? materialsForCase(implementation, agentActs(state.case)) : [];
	const number = applicantNumber(state.case);
	// The open draft belongs on this checklist only when it is this implementation list's.
	const draft = state.case.draft?.implementationCode === step.implementationCode ? state.case.draft : undefined;
	const header = materialsHeader(
		{
			...(number ? {applicantMasked: maskIdNumber(number)} : draft?.applicant ? {applicantMasked: draft.applicant.masked} : {}),
			...(draft ? {draft} : {}),
			loading: step.loading,
			...(cameraPage !== undefined ? {page: cameraPage} : {}),
			materials,
		},
		t,
		columns,
	);
	return {title: t('mat.title', {name: item?.name ?? step.implementationCode}), header, step, draft, materials};
}

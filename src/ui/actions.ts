/**
 * What each keymap action does. Called by the input router with a context that reads the
 * latest state synchronously, so several actions from one input chunk ('jj') compose.
 */
import {HANDLING_MODES} from '../core/catalog/model.js';
import type {SearchResult} from '../core/catalog/search/types.js';
import type {Effects} from './effects.js';
import type {Translate} from './i18n/index.js';
import type {Flash} from './hooks/useFlash.js';
import type {ActionId, KeyGate} from './keys/keymap.js';
import {commandsFor, completeCommand, matchCommands} from './palette/commands.js';
import {runPaletteLine} from './palette/execute.js';
import type {ConsoleServices, DraftRecord} from './services.js';
import type {FactValue} from '../core/eligibility/model.js';
import {clampIndex, currentQuestion, type AppAction, type AppState} from './state/appState.js';
import {cycle, itemTypesInCatalog, provincesInCatalog, withFilter} from './state/filters.js';

export interface ActionContext {
	getState(): AppState;
	dispatch(action: AppAction): void;
	flash(flash: Flash): void;
	quit(): void;
	services: ConsoleServices;
	/** Search result for the current state (cached by the caller). */
	result(): SearchResult;
	/** Number of detail lines of the top detail view at the current width. */
	detailLineCount(): number;
	/** Rows per page of the result list and of the detail view. */
	listPage(): number;
	detailPage(): number;
	t(): Translate;
	effects: Effects;
	/** Roles and services of the console right now (palette and keys are gated by it). */
	gate(): KeyGate;
	cases: {count(): number; refresh(): void};
	auditLog: {count(): number; page(): number};
	/** Lines of the eligibility result and how many fit on screen. */
	eligibilityLog: {count(): number; page(): number};
	/** The review / receipt view on screen: its furthest scroll position. */
	pagedLog: {max(): number};
}

/** Opens the eligibility step for the item detail on top (key `e`, palette `:check`). */
export function openEligibility(ctx: ActionContext): void {
	const top = ctx.getState().details.at(-1);
	if (!top) return ctx.flash({level: 'warn', key: 'flash.openItemFirst'});
	ctx.effects.eligibility.open(top.implementationCode);
}

/**
 * Opens the materials checklist of the item on screen (key `m`, palette `:materials`): the
 * detail on top, or the implementation list of the eligibility step just shown.
 */
export function openMaterials(ctx: ActionContext): void {
	const state = ctx.getState();
	const code = state.root === 'eligibility' ? state.eligibility?.implementationCode : state.root === 'materials' ? state.materials?.implementationCode : state.details.at(-1)?.implementationCode;
	if (!code) return ctx.flash({level: 'warn', key: 'flash.openItemFirst'});
	ctx.effects.materials.open(code);
}

function materialsAction(action: ActionId, ctx: ActionContext): boolean {
	const state = ctx.getState();
	const step = state.materials;
	const effects = ctx.effects.materials;
	const count = step ? (ctx.services.catalog.implementation(step.implementationCode)?.materials.length ?? 0) : 0;
	switch (action) {
		case 'materials.open':
			openMaterials(ctx);
			return true;
		case 'materials.down':
		case 'materials.up':
			if (step) ctx.dispatch({type: 'materials', patch: {selected: clampIndex(step.selected + (action === 'materials.down' ? 1 : -1), count)}});
			return true;
		case 'materials.capture':
			// Not held back while the draft is looked up: a key typed ahead is never lost (accept waits for it).
			if (step) void effects.capture();
			return true;
		case 'materials.original':
			void effects.toggleOriginal();
			return true;
		case 'materials.page':
			effects.setPage();
			return true;
		case 'capture.accept':
			void effects.accept();
			return true;
		case 'capture.acceptVerified':
			void effects.accept({originalVerified: true});
			return true;
		case 'capture.retake':
			effects.retake();
			return true;
		case 'capture.discard':
			if (step?.capture?.status !== 'saving') effects.discard();
			return true;
		default:
			return false;
	}
}

/** Opens the review of the case in progress (key `s` in the checklist, palette `:submit`). */
export function openReview(ctx: ActionContext): void {
	void ctx.effects.drafts.openReview();
}

/** Resumes a stored draft at the step where it stopped. */
export function resumeDraft(ctx: ActionContext, draft: DraftRecord): void {
	ctx.effects.drafts.resume(draft, {
		eligibility: (code, answers) => ctx.effects.eligibility.open(code, answers as Record<string, FactValue> | undefined),
		materials: (code) => ctx.effects.materials.open(code),
		review: () => openReview(ctx),
	});
}

function draftAction(action: ActionId, ctx: ActionContext): boolean {
	const state = ctx.getState();
	const effects = ctx.effects.drafts;
	const list = state.drafts.list ?? [];
	switch (action) {
		case 'app.drafts':
			void effects.openDrafts();
			return true;
		case 'review.open':
			openReview(ctx);
			return true;
		case 'review.submit':
			void effects.submit();
			return true;
		case 'review.down':
		case 'review.up':
			if (state.review) ctx.dispatch({type: 'review', patch: {scroll: Math.max(0, Math.min(ctx.pagedLog.max(), state.review.scroll + (action === 'review.down' ? 1 : -1)))}});
			return true;
		case 'receipt.down':
		case 'receipt.up':
			if (state.receipt) ctx.dispatch({type: 'receiptScroll', scroll: Math.max(0, Math.min(ctx.pagedLog.max(), state.receipt.scroll + (action === 'receipt.down' ? 1 : -1)))});
			return true;
		case 'draft.abandon':
			effects.askAbandon(state.root === 'drafts' ? list[state.drafts.selected]?.draftId : state.draft?.draftId);
			return true;
		case 'receipt.print':
			void effects.print();
			return true;
		case 'receipt.next':
			ctx.dispatch({type: 'nextCitizen'});
			return true;
		case 'drafts.down':
		case 'drafts.up':
			ctx.dispatch({type: 'drafts', patch: {selected: clampIndex(state.drafts.selected + (action === 'drafts.down' ? 1 : -1), list.length)}});
			return true;
		case 'drafts.resume': {
			const draft = list[state.drafts.selected];
			if (draft) resumeDraft(ctx, draft);
			return true;
		}
		case 'confirm.yes':
		case 'confirm.no':
			if (!state.confirmAbandon) return false;
			if (action === 'confirm.yes') void effects.confirmAbandon();
			else ctx.dispatch({type: 'confirmAbandon', draftId: undefined});
			return true;
		default:
			return false;
	}
}

function eligibilityAction(action: ActionId, ctx: ActionContext): boolean {
	const state = ctx.getState();
	const step = state.eligibility;
	const effects = ctx.effects.eligibility;
	const question = currentQuestion(step);
	const options = question ? (question.type === 'yesno' ? 2 : (question.choices?.length ?? 0)) : 0;
	const scroll = (by: number) => {
		const max = Math.max(0, ctx.eligibilityLog.count() - ctx.eligibilityLog.page());
		ctx.dispatch({type: 'eligibility', patch: {scroll: Math.max(0, Math.min(max, (step?.scroll ?? 0) + by))}});
	};
	switch (action) {
		case 'eligibility.open':
			openEligibility(ctx);
			return true;
		case 'eligibility.yes':
		case 'eligibility.no':
			effects.yesNo(action === 'eligibility.yes');
			return true;
		case 'eligibility.down':
		case 'eligibility.up':
			if (step) ctx.dispatch({type: 'eligibility', patch: {cursor: clampIndex(step.cursor + (action === 'eligibility.down' ? 1 : -1), options)}});
			return true;
		case 'eligibility.toggle':
			effects.toggle();
			return true;
		case 'eligibility.submit':
			effects.submitChoice();
			return true;
		case 'eligibility.skip':
		case 'answer.skip':
			effects.skip();
			return true;
		case 'eligibility.recheck':
			void effects.evaluate();
			return true;
		case 'eligibility.pageDown':
			scroll(ctx.eligibilityLog.page());
			return true;
		case 'eligibility.pageUp':
			scroll(-ctx.eligibilityLog.page());
			return true;
		case 'answer.submit':
			effects.submitText();
			return true;
		case 'answer.backspace':
			ctx.dispatch({type: 'eligibility', patch: {input: dropLast(step?.input ?? ''), error: undefined}});
			return true;
		case 'answer.clear':
			ctx.dispatch({type: 'eligibility', patch: {input: '', error: undefined}});
			return true;
		default:
			return false;
	}
}

function moveSelection(ctx: ActionContext, to: (current: number, count: number) => number): void {
	const count = ctx.result().hits.length;
	const current = ctx.getState().search.selected;
	ctx.dispatch({type: 'select', index: clampIndex(to(current, count), count)});
}

function scrollTo(ctx: ActionContext, to: (current: number, max: number) => number): void {
	const top = ctx.getState().details.at(-1);
	if (!top) return;
	const max = Math.max(0, ctx.detailLineCount() - ctx.detailPage());
	ctx.dispatch({type: 'scroll', scroll: Math.max(0, Math.min(max, to(top.scroll, max)))});
}

function openSelected(ctx: ActionContext): void {
	const state = ctx.getState();
	const hit = ctx.result().hits[state.search.selected];
	if (!hit) {
		ctx.flash({level: 'warn', key: 'flash.noSelection'});
		return;
	}
	ctx.dispatch({type: 'openDetail', implementationCode: hit.implementation.implementationCode});
}

/** esc: close overlay → clear input → back one view. */
function back(ctx: ActionContext): void {
	const state = ctx.getState();
	if (state.overlay !== 'none') return ctx.dispatch({type: 'closeOverlay'});
	if (state.root !== 'search') return ctx.dispatch({type: 'back'});
	if (state.details.length > 0) return ctx.dispatch({type: 'back'});
	if (state.search.query) return ctx.dispatch({type: 'setQuery', query: ''});
	ctx.flash({level: 'info', key: 'flash.atRoot'});
}

function setFilters(ctx: ActionContext, update: (filters: AppState['search']['filters']) => AppState['search']['filters']): void {
	ctx.dispatch({type: 'setFilters', filters: update(ctx.getState().search.filters)});
}

export function performAction(action: ActionId, ctx: ActionContext): void {
	if (draftAction(action, ctx)) return;
	if (eligibilityAction(action, ctx)) return;
	if (materialsAction(action, ctx)) return;
	const state = ctx.getState();
	const catalog = ctx.services.catalog;
	switch (action) {
		case 'app.help':
			return ctx.dispatch({type: 'openOverlay', overlay: 'help'});
		case 'app.palette':
			return ctx.dispatch({type: 'openOverlay', overlay: 'palette'});
		case 'app.search':
			return ctx.dispatch({type: 'focusSearch'});
		case 'app.back':
			return back(ctx);
		case 'app.quit':
			ctx.effects.noteQuit();
			return ctx.quit();
		case 'help.close':
		case 'palette.close':
			return ctx.dispatch({type: 'closeOverlay'});
		case 'list.down':
		case 'input.down':
			return moveSelection(ctx, (current) => current + 1);
		case 'list.up':
		case 'input.up':
			return moveSelection(ctx, (current) => current - 1);
		case 'list.pageDown':
			return moveSelection(ctx, (current) => current + ctx.listPage());
		case 'list.pageUp':
			return moveSelection(ctx, (current) => current - ctx.listPage());
		case 'list.top':
			return moveSelection(ctx, () => 0);
		case 'list.bottom':
			return moveSelection(ctx, (_current, count) => count - 1);
		case 'list.open':
		case 'input.submit':
			return openSelected(ctx);
		case 'input.toResults':
			return ctx.dispatch({type: 'setFocused', focused: false});
		case 'input.cancel':
			return ctx.dispatch(state.search.query ? {type: 'setQuery', query: ''} : {type: 'setFocused', focused: false});
		case 'input.clearLine':
			return ctx.dispatch({type: 'setQuery', query: ''});
		case 'input.backspace':
			return ctx.dispatch({type: 'setQuery', query: [...state.search.query].slice(0, -1).join('')});
		case 'filter.mode':
			return setFilters(ctx, (filters) => withFilter(filters, 'mode', cycle(HANDLING_MODES, filters.mode)));
		case 'filter.type':
			return setFilters(ctx, (filters) => withFilter(filters, 'itemType', cycle(itemTypesInCatalog(catalog), filters.itemType)));
		case 'filter.province':
			return setFilters(ctx, (filters) => withFilter(filters, 'region', cycle(provincesInCatalog(catalog), filters.region)));
		case 'filter.clear':
			setFilters(ctx, () => ({}));
			return ctx.flash({level: 'info', key: 'flash.filtersCleared'});
		case 'detail.down':
			return scrollTo(ctx, (current) => current + 1);
		case 'detail.up':
			return scrollTo(ctx, (current) => current - 1);
		case 'detail.pageDown':
			return scrollTo(ctx, (current) => current + ctx.detailPage());
		case 'detail.pageUp':
			return scrollTo(ctx, (current) => current - ctx.detailPage());
		case 'detail.top':
			return scrollTo(ctx, () => 0);
		case 'detail.bottom':
			return scrollTo(ctx, (_current, max) => max);
		case 'palette.run':
			ctx.dispatch({type: 'closeOverlay'});
			return runPaletteLine(state.palette.text, state.palette.selected, ctx);
		case 'palette.complete':
			return ctx.dispatch({type: 'paletteText', text: completeCommand(state.palette.text, state.palette.selected, commandsFor(ctx.gate()))});
		case 'palette.next':
		case 'palette.prev': {
			const count = matchCommands(state.palette.text, commandsFor(ctx.gate())).length;
			const next = state.palette.selected + (action === 'palette.next' ? 1 : -1);
			return ctx.dispatch({type: 'paletteSelect', index: clampIndex(next, count)});
		}
		case 'palette.backspace':
			return ctx.dispatch({type: 'paletteText', text: [...state.palette.text].slice(0, -1).join('')});
		case 'app.applicant':
			return ctx.dispatch({type: 'setRoot', root: 'applicant'});
		case 'app.cases':
			return ctx.dispatch({type: 'setRoot', root: 'cases'});
		case 'app.audit':
			ctx.dispatch({type: 'auditScroll', scroll: Number.MAX_SAFE_INTEGER});
			return ctx.dispatch({type: 'setRoot', root: 'audit'});
		case 'app.lock':
			return ctx.effects.lock('manual');
		case 'card.read':
			return ctx.effects.readCard();
		case 'applicant.reveal':
			return ctx.effects.askReveal();
		case 'applicant.manual':
			return ctx.dispatch({type: 'applicant', patch: {manual: ''}});
		case 'demo.nextCard':
			return ctx.effects.placeDemoCard();
		case 'demo.liftCard':
			return ctx.effects.liftDemoCard();
		case 'manual.submit':
			return ctx.effects.submitManual();
		case 'manual.cancel':
			return ctx.dispatch({type: 'applicant', patch: {manual: undefined}});
		case 'manual.backspace':
			return ctx.dispatch({type: 'applicant', patch: {manual: dropLast(state.applicant.manual ?? '')}});
		case 'confirm.yes':
			return ctx.effects.confirmReveal();
		case 'confirm.no':
			return ctx.dispatch({type: 'applicant', patch: {confirmReveal: false}});
		case 'signin.submit':
			if (state.auth.field === 'id') return ctx.dispatch({type: 'auth', patch: {field: 'pin'}});
			return void ctx.effects.submitSignIn();
		case 'signin.switchField':
			return ctx.dispatch({type: 'auth', patch: {field: state.auth.field === 'id' ? 'pin' : 'id'}});
		case 'signin.backspace':
			return ctx.dispatch({type: 'auth', patch: state.auth.field === 'id' ? {idText: dropLast(state.auth.idText)} : {pin: dropLast(state.auth.pin)}});
		case 'signin.clear':
			return ctx.dispatch({type: 'auth', patch: state.auth.field === 'id' ? {idText: ''} : {pin: ''}});
		case 'lock.submit':
			return void ctx.effects.submitUnlock();
		case 'lock.backspace':
			return ctx.dispatch({type: 'auth', patch: {pin: dropLast(state.auth.pin)}});
		case 'lock.clear':
			return ctx.dispatch({type: 'auth', patch: {pin: ''}});
		case 'cases.down':
		case 'cases.up': {
			const next = state.cases.selected + (action === 'cases.down' ? 1 : -1);
			return ctx.dispatch({type: 'selectCase', index: clampIndex(next, ctx.cases.count())});
		}
		case 'cases.refresh':
			return ctx.cases.refresh();
		case 'audit.down':
		case 'audit.up':
		case 'audit.pageDown':
		case 'audit.pageUp':
		case 'audit.top':
		case 'audit.bottom': {
			const max = Math.max(0, ctx.auditLog.count() - ctx.auditLog.page());
			const current = Math.min(state.audit.scroll, max);
			const page = ctx.auditLog.page();
			const to = {
				'audit.down': current + 1,
				'audit.up': current - 1,
				'audit.pageDown': current + page,
				'audit.pageUp': current - page,
				'audit.top': 0,
				'audit.bottom': max,
			}[action];
			return ctx.dispatch({type: 'auditScroll', scroll: Math.max(0, Math.min(max, to))});
		}
	}
}

function dropLast(text: string): string {
	return [...text].slice(0, -1).join('');
}

/** Printable text for the focused field (IME commits arrive as one multi-character chunk). */
export function performText(text: string, ctx: ActionContext): void {
	const state = ctx.getState();
	if (state.auth.status === 'signedOut') {
		// The operator id is ASCII; the PIN digits only. Anything else cannot be part of them.
		if (state.auth.field === 'id') return ctx.dispatch({type: 'auth', patch: {idText: (state.auth.idText + text).replace(/[^\x21-\x7e]/g, '').slice(0, 32)}});
		return ctx.dispatch({type: 'auth', patch: {pin: (state.auth.pin + text).replace(/\D/g, '').slice(0, 12), error: undefined}});
	}
	if (state.auth.status === 'locked') {
		return ctx.dispatch({type: 'auth', patch: {pin: (state.auth.pin + text).replace(/\D/g, '').slice(0, 12), error: undefined}});
	}
	if (state.overlay === 'palette') return ctx.dispatch({type: 'paletteText', text: state.palette.text + text});
	if (state.root === 'eligibility' && state.eligibility) {
		// No applicant yet: the field takes an ID number; otherwise a date or a number answer.
		const noApplicant = !state.applicant.manualNumber && !state.applicant.card;
		const input = noApplicant ? (state.eligibility.input + text).replace(/[^0-9xX]/g, '').toUpperCase().slice(0, 18) : (state.eligibility.input + text).slice(0, 32);
		return ctx.dispatch({type: 'eligibility', patch: {input, error: undefined}});
	}
	if (state.root === 'applicant' && state.applicant.manual !== undefined) {
		return ctx.dispatch({type: 'applicant', patch: {manual: (state.applicant.manual + text).replace(/[^0-9xX]/g, '').toUpperCase().slice(0, 18)}});
	}
	ctx.dispatch({type: 'setQuery', query: state.search.query + text});
}

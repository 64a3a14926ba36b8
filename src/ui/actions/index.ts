/**
 * What each keymap action does, and the printable text typed into the focused field. Called by
 * the input router with a context that reads the latest state synchronously, so several actions
 * from one input chunk ('jj') compose. The palette's lines come back as descriptions
 * (palette/execute.ts) and are carried out here.
 */
import type {ActionId} from '../keys/keymap.js';
import {commandsFor, completeCommand, matchCommands} from '../palette/commands.js';
import {backAction, paletteOutcome, type PaletteOutcome} from '../palette/execute.js';
import {clampIndex} from '../state/index.js';
import {caseActions} from './case.js';
import {dropLast, scrollKeys, within, type ActionContext, type ActionTable, type ScrollTo} from './context.js';
import {searchActions} from './search.js';
import {workActions} from './work.js';

export type {ActionContext} from './context.js';

/** esc: close overlay → clear input → back one view. */
function back(ctx: ActionContext): void {
	const state = ctx.getState();
	if (state.nav.overlay !== 'none') return ctx.dispatch({type: 'nav/closeOverlay'});
	// A return trip goes back to the queue it was opened from (its pictures and card check with it).
	if (state.nav.root === 'work' && state.work.task) return ctx.effects.work.close();
	if (state.nav.root !== 'search' || state.search.details.length > 0) return ctx.dispatch(backAction(state));
	if (state.search.query) return ctx.dispatch({type: 'search/query', query: ''});
	ctx.flash({level: 'info', key: 'flash.atRoot'});
}

/** The audit view's scroll: `to` gets the current position (within the log), the last one and a page. */
const audit = (to: ScrollTo) => (ctx: ActionContext) => {
	const {entries, page} = ctx.frame().audit;
	const max = Math.max(0, entries - page);
	const current = Math.min(ctx.getState().nav.audit.scroll, max);
	ctx.dispatch({type: 'nav/auditScroll', scroll: within(to(current, max, page), max)});
};

/** 日终's scroll, over the paged view on screen. */
const day = (to: ScrollTo) => (ctx: ActionContext) => {
	const {pagedMax, pagedPage} = ctx.frame();
	const current = Math.min(ctx.getState().nav.day.scroll, pagedMax);
	ctx.dispatch({type: 'nav/dayScroll', scroll: within(to(current, pagedMax, pagedPage), pagedMax)});
};

/** The `?` overlay's scroll, within the rows the frame on screen lists. */
const help = (to: ScrollTo) => (ctx: ActionContext) => {
	const {max, page} = ctx.frame().help;
	const current = Math.min(ctx.getState().nav.help.scroll, max);
	ctx.dispatch({type: 'nav/helpScroll', scroll: within(to(current, max, page), max)});
};

const caseRow = (by: 1 | -1) => (ctx: ActionContext) =>
	ctx.dispatch({type: 'nav/selectCase', index: clampIndex(ctx.getState().nav.cases.selected + by, ctx.frame().cases.rows)});

const paletteRow = (by: 1 | -1) => (ctx: ActionContext) => {
	const {palette} = ctx.getState().nav;
	const count = matchCommands(palette.text, commandsFor(ctx.gate())).length;
	ctx.dispatch({type: 'nav/paletteSelect', index: clampIndex(palette.selected + by, count)});
};

/** Edits the field of the sign-in screen that has the cursor. */
const signInField = (edit: (text: string) => string) => (ctx: ActionContext) => {
	const {session} = ctx.getState();
	ctx.dispatch({type: 'session/patch', patch: session.field === 'id' ? {idText: edit(session.idText)} : {pin: edit(session.pin)}});
};
/** Edits the field of the supervisor-PIN prompt that has the cursor. */
const approvalField = (edit: (text: string) => string) => (ctx: ActionContext) => {
	const prompt = ctx.getState().session.approval;
	if (prompt) ctx.dispatch({type: 'session/approvalPatch', patch: prompt.field === 'id' ? {idText: edit(prompt.idText), error: undefined} : {pin: edit(prompt.pin), error: undefined}});
};
const pin = (edit: (text: string) => string) => (ctx: ActionContext) => ctx.dispatch({type: 'session/patch', patch: {pin: edit(ctx.getState().session.pin)}});

const overlay = (which: 'help' | 'palette') => (ctx: ActionContext) => ctx.dispatch({type: 'nav/openOverlay', overlay: which});
const closeOverlay = (ctx: ActionContext) => ctx.dispatch({type: 'nav/closeOverlay'});

export const appActions: ActionTable = {
	'app.help': overlay('help'),
	'app.palette': overlay('palette'),
	'app.search': (ctx) => ctx.dispatch({type: 'focusSearch'}),
	'app.back': back,
	'app.quit': (ctx) => {
		ctx.effects.noteQuit();
		ctx.quit();
	},
	'help.close': closeOverlay,
	...scrollKeys('help', help),
	'palette.close': closeOverlay,
	'palette.run': (ctx) => {
		const state = ctx.getState();
		ctx.dispatch({type: 'nav/closeOverlay'});
		const outcome = paletteOutcome(state.nav.palette.text, state.nav.palette.selected, {state, gate: ctx.gate(), catalog: ctx.services.catalog, t: ctx.t()});
		perform(outcome, ctx);
	},
	'palette.complete': (ctx) => {
		const {palette} = ctx.getState().nav;
		ctx.dispatch({type: 'nav/paletteText', text: completeCommand(palette.text, palette.selected, commandsFor(ctx.gate()))});
	},
	'palette.next': paletteRow(1),
	'palette.prev': paletteRow(-1),
	'palette.backspace': (ctx) => ctx.dispatch({type: 'nav/paletteText', text: dropLast(ctx.getState().nav.palette.text)}),
	'app.applicant': (ctx) => ctx.dispatch({type: 'show', root: 'applicant'}),
	'app.cases': (ctx) => ctx.dispatch({type: 'show', root: 'cases'}),
	'app.audit': (ctx) => {
		ctx.dispatch({type: 'nav/auditScroll', scroll: Number.MAX_SAFE_INTEGER});
		ctx.dispatch({type: 'show', root: 'audit'});
	},
	'app.lock': (ctx) => ctx.effects.lock('manual'),
	'signin.submit': (ctx) => {
		if (ctx.getState().session.field === 'id') return ctx.dispatch({type: 'session/patch', patch: {field: 'pin'}});
		void ctx.effects.submitSignIn();
	},
	'signin.switchField': (ctx) => ctx.dispatch({type: 'session/patch', patch: {field: ctx.getState().session.field === 'id' ? 'pin' : 'id'}}),
	'signin.backspace': signInField(dropLast),
	'signin.clear': signInField(() => ''),
	'signin.supervisorUnlock': (ctx) => ctx.effects.approval.openForSignIn(),
	'lock.submit': (ctx) => void ctx.effects.submitUnlock(),
	'lock.backspace': pin(dropLast),
	'lock.clear': pin(() => ''),
	'lock.supervisorUnlock': (ctx) => ctx.effects.approval.openForLock('unlock'),
	'lock.switchOperator': (ctx) => ctx.effects.approval.openForLock('switch'),
	'approval.submit': (ctx) => {
		const prompt = ctx.getState().session.approval;
		if (prompt?.field === 'id') return ctx.dispatch({type: 'session/approvalPatch', patch: {field: 'pin'}});
		void ctx.effects.approval.send();
	},
	'approval.switchField': (ctx) => ctx.dispatch({type: 'session/approvalPatch', patch: {field: ctx.getState().session.approval?.field === 'id' ? 'pin' : 'id'}}),
	'approval.backspace': approvalField(dropLast),
	'approval.clear': approvalField(() => ''),
	'approval.cancel': (ctx) => ctx.effects.approval.cancel(),
	'cases.down': caseRow(1),
	'cases.up': caseRow(-1),
	'cases.refresh': (ctx) => ctx.refreshCases(),
	...scrollKeys('audit', audit),
	'app.day': (ctx) => {
		ctx.dispatch({type: 'nav/dayReload'});
		ctx.dispatch({type: 'show', root: 'day'});
	},
	'day.refresh': (ctx) => ctx.dispatch({type: 'nav/dayReload'}),
	...scrollKeys('day', day),
};

/** Every key action, by id (one table per concern). */
export const ACTIONS: ActionTable = {...appActions, ...searchActions, ...caseActions, ...workActions};

export function performAction(action: ActionId, ctx: ActionContext): void {
	ACTIONS[action]?.(ctx);
}

/** Carries out what a palette line asked for. */
function perform(outcome: PaletteOutcome, ctx: ActionContext): void {
	switch (outcome.kind) {
		case 'dispatch':
			for (const action of outcome.actions) ctx.dispatch(action);
			if (outcome.flash) ctx.flash(outcome.flash);
			return;
		case 'action':
			return performAction(outcome.action, ctx);
		case 'flash':
			return ctx.flash(outcome.flash);
		case 'quit':
			return performAction('app.quit', ctx);
		case 'effect': {
			const {effect} = outcome;
			if (effect.name === 'placeDemoCard') return ctx.effects.placeDemoCard(effect.card);
			if (effect.name === 'setPage') return ctx.effects.materials.setPage(effect.page);
			return void ctx.effects.signOut();
		}
	}
}

/** Printable text for the focused field (IME commits arrive as one multi-character chunk). */
export function performText(text: string, ctx: ActionContext): void {
	const {session, nav, case: work, search} = ctx.getState();
	// The supervisor's prompt first: it can open over the sign-in screen too (a locked operator).
	if (session.approval) {
		const prompt = session.approval;
		if (prompt.field === 'id') return ctx.dispatch({type: 'session/approvalPatch', patch: {idText: (prompt.idText + text).replace(/[^\x21-\x7e]/g, '').slice(0, 32), error: undefined}});
		return ctx.dispatch({type: 'session/approvalPatch', patch: {pin: (prompt.pin + text).replace(/\D/g, '').slice(0, 12), error: undefined}});
	}
	if (session.status === 'signedOut') {
		// The operator id is ASCII; the PIN digits only. Anything else cannot be part of them.
		if (session.field === 'id') return ctx.dispatch({type: 'session/patch', patch: {idText: (session.idText + text).replace(/[^\x21-\x7e]/g, '').slice(0, 32)}});
		return ctx.dispatch({type: 'session/patch', patch: {pin: (session.pin + text).replace(/\D/g, '').slice(0, 12), error: undefined}});
	}
	if (session.status === 'locked') {
		return ctx.dispatch({type: 'session/patch', patch: {pin: (session.pin + text).replace(/\D/g, '').slice(0, 12), error: undefined}});
	}
	if (nav.overlay === 'palette') return ctx.dispatch({type: 'nav/paletteText', text: nav.palette.text + text});
	if (nav.root === 'eligibility' && work.eligibility) {
		// No applicant yet: the field takes an ID number; otherwise a date or a number answer.
		const noApplicant = !work.applicant.manualNumber && !work.applicant.card;
		const input = noApplicant ? (work.eligibility.input + text).replace(/[^0-9xX]/g, '').toUpperCase().slice(0, 18) : (work.eligibility.input + text).slice(0, 32);
		return ctx.dispatch({type: 'case/eligibility', patch: {input, error: undefined}});
	}
	if (nav.root === 'work' && ctx.getState().work.task?.stage === 'form') return ctx.effects.work.typeWaybill((waybill) => waybill + text);
	if (nav.root === 'work' && ctx.getState().work.task?.stage === 'note') return ctx.effects.work.typeNote((note) => note + text);
	if (nav.root === 'applicant' && work.applicant.manualName !== undefined) {
		return ctx.dispatch({type: 'case/applicant', patch: {manualName: (work.applicant.manualName + text).replace(/[\u0000-\u001f]/g, '').slice(0, 32)}});
	}
	if (nav.root === 'applicant' && work.applicant.manual !== undefined) {
		return ctx.dispatch({type: 'case/applicant', patch: {manual: (work.applicant.manual + text).replace(/[^0-9xX]/g, '').toUpperCase().slice(0, 18)}});
	}
	ctx.dispatch({type: 'search/query', query: search.query + text});
}

/**
 * The keys of the branch's work queue and the return trips opened from it (docs/return-trips.md).
 * The capture keys are the materials step's own (actions/case.ts): on the work view they keep the
 * picture for the task instead of a draft.
 */
import {clampIndex} from '../state/index.js';
import {dropLast, type ActionContext, type ActionTable} from './context.js';

const row = (by: 1 | -1) => (ctx: ActionContext) => {
	const {items, selected} = ctx.getState().work;
	ctx.dispatch({type: 'work/select', index: clampIndex(selected + by, items?.length ?? 0)});
};

export const workActions: ActionTable = {
	'app.work': (ctx) => ctx.effects.work.open(),
	'work.down': row(1),
	'work.up': row(-1),
	'work.open': (ctx) => ctx.effects.work.openSelected(),
	'work.refresh': (ctx) => ctx.effects.work.refresh(),
	'task.down': (ctx) => ctx.effects.work.move(1),
	'task.up': (ctx) => ctx.effects.work.move(-1),
	'task.capture': (ctx) => void ctx.effects.work.capture(),
	'task.review': (ctx) => ctx.effects.work.review(),
	'task.pictures': (ctx) => ctx.effects.work.backToPictures(),
	'task.submit': (ctx) => void ctx.effects.work.submit(),
	'task.finish': (ctx) => ctx.effects.work.close(),
	'task.print': (ctx) => void ctx.effects.work.print(),
	'task.scrollDown': (ctx) => ctx.effects.work.scroll(1),
	'task.scrollUp': (ctx) => ctx.effects.work.scroll(-1),
	'task.carrier': (ctx) => ctx.effects.work.nextCarrier(),
	'task.ship': (ctx) => void ctx.effects.work.ship(),
	'waybill.backspace': (ctx) => ctx.effects.work.typeWaybill(dropLast),
	'waybill.clear': (ctx) => ctx.effects.work.typeWaybill(() => ''),
	'task.followUp': (ctx) => void ctx.effects.work.followUp(),
	'note.backspace': (ctx) => ctx.effects.work.typeNote(dropLast),
	'note.clear': (ctx) => ctx.effects.work.typeNote(() => ''),
};

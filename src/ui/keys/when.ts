/**
 * When a key can act: the conditions a binding's `when` names (keymap.ts), evaluated over the
 * console's state in this one place. The router, the hint line and the `?` help all read the
 * same answer, so a key that is not offered does not act either (the router swallows it rather
 * than passing it on to a global key of the same letter): docs/architecture.md#honest-keys.
 */
import {currentQuestion} from '../state/case.js';
import type {AppState} from '../state/index.js';
import {picturesOf} from '../state/work.js';
import type {Available, Condition, KeyBinding} from './keymap.js';

/** What the conditions look at: the state, and the counts of the lists the frame draws from it. */
export interface KeyContext {
	state: AppState;
	/** Hits of the search as the state has it (query and filters). */
	hits: number;
	/** Rows of today's cases. */
	cases: number;
	/** How far the `?` overlay on screen scrolls (0: all its rows fit). */
	helpMax: number;
}

const question = ({state}: KeyContext) => currentQuestion(state.case.eligibility);

/** The capture on screen: the return trip's on the work view, else the materials step's. */
function shot({state}: KeyContext) {
	return state.nav.root === 'work' ? state.work.task?.capture : state.case.materials?.capture;
}

const CONDITIONS: Record<Condition, (ctx: KeyContext) => boolean> = {
	hits: (ctx) => ctx.hits > 0,
	severalHits: (ctx) => ctx.hits > 1,
	question: (ctx) => question(ctx) !== undefined,
	yesNoQuestion: (ctx) => question(ctx)?.type === 'yesno',
	multipleChoice: (ctx) => question(ctx)?.multiple === true,
	pictureToKeep: (ctx) => shot(ctx)?.status === 'review' && shot(ctx)?.image !== undefined && !shot(ctx)?.keepWhenVerified,
	pictureToRetake: (ctx) => shot(ctx)?.status === 'review' || shot(ctx)?.status === 'error',
	captureNotSaving: (ctx) => shot(ctx)?.status !== 'saving',
	draftNotSubmitted: ({state}) => state.case.draft !== undefined && !state.case.draft.submitted,
	drafts: ({state}) => (state.case.drafts.list?.length ?? 0) > 0,
	severalDrafts: ({state}) => (state.case.drafts.list?.length ?? 0) > 1,
	applicantNumber: ({state}) => !state.case.applicant.revealed && Boolean(state.case.applicant.manualNumber ?? state.case.applicant.card),
	severalCases: (ctx) => ctx.cases > 1,
	workItems: ({state}) => (state.work.items?.length ?? 0) > 0,
	severalWorkItems: ({state}) => (state.work.items?.length ?? 0) > 1,
	// A return trip's list of pictures to take: one row (a lone 委托书) has nowhere to move.
	severalPictures: ({state}) => (state.work.task ? picturesOf(state.work.task).length : 0) > 1,
	helpScrolls: (ctx) => ctx.helpMax > 0,
	pinTyped: ({state}) => state.session.pin !== '',
	signInTyped: ({state}) => (state.session.field === 'id' ? state.session.idText : state.session.pin) !== '',
	signInLocked: ({state}) => state.session.status === 'signedOut' && state.session.error?.key === 'signin.locked' && state.session.idText.trim() !== '',
};

/** Whether each binding can act in `ctx` (bindings without `when` always can). */
export function keyAvailability(ctx: KeyContext): Available {
	const memo = new Map<Condition, boolean>();
	return (binding: KeyBinding) => {
		if (!binding.when) return true;
		let value = memo.get(binding.when);
		if (value === undefined) {
			value = CONDITIONS[binding.when](ctx);
			memo.set(binding.when, value);
		}
		return value;
	};
}

/**
 * What the console derives from the slices: what has the keyboard (it decides the keymap scopes
 * consulted, the hint line and the help overlay's bindings), the view's title, and the
 * implementation list the clerk is working on.
 */
import type {MessageKey} from '../i18n/index.js';
import type {Focus} from '../keys/keymap.js';
import {currentQuestion} from './case.js';
import type {AppState} from './index.js';
import type {WorkTask} from './work.js';

export function focusOf(state: AppState): Focus {
	const {session, nav} = state;
	if (session.approval) return 'approval';
	if (session.status === 'signedOut') return 'signin';
	if (session.status === 'locked') return 'lock';
	if (nav.overlay !== 'none') return nav.overlay;
	return viewFocus(state);
}

/** The focus of the view under any overlay (the help overlay documents that one). */
export function viewFocusOf(state: AppState): Focus {
	return focusOf({...state, nav: {...state.nav, overlay: 'none'}});
}

function viewFocus({nav, case: work, search, work: queue}: AppState): Focus {
	if (work.confirmAbandon) return 'confirm';
	if (nav.root === 'review' && work.review?.confirmDuplicate) return 'confirm';
	if (nav.root === 'review' || nav.root === 'receipt' || nav.root === 'drafts') return nav.root;
	if (nav.root === 'applicant') {
		if (work.applicant.confirmReveal || work.applicant.confirmSighted) return 'confirm';
		return work.applicant.manual === undefined && work.applicant.manualName === undefined ? 'applicant' : 'manual';
	}
	if (nav.root === 'eligibility') {
		if (!work.applicant.manualNumber && !work.applicant.card) return 'answer';
		const question = currentQuestion(work.eligibility);
		return question && (question.type === 'date' || question.type === 'number') ? 'answer' : 'eligibility';
	}
	if (nav.root === 'materials') return work.materials?.capture ? 'capture' : 'materials';
	if (nav.root === 'work') return taskFocus(queue.task);
	if (nav.root !== 'search') return nav.root;
	if (search.details.length > 0) return 'detail';
	return search.focused ? 'input' : 'search';
}

/** The work queue, or the return trip open from it, step by step. */
function taskFocus(task: WorkTask | undefined): Focus {
	if (!task) return 'work';
	if (task.capture) return 'capture';
	switch (task.stage) {
		case 'card':
			return 'taskCard';
		case 'pictures':
			return 'taskPictures';
		case 'form':
			return 'waybill';
		case 'note':
			return 'followUp';
		case 'done':
			return 'taskDone';
		case 'review':
			return 'taskReview';
		case 'sending':
			// A follow-up being recorded keeps its own keys (which do nothing until it is back).
			return task.item.need === 'follow_up' ? 'followUp' : 'taskReview';
	}
}

/** The view's name in the top bar. */
export function viewTitleOf(state: AppState): MessageKey {
	if (state.session.status === 'signedOut') return 'view.signin';
	if (state.session.status === 'locked') return 'view.lock';
	if (state.nav.root !== 'search') return `view.${state.nav.root}`;
	return state.search.details.length > 0 ? 'view.detail' : 'view.search';
}

/** The implementation list the clerk is working on: the step on screen, else the draft's. */
export function workingImplementation(state: AppState): string | undefined {
	const {nav, case: work} = state;
	if (nav.root === 'materials' && work.materials) return work.materials.implementationCode;
	if (nav.root === 'eligibility' && work.eligibility) return work.eligibility.implementationCode;
	return work.materials?.implementationCode ?? work.eligibility?.implementationCode ?? work.draft?.implementationCode;
}

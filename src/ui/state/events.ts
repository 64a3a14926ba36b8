/**
 * Actions more than one slice answers: they name what happened at the counter (a sign-in, another
 * view, the next citizen), and each slice updates its own part. A slice's own actions are in its
 * module and named "slice/verb"; these have no prefix, which is how the combining reducer tells
 * them apart (state/index.ts).
 */
import type {ReceiptDoc} from '../../core/cases/receipt.js';
import type {DraftRecord, SignedInOperator} from '../services.js';

/** Root views; item details stack on top of the search root only. */
export type RootView = 'search' | 'applicant' | 'cases' | 'audit' | 'eligibility' | 'materials' | 'review' | 'receipt' | 'drafts' | 'work' | 'day';

export type AppEvent =
	/** A fresh sign-in: the work area starts at an empty search (an unlock keeps it: state/index.ts). */
	| {type: 'signedIn'; operator: SignedInOperator}
	/** The screen locks: personal data on screen goes away (the view itself stays for resuming). */
	| {type: 'locked'}
	/** Another root view: overlays close, and so do the applicant panel's field and question. */
	| {type: 'show'; root: RootView}
	/** The search field gets the keyboard (optionally with a new query), above any view. */
	| {type: 'focusSearch'; query?: string}
	| {type: 'openDetail'; implementationCode: string}
	/** The steps of the case in progress, each in its own view. */
	| {type: 'openEligibility'; implementationCode: string}
	| {type: 'openMaterials'; implementationCode: string}
	| {type: 'openReview'}
	| {type: 'showReceipt'; receipt: ReceiptDoc; file: string}
	| {type: 'openDrafts'; list?: DraftRecord[]}
	/** Back to an empty search for the next citizen: nothing of the last one stays on screen. */
	| {type: 'nextCitizen'}
	/** A stored draft becomes the case in progress again (its applicant by number, the item's detail under it). */
	| {type: 'resumeDraft'; draft: DraftRecord};

/** The views the case steps open (each closes any overlay). */
export const STEP_VIEWS: Readonly<Record<string, RootView | undefined>> = {
	openEligibility: 'eligibility',
	openMaterials: 'materials',
	openReview: 'review',
	showReceipt: 'receipt',
	openDrafts: 'drafts',
};

/**
 * The keys of the case in progress: the applicant panel, the eligibility step, the materials
 * checklist and its capture, the review, the receipt and the drafts list.
 */
import {currentQuestion} from '../state/case.js';
import {clampIndex} from '../state/index.js';
import {dropLast, within, type ActionContext, type ActionTable} from './context.js';

/** Opens the eligibility step for the item detail on top (key `e`, palette `:check`). */
function openEligibility(ctx: ActionContext): void {
	const top = ctx.getState().search.details.at(-1);
	if (!top) return ctx.flash({level: 'warn', key: 'flash.openItemFirst'});
	ctx.effects.eligibility.open(top.implementationCode);
}

/**
 * Opens the materials checklist of the item on screen (key `m`, palette `:materials`): the
 * detail on top, or the implementation list of the eligibility step just shown.
 */
function openMaterials(ctx: ActionContext): void {
	const {nav, case: work, search} = ctx.getState();
	const code = nav.root === 'eligibility' ? work.eligibility?.implementationCode : nav.root === 'materials' ? work.materials?.implementationCode : search.details.at(-1)?.implementationCode;
	if (!code) return ctx.flash({level: 'warn', key: 'flash.openItemFirst'});
	ctx.effects.materials.open(code);
}

/** Moves the checklist's cursor by one material. */
const material = (by: 1 | -1) => (ctx: ActionContext) => {
	const step = ctx.getState().case.materials;
	if (!step) return;
	const count = ctx.services.catalog.implementation(step.implementationCode)?.materials.length ?? 0;
	ctx.dispatch({type: 'case/materials', patch: {selected: clampIndex(step.selected + by, count)}});
};

/** Moves the highlighted option of the question asked now. */
const option = (by: 1 | -1) => (ctx: ActionContext) => {
	const step = ctx.getState().case.eligibility;
	const question = currentQuestion(step);
	const options = question ? (question.type === 'yesno' ? 2 : (question.choices?.length ?? 0)) : 0;
	if (step) ctx.dispatch({type: 'case/eligibility', patch: {cursor: clampIndex(step.cursor + by, options)}});
};

/** Pages the eligibility result by the page the frame on screen holds. */
const resultPage = (by: 1 | -1) => (ctx: ActionContext) => {
	const {lines, page} = ctx.frame().eligibility;
	const scroll = ctx.getState().case.eligibility?.scroll ?? 0;
	ctx.dispatch({type: 'case/eligibility', patch: {scroll: within(scroll + by * page, Math.max(0, lines - page))}});
};

const answerText = (ctx: ActionContext, input: string) => ctx.dispatch({type: 'case/eligibility', patch: {input, error: undefined}});

/** Scrolls the review or the receipt by one line, up to the furthest position of the frame on screen. */
const reviewLine = (by: 1 | -1) => (ctx: ActionContext) => {
	const review = ctx.getState().case.review;
	if (review) ctx.dispatch({type: 'case/review', patch: {scroll: within(review.scroll + by, ctx.frame().pagedMax)}});
};
const receiptLine = (by: 1 | -1) => (ctx: ActionContext) => {
	const receipt = ctx.getState().case.receipt;
	if (receipt) ctx.dispatch({type: 'case/receiptScroll', scroll: within(receipt.scroll + by, ctx.frame().pagedMax)});
};

const draftRow = (by: 1 | -1) => (ctx: ActionContext) => {
	const {drafts} = ctx.getState().case;
	ctx.dispatch({type: 'case/drafts', patch: {selected: clampIndex(drafts.selected + by, drafts.list?.length ?? 0)}});
};

/** y / n: the "a second case?" question of the review, the "abandon this draft?" one, else the reveal's. */
const confirm = (yes: boolean) => (ctx: ActionContext) => {
	const {nav, case: work} = ctx.getState();
	if (nav.root === 'review' && work.review?.confirmDuplicate && !work.confirmAbandon) {
		void ctx.effects.drafts.confirmDuplicate(yes);
	} else if (work.confirmAbandon) {
		if (yes) void ctx.effects.drafts.confirmAbandon();
		else ctx.dispatch({type: 'case/confirmAbandon', draftId: undefined});
	} else if (work.applicant.confirmSighted) {
		ctx.effects.confirmSighted(yes);
	} else if (yes) ctx.effects.confirmReveal();
	else ctx.dispatch({type: 'case/applicant', patch: {confirmReveal: false}});
};

const openReview = (ctx: ActionContext) => void ctx.effects.drafts.openReview();

/** A return trip from the work queue has the keyboard (its capture is drawn instead of the materials step's). */
const onWork = (ctx: ActionContext) => ctx.getState().nav.root === 'work' && ctx.getState().work.task !== undefined;

export const caseActions: ActionTable = {
	'card.read': (ctx) => ctx.effects.readCard(),
	'applicant.reveal': (ctx) => ctx.effects.askReveal(),
	'applicant.manual': (ctx) => ctx.dispatch({type: 'case/applicant', patch: {manual: ''}}),
	'demo.nextCard': (ctx) => ctx.effects.placeDemoCard(),
	'demo.liftCard': (ctx) => ctx.effects.liftDemoCard(),
	'manual.submit': (ctx) => (ctx.getState().case.applicant.manualName !== undefined ? ctx.effects.submitTypedName() : ctx.effects.submitManual()),
	'manual.cancel': (ctx) => ctx.dispatch({type: 'case/applicant', patch: {manual: undefined, manualName: undefined}}),
	'manual.backspace': (ctx) => {
		const {applicant} = ctx.getState().case;
		ctx.dispatch({type: 'case/applicant', patch: applicant.manualName !== undefined ? {manualName: dropLast(applicant.manualName)} : {manual: dropLast(applicant.manual ?? '')}});
	},
	'manual.kind': (ctx) => ctx.effects.cycleManualKind(),
	'applicant.typedName': (ctx) => ctx.effects.openTypedName(),
	'applicant.agent': (ctx) => ctx.effects.toggleAgent(),
	'confirm.yes': confirm(true),
	'confirm.no': confirm(false),

	'eligibility.open': openEligibility,
	'eligibility.yes': (ctx) => ctx.effects.eligibility.yesNo(true),
	'eligibility.no': (ctx) => ctx.effects.eligibility.yesNo(false),
	'eligibility.down': option(1),
	'eligibility.up': option(-1),
	'eligibility.toggle': (ctx) => ctx.effects.eligibility.toggle(),
	'eligibility.submit': (ctx) => ctx.effects.eligibility.submitChoice(),
	'eligibility.skip': (ctx) => ctx.effects.eligibility.skip(),
	'answer.skip': (ctx) => ctx.effects.eligibility.skip(),
	'eligibility.recheck': (ctx) => void ctx.effects.eligibility.evaluate(),
	'eligibility.pageDown': resultPage(1),
	'eligibility.pageUp': resultPage(-1),
	'answer.submit': (ctx) => ctx.effects.eligibility.submitText(),
	'answer.backspace': (ctx) => answerText(ctx, dropLast(ctx.getState().case.eligibility?.input ?? '')),
	'answer.clear': (ctx) => answerText(ctx, ''),

	'materials.open': openMaterials,
	'materials.down': material(1),
	'materials.up': material(-1),
	// Not held back while the draft is looked up: a key typed ahead is never lost (accept waits for it).
	'materials.capture': (ctx) => {
		if (ctx.getState().case.materials) void ctx.effects.materials.capture();
	},
	'materials.original': (ctx) => void ctx.effects.materials.toggleOriginal(),
	'materials.page': (ctx) => ctx.effects.materials.setPage(),
	// The same capture keys on the work view keep the picture for the return trip (effects/work.ts).
	'capture.accept': (ctx) => void (onWork(ctx) ? ctx.effects.work.accept() : ctx.effects.materials.accept()),
	'capture.acceptVerified': (ctx) => void (onWork(ctx) ? ctx.effects.work.accept({originalVerified: true}) : ctx.effects.materials.accept({originalVerified: true})),
	'capture.retake': (ctx) => (onWork(ctx) ? ctx.effects.work.retake() : ctx.effects.materials.retake()),
	'capture.discard': (ctx) => {
		if (onWork(ctx)) return ctx.effects.work.discard();
		if (ctx.getState().case.materials?.capture?.status !== 'saving') ctx.effects.materials.discard();
	},

	'app.drafts': (ctx) => void ctx.effects.drafts.openDrafts(),
	'review.open': openReview,
	'review.submit': (ctx) => void ctx.effects.drafts.submit(),
	'review.down': reviewLine(1),
	'review.up': reviewLine(-1),
	'receipt.down': receiptLine(1),
	'receipt.up': receiptLine(-1),
	'draft.abandon': (ctx) => {
		const {nav, case: work} = ctx.getState();
		ctx.effects.drafts.askAbandon(nav.root === 'drafts' ? work.drafts.list?.[work.drafts.selected]?.draftId : work.draft?.draftId);
	},
	'receipt.print': (ctx) => void ctx.effects.drafts.print(),
	'receipt.next': (ctx) => ctx.dispatch({type: 'nextCitizen'}),
	'drafts.down': draftRow(1),
	'drafts.up': draftRow(-1),
	'drafts.resume': (ctx) => {
		const {drafts} = ctx.getState().case;
		const draft = drafts.list?.[drafts.selected];
		if (draft) ctx.effects.resumeDraft(draft);
	},
};

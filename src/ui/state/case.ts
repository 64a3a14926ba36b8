/**
 * The case in progress (pure): the applicant at the counter (card read or number typed), the
 * eligibility step, the materials checklist and its capture, the draft on disk, the review, the
 * receipt, the list of open drafts and the "abandon?" question.
 */
import type {DuplicateCheck} from '../../core/cases/duplicates.js';
import type {ReceiptDoc} from '../../core/cases/receipt.js';
import type {Decision, FactValue, OpenQuestion} from '../../core/eligibility/model.js';
import type {IdNumberKind} from '../../core/identity/idnumber.js';
import type {CardReadEvent} from '../../core/ports/reader.js';
import type {MessageKey, Params} from '../i18n/index.js';
import type {CapturedImage, DraftRecord} from '../services.js';
import type {AppEvent} from './events.js';

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
	/** The card kind the clerk chose for a typed number (absent: the kind the number shows). */
	manualKind?: IdNumberKind;
	/** Text of the typed-in applicant's name field while it is open (the card will not read). */
	manualName?: string;
	/** "The original ID was sighted?" asked before a typed-in applicant is taken. */
	confirmSighted?: boolean;
	/** A typed-in applicant taken (number, name, kind; the clerk confirmed the original ID): a case needs a supervisor's approval. */
	typed?: {name: string; kind: IdNumberKind};
	/**
	 * 委托代办: the card read is the agent's (b); the applicant is then typed in (n, N) and the
	 * 委托书 becomes a required material (docs/people.md#agents-委托代办). Full data in memory only.
	 */
	agent?: CardReadEvent;
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

/** One capture of the selected material, from the camera to accept / retake. */
export interface CaptureState {
	materialCode: string;
	status: 'running' | 'review' | 'error' | 'saving';
	bytes: number;
	total: number;
	image?: CapturedImage;
	/**
	 * The comparing read behind the preview is running (setting cameraVerify 'behind'); settles
	 * once `image` is the verified picture or the capture failed (effects/capture.ts).
	 */
	verifying?: Promise<void>;
	/** Keep was pressed while verifying: the picture is kept once the verification ends. */
	keepWhenVerified?: boolean;
	/** Chunks whose two reads differed and were read a third time (shown to the clerk). */
	differed?: number;
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

/** The review step of the open draft: submitting, and what the outbox said if not a receipt. */
export interface ReviewState {
	busy: boolean;
	notice?: {tone: 'warn' | 'error'; key: MessageKey; params?: Params};
	scroll: number;
	/** The applicant's open cases for the item (docs/return-trips.md#no-accidental-second-case); undefined until checked. */
	duplicates?: DuplicateCheck;
	checkingDuplicates?: boolean;
	/** Enter was pressed with open cases found: waiting for y (a second case, audited) or n. */
	confirmDuplicate?: boolean;
}

/** The receipt of the case just submitted (or a queued one that got through). */
interface ReceiptState {
	receipt: ReceiptDoc;
	file: string;
	scroll: number;
}

/** The list of open drafts (after sign-in, or key d). */
interface DraftsState {
	list?: DraftRecord[];
	selected: number;
}

export interface CaseState {
	applicant: ApplicantState;
	eligibility?: EligibilityState;
	materials?: MaterialsState;
	/** The draft of the case in progress (the citizen at the counter and the item), once stored. */
	draft?: DraftRecord;
	review?: ReviewState;
	receipt?: ReceiptState;
	drafts: DraftsState;
	/** A draft the clerk asked to abandon: waiting for y / n. */
	confirmAbandon?: string;
	/** Where the hub's facts say this citizen's matters are handled (basic code → province), for the search's ranking. */
	handling?: {number: string; provinces: ReadonlyMap<string, string>};
}

export type CaseAction =
	| {type: 'case/applicant'; patch: Partial<ApplicantState>}
	/** Another card on the reader: another citizen, unless it is the draft's. */
	| {type: 'case/newCard'; card: CardReadEvent}
	| {type: 'case/eligibility'; patch: Partial<EligibilityState>}
	| {type: 'case/materials'; patch: Partial<MaterialsState>}
	/** Updates the capture on screen (starting one when there is none); undefined drops it. */
	| {type: 'case/capture'; patch: Partial<CaptureState> | undefined}
	| {type: 'case/draft'; draft: DraftRecord | undefined}
	| {type: 'case/review'; patch: Partial<ReviewState>}
	| {type: 'case/receiptScroll'; scroll: number}
	| {type: 'case/drafts'; patch: Partial<DraftsState>}
	| {type: 'case/confirmAbandon'; draftId: string | undefined}
	| {type: 'case/handling'; handling: CaseState['handling']};

const NO_APPLICANT: ApplicantState = {revealed: false, confirmReveal: false};

export function initialCase(): CaseState {
	return {applicant: NO_APPLICANT, drafts: {selected: 0}};
}

/** A fresh eligibility step: nothing answered yet. */
function freshEligibility(implementationCode: string): EligibilityState {
	return {implementationCode, answers: {}, skipped: [], busy: false, input: '', cursor: 0, picked: [], scroll: 0};
}

export function caseReducer(state: CaseState, action: CaseAction | AppEvent): CaseState {
	switch (action.type) {
		case 'case/applicant':
			return {...state, applicant: {...state.applicant, ...action.patch}};
		case 'case/newCard': {
			// The agent's card read again (still on the reader): the same agent, the typed applicant stays.
			if (state.applicant.agent && state.applicant.agent.card.number === action.card.card.number) return {...state, applicant: {...state.applicant, agent: action.card}};
			// The applicant's own card read again (the reader reads a card it finds placed, and the
			// clerk may also have pressed r): the same citizen, nothing answered or revealed is lost.
			if (isRepeatRead(state, action.card)) return {...state, applicant: {...state.applicant, card: action.card}};
			// Another citizen: the answers given so far were the previous one's, and so is the draft.
			const other = state.draft?.applicant && state.draft.applicant.idNumber !== action.card.card.number;
			return {
				...state,
				...(other ? {draft: undefined} : {}),
				applicant: {...NO_APPLICANT, card: action.card},
				...(state.eligibility ? {eligibility: {...state.eligibility, answers: {}, skipped: [], decision: undefined, input: '', cursor: 0, picked: [], scroll: 0}} : {}),
			};
		}
		case 'openEligibility': {
			const same = state.eligibility?.implementationCode === action.implementationCode;
			return {...state, eligibility: same && state.eligibility ? {...state.eligibility, error: undefined} : freshEligibility(action.implementationCode)};
		}
		case 'case/eligibility':
			return state.eligibility ? {...state, eligibility: {...state.eligibility, ...action.patch}} : state;
		case 'openMaterials': {
			const same = state.materials?.implementationCode === action.implementationCode;
			const materials: MaterialsState = same && state.materials ? {...state.materials, capture: undefined} : {implementationCode: action.implementationCode, selected: 0, loading: true};
			return {...state, materials};
		}
		case 'case/materials':
			return state.materials ? {...state, materials: {...state.materials, ...action.patch}} : state;
		case 'case/capture': {
			if (!state.materials) return state;
			const {capture: current, ...rest} = state.materials;
			if (!action.patch) return {...state, materials: rest};
			const capture = current ? {...current, ...action.patch} : ({materialCode: '', status: 'running', bytes: 0, total: 0, ...action.patch} as CaptureState);
			return {...state, materials: {...rest, capture}};
		}
		case 'case/draft':
			return {...state, draft: action.draft};
		case 'openReview':
			return {...state, review: {busy: false, scroll: 0}};
		case 'case/review':
			return state.review ? {...state, review: {...state.review, ...action.patch}} : state;
		case 'showReceipt':
			return {...state, receipt: {receipt: action.receipt, file: action.file, scroll: 0}};
		case 'case/receiptScroll':
			return state.receipt ? {...state, receipt: {...state.receipt, scroll: action.scroll}} : state;
		case 'openDrafts':
			return {...state, drafts: {selected: 0, ...(action.list ? {list: action.list} : {})}};
		case 'case/drafts':
			return {...state, drafts: {...state.drafts, ...action.patch}};
		case 'case/confirmAbandon':
			return action.draftId ? {...state, confirmAbandon: action.draftId} : {...state, confirmAbandon: undefined};
		case 'case/handling':
			return {...state, handling: action.handling};
		case 'show': {
			// The name field and its "original sighted?" question close with the view, like the number field.
			const {manualName: _name, confirmSighted: _sighted, ...applicant} = state.applicant;
			return {...state, applicant: {...applicant, manual: undefined, confirmReveal: false}};
		}
		case 'locked':
			return {...state, applicant: {...state.applicant, revealed: false, confirmReveal: false}};
		case 'nextCitizen': {
			const {eligibility: _e, materials: _m, draft: _d, review: _r, ...rest} = state;
			return {...rest, applicant: NO_APPLICANT};
		}
		case 'resumeDraft': {
			const {eligibility: _e, materials: _m, review: _r, ...rest} = state;
			const draft = action.draft;
			return {...rest, draft, applicant: {...NO_APPLICANT, ...(draft.applicant ? {manualNumber: draft.applicant.idNumber} : {})}};
		}
		default:
			return state;
	}
}

/** The applicant's ID number on screen: from the card read, or typed by hand. */
export function applicantNumber(state: CaseState): string | undefined {
	return state.applicant.manualNumber ?? state.applicant.card?.card.number;
}

/**
 * The card on the case read once more while it lies on the reader: the same card (number and
 * chip text) as the agent's, or as the applicant's when no number was typed over it. Such a read
 * changes nothing at the counter: no new citizen, no jump to the applicant view.
 */
export function isRepeatRead(state: CaseState, event: CardReadEvent): boolean {
	const same = (known: CardReadEvent | undefined) =>
		known !== undefined && known.card.number === event.card.number && (known.card.textSha256 ?? known.card.photo.sha256) === (event.card.textSha256 ?? event.card.photo.sha256);
	return same(state.applicant.agent) || (state.applicant.manualNumber === undefined && same(state.applicant.card));
}

/** 委托代办: an agent acts in the case in progress (the card read was theirs, or the draft names one). */
export function agentActs(state: CaseState): boolean {
	return state.applicant.agent !== undefined || state.draft?.agent !== undefined;
}

/** The question the console asks now: the first open one not skipped, blocking ones first. */
export function currentQuestion(eligibility: EligibilityState | undefined): OpenQuestion | undefined {
	const open = eligibility?.decision?.openQuestions.filter((q) => !eligibility.skipped.includes(q.id)) ?? [];
	return open.find((q) => q.blocking) ?? open[0];
}

/**
 * A case being prepared at the counter (the draft), what stands between it and submission (the
 * review), and the case it becomes (the submission the outbox sends). Pure: the draft store keeps
 * drafts on disk, the console and the submission adapter call these.
 *
 * The draft is the one local record that holds the citizen's full ID number and name (until the
 * retention purge): the outbox payload is built from it, nothing else is.
 */
import {agentMaterialOf, materialsForCase, type Implementation} from '../catalog/model.js';
import type {CaseSubmission, MaterialRef} from './model.js';

/** Where the clerk was: a resumed draft opens this step again. */
export type DraftStep = 'eligibility' | 'materials' | 'review';

export interface DraftMaterial {
	code: string;
	/** SHA-256 (hex) of the stored JPEG; absent until captured. */
	sha256?: string;
	/** Images stored for the material (one capture per material: a retake replaces it). */
	pages: number;
	originalVerified: boolean;
	capturedAt?: string;
}

interface DraftApplicant {
	/** Full GB 11643 number (draft only; everything shown or logged uses `masked`). */
	idNumber: string;
	masked: string;
	/** From the card; absent when the number was typed in by hand. */
	name?: string;
	/** The card's kind (resident, hkmotw, foreign2017, foreign2023): the hub's card type. */
	cardType?: string;
	/** 'typed': number and name typed in, the original ID sighted (a case needs a supervisor's approval). */
	source?: 'typed';
}

/** The agent (代办人) at the counter for the applicant: always from the card read (docs/people.md#agents-委托代办). */
interface DraftAgent {
	/** Full number (draft only; shown and logged as `masked`). */
	idNumber: string;
	masked: string;
	name: string;
	cardType: string;
}

export interface DraftSubmitted {
	/** The outbox entry's idempotency key: the draft id itself. */
	idempotencyKey: string;
	submittedAt: string;
	/** Known once the hub answered. */
	caseId?: string;
	receivedAt?: string;
}

export interface CounterDraft {
	draftId: string;
	itemCode: string;
	implementationCode: string;
	/** The operator who started it. */
	operatorId?: string;
	applicant?: DraftApplicant;
	/** An agent acting for the applicant (the applicant then typed in, the 委托书 required). */
	agent?: DraftAgent;
	/** Answers to the eligibility questions, by question id. */
	answers?: Record<string, unknown>;
	/** The decision's result (eligible, not_eligible, needs_checking) and rule set version. */
	eligibility?: {result: string; ruleVersion: string};
	materials: DraftMaterial[];
	step?: DraftStep;
	createdAt: string;
	updatedAt: string;
	submitted?: DraftSubmitted;
}

/** What a new draft starts with (the store adds the id, the times and the empty materials). */
export type NewDraft = Pick<CounterDraft, 'itemCode' | 'implementationCode'> & Partial<Pick<CounterDraft, 'operatorId' | 'applicant' | 'agent' | 'answers' | 'eligibility' | 'step'>>;

/** What the console may change on an open draft. */
export type DraftPatch = Partial<Pick<CounterDraft, 'applicant' | 'agent' | 'answers' | 'eligibility' | 'step'>>;

export type ReviewProblem =
	| {code: 'no_applicant'}
	| {code: 'no_name'}
	/** An agent for an item whose list allows none (in person only). */
	| {code: 'agent_not_allowed'}
	/** The agent is the applicant themselves. */
	| {code: 'agent_is_applicant'}
	| {code: 'not_eligible'}
	| {code: 'missing_material'; material: string; name: string}
	| {code: 'unknown_implementation'}
	| {code: 'already_submitted'};

type ReviewWarning =
	| {code: 'eligibility_unknown'}
	| {code: 'eligibility_unchecked'}
	| {code: 'original_unverified'; material: string; name: string};

interface ReviewLine {
	code: string;
	name: string;
	required: boolean;
	captured: boolean;
	sha256?: string;
	originals: number;
	originalVerified: boolean;
}

export interface DraftReview {
	/** Blocking: the case cannot go until these are fixed. */
	problems: ReviewProblem[];
	/** Shown, but the clerk may submit. */
	warnings: ReviewWarning[];
	materials: ReviewLine[];
	ready: boolean;
}

/** What must be true before a draft goes to the hub, in the order the clerk would fix it. */
export function reviewDraft(draft: CounterDraft, implementation: Implementation | undefined): DraftReview {
	const problems: ReviewProblem[] = [];
	const warnings: ReviewWarning[] = [];
	if (draft.submitted) problems.push({code: 'already_submitted'});
	if (!implementation) problems.push({code: 'unknown_implementation'});
	if (!draft.applicant) problems.push({code: 'no_applicant'});
	else if (!draft.applicant.name) problems.push({code: 'no_name'});
	const poa = implementation ? agentMaterialOf(implementation) : undefined;
	if (draft.agent && implementation && !poa) problems.push({code: 'agent_not_allowed'});
	if (draft.agent && draft.applicant && draft.agent.idNumber === draft.applicant.idNumber) problems.push({code: 'agent_is_applicant'});
	const result = draft.eligibility?.result;
	if (result === 'not_eligible') problems.push({code: 'not_eligible'});
	else if (result === 'needs_checking' || result === 'unknown') warnings.push({code: 'eligibility_unknown'});
	else if (result === undefined) warnings.push({code: 'eligibility_unchecked'});
	// The 委托书 is optional in person and required when an agent acts.
	const materials: ReviewLine[] = (implementation ? materialsForCase(implementation, draft.agent !== undefined) : []).map((m) => {
		const kept = draft.materials.find((d) => d.code === m.code);
		const line: ReviewLine = {
			code: m.code,
			name: m.name,
			required: m.required,
			captured: Boolean(kept?.sha256),
			originals: m.originals,
			originalVerified: kept?.originalVerified ?? false,
		};
		if (kept?.sha256) line.sha256 = kept.sha256;
		return line;
	});
	for (const line of materials) {
		if (line.required && !line.captured) problems.push({code: 'missing_material', material: line.code, name: line.name});
		else if (line.captured && line.originals > 0 && !line.originalVerified) warnings.push({code: 'original_unverified', material: line.code, name: line.name});
	}
	return {problems, warnings, materials, ready: problems.length === 0};
}

export interface SubmissionContext {
	operatorId: string;
	terminalId: string;
	/** The counter's province node (first two digits of the branch code). */
	receivingNode: string;
	/** The receiving branch (settings branchCode): the case's return trips join its work list. */
	branchCode?: string;
	now: Date;
}

export class DraftNotReadyError extends Error {
	constructor(readonly problems: ReviewProblem[]) {
		super(`draft not ready: ${problems.map((p) => p.code).join(', ')}`);
		this.name = 'DraftNotReadyError';
	}
}

/**
 * The case the outbox sends for a reviewed draft: every captured material (required or not) by
 * its hash, the answers and the eligibility outcome with its rule version.
 */
export function submissionFromDraft(
	draft: CounterDraft,
	implementation: Implementation | undefined,
	context: SubmissionContext,
): {submission: Omit<CaseSubmission, 'materials'>; materials: MaterialRef[]} {
	const review = reviewDraft(draft, implementation);
	if (!review.ready || !draft.applicant?.name) throw new DraftNotReadyError(review.problems);
	const result = draft.eligibility?.result;
	const submission: Omit<CaseSubmission, 'materials'> = {
		itemCode: draft.itemCode,
		implementationCode: draft.implementationCode,
		receivingNode: context.receivingNode,
		applicant: {idNumber: draft.applicant.idNumber, name: draft.applicant.name, cardType: draft.applicant.cardType ?? 'resident', ...(draft.applicant.source === 'typed' ? {source: 'typed' as const} : {})},
		answers: {...(draft.answers ?? {})},
		eligibility: {result: result === 'eligible' ? 'eligible' : 'unknown', ruleVersion: draft.eligibility?.ruleVersion ?? ''},
		operatorId: context.operatorId,
		terminalId: context.terminalId,
		createdAt: context.now.toISOString(),
		...(context.branchCode ? {branchCode: context.branchCode} : {}),
		...(draft.agent ? {agent: {name: draft.agent.name, idNumber: draft.agent.idNumber, cardType: draft.agent.cardType}} : {}),
	};
	const materials: MaterialRef[] = review.materials
		.filter((line) => line.captured && line.sha256)
		.map((line) => ({code: line.code, sha256: line.sha256!, pages: 1, originalVerified: line.originalVerified}));
	return {submission, materials};
}

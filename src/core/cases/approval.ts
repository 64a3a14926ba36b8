/**
 * Maker-checker (docs/people.md#supervisors-maker-checker): what in a case needs a supervisor's
 * approval, and whether an approval covers it. Pure: the counter and the hub derive the exceptions
 * from the same submission with these functions, so neither can fail open on the other's say-so.
 *
 * - `typed_applicant`: the applicant's number and name were typed in (the card would not read) and
 *   no agent stands for them: an agent case (代办) types the applicant in by nature, the agent's own
 *   card is read and the 委托书 vouches for the applicant (docs/people.md#agents-委托代办);
 * - `original_unverified`: a material whose original the list asks for was not checked against it;
 * - `eligibility_uncertain`: the rules could not say "eligible" (an open question, missing facts);
 * - `second_case`: the clerk confirmed a second case while the applicant has an open one for the
 *   item (the counter's guard, docs/return-trips.md#no-accidental-second-case; the submission says so).
 */
export const EXCEPTIONS = ['typed_applicant', 'original_unverified', 'eligibility_uncertain', 'second_case'] as const;
export type CaseException = (typeof EXCEPTIONS)[number];

/** What a submit approval's purpose can be, besides the lock screen's two. */
export const APPROVAL_PURPOSES = ['unlock', 'switch', 'submit'] as const;
export type ApprovalPurpose = (typeof APPROVAL_PURPOSES)[number];

/** The approval a case carries to the hub (the id the hub issued, who approved, what). */
export interface CaseApproval {
	id: string;
	supervisorId: string;
	exceptions: CaseException[];
}

/** POST /auth/approvals: the supervisor's own id and PIN, typed at the maker's terminal. */
export interface ApprovalRequest {
	supervisorId: string;
	pin: string;
	purpose: ApprovalPurpose;
	/** The operator acted for: locked (unlock), taking over (switch), submitting (submit). */
	makerId: string;
	exceptions?: CaseException[];
}

/** An approval as the hub issued it (docs/hub-api.yaml Approval). */
export interface Approval {
	id: string;
	supervisor: {id: string; name: string};
	purpose: ApprovalPurpose;
	makerId: string;
	exceptions: CaseException[];
	issuedAt: string;
}

export interface ExceptionFacts {
	/** How many originals the implementation list asks for, per material code (0 or absent: none). */
	originalsOf(code: string): number;
}

/** What of a case submission (model.ts CaseSubmission) the exceptions are read from. */
interface ExceptionInput {
	applicant: {source?: 'card' | 'typed'};
	/** The agent (代办人) acting for the applicant, card read: then the typed applicant is no exception. */
	agent?: object;
	materials: ReadonlyArray<{code: string; originalVerified: boolean}>;
	eligibility: {result: string};
	secondCase?: boolean;
}

/** The exceptions of a submission, in the order of EXCEPTIONS. */
export function exceptionsOf(submission: ExceptionInput, facts: ExceptionFacts): CaseException[] {
	const found = new Set<CaseException>();
	if (submission.applicant.source === 'typed' && submission.agent === undefined) found.add('typed_applicant');
	if (submission.materials.some((m) => !m.originalVerified && facts.originalsOf(m.code) > 0)) found.add('original_unverified');
	if (submission.eligibility.result !== 'eligible') found.add('eligibility_uncertain');
	if (submission.secondCase === true) found.add('second_case');
	return EXCEPTIONS.filter((e) => found.has(e));
}

/** The exceptions an approval leaves uncovered (empty: it covers them all). */
export function uncovered(needed: readonly CaseException[], approved: readonly string[] | undefined): CaseException[] {
	const have = new Set(approved ?? []);
	return needed.filter((e) => !have.has(e));
}

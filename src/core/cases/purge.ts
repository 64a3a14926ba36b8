/**
 * What the retention purge leaves of a submission (store/retention.ts, docs/architecture.md): the
 * applicant's and the named agent's names and numbers go, with the phone and the answers; the
 * card kinds stay (they name no one) with the item, the materials' hashes and the key. One rule
 * for the terminal's outbox and the demo hub's saved copy.
 */
import type {CaseSubmission} from './model.js';

export function purgedSubmission<S extends Pick<CaseSubmission, 'applicant' | 'answers' | 'agent'>>(submission: S): S {
	const {agent, ...rest} = submission;
	return {
		...rest,
		applicant: {idNumber: '', name: '', cardType: submission.applicant.cardType},
		answers: {},
		...(agent ? {agent: {idNumber: '', name: '', cardType: agent.cardType}} : {}),
	} as S;
}

/** Whether a submission still names someone: not purged yet. */
export function holdsPersonalData(submission: Pick<CaseSubmission, 'applicant' | 'agent'>): boolean {
	const {applicant, agent} = submission;
	return applicant.idNumber !== '' || applicant.name !== '' || (agent !== undefined && (agent.idNumber !== '' || agent.name !== ''));
}

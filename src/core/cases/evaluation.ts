/**
 * 好差评: the citizen's evaluation of a case (国办发〔2019〕51号; docs/people.md#好差评-evaluation). One evaluation
 * per case, given by the citizen on the hub's evaluation page (the QR code on the receipt and the
 * pickup slip), never by staff. A bad one (不满意, 非常不满意) is followed up (整改) by a
 * supervisor, whose note is recorded with the case.
 */

/** The five levels, best first (非常满意 … 非常不满意); texts in src/i18n. */
export const EVALUATION_LEVELS = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const;
type EvaluationLevel = (typeof EVALUATION_LEVELS)[number];

interface EvaluationFollowUp {
	note: string;
	operatorId: string;
	at: string;
}

export interface Evaluation {
	level: EvaluationLevel;
	/** The citizen's own words, as the hub gives them (may be empty). */
	reason: string;
	evaluatedAt: string;
	/** The supervisor's follow-up of a bad evaluation, once recorded. */
	followUp: EvaluationFollowUp | null;
}

/** Whether an evaluation must be followed up: 不满意 and 非常不满意. */
export function needsFollowUp(evaluation: Pick<Evaluation, 'level'>): boolean {
	return evaluation.level === 'dissatisfied' || evaluation.level === 'very_dissatisfied';
}

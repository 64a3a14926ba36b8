/**
 * 好差评: the citizen's evaluation of a case (国办发〔2019〕51号; docs/people.md#好差评-evaluation). One evaluation
 * per case, given by the citizen on the hub's evaluation page (the QR code on the receipt and the
 * pickup slip), never by staff. A bad one (不满意, 非常不满意) is followed up (整改) by a
 * supervisor, whose note is recorded with the case.
 */
import {createHash} from 'node:crypto';

/** The five levels, best first (非常满意 … 非常不满意); texts in src/i18n. */
export const EVALUATION_LEVELS = ['very_satisfied', 'satisfied', 'basic', 'dissatisfied', 'very_dissatisfied'] as const;
export type EvaluationLevel = (typeof EVALUATION_LEVELS)[number];

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

/** The longest 整改 note the hub takes (docs/hub-api.yaml FollowUpRequest). */
export const FOLLOW_UP_NOTE_MAX = 500;

/** A follow-up note as it is sent: trimmed; undefined when nothing is left or it is too long. */
export function checkFollowUpNote(text: string): {ok: true; note: string} | {ok: false; reason: 'follow_up_note_empty' | 'follow_up_note_long'} {
	const note = text.trim();
	if (note === '') return {ok: false, reason: 'follow_up_note_empty'};
	if ([...note].length > FOLLOW_UP_NOTE_MAX) return {ok: false, reason: 'follow_up_note_long'};
	return {ok: true, note};
}

/** Whether the evaluation is bad and nobody has followed it up yet (the supervisor's queue). */
export function awaitsFollowUp(evaluation: Evaluation | null | undefined): boolean {
	return evaluation !== null && evaluation !== undefined && needsFollowUp(evaluation) && evaluation.followUp === null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The Idempotency-Key of a follow-up: one per case and note, so the console's second enter, a
 * script run again or a retry after a lost answer is the same follow-up, never a second one.
 */
export function followUpIdempotencyKey(caseId: string, note: string): string {
	return `followup-${sha256(`${caseId}\n${note}`).slice(0, 40)}`;
}

/** What the audit keeps of a note: its digest and length, never its words (they may quote the citizen). */
export function followUpAuditDetails(caseId: string, level: string, note: string): {caseId: string; level: string; noteSha256: string; noteLength: number} {
	return {caseId, level, noteSha256: sha256(note), noteLength: [...note].length};
}

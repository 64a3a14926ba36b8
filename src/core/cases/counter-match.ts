/**
 * Is the person at the counter the one the case is for? Before a supplement (补正) or a hand-over
 * (领取) the clerk reads the card of whoever came, and the counter checks it against the case
 * (docs/return-trips.md#who-may-act-on-a-case): the applicant, or the agent named on the case.
 *
 * The hub's work list carries the people masked (GB 11643 numbers keep 6 + 4 characters), so a
 * masked match alone would accept a different number with the same ends. Where this terminal still
 * holds the full numbers (the case was received here and retention has not purged its entry) the
 * match is on the full number; otherwise on the card kind, the masked number and the masked name
 * together, and the hub checks the hand-over again on its side (409 collector_mismatch).
 */
import {maskIdNumber, maskName} from '../identity/mask.js';
import type {MaskedPerson, WorkItem} from './return-trips.js';

/** The card read at the counter (full data in memory only). */
export interface PresentedCard {
	kind: string;
	number: string;
	name: string;
}

/** What this terminal knows in full about the case's people, while it keeps them. */
export interface KnownPeople {
	applicant: {cardType: string; idNumber: string};
	agent?: {cardType: string; idNumber: string};
}

export type CounterMatch =
	| {role: 'applicant' | 'agent'; strength: 'full' | 'masked'}
	| {role: 'none'; reason: 'mismatch'};

function sameFull(card: PresentedCard, person: {cardType: string; idNumber: string}): boolean {
	return card.kind === person.cardType && card.number.trim().toUpperCase() === person.idNumber.trim().toUpperCase();
}

function sameMasked(card: PresentedCard, person: MaskedPerson): boolean {
	return card.kind === person.cardType && maskIdNumber(card.number.toUpperCase()) === person.idNumberMasked.toUpperCase() && maskName(card.name) === person.name;
}

/** Matches the card against the applicant first, then the agent named on the case. */
export function matchAtCounter(card: PresentedCard, item: Pick<WorkItem, 'applicant' | 'agent'>, known?: KnownPeople): CounterMatch {
	if (known) {
		if (sameFull(card, known.applicant)) return {role: 'applicant', strength: 'full'};
		if (known.agent && sameFull(card, known.agent)) return {role: 'agent', strength: 'full'};
		return {role: 'none', reason: 'mismatch'};
	}
	if (sameMasked(card, item.applicant)) return {role: 'applicant', strength: 'masked'};
	if (item.agent && sameMasked(card, item.agent)) return {role: 'agent', strength: 'masked'};
	return {role: 'none', reason: 'mismatch'};
}

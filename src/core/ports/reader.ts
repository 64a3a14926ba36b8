/**
 * The ID card reader as the console sees it, without ports or frames (devices/idreader/service.ts
 * implements it): a state, and each card read decoded, its display fields already masked, its
 * number checked by its kind's rule and its validity judged for today.
 */
import type {DeviceError} from '../errors.js';
import type {CardValidity} from '../identity/card.js';
import type {CardKind, IdCard} from '../identity/id-card.js';
import type {IdNumberResult} from '../identity/idnumber.js';

export type ReaderState = 'disconnected' | 'idle' | 'card-present' | 'reading' | 'error';

export interface CardDisplay {
	/** 张* / 欧阳** … */
	name: string;
	englishName?: string;
	/** 110105********002X */
	number: string;
	kind: CardKind;
	sex: string;
	birthDate: string;
	validity: CardValidity;
}

export interface CardReadEvent {
	/** Full decoded card (personal data: never log it). */
	card: IdCard;
	/** Masked fields, safe for screens and logs. */
	display: CardDisplay;
	/** The number checked by its kind's rule (GB 11643 and its relatives; the 2017 foreign card's own), against the card's birth date. */
	numberCheck?: IdNumberResult;
	readAt: Date;
}

export type ReaderEvent =
	| {type: 'state'; state: ReaderState; error?: DeviceError}
	| {type: 'card'; event: CardReadEvent};

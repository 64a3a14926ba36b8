/** The check of an ID number typed at the counter, with the console's clock and its region and nationality tables. */
import {validateIdNumber, type IdNumberResult} from '../core/identity/idnumber.js';
import type {ConsoleServices} from './services.js';

export function validateTyped(text: string, services: ConsoleServices): IdNumberResult {
	return validateIdNumber(text, {
		today: services.clock.now(),
		...(services.isKnownRegion ? {isKnownRegion: services.isKnownRegion} : {}),
		...(services.isKnownNationality ? {isKnownNationality: services.isKnownNationality} : {}),
	});
}

/** The check of an ID number typed at the counter (GB 11643), with the console's clock and region table. */
import {validateIdNumber, type IdNumberResult} from '../core/identity/idnumber.js';
import type {ConsoleServices} from './services.js';

export function validateTyped(text: string, services: ConsoleServices): IdNumberResult {
	return validateIdNumber(text, {today: services.clock.now(), ...(services.isKnownRegion ? {isKnownRegion: services.isKnownRegion} : {})});
}

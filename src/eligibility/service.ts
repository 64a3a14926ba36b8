/**
 * The eligibility service with its adapters plugged in: json-logic-js for the conditions. The
 * caller brings the rule set, the hub's facts port and the clock (the console: the hub client;
 * tests and the demo: the in-memory facts).
 */
import {createEligibilityService as createCore, type EligibilityService} from '../core/eligibility/service.js';
import type {RuleSet} from '../core/eligibility/model.js';
import type {FactsPort} from '../core/ports/facts.js';
import type {Clock} from '../core/ports/clock.js';
import {applyJsonLogic} from './jsonlogic.js';

export type {EligibilityRequest, EligibilityService} from '../core/eligibility/service.js';

export function createEligibilityService(deps: {
	rules: RuleSet;
	facts: FactsPort;
	clock: Clock;
	isKnownRegion?: (code: string) => boolean;
	isKnownNationality?: (code: string) => boolean;
	provinceName?: (code: string) => string | undefined;
}): EligibilityService {
	return createCore({...deps, logic: applyJsonLogic});
}

/** Facts about a citizen for eligibility, as the hub answers them (src/eligibility/facts-hub.ts, and the demo's memory facts). */
import type {FactValue} from '../eligibility/model.js';

/** The hub's facts query (POST /facts/query). Unknown facts come back null, never guessed. */
export interface FactsPort {
	query(idNumber: string, itemCode: string, factNames: readonly string[]): Promise<{facts: Record<string, FactValue | null>; asOf: string}>;
}

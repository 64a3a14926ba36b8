/**
 * The hub's POST /facts/query as the eligibility FactsPort. Errors pass through unchanged: the
 * service treats a HubError as "hub unavailable" (its facts unknown) and rethrows anything else.
 */
import type {HubApi} from '../core/ports/hub.js';
import type {FactsPort} from '../core/ports/facts.js';

export function factsFromHub(hub: Pick<HubApi, 'queryFacts'>): FactsPort {
	return {
		query: async (idNumber, itemCode, factNames) => {
			const answer = await hub.queryFacts({idNumber, itemCode, facts: [...factNames]});
			return {facts: answer.facts, asOf: answer.asOf};
		},
	};
}

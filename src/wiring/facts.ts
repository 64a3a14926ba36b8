/**
 * The facts eligibility asks the hub for (src/eligibility/facts-hub.ts); in the demo, the mock
 * hub's answer with the demo records filling in what it does not hold.
 */
import type {FactsPort} from '../core/ports/facts.js';
import {createMemoryFacts} from '../eligibility/facts-memory.js';

/**
 * The demo's facts: the mock hub's answer through the hub client, with the demo records filling
 * in the facts the mock hub does not hold (null there). Outside the demo only the hub answers.
 */
export function demoFacts(hub: FactsPort, fallback: FactsPort = createMemoryFacts()): FactsPort {
	return {
		async query(idNumber, itemCode, names) {
			const answer = await hub.query(idNumber, itemCode, names);
			const missing = names.filter((name) => answer.facts[name] === null || answer.facts[name] === undefined);
			if (missing.length === 0) return answer;
			const local = await fallback.query(idNumber, itemCode, missing);
			const facts = {...answer.facts};
			for (const name of missing) facts[name] = local.facts[name] ?? null;
			return {facts, asOf: answer.asOf};
		},
	};
}

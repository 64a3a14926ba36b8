/**
 * What the console needs from the rest of the application. The composition root builds this
 * (real or demo adapters); tests hand in fakes. Deliberately minimal: later capabilities
 * (ID reader, cases, outbox …) extend it with optional members.
 */
import type {CatalogService, Clock} from '../core/ports.js';

export type HubState = 'demo' | 'online' | 'offline';

export interface OperatorInfo {
	/** Staff number, e.g. "0123". */
	id: string;
	/** Display name of the signed-in operator (staff, not a citizen: shown unmasked). */
	name: string;
	/** Branch name, e.g. "成都高新支行". */
	branch: string;
}

export interface ConsoleServices {
	catalog: CatalogService;
	clock: Clock;
	operator: OperatorInfo;
	/** Read on every top-bar render (at least once a minute); must be cheap and synchronous. */
	hubState(): HubState;
}

/** One line of the operations log per hub request (docs/operations.md#logs), shared by the console and the commands. */
import type {OpsLog} from '../core/ports/ops-log.js';
import type {HubExchange} from '../hub/client.js';

export function logExchange(log: OpsLog, exchange: HubExchange): void {
	// 5xx and no answer are the hub's trouble (warn); 4xx are answers the caller handles (info).
	const level = exchange.status === undefined || exchange.status >= 500 ? 'warn' : 'info';
	log.log(level, 'hub.request', {call: exchange.call, method: exchange.method, status: exchange.status ?? null, error: exchange.error, requestId: exchange.requestId, attempt: exchange.attempt, ms: exchange.ms});
}

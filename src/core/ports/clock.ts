/**
 * The time source, a port like the others (src/core/ports/): injected so tests drive time and
 * the hub, the outbox and the console all agree on "now".
 */
/** Time source; injected so tests can drive time. */
export interface Clock {
	now(): Date;
}

export const systemClock: Clock = {now: () => new Date()};

/**
 * The emulators' line keeps the silences a device keeps, measured at the host: a block that
 * reaches the host late (Node runs a 0 ms timeout after 1 ms; a loaded machine runs timers
 * later still) pushes what follows it by the same amount, so a cut frame is still followed by
 * its whole silence; and afterQueue runs after the last byte has been handed over.
 */
import {describe, expect, it} from 'vitest';
import {PacedLine} from './paced-line.js';
import {ManualScheduler} from './scheduler.js';

/** A ManualScheduler whose timers fire `lateMs` after they were due, as a real event loop may. */
class LateScheduler extends ManualScheduler {
	constructor(readonly lateMs: number) {
		super();
	}

	override setTimeout(fn: () => void, ms: number): unknown {
		return super.setTimeout(fn, ms + this.lateMs);
	}
}

function record(line: PacedLine, scheduler: ManualScheduler) {
	const arrivals: Array<{at: number; hex: string}> = [];
	line.onOutput((chunk) => arrivals.push({at: scheduler.now(), hex: chunk.toString('hex')}));
	return arrivals;
}

describe('PacedLine', () => {
	it('unpaced, with late timers: the silence between two blocks is kept from when the first arrived', () => {
		const scheduler = new LateScheduler(1);
		const line = new PacedLine({baudRate: 0, scheduler});
		const arrivals = record(line, scheduler);
		line.send(Buffer.from('aa', 'hex'), 0);
		line.send(Buffer.from('bb', 'hex'), line.freeAt + 50);
		line.send(Buffer.from('cc', 'hex'));
		scheduler.advance(200);
		// aa was due at 0 and came at 1; bb keeps its 50 ms from there (and its own timer is 1 ms
		// late too); cc runs back to back behind bb.
		expect(arrivals).toEqual([
			{at: 1, hex: 'aa'},
			{at: 52, hex: 'bb'},
			{at: 52, hex: 'cc'},
		]);
	});

	it('paced at 9600 with late timers: every silence is at least what the device kept', () => {
		const scheduler = new LateScheduler(3);
		const line = new PacedLine({baudRate: 9600, scheduler});
		const arrivals = record(line, scheduler);
		line.send(Buffer.alloc(20, 1), 0);
		line.send(Buffer.alloc(5, 2), line.freeAt + 50);
		scheduler.advance(500);
		const lastOfFirst = arrivals.filter((a) => a.hex.startsWith('01')).at(-1)!.at;
		const firstOfSecond = arrivals.find((a) => a.hex.startsWith('02'))!.at;
		expect(firstOfSecond - lastOfFirst).toBeGreaterThanOrEqual(50);
		expect(arrivals.map((a) => a.hex).join('')).toBe('01'.repeat(20) + '02'.repeat(5));
	});

	it('afterQueue runs once the last byte is handed over, even when it was late', () => {
		const scheduler = new LateScheduler(2);
		const line = new PacedLine({baudRate: 0, scheduler});
		const events: string[] = [];
		line.onOutput((chunk) => events.push(`bytes ${chunk.toString('hex')}`));
		line.send(Buffer.from('aa', 'hex'), 0);
		line.send(Buffer.from('bb', 'hex'), 10);
		line.afterQueue(() => events.push('after'));
		scheduler.advance(100);
		expect(events).toEqual(['bytes aa', 'bytes bb', 'after']);
	});
});

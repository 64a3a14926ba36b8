import {describe, expect, it} from 'vitest';
import {SerialQueue} from './serial-queue.js';
import {createSignal} from './signal.js';

describe('SerialQueue', () => {
	it('runs jobs one at a time in call order, and a failure does not stop the next', async () => {
		const queue = new SerialQueue();
		const log: string[] = [];
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const first = queue.run(async () => {
			log.push('1 start');
			await gate;
			log.push('1 end');
			return 1;
		});
		const second = queue.run(() => {
			log.push('2');
			throw new Error('two');
		});
		const third = queue.run(() => {
			log.push('3');
			return 3;
		});
		await Promise.resolve();
		expect(log).toEqual(['1 start']);
		release();
		expect(await first).toBe(1);
		await expect(second).rejects.toThrow('two');
		expect(await third).toBe(3);
		await queue.idle();
		expect(log).toEqual(['1 start', '1 end', '2', '3']);
	});
});

describe('createSignal', () => {
	it('tells every listener, and an unsubscribed one no more', () => {
		const signal = createSignal<[number]>();
		const seen: string[] = [];
		const stop = signal.subscribe((n) => seen.push(`a${n}`));
		signal.subscribe((n) => seen.push(`b${n}`));
		signal.emit(1);
		stop();
		signal.emit(2);
		expect(seen).toEqual(['a1', 'b1', 'b2']);
	});
});

import {describe, expect, it} from 'vitest';
import {cardValidity, LONG_TERM} from './card.js';

describe('cardValidity', () => {
	const card = {validFrom: '2016-03-01', validUntil: '2026-03-01'};
	it.each([
		['2025-01-01', 'valid', 424],
		['2025-12-01', 'expiring', 90],
		['2025-11-30', 'valid', 91],
		['2026-03-01', 'expiring', 0],
		['2026-03-02', 'expired', -1],
		['2016-02-29', 'not-yet-valid', undefined],
	])('on %s → %s', (today, status, daysLeft) => {
		const v = cardValidity(card, today);
		expect(v.status).toBe(status);
		expect(v.daysLeft).toBe(daysLeft);
	});

	it('长期 never expires, in either spelling', () => {
		expect(cardValidity({validFrom: '2012-08-20', validUntil: LONG_TERM}, '2099-01-01')).toMatchObject({status: 'long-term', 'zh-CN': '长期有效'});
		expect(cardValidity({validFrom: '20120820', validUntil: '长期'}, '2099-01-01').status).toBe('long-term');
	});

	it('says how long ago a card expired, in both languages', () => {
		const v = cardValidity({validFrom: '20040110', validUntil: '20240110'}, '2024-01-20');
		expect(v['zh-CN']).toContain('已过 10 天');
		expect(v.en).toContain('10 days ago');
	});

	it('reports unreadable dates instead of guessing', () => {
		expect(cardValidity({validFrom: '2016-03-01', validUntil: '2026-02-30'}, '2025-01-01').status).toBe('unknown');
	});

	it('accepts a Date for today', () => {
		expect(cardValidity(card, new Date(2026, 2, 2, 8)).status).toBe('expired');
	});
});

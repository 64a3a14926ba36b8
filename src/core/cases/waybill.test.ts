import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {checkWaybill, s10CheckDigit} from './waybill.js';

describe('waybill numbers', () => {
	it('accepts UPU S10 numbers whose check digit is right (the UPU example and China Post ones)', () => {
		// The S10 standard's example RR 473 124 829 GB: 4·8+7·6+3·4+1·2+2·3+4·5+8·9+2·7 = 200, 200 mod 11 = 2, 11 − 2 = 9.
		expect(s10CheckDigit('47312482')).toBe(9);
		expect(checkWaybill('ems', 'RR473124829GB')).toEqual({ok: true, waybill: 'RR473124829GB', format: 's10'});
		expect(checkWaybill('ems', ' ea 12345678 5cn ')).toEqual({ok: true, waybill: 'EA123456785CN', format: 's10'});
	});

	it('maps the remainders 10 and 11 to 0 and 5', () => {
		// 8 × 7 = 56 ≡ 1 (mod 11) → 11 − 1 = 10 → 0; a sum of 0 → 11 → 5; 7 → 11 − 7 = 4.
		expect(s10CheckDigit('00000008')).toBe(0);
		expect(s10CheckDigit('00000000')).toBe(5);
		expect(s10CheckDigit('00000001')).toBe(4);
	});

	it('rejects an S10 number with a wrong check digit, whatever the carrier', () => {
		expect(checkWaybill('ems', 'EA123456784CN')).toEqual({ok: false, reason: 'waybill_check_digit'});
		expect(checkWaybill('other', 'EA123456784CN')).toEqual({ok: false, reason: 'waybill_check_digit'});
	});

	it('takes 13-digit domestic EMS numbers and refuses other shapes for EMS', () => {
		expect(checkWaybill('ems', '1234567890123')).toEqual({ok: true, waybill: '1234567890123', format: 'ems-domestic'});
		expect(checkWaybill('ems', '123456789012')).toEqual({ok: false, reason: 'waybill_format'});
		expect(checkWaybill('ems', 'SF1234567890')).toEqual({ok: false, reason: 'waybill_format'});
	});

	it('keeps other carriers\' numbers with a warning, and refuses empty or odd ones', () => {
		expect(checkWaybill('sf', 'sf1234567890123')).toEqual({ok: true, waybill: 'SF1234567890123', format: 'unchecked', warning: 'waybill_unchecked'});
		expect(checkWaybill('sf', '   ')).toEqual({ok: false, reason: 'waybill_empty'});
		expect(checkWaybill('jd', 'JD#12')).toEqual({ok: false, reason: 'waybill_format'});
	});

	it('finds every single wrong digit in an S10 serial or its check digit', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\d{8}$/), fc.integer({min: 0, max: 8}), fc.integer({min: 1, max: 9}), (serial, position, delta) => {
				const good = `${serial}${s10CheckDigit(serial)}`;
				expect(checkWaybill('ems', `EE${good}CN`).ok).toBe(true);
				const digits = good.split('');
				digits[position] = String((Number(digits[position]) + delta) % 10);
				const bad = digits.join('');
				// The weights are all prime to 11, so one changed digit always changes the sum mod 11;
				// the one blind spot of S10 is that remainders 0 and 6 both give check digit 5.
				const result = checkWaybill('ems', `EE${bad}CN`);
				if (result.ok) expect(bad[8]).toBe('5');
				else expect(result.reason).toBe('waybill_check_digit');
			}),
		);
	});
});

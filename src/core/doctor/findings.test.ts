import {describe, expect, it} from 'vitest';
import {clockSkewMs, doctorExitCode, finding, judgeCertificate, judgeFreeSpace, judgeOutbox, judgeSkew, maskFreeText} from './findings.js';

const MB = 1024 * 1024;

describe('doctor findings', () => {
	it('the exit code: integrity before hub before device before a setting before attention; warnings alone 1; all ok 0', () => {
		const ok = finding('a', 'ok', 'x');
		const warn = finding('b', 'warn', 'x');
		const fail = (code: 1 | 2 | 3 | 4 | 5) => finding(`f${code}`, 'fail', 'x', {}, code);
		expect(doctorExitCode([ok])).toBe(0);
		expect(doctorExitCode([ok, warn])).toBe(1);
		expect(doctorExitCode([warn, fail(4), fail(3)])).toBe(3);
		expect(doctorExitCode([fail(4), fail(5), fail(3)])).toBe(5);
		expect(doctorExitCode([fail(2), fail(4)])).toBe(4);
		expect(doctorExitCode([fail(1), fail(2)])).toBe(2);
		// a warning never carries an exit code of its own
		expect(finding('c', 'warn', 'x', {}, 5).exitCode).toBe(0);
	});

	it('free space, clock skew, certificate expiry and the outbox against their thresholds', () => {
		expect(judgeFreeSpace(2000 * MB).status).toBe('ok');
		expect(judgeFreeSpace(499 * MB)).toMatchObject({status: 'warn', params: {mb: 499}});
		expect(judgeFreeSpace(49 * MB)).toMatchObject({status: 'fail', exitCode: 1});
		const t = new Date('2026-12-03T04:00:00Z');
		expect(clockSkewMs(new Date('2026-12-03T04:00:00Z'), t, new Date(t.getTime() + 200))).toBe(0);
		expect(clockSkewMs(new Date('2026-12-03T03:58:00Z'), t, t)).toBe(119_500);
		expect(judgeSkew(30_000).status).toBe('ok');
		expect(judgeSkew(-31_000)).toMatchObject({status: 'warn', params: {seconds: 31, direction: 'behind'}});
		expect(judgeSkew(301_000)).toMatchObject({status: 'fail', params: {direction: 'ahead'}});
		expect(judgeCertificate(new Date('2027-01-10T00:00:00Z'), t, 2)).toMatchObject({status: 'ok', params: {days: 37, validTo: '2027-01-10'}});
		expect(judgeCertificate(new Date('2026-12-20T00:00:00Z'), t, 2)).toMatchObject({status: 'warn', code: 'tls.expiring', params: {days: 16}});
		expect(judgeOutbox({pending: 0, failed: 0}, t).code).toBe('outbox.empty');
		expect(judgeOutbox({pending: 2, failed: 0, oldestPendingAt: new Date(t.getTime() - 10 * 60_000)}, t)).toMatchObject({status: 'ok', code: 'outbox.pending', params: {minutes: 10}});
		expect(judgeOutbox({pending: 2, failed: 0, oldestPendingAt: new Date(t.getTime() - 2 * 3600_000)}, t).code).toBe('outbox.old');
		expect(judgeOutbox({pending: 1, failed: 0, oldestPendingAt: new Date(t.getTime() - 25 * 3600_000)}, t)).toMatchObject({status: 'fail', code: 'outbox.stuck', exitCode: 1});
		expect(judgeOutbox({pending: 0, failed: 1}, t)).toMatchObject({status: 'warn', code: 'outbox.failed'});
	});

	it('free text for a bundle: numbers that could be ID numbers and Chinese names masked; digests, dates and case numbers kept', () => {
		const sha = 'ab12345678901234567890123456789012345678901234567890123456789012';
		expect(maskFreeText(`张三丰-110105194912310020.jpg`)).toBe('＊＊＊-11**************20.jpg');
		expect(maskFreeText('11010519491231002X')).toBe('11**************2X');
		expect(maskFreeText('permit H60123456 ok')).toBe('permit H6*****56 ok');
		expect(maskFreeText(`captures/d-1/${sha}.jpg`)).toBe(`captures/d-1/${sha}.jpg`);
		expect(maskFreeText('receipts/TB44-20261203-0000002.txt')).toBe('receipts/TB44-20261203-0000002.txt');
		expect(maskFreeText('/home/𠀋欧阳·明/x')).toBe('/home/＊＊＊＊＊/x');
	});
});

/**
 * The duplicate guard's pure part: applicant fingerprints (same person, same fingerprint, however
 * the number was written; another key, never a match), which statuses count as open, and the
 * open cases of an applicant and item among index rows, merged with the hub's answer.
 */
import {describe, expect, it} from 'vitest';
import {applicantFingerprint, duplicateCaseIds, mergeOpenCases, openCasesFor, type FingerprintedCase, type FingerprintKey} from './duplicates.js';
import {isOpenStatus} from './lifecycle.js';
import {CASE_STATUSES, type CaseStatus} from './model.js';

const key: FingerprintKey = {id: 'k1k1k1k1', secret: new Uint8Array(32).fill(7)};
const otherKey: FingerprintKey = {id: 'k2k2k2k2', secret: new Uint8Array(32).fill(8)};
const citizen = {cardType: 'resident', idNumber: '51010719560920113X'};

function row(caseId: string, status: CaseStatus, fingerprint: string | null | undefined, itemCode = '990120000004', receivedAt = '2026-12-01T02:00:00.000Z'): FingerprintedCase {
	return {caseId, itemCode, status, receivedAt, receivingNode: '44', ...(fingerprint === undefined ? {} : {applicantFingerprint: fingerprint})};
}

describe('applicant fingerprints', () => {
	it('are the same for one person however the number is written, and hold no part of it', () => {
		const fp = applicantFingerprint(key, citizen);
		expect(fp).toMatch(/^k1k1k1k1:[0-9a-f]{64}$/);
		expect(fp).not.toContain('113X');
		expect(applicantFingerprint(key, {cardType: 'resident', idNumber: ' 51010719560920113x '})).toBe(fp);
		// A number typed by hand carries no card kind (the draft says resident): the number's shape decides.
		expect(applicantFingerprint(key, {cardType: 'RESIDENT', idNumber: '51010719560920113X'})).toBe(fp);
		// The legacy 15-digit number of the same person is the same person.
		expect(applicantFingerprint(key, {cardType: 'resident', idNumber: '110105491231002'})).toBe(applicantFingerprint(key, {cardType: 'resident', idNumber: '11010519491231002X'}));
	});

	it('differ between people, card kinds and keys', () => {
		const fp = applicantFingerprint(key, citizen);
		expect(applicantFingerprint(key, {cardType: 'resident', idNumber: '110105198503152348'})).not.toBe(fp);
		expect(applicantFingerprint(otherKey, citizen)).not.toBe(fp);
		expect(applicantFingerprint(otherKey, citizen).slice(9)).not.toBe(fp.slice(9));
		// A number of no known shape keeps the card kind it was recorded with.
		expect(applicantFingerprint(key, {cardType: 'passport', idNumber: 'E1234567'})).not.toBe(applicantFingerprint(key, {cardType: 'other', idNumber: 'E1234567'}));
	});
});

describe('open statuses (lifecycle.ts)', () => {
	it('are all but rejected and completed', () => {
		expect(CASE_STATUSES.filter((s) => !isOpenStatus(s))).toEqual(['rejected', 'completed']);
		for (const s of ['received', 'returned', 'approved', 'ready_for_pickup'] as const) expect(isOpenStatus(s)).toBe(true);
	});
});

describe('openCasesFor', () => {
	const fp = applicantFingerprint(key, citizen);

	it('lists the open cases of the applicant and item, oldest first', () => {
		const rows = [
			row('TB44-3', 'in_review', fp, '990120000004', '2026-12-03T00:00:00.000Z'),
			row('TB44-1', 'returned', fp, '990120000004', '2026-12-01T00:00:00.000Z'),
			row('TB44-2', 'completed', fp),
			row('TB44-4', 'rejected', fp),
			row('TB44-5', 'received', fp, '990120000001'),
			row('TB44-6', 'received', applicantFingerprint(key, {cardType: 'resident', idNumber: '110105198503152348'})),
		];
		expect(openCasesFor(rows, fp, '990120000004')).toEqual([
			{caseId: 'TB44-1', status: 'returned', receivedAt: '2026-12-01T00:00:00.000Z', receivingNode: '44', sources: ['local']},
			{caseId: 'TB44-3', status: 'in_review', receivedAt: '2026-12-03T00:00:00.000Z', receivingNode: '44', sources: ['local']},
		]);
	});

	it('never matches rows without a fingerprint, with none left, or made with another key', () => {
		const rows = [row('TB44-1', 'received', undefined), row('TB44-2', 'received', null), row('TB44-3', 'received', applicantFingerprint(otherKey, citizen))];
		expect(openCasesFor(rows, fp, '990120000004')).toEqual([]);
	});
});

describe('mergeOpenCases', () => {
	it('keeps one entry per case with the hub status, the local-only ones, and queued ones last', () => {
		const merged = mergeOpenCases(
			[
				{caseId: 'TB44-1', status: 'received', receivedAt: '2026-12-01T00:00:00.000Z', receivingNode: '44', sources: ['local']},
				{caseId: 'TB44-9', status: 'received', receivedAt: '2026-12-05T00:00:00.000Z', receivingNode: '44', sources: ['local']},
				{sources: ['outbox']},
			],
			[
				{caseId: 'TB44-1', status: 'in_review', receivedAt: '2026-12-01T00:00:00.000Z', receivingNode: '44', sources: ['hub']},
				{caseId: 'TB51-7', status: 'accepted', receivedAt: '2026-11-20T00:00:00.000Z', receivingNode: '51', sources: ['hub']},
			],
		);
		expect(merged).toEqual([
			{caseId: 'TB51-7', status: 'accepted', receivedAt: '2026-11-20T00:00:00.000Z', receivingNode: '51', sources: ['hub']},
			{caseId: 'TB44-1', status: 'in_review', receivedAt: '2026-12-01T00:00:00.000Z', receivingNode: '44', sources: ['local', 'hub']},
			{caseId: 'TB44-9', status: 'received', receivedAt: '2026-12-05T00:00:00.000Z', receivingNode: '44', sources: ['local']},
			{sources: ['outbox']},
		]);
		expect(duplicateCaseIds({cases: merged, hub: 'asked'})).toEqual(['TB51-7', 'TB44-1', 'TB44-9']);
		expect(mergeOpenCases([], undefined)).toEqual([]);
	});
});

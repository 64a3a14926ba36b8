import {describe, expect, it} from 'vitest';
import {exceptionsOf, uncovered} from './approval.js';
import type {CaseSubmission} from './model.js';

const base: Pick<CaseSubmission, 'applicant' | 'materials' | 'eligibility' | 'secondCase'> = {
	applicant: {idNumber: '44030519900101123X', name: '陈晓明', cardType: 'resident'},
	materials: [
		{code: 'M01', sha256: 'a'.repeat(64), pages: 1, originalVerified: true},
		{code: 'M02', sha256: 'b'.repeat(64), pages: 1, originalVerified: false},
	],
	eligibility: {result: 'eligible', ruleVersion: 'r1'},
};
/** M01 and M03 ask for an original; M02 does not. */
const facts = {originalsOf: (code: string) => (code === 'M02' ? 0 : 1)};

describe('the exceptions of a case (maker-checker)', () => {
	it('finds none in a card-read, eligible case whose required originals were verified', () => {
		expect(exceptionsOf(base, facts)).toEqual([]);
	});

	it('names each exception, in one order', () => {
		const all = {
			applicant: {...base.applicant, source: 'typed' as const},
			materials: [...base.materials, {code: 'M03', sha256: 'c'.repeat(64), pages: 1, originalVerified: false}],
			eligibility: {result: 'unknown' as const, ruleVersion: 'r1'},
			secondCase: true,
		};
		expect(exceptionsOf(all, facts)).toEqual(['typed_applicant', 'original_unverified', 'eligibility_uncertain', 'second_case']);
		expect(exceptionsOf({...base, secondCase: false, applicant: {...base.applicant, source: 'card'}}, facts)).toEqual([]);
	});

	it('takes a typed applicant presented by an agent whose card was read as no exception; the 委托书 original still counts', () => {
		const agent = {name: '李明华', idNumber: '110105199001010514', cardType: 'resident'};
		const typed = {...base, applicant: {...base.applicant, source: 'typed' as const}};
		expect(exceptionsOf(typed, facts)).toEqual(['typed_applicant']);
		expect(exceptionsOf({...typed, agent}, facts)).toEqual([]);
		// The 委托书 (M03, an original to see) kept without the original mark: a supervisor's approval again.
		expect(exceptionsOf({...typed, agent, materials: [...base.materials, {code: 'M03', sha256: 'c'.repeat(64), pages: 1, originalVerified: false}]}, facts)).toEqual(['original_unverified']);
	});

	it('says what an approval leaves uncovered', () => {
		expect(uncovered(['typed_applicant', 'second_case'], ['second_case'])).toEqual(['typed_applicant']);
		expect(uncovered(['typed_applicant'], undefined)).toEqual(['typed_applicant']);
		expect(uncovered([], [])).toEqual([]);
	});
});

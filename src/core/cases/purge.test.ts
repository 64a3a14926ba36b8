import {describe, expect, it} from 'vitest';
import {holdsPersonalData, purgedSubmission} from './purge.js';

const applicant = {idNumber: '510107197206083457', name: '赵德明', cardType: 'resident'};
const agent = {idNumber: '110105199001010514', name: '李明华', cardType: 'longterm'};

describe('the retention purge of a submission', () => {
	it('blanks the applicant and the named agent, drops the answers, keeps card kinds and the rest', () => {
		const submission = {itemCode: '990120000001', applicant, agent, answers: {q1: 'yes'}, materials: [{code: 'M01', sha256: 'ab'}]};
		const purged = purgedSubmission(submission);
		expect(purged).toEqual({itemCode: '990120000001', applicant: {idNumber: '', name: '', cardType: 'resident'}, agent: {idNumber: '', name: '', cardType: 'longterm'}, answers: {}, materials: [{code: 'M01', sha256: 'ab'}]});
		expect(JSON.stringify(purged)).not.toMatch(/赵德明|李明华|3457|0514/);
		expect(holdsPersonalData(submission)).toBe(true);
		expect(holdsPersonalData(purged)).toBe(false);
		// The input is not changed: the caller decides when the purge is written.
		expect(submission.agent.name).toBe('李明华');
	});

	it('adds no agent to a case that had none', () => {
		const purged = purgedSubmission({applicant, answers: {}});
		expect('agent' in purged).toBe(false);
	});

	it('counts a case as holding data while only its agent is still named', () => {
		expect(holdsPersonalData({applicant: {idNumber: '', name: '', cardType: 'resident'}, agent})).toBe(true);
		expect(holdsPersonalData({applicant: {idNumber: '', name: '', cardType: 'resident'}})).toBe(false);
	});
});

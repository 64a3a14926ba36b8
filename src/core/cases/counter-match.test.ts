import {describe, expect, it} from 'vitest';
import {matchAtCounter, type PresentedCard} from './counter-match.js';

const applicant = {name: '张*', cardType: 'resident', idNumberMasked: '110105********002X'};
const agent = {name: '李*', cardType: 'resident', idNumberMasked: '510104********0017'};
const card = (number: string, name: string, kind = 'resident'): PresentedCard => ({kind, number, name});

describe('who may act on a case at the counter', () => {
	it('knows the applicant and the named agent by their masked details', () => {
		expect(matchAtCounter(card('11010519491231002X', '张三'), {applicant, agent})).toEqual({role: 'applicant', strength: 'masked'});
		expect(matchAtCounter(card('510104197001010017', '李四'), {applicant, agent})).toEqual({role: 'agent', strength: 'masked'});
	});

	it('refuses another person, another card kind, and an agent the case does not name', () => {
		expect(matchAtCounter(card('110105198001010011', '王五'), {applicant, agent}).role).toBe('none');
		expect(matchAtCounter(card('11010519491231002X', '张三', 'hkmotw'), {applicant}).role).toBe('none');
		expect(matchAtCounter(card('510104197001010017', '李四'), {applicant}).role).toBe('none');
	});

	it('uses the full numbers where the terminal still holds them: same ends, another number, is refused', () => {
		const known = {applicant: {cardType: 'resident', idNumber: '11010519491231002X'}};
		// Same first six and last four as the applicant: a masked match, but not the person.
		const lookalike = card('11010519500101002X', '张三');
		expect(matchAtCounter(lookalike, {applicant}).role).toBe('applicant');
		expect(matchAtCounter(lookalike, {applicant}, known)).toEqual({role: 'none', reason: 'mismatch'});
		expect(matchAtCounter(card('11010519491231002x', '张三'), {applicant}, known)).toEqual({role: 'applicant', strength: 'full'});
	});
});

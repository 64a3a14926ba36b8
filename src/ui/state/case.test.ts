import {describe, expect, it} from 'vitest';
import type {Decision} from '../../core/eligibility/model.js';
import {cardEvent} from '../../test-utils/fixtures.js';
import type {DraftRecord} from '../services.js';
import {agentActs, applicantNumber, caseReducer, currentQuestion, initialCase, isRepeatRead, type CaseState} from './case.js';

const draft = (over: Partial<DraftRecord> = {}): DraftRecord => ({draftId: 'd-1', itemCode: 'I', implementationCode: 'A-1', materials: [], createdAt: '', updatedAt: '', ...over});
const decision = {result: 'needs_checking', openQuestions: [{id: 'q1', blocking: false}, {id: 'q2', blocking: true}]} as unknown as Decision;

function checking(state: CaseState = initialCase()): CaseState {
	const open = caseReducer(state, {type: 'openEligibility', implementationCode: 'A-1'});
	return caseReducer(open, {type: 'case/eligibility', patch: {answers: {q1: true}, skipped: ['q1'], decision, input: '12', cursor: 1, scroll: 3}});
}

describe('the case slice', () => {
	it('another card is another citizen: the answers go, and the draft too when it is someone else\'s', () => {
		const card = cardEvent();
		const theirs = {...checking(), draft: draft({applicant: {idNumber: card.card.number, masked: 'x'}})};
		const next = caseReducer(theirs, {type: 'case/newCard', card: cardEvent({first17: '51010719560920113'})});
		expect(next.draft).toBeUndefined();
		expect(next.eligibility).toMatchObject({implementationCode: 'A-1', answers: {}, skipped: [], decision: undefined, input: '', cursor: 0, scroll: 0});
		expect(next.applicant).toEqual({revealed: false, confirmReveal: false, card: cardEvent({first17: '51010719560920113'})});
		const same = caseReducer(theirs, {type: 'case/newCard', card});
		expect(same.draft).toBe(theirs.draft);
		expect(applicantNumber(same)).toBe(card.card.number);
	});

	it('the applicant\'s own card read again keeps the answers and the reveal; a typed number over it does not count as the same card', () => {
		const card = cardEvent();
		const read = caseReducer(checking(), {type: 'case/newCard', card});
		const revealed = caseReducer(caseReducer(read, {type: 'case/eligibility', patch: {answers: {q1: true}}}), {type: 'case/applicant', patch: {revealed: true}});
		expect(isRepeatRead(revealed, card)).toBe(true);
		const again = caseReducer(revealed, {type: 'case/newCard', card: {...card}});
		expect(again.applicant).toMatchObject({revealed: true, card});
		expect(again.eligibility?.answers).toEqual({q1: true});
		const typed = caseReducer(revealed, {type: 'case/applicant', patch: {manualNumber: '51010719560920113X'}});
		expect(isRepeatRead(typed, card)).toBe(false);
		expect(isRepeatRead(revealed, cardEvent({first17: '51010719560920113'}))).toBe(false);
	});

	it('keeps the agent and the typed applicant when the agent\'s card is read again; another card ends the agent', () => {
		const agentCard = cardEvent();
		const acting: CaseState = {...initialCase(), applicant: {revealed: false, confirmReveal: false, agent: agentCard, manualNumber: '51010719560920113X', typed: {name: '欧阳建国', kind: 'resident'}}};
		expect(agentActs(acting)).toBe(true);
		const again = caseReducer(acting, {type: 'case/newCard', card: agentCard});
		expect(again.applicant).toMatchObject({agent: agentCard, manualNumber: '51010719560920113X', typed: {name: '欧阳建国'}});
		expect(applicantNumber(again)).toBe('51010719560920113X');
		const other = caseReducer(acting, {type: 'case/newCard', card: cardEvent({first17: '51010719560920113'})});
		expect(other.applicant.agent).toBeUndefined();
		expect(agentActs(other)).toBe(false);
		expect(agentActs({...initialCase(), draft: draft({agent: {idNumber: '110105199001010514', masked: 'x', name: '李明华', cardType: 'resident'}})})).toBe(true);
	});

	it('reopening the same step keeps its work (the error or the capture goes); another item starts afresh', () => {
		const state = caseReducer(checking(), {type: 'case/eligibility', patch: {error: {'zh-CN': '错', en: 'bad'}}});
		expect(caseReducer(state, {type: 'openEligibility', implementationCode: 'A-1'}).eligibility).toMatchObject({answers: {q1: true}, error: undefined});
		expect(caseReducer(state, {type: 'openEligibility', implementationCode: 'B-2'}).eligibility).toMatchObject({implementationCode: 'B-2', answers: {}});
		let materials = caseReducer(initialCase(), {type: 'openMaterials', implementationCode: 'A-1'});
		expect(materials.materials).toEqual({implementationCode: 'A-1', selected: 0, loading: true});
		materials = caseReducer(materials, {type: 'case/materials', patch: {selected: 2, loading: false}});
		materials = caseReducer(materials, {type: 'case/capture', patch: {materialCode: 'M02'}});
		expect(materials.materials?.capture).toEqual({materialCode: 'M02', status: 'running', bytes: 0, total: 0});
		expect(caseReducer(materials, {type: 'openMaterials', implementationCode: 'A-1'}).materials).toEqual({implementationCode: 'A-1', selected: 2, loading: false});
		expect(caseReducer(materials, {type: 'case/capture', patch: undefined}).materials?.capture).toBeUndefined();
	});

	it('patches of a step that is not open change nothing', () => {
		const state = initialCase();
		for (const action of [
			{type: 'case/eligibility', patch: {busy: true}},
			{type: 'case/materials', patch: {selected: 1}},
			{type: 'case/capture', patch: {bytes: 1}},
			{type: 'case/review', patch: {busy: true}},
			{type: 'case/receiptScroll', scroll: 1},
		] as const) {
			expect(caseReducer(state, action)).toBe(state);
		}
	});

	it('another view closes the manual field and the reveal question; a lock hides the full number', () => {
		const state: CaseState = {...initialCase(), applicant: {manual: '1101', confirmReveal: true, revealed: true, manualNumber: '110105198503120519'}};
		expect(caseReducer(state, {type: 'show', root: 'search'}).applicant).toEqual({confirmReveal: false, revealed: true, manualNumber: '110105198503120519', manual: undefined});
		expect(caseReducer(state, {type: 'locked'}).applicant).toMatchObject({revealed: false, confirmReveal: false, manual: '1101'});
	});

	it('the next citizen keeps nothing of the last one but the receipt and the drafts list; a resumed draft brings its applicant', () => {
		let state = checking({...initialCase(), applicant: {revealed: true, confirmReveal: false, manualNumber: '110105198503120519'}, draft: draft()});
		state = caseReducer(state, {type: 'openReview'});
		state = caseReducer(state, {type: 'openDrafts', list: [draft()]});
		const next = caseReducer(state, {type: 'nextCitizen'});
		expect(next).toEqual({applicant: {revealed: false, confirmReveal: false}, drafts: {selected: 0, list: [draft()]}});
		const resumed = caseReducer(state, {type: 'resumeDraft', draft: draft({applicant: {idNumber: '510107195609201130', masked: 'm'}})});
		expect(resumed.eligibility).toBeUndefined();
		expect(resumed.review).toBeUndefined();
		expect(resumed.applicant).toEqual({revealed: false, confirmReveal: false, manualNumber: '510107195609201130'});
	});

	it('the question asked now is the first blocking one not skipped, else the first open one', () => {
		const step = checking().eligibility!;
		expect(currentQuestion(step)?.id).toBe('q2');
		expect(currentQuestion({...step, skipped: []})?.id).toBe('q2');
		expect(currentQuestion({...step, decision: {...decision, openQuestions: [decision.openQuestions[0]!]}})).toBeUndefined();
		expect(currentQuestion(undefined)).toBeUndefined();
	});

	it('asks to abandon one draft at a time, and forgets the question', () => {
		const asked = caseReducer(initialCase(), {type: 'case/confirmAbandon', draftId: 'd-1'});
		expect(asked.confirmAbandon).toBe('d-1');
		expect(caseReducer(asked, {type: 'case/confirmAbandon', draftId: undefined}).confirmAbandon).toBeUndefined();
	});
});

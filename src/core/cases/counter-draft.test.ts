/** The review of a counter draft and the submission built from it (pure). */
import {describe, expect, it} from 'vitest';
import type {Implementation} from '../catalog/model.js';
import {DraftNotReadyError, reviewDraft, submissionFromDraft, type CounterDraft} from './counter-draft.js';

const implementation = {
	implementationCode: 'IMPL-1',
	basicCode: '990120000004',
	regionCode: '510107',
	materials: [
		{code: 'M01', name: '居民身份证', source: '', required: true, originals: 1, copies: 0, format: ''},
		{code: 'M02', name: '社会保障卡', source: '', required: false, originals: 1, copies: 0, format: ''},
		{code: 'M03', name: '委托书', source: '', required: true, originals: 0, copies: 1, format: ''},
	],
} as unknown as Implementation;

const sha = (c: string) => c.repeat(64);
function draft(overrides: Partial<CounterDraft> = {}): CounterDraft {
	return {
		draftId: 'd-1',
		itemCode: '990120000004',
		implementationCode: 'IMPL-1',
		applicant: {idNumber: '51010719560920113X', masked: '510107********113X', name: '欧阳建国', cardType: 'resident'},
		answers: {'pension.lastCertified': '2026-03-10'},
		eligibility: {result: 'eligible', ruleVersion: '2026.11.1'},
		materials: [
			{code: 'M01', sha256: sha('a'), pages: 1, originalVerified: true},
			{code: 'M03', sha256: sha('c'), pages: 1, originalVerified: false},
		],
		createdAt: '2026-11-27T01:00:00.000Z',
		updatedAt: '2026-11-27T01:00:00.000Z',
		...overrides,
	};
}
const context = {operatorId: 'op-1001', terminalId: 'T-1', receivingNode: '44', now: new Date('2026-11-27T02:00:00.000Z')};

describe('reviewing a draft', () => {
	it('is ready when the applicant, eligibility and every required material are there', () => {
		const review = reviewDraft(draft(), implementation);
		expect(review).toMatchObject({ready: true, problems: [], warnings: []});
		expect(review.materials.map((m) => [m.code, m.captured])).toEqual([['M01', true], ['M02', false], ['M03', true]]);
	});

	it('lists every blocking problem in the order the clerk fixes them', () => {
		const review = reviewDraft(draft({applicant: {idNumber: '51010719560920113X', masked: 'x'}, eligibility: {result: 'not_eligible', ruleVersion: 'v'}, materials: []}), implementation);
		expect(review.ready).toBe(false);
		expect(review.problems).toEqual([
			{code: 'no_name'},
			{code: 'not_eligible'},
			{code: 'missing_material', material: 'M01', name: '居民身份证'},
			{code: 'missing_material', material: 'M03', name: '委托书'},
		]);
		expect(reviewDraft(draft({applicant: undefined}), implementation).problems).toEqual([{code: 'no_applicant'}]);
		expect(reviewDraft(draft(), undefined).problems[0]).toEqual({code: 'unknown_implementation'});
		expect(reviewDraft(draft({submitted: {idempotencyKey: 'd-1', submittedAt: ''}}), implementation).problems).toEqual([{code: 'already_submitted'}]);
	});

	it('notes what does not block: unchecked or uncertain eligibility, an original not verified', () => {
		expect(reviewDraft(draft({eligibility: undefined}), implementation).warnings).toEqual([{code: 'eligibility_unchecked'}]);
		const review = reviewDraft(draft({eligibility: {result: 'needs_checking', ruleVersion: 'v'}, materials: [{code: 'M01', sha256: sha('a'), pages: 1, originalVerified: false}, {code: 'M03', sha256: sha('c'), pages: 1, originalVerified: false}]}), implementation);
		expect(review.ready).toBe(true);
		// M03 has no original to see (copies only): nothing to verify there.
		expect(review.warnings).toEqual([{code: 'eligibility_unknown'}, {code: 'original_unverified', material: 'M01', name: '居民身份证'}]);
	});
});

describe('a draft with an agent (委托代办)', () => {
	const poa = {code: 'M04', name: '授权委托书', source: '申请人自备', required: false, originals: 1, copies: 0, format: '', forAgent: true};
	const allowing = {...implementation, agentAllowed: true, materials: [...implementation.materials, poa]} as Implementation;
	const agent = {idNumber: '110105199001010514', masked: '110105********0514', name: '李明华', cardType: 'resident'};
	const typedApplicant = {idNumber: '51010719560920113X', masked: '510107********113X', name: '欧阳建国', cardType: 'resident', source: 'typed' as const};

	it('is refused for an item that allows no agent, and when the agent is the applicant', () => {
		expect(reviewDraft(draft({agent}), implementation).problems).toEqual([{code: 'agent_not_allowed'}]);
		// A 委托书 in a list that does not say agentAllowed does not open the door.
		expect(reviewDraft(draft({agent}), {...implementation, materials: [...implementation.materials, poa]} as Implementation).problems).toEqual([{code: 'agent_not_allowed'}]);
		expect(reviewDraft(draft({agent: {...agent, idNumber: '51010719560920113X'}}), allowing).problems).toEqual([{code: 'agent_is_applicant'}, {code: 'missing_material', material: 'M04', name: '授权委托书'}]);
	});

	it('needs the 委托书 when an agent acts, not when the applicant comes in person', () => {
		expect(reviewDraft(draft(), allowing)).toMatchObject({ready: true, problems: []});
		const review = reviewDraft(draft({agent, applicant: typedApplicant}), allowing);
		expect(review.problems).toEqual([{code: 'missing_material', material: 'M04', name: '授权委托书'}]);
		expect(review.materials.find((m) => m.code === 'M04')).toMatchObject({required: true, captured: false});
	});

	it('carries the applicant and the agent to the hub', () => {
		const materials = [...draft().materials, {code: 'M04', sha256: sha('d'), pages: 1, originalVerified: true}];
		const {submission, materials: refs} = submissionFromDraft(draft({agent, applicant: typedApplicant, materials}), allowing, context);
		expect(submission.applicant).toEqual({idNumber: '51010719560920113X', name: '欧阳建国', cardType: 'resident', source: 'typed'});
		expect(submission.agent).toEqual({name: '李明华', idNumber: '110105199001010514', cardType: 'resident'});
		expect(refs.map((m) => m.code)).toEqual(['M01', 'M03', 'M04']);
		expect('agent' in submissionFromDraft(draft(), allowing, context).submission).toBe(false);
	});
});

describe('the submission from a draft', () => {
	it('carries the applicant, answers, eligibility and every captured material by hash', () => {
		const {submission, materials} = submissionFromDraft(draft(), implementation, context);
		expect(submission).toEqual({
			itemCode: '990120000004',
			implementationCode: 'IMPL-1',
			receivingNode: '44',
			applicant: {idNumber: '51010719560920113X', name: '欧阳建国', cardType: 'resident'},
			answers: {'pension.lastCertified': '2026-03-10'},
			eligibility: {result: 'eligible', ruleVersion: '2026.11.1'},
			operatorId: 'op-1001',
			terminalId: 'T-1',
			createdAt: '2026-11-27T02:00:00.000Z',
		});
		expect(materials).toEqual([
			{code: 'M01', sha256: sha('a'), pages: 1, originalVerified: true},
			{code: 'M03', sha256: sha('c'), pages: 1, originalVerified: false},
		]);
		// "needs checking" goes to the hub as unknown: the deciding province checks it.
		expect(submissionFromDraft(draft({eligibility: {result: 'needs_checking', ruleVersion: 'v'}}), implementation, context).submission.eligibility).toEqual({result: 'unknown', ruleVersion: 'v'});
	});

	it('is refused for a draft that is not ready', () => {
		expect(() => submissionFromDraft(draft({materials: []}), implementation, context)).toThrow(DraftNotReadyError);
	});
});

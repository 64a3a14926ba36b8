/**
 * Demo case submissions: valid cases of the demo catalog, for the demo console's first cases of
 * the day (src/wiring/demo.ts), the crash test, the bench and the tests.
 */
import type {CaseDraft, MaterialInput} from '../../src/core/cases/outbox.js';
import type {Clock} from '../../src/core/ports/clock.js';

/** 企业职工基本养老保险关系转移接续, implemented in Guangdong (handled by node 44). */
export const DEMO_IMPLEMENTATION = {itemCode: '990120000001', implementationCode: '12440000TB000006942990120000001'};

export function demoDraft(overrides: Partial<CaseDraft> = {}, clock?: Clock): CaseDraft {
	return {
		itemCode: DEMO_IMPLEMENTATION.itemCode,
		implementationCode: DEMO_IMPLEMENTATION.implementationCode,
		receivingNode: '44',
		applicant: {idNumber: '44030519900101123X', name: '陈晓明', cardType: 'resident'},
		answers: {transferFrom: '43'},
		eligibility: {result: 'eligible', ruleVersion: 'demo-1'},
		operatorId: 'op-1001',
		terminalId: 'T-DEMO-0001',
		createdAt: (clock?.now() ?? new Date('2025-06-05T01:00:00.000Z')).toISOString(),
		...overrides,
	};
}

export function demoMaterial(text = '身份证正反面', code = 'M01'): MaterialInput {
	return {code, bytes: new TextEncoder().encode(`JPEG:${text}`), contentType: 'image/jpeg', pages: 1, originalVerified: true};
}

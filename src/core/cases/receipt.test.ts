import {describe, expect, it} from 'vitest';
import type {CounterDraft} from './counter-draft.js';
import {buildReceipt, type ReceiptContext} from './receipt.js';

const draft: CounterDraft = {
	draftId: 'd-1',
	itemCode: '990120000004',
	implementationCode: '12510107TB000010724990120000004',
	applicant: {idNumber: '510107199001011134', name: '欧阳娜娜'},
	materials: [{code: 'M01', sha256: 'a'.repeat(64), originalVerified: true}],
} as CounterDraft;

const context: ReceiptContext = {item: undefined, implementation: undefined, provinceName: (n) => `P${n}`, operatorId: 'op-1001', branchName: '演示网点', terminalId: 'T-1'};
const answer = {caseId: 'TB44-1', status: 'received' as const, receivingNode: '44', handlingNode: '51', receivedAt: '2026-12-02T08:00:00Z'};

describe('the receipt document', () => {
	it('says the originals must travel when the hub says so, and only then; personal data masked', () => {
		const withOriginals = buildReceipt({...answer, originalsRequired: true}, draft, context);
		expect(withOriginals.originalsRequired).toBe(true);
		expect(buildReceipt(answer, draft, context).originalsRequired).toBeUndefined();
		expect(buildReceipt({...answer, originalsRequired: false}, draft, context).originalsRequired).toBeUndefined();
		expect(JSON.stringify(withOriginals)).not.toContain('510107199001011134');
		expect(withOriginals.applicantNumber).toBe('510107********1134');
	});
});

import {describe, expect, it} from 'vitest';
import {IDEMPOTENCY_KEY_PATTERN, derivedIdempotencyKey, type KeyedContent} from './idempotency.js';

const content: KeyedContent = {
	itemCode: '990120000001',
	implementationCode: '12440000TB000006942990120000001',
	receivingNode: '44',
	applicant: {idNumber: '44030519900101123X', name: '陈晓明', cardType: 'resident'},
	answers: {transferFrom: '43'},
	eligibility: {result: 'eligible', ruleVersion: 'demo-1'},
	materials: [{code: 'M01', sha256: 'a'.repeat(64), pages: 1, originalVerified: true}],
	operatorId: 'cli',
	terminalId: 'T-DEMO-0001',
};

describe('derived idempotency keys', () => {
	it('are the same for the same case, whatever the key order', () => {
		const reordered = Object.fromEntries(Object.entries(content).reverse()) as unknown as KeyedContent;
		expect(Object.keys(reordered)[0]).toBe('terminalId');
		expect(derivedIdempotencyKey(reordered)).toBe(derivedIdempotencyKey(content));
	});

	it('are version-8 UUIDs that fit the contract pattern', () => {
		const key = derivedIdempotencyKey(content);
		expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(key).toMatch(IDEMPOTENCY_KEY_PATTERN);
	});

	it('differ for another terminal, another applicant or other materials', () => {
		const key = derivedIdempotencyKey(content);
		expect(derivedIdempotencyKey({...content, terminalId: 'T-OTHER-0002'})).not.toBe(key);
		expect(derivedIdempotencyKey({...content, applicant: {...content.applicant, idNumber: '11010519491231002X'}})).not.toBe(key);
		expect(derivedIdempotencyKey({...content, materials: [{...content.materials[0]!, sha256: 'b'.repeat(64)}]})).not.toBe(key);
	});

	it('never carry the applicant in clear', () => {
		const key = derivedIdempotencyKey(content);
		expect(key).not.toContain('44030519900101123X');
	});
});

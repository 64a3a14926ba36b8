import {describe, expect, it} from 'vitest';
import {displayWidth} from '../text/width.js';
import {slipLines} from './slip.js';

const slip = {
	caseId: 'TB44-20261202-0000004',
	itemName: '企业职工基本养老保险关系转移接续',
	collector: {role: 'agent' as const, name: '李**', cardType: 'resident', idNumberMasked: '110105********0515', powerOfAttorney: 'ab'.repeat(32)},
	collectedAt: '2026-12-02T06:30:00.000Z',
	branchName: '演示网点',
	terminalId: 'T-DEMO-0001',
	operatorId: 'op-1001',
};

describe('the hand-over slip (领取单)', () => {
	it.each(['zh-CN', 'en'] as const)('names who collected, masked, with the 委托书 by its hash, within 80 columns (%s)', (lang) => {
		const lines = slipLines(slip, lang);
		expect(lines.every((line) => displayWidth(line) <= 80)).toBe(true);
		const text = lines.join('\n');
		expect(text).toContain('110105********0515');
		expect(text).toContain(`sha256 ${'ab'.repeat(8)}`);
		expect(text).toContain(slip.caseId);
		// Only the citizen's and the branch's own names are Chinese in English.
		if (lang === 'en') expect(text.replace(slip.itemName, '').replace('演示网点', '').replace('李**', '')).not.toMatch(/[\u3400-\u9fff]/);
		else expect(text).toContain('居民身份证');
	});

	it('holds to a narrow width too, and leaves the 委托书 row out for the applicant', () => {
		const lines = slipLines({...slip, collector: {role: 'applicant', name: '王**', cardType: 'resident', idNumberMasked: '440305********0321'}}, 'zh-CN', 40);
		expect(lines.every((line) => displayWidth(line) <= 40)).toBe(true);
		expect(lines.join('\n')).not.toContain('委托书');
		expect(lines.join('\n')).toContain('申请人本人');
	});
});

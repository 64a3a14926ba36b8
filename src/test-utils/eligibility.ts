/**
 * A small eligibility rule set for the fixture catalog's item 990100000001 (pension transfer,
 * implemented in Chengdu 510100) with one question of each type, and the real eligibility
 * service over in-memory facts, so console tests exercise the real evaluation. Texts are our own.
 */
import {createMemoryFacts, type FactRecords} from '../eligibility/facts-memory.js';
import {validateRuleSet} from '../eligibility/schema.js';
import {createEligibilityService} from '../eligibility/service.js';
import type {RuleSet} from '../core/eligibility/model.js';
import type {Clock} from '../core/ports/clock.js';
import type {EligibilityPort} from '../ui/services.js';

const text = (zh: string, en: string) => ({'zh-CN': zh, en});

const TEST_RULES: RuleSet = validateRuleSet({
	version: '2026.99.1',
	facts: {'pension.recipient': text('是否按月领取养老金', 'whether drawing a pension')},
	common: {
		rules: [
			{id: 'id-valid', kind: 'attribute', effect: 'require', condition: {'==': [{var: 'card.idValid'}, true]}, source: 'GB 11643-1999', confidence: 'high', message: text('身份号码有效', 'the ID number is valid')},
		],
	},
	items: {
		'990100000001': {
			name: '企业职工基本养老保险关系转移接续',
			baseline: {
				rules: [
					{id: 'not-drawing', kind: 'attribute', effect: 'require', condition: {'==': [{var: 'pension.recipient'}, false]}, source: '测试依据甲', confidence: 'medium', message: text('未按月领取养老金', 'not drawing a pension'), whenFailed: text('已在领取养老金，不能转移', 'already draws a pension')},
					{id: 'employed', kind: 'attribute', effect: 'require', condition: {'==': [{var: 'answer.employed'}, true]}, source: '测试依据乙', confidence: 'high', message: text('已在新就业地参保', 'insured at the new workplace')},
					{id: 'proofs', kind: 'materials', effect: 'require', condition: {hasAnyOf: [{var: 'answer.proofs'}, ['contract', 'payslip']]}, source: '测试依据丙', confidence: 'low', message: text('带来劳动合同或工资单', 'brought a contract or a payslip')},
					{id: 'left-recently', kind: 'date', effect: 'require', condition: {dateOnOrBefore: [{var: 'answer.leftOn'}, {var: 'today'}]}, source: '测试依据丁', confidence: 'medium', message: text('离开原单位日期不晚于今天', 'left the old employer no later than today')},
					{id: 'short-contribution', kind: 'attribute', effect: 'warn', condition: {'<': [{var: 'answer.months'}, 12]}, source: '测试依据戊', confidence: 'low', message: text('缴费不足 12 个月，可能需要补缴', 'under 12 months paid: may need back payments')},
				],
			},
			params: {default: {}},
			questions: [
				{id: 'employed', type: 'yesno', text: text('是否已在新就业地参保？', 'insured at the new workplace?')},
				{id: 'proofs', type: 'choice', multiple: true, text: text('带来了哪些证明？', 'which proofs were brought?'), choices: [{value: 'contract', text: text('劳动合同', 'labour contract')}, {value: 'payslip', text: text('工资单', 'payslip')}, {value: 'other', text: text('其他', 'other')}]},
				{id: 'leftOn', type: 'date', text: text('哪天离开原单位？', 'when did they leave the old employer?')},
				{id: 'months', type: 'number', min: 0, max: 600, text: text('在新就业地缴费几个月？', 'months paid at the new workplace?')},
			],
		},
	},
});

/** Facts the "hub" knows: the fixture card's citizen draws no pension; 'drawing' does. */
const TEST_FACTS: FactRecords = {
	'110105198503120514': {'pension.recipient': false},
};

export function testEligibility(clock: Clock, records: FactRecords = TEST_FACTS): EligibilityPort & {queries: number} {
	const facts = createMemoryFacts({records});
	const service = createEligibilityService({rules: TEST_RULES, facts, clock});
	const port = {
		queries: 0,
		hasRules: (code: string) => service.hasRules(code),
		evaluate: (request: Parameters<EligibilityPort['evaluate']>[0]) => {
			port.queries++;
			return service.evaluate(request);
		},
	};
	return port;
}

import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {IntegrityError} from '../core/errors.js';
import {builtinDataDir} from '../paths.js';
import {loadRuleSet, rulesPath} from './load.js';
import {RuleSetInvalid, validateRuleSet} from './schema.js';
import {errorText} from '../i18n/errors.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const file = rulesPath();
const tempDir = tempDirs('tongban-rules-');
const raw = () => JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;

function faultsOf(mutate: (json: Record<string, any>) => void): string[] {
	const json = raw();
	mutate(json);
	try {
		validateRuleSet(json);
	} catch (error) {
		if (error instanceof RuleSetInvalid) return error.faults.map((f) => `${f.item} ${f.rule}: ${f.problem}`);
		throw error;
	}
	return [];
}

describe('data/catalog/rules.json', () => {
	it('loads and validates', () => {
		const rules = loadRuleSet(file);
		expect(rules.version).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
	});

	it('every item of the catalog has a rule set with its own baseline rules, under its own name', () => {
		const items = (JSON.parse(readFileSync(join(builtinDataDir(), 'catalog', 'items.json'), 'utf8')) as {items: Array<{basicCode: string; name: string}>}).items;
		const rules = loadRuleSet(file);
		expect(items.length).toBeGreaterThanOrEqual(34);
		for (const item of items) {
			const entry = rules.items[item.basicCode];
			expect(entry, item.basicCode).toBeDefined();
			expect(entry!.name).toBe(item.name);
			expect(entry!.baseline.rules.length).toBeGreaterThan(0);
		}
		expect(Object.keys(rules.items).sort()).toEqual(items.map((i) => i.basicCode).sort());
	});

	it('every rule carries a source, a confidence and both languages', () => {
		const rules = loadRuleSet(file);
		for (const entry of [rules.common, ...Object.values(rules.items).map((i) => i.baseline)]) {
			for (const rule of entry.rules) {
				expect(rule.source.length, rule.id).toBeGreaterThan(3);
				expect(rule.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
				expect(rule.message.en).toMatch(/^[\x20-\x7e\u2013\u2014\u2019\u2026\u6237\u7c4d\u4e00-\u9fff]+$/);
			}
		}
	});
});

describe('rule set validation names the item and the rule', () => {
	it.each([
		['a condition reads an undeclared question', (j: any) => (j.items['990220000001'].baseline.rules[3].condition = {'==': [{var: 'answer.colour'}, 'red']}), /990220000001 long-term-proof: .*no question "colour"/],
		['a condition reads an undeclared hub fact', (j: any) => (j.items['990120000001'].baseline.rules[0].condition = {'==': [{var: 'pension.recipent'}, false]}), /990120000001 not-drawing-pension: .*pension\.recipent/],
		['an unknown operation', (j: any) => (j.items['990120000001'].baseline.rules[0].condition = {sortOf: [1]}), /not-drawing-pension: condition uses operation "sortOf"/],
		['a var with a default (a guess)', (j: any) => (j.items['990120000001'].baseline.rules[0].condition = {'==': [{var: ['pension.recipient', false]}, false]}), /not-drawing-pension: .*no default/],
		['a deem rule satisfying a missing rule', (j: any) => (j.items['990220000001'].baseline.rules[6].satisfies = ['nope']), /990220000001 emergency-deemed-filed: satisfies "nope"/],
		['a parameter override of the wrong type', (j: any) => (j.items['990320000003'].params['4401'] = {minContributionMonths: '6'}), /990320000003 -: params\.4401\.minContributionMonths is a string/],
		['an override of no default', (j: any) => (j.items['990320000003'].params['44'] = {minMonths: 6}), /overrides no default/],
		['a duplicate rule id', (j: any) => j.items['990120000001'].baseline.rules.push(j.items['990120000001'].baseline.rules[0]), /990120000001 not-drawing-pension: duplicate rule id/],
		['a placeholder that resolves to nothing', (j: any) => (j.items['990120000001'].baseline.rules[0].message.en = 'see {nothing}'), /not-drawing-pension: message placeholder \{nothing\}/],
		['a bad effect (zod)', (j: any) => (j.items['990120000004'].baseline.rules[1].effect = 'maybe'), /990120000004 paying-province: effect/],
		['a missing message language (zod)', (j: any) => delete j.items['990120000004'].baseline.rules[0].message.en, /990120000004 is-pension-recipient: message\.en/],
	])('%s', (_label, mutate, expected) => {
		const faults = faultsOf(mutate);
		expect(faults.join('\n')).toMatch(expected);
	});

	it('a handling fact must be a hub fact of the file that names a province (issue 18.1)', () => {
		for (const fact of ['pension.recipient', 'hpf.province']) {
			const json = raw();
			json['items']['990120000004'].handlingFact = fact;
			expect(() => validateRuleSet(json), fact).toThrow(RuleSetInvalid);
		}
		const ok = raw();
		ok['items']['990120000001'].handlingFact = 'household.province';
		expect(validateRuleSet(ok).items['990120000001']?.handlingFact).toBe('household.province');
	});

	it('the loader turns faults into an integrity error (exit 5) naming file, item and rule', () => {
		const dir = tempDir();
		const json = raw();
		json['items']['990120000001'].baseline.rules[0].confidence = 'certain';
		writeFileSync(join(dir, 'rules.json'), JSON.stringify(json));
		expect(rulesPath(dir)).toBe(join(dir, 'rules.json'));
		try {
			loadRuleSet(join(dir, 'rules.json'));
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(IntegrityError);
			expect(errorText(error, 'zh-CN')).toMatch(/rules\.json 事项 990120000001 规则 not-drawing-pension：confidence/);
			expect((error as IntegrityError).exitCode).toBe(5);
		}
	});
});

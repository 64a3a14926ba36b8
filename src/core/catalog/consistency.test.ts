import {describe, expect, it} from 'vitest';
import {makeUscc} from '../identity/uscc.js';
import {RegionTable} from '../identity/regions.js';
import {checkCatalogConsistency, type CatalogProblem} from './consistency.js';
import type {Catalog, Implementation, ServiceItem} from './model.js';

const regions = new RegionTable([
	{code: '510000', name: '四川省', level: 'province'},
	{code: '510100', name: '成都市', parent: '510000', level: 'city'},
	{code: '510107', name: '武侯区', parent: '510100', level: 'county'},
]);

function item(basicCode: string): ServiceItem {
	return {
		basicCode,
		name: '居民身份证异地换领',
		type: '07',
		leadDepartment: '公安部',
		modes: ['proxy'],
		serviceObjects: [1],
		scope: '全国',
		keywords: ['身份证异地换证'],
		aliases: ['换身份证'],
		legalBasis: ['《中华人民共和国居民身份证法》'],
		resultName: '居民身份证',
		summary: '在居住地换领到期的身份证。',
	};
}

function implementation(basicCode: string, regionCode: string, level: 2 | 3 | 4, body: string): Implementation {
	const uscc = makeUscc({registrationDept: '1', orgType: '1', regionCode, body});
	return {
		implementationCode: `${uscc}${level}${basicCode}`,
		basicCode,
		regionCode,
		level,
		department: {name: '成都市公安局', uscc, kind: 'police'},
		coDepartments: [],
		conditions: ['证件有效期不足三个月'],
		process: ['受理', '审核', '制证'],
		materials: [
			{code: 'M01', name: '原居民身份证', source: '申请人自备', required: true, originals: 1, copies: 0, format: '原件'},
			{code: 'M02', name: '相片回执', source: '照相馆', required: true, originals: 1, copies: 0, format: '纸质 1 页'},
		],
		statutoryLimit: {value: 60, unit: 'natural_day'},
		promisedLimit: {value: 30, unit: 'natural_day'},
		fee: {charged: true, basis: '价格主管部门规定', amountYuan: 20},
		modes: ['proxy'],
		forms: [1],
		caseKind: 2,
		scope: '全国',
		address: '示例路 1 号',
		hours: '工作日 9:00-17:00',
		phone: '028-12345',
		faqs: [],
	};
}

function validCatalog(): Catalog {
	return {
		version: 'test',
		items: [item('990100000001'), item('990100000002')],
		implementations: [
			implementation('990100000001', '510000', 2, 'MB0000001'),
			implementation('990100000002', '510100', 3, 'MB0000002'),
			implementation('990100000001', '510107', 4, 'MB0000003'),
		],
	};
}

function problemsAfter(change: (catalog: Catalog) => void): CatalogProblem[] {
	const catalog = validCatalog();
	change(catalog);
	return checkCatalogConsistency(catalog, regions);
}

function impl(catalog: Catalog, index: number): Implementation {
	const found = catalog.implementations[index];
	if (!found) throw new Error(`fixture has no implementation ${index}`);
	return found;
}

function firstItem(catalog: Catalog): ServiceItem {
	const found = catalog.items[0];
	if (!found) throw new Error('fixture has no item');
	return found;
}

/** Re-derives the implementation code after a change, so only the intended rule fires. */
function recode(target: Implementation): void {
	target.implementationCode = `${target.department.uscc}${target.level}${target.basicCode}`;
}

describe('checkCatalogConsistency', () => {
	it('finds nothing wrong in a consistent catalog', () => {
		expect(checkCatalogConsistency(validCatalog(), regions)).toEqual([]);
	});

	it('asks a list that allows an agent for exactly one 委托书, and one that allows none for no 委托书', () => {
		const poa = {code: 'M03', name: '授权委托书', source: '申请人自备', required: false, originals: 1, copies: 0, format: 'A4 纸质 1 页', forAgent: true};
		expect(problemsAfter((c) => {
			impl(c, 0).agentAllowed = true;
			impl(c, 0).materials.push(poa);
		})).toEqual([]);
		const none = problemsAfter((c) => {
			impl(c, 0).agentAllowed = true;
		});
		expect(none.map((p) => [p.field, p.message['zh-CN']])).toEqual([['materials', expect.stringContaining('有且只有一项委托书')]]);
		const two = problemsAfter((c) => {
			impl(c, 0).agentAllowed = true;
			impl(c, 0).materials.push(poa, {...poa, code: 'M04'});
		});
		expect(two.map((p) => p.field)).toEqual(['materials']);
		const stray = problemsAfter((c) => {
			impl(c, 0).materials.push(poa);
		});
		expect(stray.map((p) => [p.field, p.message.en])).toEqual([['agentAllowed', expect.stringContaining('allows no agent')]]);
	});

	it('names the record and its code', () => {
		const problems = problemsAfter((c) => {
			impl(c, 1).regionCode = '510199';
		});
		expect(problems[0]?.record).toMatch(/^implementations\[1\] 11510100MB0000002/);
	});

	it.each<[string, (catalog: Catalog) => void, string, RegExp]>([
		[
			'basic code length',
			(c) => {
				firstItem(c).basicCode = '9901';
			},
			'basicCode',
			/应为 12 位/,
		],
		[
			'demo prefix',
			(c) => {
				firstItem(c).basicCode = '110100000001';
			},
			'basicCode',
			/以“99”开头/,
		],
		[
			'duplicate basic code',
			(c) => {
				firstItem(c).basicCode = '990100000002';
			},
			'basicCode',
			/990100000002 重复/,
		],
		[
			'item type',
			(c) => {
				(firstItem(c) as {type: string}).type = '99';
			},
			'type',
			/未知的事项类型/,
		],
		[
			'keywords',
			(c) => {
				firstItem(c).keywords = [];
			},
			'keywords',
			/关键词/,
		],
		[
			'item modes',
			(c) => {
				firstItem(c).modes = [];
			},
			'modes',
			/办理模式不能为空/,
		],
		[
			'unknown mode',
			(c) => {
				(impl(c, 0) as {modes: string[]}).modes = ['fax'];
			},
			'modes[0]',
			/未知的办理模式“fax”/,
		],
		[
			'implementation modes',
			(c) => {
				impl(c, 0).modes = [];
			},
			'modes',
			/办理模式不能为空/,
		],
		[
			'item without implementation',
			(c) => {
				c.implementations.splice(1, 1);
			},
			'basicCode',
			/没有任何实施清单/,
		],
		[
			'implementation code length',
			(c) => {
				impl(c, 0).implementationCode = impl(c, 0).implementationCode.slice(0, 30);
			},
			'implementationCode',
			/应为 31 位/,
		],
		[
			'implementation code parts',
			(c) => {
				const target = impl(c, 0);
				target.implementationCode = `${target.department.uscc}3${target.basicCode}`;
			},
			'implementationCode',
			/统一社会信用代码 \+ 行使层级 \+ 基本编码/,
		],
		[
			'duplicate implementation code',
			(c) => {
				c.implementations.push(structuredClone(impl(c, 0)));
			},
			'implementationCode',
			/重复/,
		],
		[
			'reference to a missing item',
			(c) => {
				const target = impl(c, 0);
				target.basicCode = '990100000009';
				recode(target);
			},
			'basicCode',
			/没有对应的事项/,
		],
		[
			'USCC check character',
			(c) => {
				const target = impl(c, 0);
				const last = target.department.uscc.endsWith('0') ? '1' : '0';
				target.department.uscc = target.department.uscc.slice(0, 17) + last;
				recode(target);
			},
			'department.uscc',
			/校验码错误/,
		],
		[
			'USCC region segment',
			(c) => {
				const target = impl(c, 0);
				target.department.uscc = makeUscc({registrationDept: '1', orgType: '1', regionCode: '510100', body: 'MB0000001'});
				recode(target);
			},
			'department.uscc',
			/第 3–8 位（510100）应等于实施区划 510000/,
		],
		[
			'unknown region',
			(c) => {
				const target = impl(c, 0);
				target.regionCode = '519999';
				target.department.uscc = makeUscc({registrationDept: '1', orgType: '1', regionCode: '519999', body: 'MB0000001'});
				recode(target);
			},
			'regionCode',
			/519999 不在区划表中/,
		],
		[
			'level against region',
			(c) => {
				const target = impl(c, 2);
				target.level = 3;
				recode(target);
			},
			'level',
			/行使层级 3 与区划“武侯区”的层级（4）不符/,
		],
		[
			'promised beyond statutory',
			(c) => {
				impl(c, 0).promisedLimit = {value: 61, unit: 'natural_day'};
			},
			'promisedLimit',
			/超过法定时限/,
		],
		[
			'non-positive time limit',
			(c) => {
				impl(c, 0).statutoryLimit = {value: 0, unit: 'natural_day'};
				impl(c, 0).promisedLimit = {value: 0, unit: 'natural_day'};
			},
			'statutoryLimit.value',
			/正整数/,
		],
		[
			'duplicate material code',
			(c) => {
				const second = impl(c, 0).materials[1];
				if (second) second.code = 'M01';
			},
			'materials[1].code',
			/M01 在本清单内重复/,
		],
		[
			'charged without amount',
			(c) => {
				impl(c, 0).fee = {charged: true, basis: '规定'};
			},
			'fee.amountYuan',
			/收费金额/,
		],
		[
			'free with an amount',
			(c) => {
				impl(c, 0).fee = {charged: false, amountYuan: 20};
			},
			'fee.amountYuan',
			/不应填写收费金额/,
		],
	])('reports %s', (_rule, change, field, message) => {
		const problems = problemsAfter(change);
		expect(problems.length).toBeGreaterThan(0);
		const found = problems.find((p) => p.field === field && message.test(p.message['zh-CN']));
		expect(found, JSON.stringify(problems)).toBeDefined();
		// English words only, but for the names it quotes (an item's or a region's own name).
		expect(found!.message.en.replace(/"[^"]*"/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
	});

	it('does not compare limits with different units', () => {
		const problems = problemsAfter((c) => {
			impl(c, 0).statutoryLimit = {value: 20, unit: 'working_day'};
			impl(c, 0).promisedLimit = {value: 25, unit: 'natural_day'};
		});
		expect(problems).toEqual([]);
	});
});

/**
 * A small hand-made catalog for the search tests (not used by the app): real item names, a few
 * regions with polyphonic names, one department per kind and county. Its lean item (only what the
 * search reads) also builds the benchmark's synthetic catalogs.
 */
import type {Catalog, HandlingMode, Implementation, ItemType, ServiceItem} from '../model.js';
import type {Region} from '../../identity/regions.js';
import {DictionaryBuilder, type DictionaryText} from './dictionary.js';
import type {PinyinFn} from './types.js';

/** A small hand-made catalog: real item names, a few regions, one department per kind and county. */
const ITEMS: Array<[string, string, ItemType, string[], string[]]> = [
	// [basic code, name, type, keywords, aliases]
	['990101000001', '企业职工基本养老保险关系转移接续', '20', ['社保转移', '养老转移'], ['养老保险转移']],
	['990101000002', '领取养老金人员待遇资格认证', '07', ['资格认证', '养老金认证'], []],
	['990101000003', '社会保障卡补换', '20', ['社保卡挂失'], []],
	['990201000001', '异地就医登记备案', '20', ['医保异地备案', '旅居异地就医'], ['就医结算备案']],
	['990201000002', '基本医疗保险关系转移接续', '20', ['医保转移'], []],
	['990301000001', '提前还清住房公积金贷款', '20', ['公积金还贷'], []],
	['990301000002', '住房公积金转移接续', '20', ['公积金转移'], []],
	['990301000003', '购房提取住房公积金', '20', [], []],
	['990401000001', '工作调动户口迁移', '07', ['迁户口'], []],
	['990401000002', '居民身份证补领', '07', ['身份证异地换证'], []],
	['990501000001', '单位参保信息变更', '20', [], []],
	['990601000001', '会计专业技术资格证书核验', '06', [], []],
	['990701000001', '行政许可事项咨询', '01', [], []],
];

const KIND_OF_ITEM = ['hrss', 'hrss', 'hrss', 'medical', 'medical', 'hpf', 'hpf', 'hpf', 'police', 'police', 'hrss', 'finance', 'office'];
const KIND_NAMES: Record<string, string> = {
	hrss: '人力资源和社会保障局',
	medical: '医疗保障局',
	hpf: '住房公积金管理中心',
	police: '公安局',
	finance: '财政局',
	office: '政务服务管理局',
};

export const REGIONS: Region[] = [
	{code: '110000', name: '北京市', level: 'province'},
	{code: '110101', name: '东城区', parent: '110000', level: 'county'},
	{code: '350000', name: '福建省', level: 'province'},
	{code: '350200', name: '厦门市', parent: '350000', level: 'city'},
	{code: '350203', name: '思明区', parent: '350200', level: 'county'},
	{code: '430000', name: '湖南省', level: 'province'},
	{code: '430100', name: '长沙市', parent: '430000', level: 'city'},
	{code: '430102', name: '芙蓉区', parent: '430100', level: 'county'},
	{code: '500000', name: '重庆市', level: 'province'},
	{code: '500101', name: '万州区', parent: '500000', level: 'county'},
	{code: '510000', name: '四川省', level: 'province'},
	{code: '510100', name: '成都市', parent: '510000', level: 'city'},
	{code: '510104', name: '锦江区', parent: '510100', level: 'county'},
	{code: '510107', name: '武侯区', parent: '510100', level: 'county'},
	{code: '540000', name: '西藏自治区', level: 'province'},
	{code: '540100', name: '拉萨市', parent: '540000', level: 'city'},
	{code: '540102', name: '城关区', parent: '540100', level: 'county'},
];
const COUNTIES = ['110101', '350203', '430102', '500101', '510104', '510107', '540102'];

/**
 * An item with only what the search reads filled in (code, name, type, keywords, aliases): for the
 * search tests and the benchmark's synthetic catalogs.
 */
export function leanItem(basicCode: string, name: string, type: ItemType, keywords: string[], aliases: string[] = []): ServiceItem {
	return {
		basicCode,
		name,
		type,
		leadDepartment: '',
		modes: ['proxy'],
		serviceObjects: [1],
		scope: '跨省',
		keywords,
		aliases,
		legalBasis: [],
		resultName: '',
		summary: '',
	};
}

function item(index: number): ServiceItem {
	const [basicCode, name, type, keywords, aliases] = ITEMS[index]!;
	return leanItem(basicCode, name, type, keywords, aliases);
}

/**
 * The dictionary texts of the hand catalog (item names, basic codes, aliases and keywords, region
 * names) and of `extra` names, as the search index builds them.
 */
export function handDictionaryTexts(pinyin: PinyinFn, extra: readonly string[]): readonly DictionaryText[] {
	const builder = new DictionaryBuilder(pinyin);
	for (const [code, name, , keywords, aliases] of ITEMS) {
		builder.add(name, false, 0, 0, 'name');
		builder.add(code, true, 0, 0, 'basicCode');
		for (const text of [...aliases, ...keywords]) builder.add(text, false, 0, 0, 'alias');
	}
	for (const region of REGIONS) builder.add(region.name, false, 1, 0, 'region');
	for (const text of extra) builder.add(text, false, 0, 0, 'name');
	return builder.freeze(0).texts;
}

function regionPath(code: string): string {
	const names: string[] = [];
	for (let region = REGIONS.find((r) => r.code === code); region; region = REGIONS.find((r) => r.code === region!.parent)) {
		names.unshift(region.name);
	}
	// Departments are named with their city and county: "成都市武侯区…", "重庆市万州区…".
	return names.slice(-2).join('');
}

function uscc(county: string, kind: string): string {
	const kindNumber = String(Object.keys(KIND_NAMES).indexOf(kind) + 1).padStart(9, '0');
	return `11${county}${kindNumber}X`;
}

/** Rows: for each county, every item (county order outer, so catalog order ≠ key order). */
export function handCatalog(): Catalog {
	const items = ITEMS.map((_, index) => item(index));
	const implementations: Implementation[] = [];
	COUNTIES.forEach((county, countyIndex) => {
		items.forEach((it, index) => {
			const kind = KIND_OF_ITEM[index]!;
			const code = uscc(county, kind);
			const modes: HandlingMode[] = (countyIndex + index) % 3 === 0 ? ['online', 'proxy'] : ['proxy'];
			implementations.push({
				implementationCode: `${code}4${it.basicCode}`,
				basicCode: it.basicCode,
				regionCode: county,
				level: 4,
				department: {name: `${regionPath(county)}${KIND_NAMES[kind]}`, uscc: code, kind},
				coDepartments: [],
				conditions: [],
				process: [],
				materials: [],
				statutoryLimit: {value: 20, unit: 'working_day'},
				promisedLimit: {value: 10, unit: 'working_day'},
				fee: {charged: false},
				modes,
				forms: [1],
				caseKind: 2,
				scope: '跨省',
				address: '',
				hours: '',
				phone: '',
				faqs: [],
			});
		});
	});
	return {version: 'test-1', items, implementations};
}

/** One row per item, region-less, item names as given. */
export function tinyCatalog(itemNames: string[]): Catalog {
	const base = handCatalog();
	const items = itemNames.map((name, index) => ({...base.items[0]!, name, keywords: [], aliases: [], basicCode: `99000000${String(index).padStart(4, '0')}`}));
	const implementations = items.map((it, index) => ({
		...base.implementations[0]!,
		basicCode: it.basicCode,
		implementationCode: `11510107000000001X4${it.basicCode}`,
		regionCode: '510107',
		department: {name: `部门${index}`, uscc: `11510107${String(index).padStart(9, '0')}X`, kind: 'x'},
	}));
	return {version: 'tiny', items, implementations};
}

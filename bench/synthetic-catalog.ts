/**
 * Synthetic catalogs for the search benchmark: realistic item names built from domain word pieces,
 * the real region list (data/regions.json) when present, one department per kind and region, and
 * lean but complete implementation objects (every field its own property; the lists and objects
 * of one item's implementations — materials, conditions, process, limits, fee — are shared, as a
 * loader interning identical sub-objects could, and departments are shared per department).
 */
import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {Catalog, Implementation, ItemType, ServiceItem} from '../src/core/catalog/model.js';
import type {Region} from '../src/core/identity/regions.js';
import {leanItem} from '../src/core/catalog/search/hand-catalog.fixture.js';

const REAL_ITEMS: Array<[string, string, string[]]> = [
	['企业职工基本养老保险关系转移接续', 'hrss', ['社保转移', '养老转移']],
	['城乡居民基本养老保险关系转移接续', 'hrss', ['社保转移']],
	['领取养老金人员待遇资格认证', 'hrss', ['资格认证']],
	['社会保障卡申领', 'hrss', ['办社保卡']],
	['社会保障卡补换', 'hrss', ['社保卡补办']],
	['失业登记', 'hrss', ['失业']],
	['异地就医登记备案', 'medical', ['医保异地备案', '异地就医']],
	['基本医疗保险关系转移接续', 'medical', ['医保转移']],
	['参保信息变更', 'medical', ['医保变更']],
	['正常退休提取住房公积金', 'hpf', ['公积金提取']],
	['购房提取住房公积金', 'hpf', ['公积金提取']],
	['住房公积金转移接续', 'hpf', ['公积金转移']],
	['提前还清住房公积金贷款', 'hpf', ['公积金还贷']],
	['开具户籍类证明', 'police', ['户籍证明']],
	['工作调动户口迁移', 'police', ['迁户口']],
	['居民身份证异地换领', 'police', ['身份证异地换证']],
	['居民身份证补领', 'police', ['身份证补办']],
	['学历公证', 'justice', ['公证']],
	['个体工商户变更登记', 'market', ['营业执照变更']],
	['不动产抵押登记', 'land', ['房产抵押']],
];

const SUBJECTS: Array<[string, string]> = [
	['基本养老保险', 'hrss'],
	['失业保险', 'hrss'],
	['工伤保险', 'hrss'],
	['职业资格证书', 'hrss'],
	['基本医疗保险', 'medical'],
	['生育保险', 'medical'],
	['住房公积金', 'hpf'],
	['户口', 'police'],
	['居民身份证', 'police'],
	['机动车驾驶证', 'police'],
	['出生医学证明', 'health'],
	['婚姻', 'civil'],
	['不动产', 'land'],
	['市场主体', 'market'],
	['会计专业技术资格', 'finance'],
	['单位参保', 'hrss'],
];
const PEOPLE = ['', '企业职工', '城乡居民', '机关事业单位', '灵活就业人员', '退役军人', '个体工商户'];
const ACTIONS = ['关系转移接续', '提取', '补领', '换领', '变更登记', '信息查询', '待遇资格认证', '缴存证明出具', '异地备案', '注销登记', '长期异地居住备案', '年度核验'];

const DEPARTMENT_KINDS: Record<string, string> = {
	hrss: '人力资源和社会保障局',
	medical: '医疗保障局',
	hpf: '住房公积金管理中心',
	police: '公安局',
	justice: '司法局',
	market: '市场监督管理局',
	land: '自然资源和规划局',
	health: '卫生健康委员会',
	civil: '民政局',
	finance: '财政局',
	tax: '税务局',
	transport: '交通运输局',
	education: '教育局',
	veterans: '退役军人事务局',
	office: '政务服务管理局',
};
const KIND_LIST = Object.keys(DEPARTMENT_KINDS);
const MODES = [['proxy'], ['online', 'proxy'], ['proxy', 'joint'], ['online']] as const;
const TYPES: ItemType[] = ['20', '07', '01', '05'];

/** Real regions if derived, otherwise a generated province/city/county tree. */
export function loadRegions(): Region[] {
	const file = fileURLToPath(new URL('../../data/regions.json', import.meta.url));
	if (existsSync(file)) {
		const data = JSON.parse(readFileSync(file, 'utf8')) as {regions: Region[]};
		if (Array.isArray(data.regions) && data.regions.length > 0) return data.regions;
	}
	const regions: Region[] = [];
	for (let p = 11; p < 65; p++) {
		regions.push({code: `${p}0000`, name: `省份${p}省`, level: 'province'});
		for (let c = 1; c <= 10; c++) {
			const city = `${p}${String(c).padStart(2, '0')}00`;
			regions.push({code: city, name: `城市${p}${c}市`, parent: `${p}0000`, level: 'city'});
			for (let k = 1; k <= 6; k++) {
				regions.push({code: `${city.slice(0, 4)}${String(k).padStart(2, '0')}`, name: `区县${p}${c}${k}区`, parent: city, level: 'county'});
			}
		}
	}
	return regions;
}

const item = (index: number, name: string, keywords: string[]): ServiceItem => leanItem(`99${String(index).padStart(10, '0')}`, name, TYPES[index % TYPES.length]!, keywords);

/** `count` distinct items: the real cross-province ones first, then generated combinations. */
function syntheticItems(count: number): {items: ServiceItem[]; kinds: string[]} {
	const items: ServiceItem[] = [];
	const kinds: string[] = [];
	const seen = new Set<string>();
	for (const [name, kind, keywords] of REAL_ITEMS) {
		if (items.length >= count) break;
		seen.add(name);
		items.push(item(items.length, name, keywords));
		kinds.push(kind);
	}
	outer: for (const action of ACTIONS) {
		for (const [subject, kind] of SUBJECTS) {
			for (const person of PEOPLE) {
				if (items.length >= count) break outer;
				const name = `${person}${subject}${action}`;
				if (seen.has(name)) continue;
				seen.add(name);
				items.push(item(items.length, name, [`${subject.slice(0, 2)}${action.slice(0, 2)}`]));
				kinds.push(kind);
			}
		}
	}
	return {items, kinds};
}

function regionLabel(region: Region, byCode: Map<string, Region>): string {
	const parent = region.parent ? byCode.get(region.parent) : undefined;
	return parent && parent.level !== 'province' ? `${parent.name}${region.name}` : region.name;
}

/** A catalog with `rows` implementation lists: every item in each region in turn. */
export function syntheticCatalog(rows: number, regions: readonly Region[], itemCount = 300): Catalog {
	const {items, kinds} = syntheticItems(itemCount);
	const byCode = new Map(regions.map((region) => [region.code, region]));
	// Counties first (that is where counters are), then cities and provinces if more are needed.
	const order = [...regions].sort((a, b) => (a.level === b.level ? 0 : a.level === 'county' ? -1 : b.level === 'county' ? 1 : 0));
	// One set of list/object values per item, shared by all its implementation lists, as a loader
	// interning identical sub-objects could; each implementation is still a plain object with all
	// its own fields (no prototype tricks), so the memory figure counts what a real catalog holds.
	const perItem = items.map(() => ({
		coDepartments: [] as string[],
		conditions: ['申请人为本人'],
		process: ['受理', '审核', '办结'],
		materials: [] as Implementation['materials'],
		statutoryLimit: {value: 20, unit: 'working_day' as const},
		promisedLimit: {value: 10, unit: 'working_day' as const},
		fee: {charged: false},
		forms: [1, 2] as Implementation['forms'],
		faqs: [] as Implementation['faqs'],
	}));
	const departments = new Map<string, Implementation['department']>();
	const implementations: Implementation[] = [];
	for (let r = 0; implementations.length < rows; r++) {
		const region = order[r % order.length]!;
		const label = regionLabel(region, byCode);
		for (let i = 0; i < items.length && implementations.length < rows; i++) {
			const kind = kinds[i]!;
			const cycle = Math.floor(r / order.length);
			const key = `${region.code}${kind}${cycle}`;
			let department = departments.get(key);
			if (!department) {
				const kindCode = String(KIND_LIST.indexOf(kind) + 1).padStart(8, '0');
				department = {name: `${label}${DEPARTMENT_KINDS[kind]}`, uscc: `11${region.code}${kindCode}${'0ABCDEFGHJ'[cycle % 10]}X`, kind};
				departments.set(key, department);
			}
			const shared = perItem[i]!;
			implementations.push({
				// join() gives a flat string, as JSON.parse would; a template literal gives a rope
				// that every later read (the index build) would have to flatten first.
				implementationCode: [department.uscc, '4', items[i]!.basicCode].join(''),
				basicCode: items[i]!.basicCode,
				regionCode: region.code,
				level: 4,
				department,
				coDepartments: shared.coDepartments,
				conditions: shared.conditions,
				process: shared.process,
				materials: shared.materials,
				statutoryLimit: shared.statutoryLimit,
				promisedLimit: shared.promisedLimit,
				fee: shared.fee,
				modes: MODES[(r + i) % MODES.length]! as unknown as Implementation['modes'],
				forms: shared.forms,
				caseKind: 2,
				scope: '跨省',
				address: '',
				hours: '',
				phone: '',
				faqs: shared.faqs,
			});
		}
	}
	return {version: `synthetic-${rows}`, items, implementations};
}

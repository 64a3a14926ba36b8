/**
 * Cross-record consistency of a loaded catalog: the checks a schema cannot express (codes that
 * must agree with each other, references between items and implementation lists, regions).
 * Pure: returns every problem found, in a stable order, and never throws on bad data.
 *
 * Choice for the USCC region rule: characters 3–8 of the implementing department's USCC must equal
 * the implementation's own `regionCode` (the department is registered where it implements), not
 * merely its province.
 */
import type {Bilingual} from '../lang.js';
import {validateUscc, usccRegionCode} from '../identity/uscc.js';
import {type RegionTable} from '../identity/regions.js';
import {LEVEL_OF_REGION_KIND} from './model.js';
import {HANDLING_MODES, ITEM_TYPES, implementationCodeOf, type Catalog, type HandlingMode} from './model.js';

export interface CatalogProblem {
	/** Which record: "items[3]" or "implementations[12]", followed by its code when it has one. */
	record: string;
	/** Field path inside the record, e.g. "department.uscc" or "materials[1].code". */
	field: string;
	/** What is wrong, for people (Chinese). */
	/** What is wrong, in both languages (the language is chosen where it is shown). */
	message: Bilingual;
}

/** Demo basic codes start with this reserved prefix so they never collide with real ones. */
const DEMO_BASIC_CODE_PREFIX = '99';
const BASIC_CODE_LENGTH = 12;
const IMPLEMENTATION_CODE_LENGTH = 31;

export function checkCatalogConsistency(catalog: Catalog, regions: RegionTable): CatalogProblem[] {
	const problems: CatalogProblem[] = [];
	const itemCodes = checkItems(catalog, problems);
	checkImplementations(catalog, regions, itemCodes, problems);
	const implemented = new Set(catalog.implementations.map((impl) => impl.basicCode));
	catalog.items.forEach((item, index) => {
		if (!implemented.has(item.basicCode)) {
			problems.push({
				record: recordName('items', index, item.basicCode),
				field: 'basicCode',
				message: {'zh-CN': `事项“${item.name}”没有任何实施清单`, en: `item "${item.name}" has no implementation list`},
			});
		}
	});
	return problems;
}

function recordName(list: 'items' | 'implementations', index: number, code: string | undefined): string {
	return code ? `${list}[${index}] ${code}` : `${list}[${index}]`;
}

function checkModes(modes: readonly HandlingMode[], record: string, problems: CatalogProblem[]): void {
	if (modes.length === 0) {
		problems.push({record, field: 'modes', message: {'zh-CN': '办理模式不能为空', en: 'the handling modes must not be empty'}});
	}
	modes.forEach((mode, index) => {
		if (!(HANDLING_MODES as readonly string[]).includes(mode)) {
			problems.push({record, field: `modes[${index}]`, message: {'zh-CN': `未知的办理模式“${mode}”`, en: `unknown handling mode "${mode}"`}});
		}
	});
}

/** Returns the set of basic codes seen, for the reference check of implementation lists. */
function checkItems(catalog: Catalog, problems: CatalogProblem[]): Set<string> {
	const seen = new Set<string>();
	catalog.items.forEach((item, index) => {
		const record = recordName('items', index, item.basicCode);
		const code = item.basicCode;
		if (code.length !== BASIC_CODE_LENGTH) {
			problems.push({record, field: 'basicCode', message: {'zh-CN': `基本编码应为 12 位，实际为 ${code.length} 位`, en: `a basic code has 12 characters, this one ${code.length}`}});
		}
		if (!code.startsWith(DEMO_BASIC_CODE_PREFIX)) {
			problems.push({record, field: 'basicCode', message: {'zh-CN': `演示数据的基本编码须以“${DEMO_BASIC_CODE_PREFIX}”开头`, en: `demo basic codes start with "${DEMO_BASIC_CODE_PREFIX}"`}});
		}
		if (seen.has(code)) {
			problems.push({record, field: 'basicCode', message: {'zh-CN': `基本编码 ${code} 重复`, en: `basic code ${code} appears twice`}});
		}
		seen.add(code);
		if (!Object.hasOwn(ITEM_TYPES, item.type)) {
			problems.push({record, field: 'type', message: {'zh-CN': `未知的事项类型“${item.type}”`, en: `unknown item type "${item.type}"`}});
		}
		if (item.keywords.length === 0) {
			problems.push({record, field: 'keywords', message: {'zh-CN': '至少需要一个检索关键词', en: 'at least one search keyword is needed'}});
		}
		checkModes(item.modes, record, problems);
	});
	return seen;
}

function checkImplementations(
	catalog: Catalog,
	regions: RegionTable,
	itemCodes: ReadonlySet<string>,
	problems: CatalogProblem[],
): void {
	const seen = new Set<string>();
	catalog.implementations.forEach((impl, index) => {
		const record = recordName('implementations', index, impl.implementationCode);
		const push = (field: string, message: Bilingual) => problems.push({record, field, message});

		const code = impl.implementationCode;
		if (code.length !== IMPLEMENTATION_CODE_LENGTH) {
			push('implementationCode', {'zh-CN': `实施编码应为 31 位，实际为 ${code.length} 位`, en: `an implementation code has 31 characters, this one ${code.length}`});
		}
		const expected = implementationCodeOf(impl.department.uscc, impl.level, impl.basicCode);
		if (code !== expected) {
			push('implementationCode', {'zh-CN': `实施编码应为 统一社会信用代码 + 行使层级 + 基本编码，即 ${expected}`, en: `the implementation code must be USCC + level + basic code, that is ${expected}`});
		}
		if (seen.has(code)) push('implementationCode', {'zh-CN': `实施编码 ${code} 重复`, en: `implementation code ${code} appears twice`});
		seen.add(code);

		if (!itemCodes.has(impl.basicCode)) push('basicCode', {'zh-CN': `基本编码 ${impl.basicCode} 没有对应的事项`, en: `basic code ${impl.basicCode} has no item`});

		const uscc = validateUscc(impl.department.uscc);
		if (!uscc.ok) {
			push('department.uscc', uscc.reason);
		} else if (usccRegionCode(impl.department.uscc) !== impl.regionCode) {
			push('department.uscc', {
				'zh-CN': `统一社会信用代码第 3–8 位（${usccRegionCode(impl.department.uscc)}）应等于实施区划 ${impl.regionCode}`,
				en: `characters 3–8 of the USCC (${usccRegionCode(impl.department.uscc)}) must equal the region ${impl.regionCode}`,
			});
		}

		const region = regions.get(impl.regionCode);
		if (!region) {
			push('regionCode', {'zh-CN': `区划代码 ${impl.regionCode} 不在区划表中`, en: `region code ${impl.regionCode} is not in the region table`});
		} else if (LEVEL_OF_REGION_KIND[region.level] !== impl.level) {
			push('level', {'zh-CN': `行使层级 ${impl.level} 与区划“${region.name}”的层级（${LEVEL_OF_REGION_KIND[region.level]}）不符`, en: `level ${impl.level} does not match the level of region "${region.name}" (${LEVEL_OF_REGION_KIND[region.level]})`});
		}

		for (const [field, limit] of [['statutoryLimit', impl.statutoryLimit], ['promisedLimit', impl.promisedLimit]] as const) {
			if (!Number.isInteger(limit.value) || limit.value <= 0) push(`${field}.value`, {'zh-CN': `时限应为正整数，实际为 ${limit.value}`, en: `a time limit is a positive whole number, this one ${limit.value}`});
		}
		if (impl.promisedLimit.unit === impl.statutoryLimit.unit && impl.promisedLimit.value > impl.statutoryLimit.value) {
			push('promisedLimit', {'zh-CN': `承诺时限 ${impl.promisedLimit.value} 超过法定时限 ${impl.statutoryLimit.value}`, en: `the promised limit ${impl.promisedLimit.value} exceeds the statutory limit ${impl.statutoryLimit.value}`});
		}

		const materialCodes = new Set<string>();
		impl.materials.forEach((material, materialIndex) => {
			if (materialCodes.has(material.code)) {
				push(`materials[${materialIndex}].code`, {'zh-CN': `材料编码 ${material.code} 在本清单内重复`, en: `material code ${material.code} appears twice in this list`});
			}
			materialCodes.add(material.code);
		});
		// 委托代办: a list that allows an agent names exactly one 委托书 (forAgent); one that does not, none.
		const forAgent = impl.materials.filter((m) => m.forAgent === true);
		if (impl.agentAllowed === true && forAgent.length !== 1) {
			push('materials', {'zh-CN': `允许委托代办的清单须有且只有一项委托书材料（forAgent），实际 ${forAgent.length} 项`, en: `a list that allows an agent needs exactly one power-of-attorney material (forAgent), this one has ${forAgent.length}`});
		}
		if (impl.agentAllowed !== true && forAgent.length > 0) {
			push('agentAllowed', {'zh-CN': '清单有委托书材料（forAgent）却不允许委托代办', en: 'the list has a power-of-attorney material (forAgent) but allows no agent'});
		}

		const {charged, amountYuan} = impl.fee;
		if (charged && (amountYuan === undefined || !(amountYuan > 0))) {
			push('fee.amountYuan', {'zh-CN': '收费事项必须写明大于 0 的收费金额', en: 'a charged item must state a fee above 0'});
		}
		if (!charged && amountYuan !== undefined) {
			push('fee.amountYuan', {'zh-CN': '不收费事项不应填写收费金额', en: 'an item without a fee must not state an amount'});
		}

		checkModes(impl.modes, record, problems);
	});
}

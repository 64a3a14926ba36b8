import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Implementation, ServiceItem} from '../core/catalog/model.js';
import {CatalogInvalidError, assembleValidated, parseCatalog, readCatalogFiles, readLastGood, readLastGoodVersion, writeLastGood} from './load.js';
import {tempDirs} from '../test-utils/temp-dirs.js';

const tempDir = tempDirs('tongban-load-');

const item: ServiceItem = {
	basicCode: '990100000001',
	name: '领取养老金人员待遇资格认证',
	type: '07',
	leadDepartment: '人力资源社会保障部',
	modes: ['proxy'],
	serviceObjects: [1],
	scope: '全国',
	keywords: ['养老认证'],
	aliases: [],
	legalBasis: ['国办发〔2020〕35号'],
	resultName: '认证结果',
	summary: '每年确认养老金领取资格。',
};

const impl: Implementation = {
	implementationCode: '11510000000000001X2990100000001',
	basicCode: '990100000001',
	regionCode: '510000',
	level: 2,
	department: {name: '四川省社会保险事业管理局', uscc: '11510000000000001X', kind: 'social-insurance'},
	coDepartments: [],
	conditions: ['本人为养老金领取人员'],
	process: ['受理', '认证'],
	materials: [{code: 'M01', name: '居民身份证', source: '公安机关', required: true, originals: 1, copies: 0, format: '原件'}],
	statutoryLimit: {value: 5, unit: 'working_day'},
	promisedLimit: {value: 1, unit: 'working_day'},
	fee: {charged: false},
	modes: ['proxy'],
	forms: [1],
	caseKind: 1,
	scope: '全国',
	address: '演示地址',
	hours: '工作日 9:00-17:00',
	phone: '028-12345',
	faqs: [],
};

function writeCatalog(dir: string, impls: unknown[] = [impl], items: unknown[] = [item]): void {
	writeFileSync(join(dir, 'items.json'), JSON.stringify({items}));
	writeFileSync(join(dir, 'impl-51.json'), JSON.stringify({province: '51', implementations: impls}));
}

describe('catalog loading', () => {
	it('parses a valid catalog and gives it a content version', async () => {
		const dir = tempDir();
		writeCatalog(dir);
		const raw = readCatalogFiles(dir);
		const catalog = await parseCatalog(raw);
		expect(catalog.items).toHaveLength(1);
		expect(catalog.implementations[0]!.department.name).toBe('四川省社会保险事业管理局');
		expect(raw.version).toMatch(/^[0-9a-f]{16}$/);
		writeCatalog(dir, [{...impl, phone: '028-54321'}]);
		expect(readCatalogFiles(dir).version).not.toBe(raw.version);
	});

	it('names the file, record and field of a shape error', async () => {
		const dir = tempDir();
		writeCatalog(dir, [impl, {...impl, implementationCode: '11510000000000001X2990100000002', materials: [{...impl.materials[0], copies: -1}]}]);
		const error = await parseCatalog(readCatalogFiles(dir)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(CatalogInvalidError);
		const fault = (error as CatalogInvalidError).faults[0]!;
		expect(fault.file).toBe(join(dir, 'impl-51.json'));
		expect(fault.record).toBe('implementations[1] (11510000000000001X2990100000002)');
		expect(fault.field).toBe('materials[0].copies');
		expect((error as Error).message).toContain('impl-51.json');
		expect((error as CatalogInvalidError).exitCode).toBe(5);
	});

	it('rejects unknown fields and broken JSON', async () => {
		const dir = tempDir();
		writeCatalog(dir, [{...impl, surprise: 1}]);
		const unknown = (await parseCatalog(readCatalogFiles(dir)).catch((e: unknown) => e)) as CatalogInvalidError;
		expect(unknown.faults[0]!.field).toBe('(根)');
		expect(unknown.message).toContain('surprise');
		writeFileSync(join(dir, 'items.json'), '{"items": [');
		const broken = (await parseCatalog(readCatalogFiles(dir)).catch((e: unknown) => e)) as CatalogInvalidError;
		expect(broken.faults[0]!.file).toBe(join(dir, 'items.json'));
		expect(broken.message).toContain('不是有效的 JSON');
	});

	it('maps consistency problems back to the file holding the record', async () => {
		const dir = tempDir();
		writeCatalog(dir);
		const error = (await parseCatalog(readCatalogFiles(dir), () => [
			{record: 'implementations[0] (11510000000000001X2990100000001)', field: 'regionCode', message: {'zh-CN': '未知的行政区划代码', en: 'unknown region code'}},
		]).catch((e: unknown) => e)) as CatalogInvalidError;
		expect(error.faults[0]).toMatchObject({file: join(dir, 'impl-51.json'), field: 'regionCode'});
	});

	it('keeps the last good catalog in the data directory', async () => {
		const dir = tempDir();
		const data = tempDir();
		writeCatalog(dir);
		const catalog = await parseCatalog(readCatalogFiles(dir));
		expect(readLastGood(data)).toBeUndefined();
		await writeLastGood(data, catalog, new Date('2026-11-26T00:00:00Z'));
		expect(readLastGood(data)).toMatchObject({version: catalog.version, savedAt: '2026-11-26T00:00:00.000Z'});
		expect(readLastGoodVersion(data)).toBe(catalog.version);
	});

	it('assembles already-validated files into the same catalog the validator gives', async () => {
		const dir = tempDir();
		writeCatalog(dir, [impl, {...impl, implementationCode: '11510000000000001X2990100000002', phone: '028-2'}]);
		const raw = readCatalogFiles(dir);
		expect(assembleValidated(raw)).toEqual(await parseCatalog(raw));
	});
});

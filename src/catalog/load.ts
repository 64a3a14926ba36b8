/**
 * Loads the catalog from a directory of JSON files (items.json + impl-<province>.json), validates
 * every record, and keeps a copy of the last good catalog in the data directory so that a
 * malformed update never takes the counter down: the service keeps serving the last good one and
 * says why the new one was refused.
 */
import {createHash} from 'node:crypto';
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import type {Catalog, Implementation, ServiceItem} from '../core/catalog/model.js';
import type {Region} from '../core/identity/regions.js';
import {IntegrityError} from '../core/errors.js';
import {jsonPieces, writeChunksDurable, writeFileDurable} from '../store/durable-json.js';
import type {Bilingual} from '../core/lang.js';

/** The place in the catalog files a problem was found. */
export interface CatalogFault {
	file: string;
	/** e.g. "implementations[3] (9911…)" */
	record: string;
	field: string;
	/** What is wrong, in both languages (a schema check's own words stay in `detail`). */
	problem: Bilingual;
	detail?: string;
}

export class CatalogInvalidError extends IntegrityError {
	readonly faults: CatalogFault[];
	constructor(faults: CatalogFault[]) {
		const first = faults[0]!;
		super('catalog_invalid', {file: first.file, record: first.record, field: first.field, problem: first.problem, count: faults.length}, {faults});
		this.faults = faults;
	}
}

export interface RawCatalogFiles {
	version: string;
	files: Array<{name: string; text: string}>;
}

const ITEMS_FILE = 'items.json';
const IMPL_FILE = /^impl-\d{2}\.json$/;

/** Reads the catalog files of a directory and computes the catalog version from their bytes. */
export function readCatalogFiles(dir: string): RawCatalogFiles {
	if (!existsSync(join(dir, ITEMS_FILE))) {
		throw new CatalogInvalidError([{file: join(dir, ITEMS_FILE), record: '-', field: '-', problem: {'zh-CN': '文件不存在', en: 'the file does not exist'}}]);
	}
	const names = [ITEMS_FILE, ...readdirSync(dir).filter((n) => IMPL_FILE.test(n)).sort()];
	const hash = createHash('sha256');
	const files = names.map((name) => {
		const text = readFileSync(join(dir, name), 'utf8');
		hash.update(name).update('\0').update(text).update('\0');
		return {name: join(dir, name), text};
	});
	return {version: hash.digest('hex').slice(0, 16), files};
}

function parseJson(file: string, text: string): unknown {
	try {
		return JSON.parse(text);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		throw new CatalogInvalidError([{file, record: '-', field: '-', problem: {'zh-CN': '不是有效的 JSON', en: 'not valid JSON'}, detail: message}]);
	}
}

/**
 * Parses and validates raw files into a Catalog. Shape errors name file, record and field;
 * `checkConsistency` (injected: core's cross-record rules) runs on the assembled catalog.
 */
export async function parseCatalog(
	raw: RawCatalogFiles,
	checkConsistency?: (catalog: Catalog) => Array<{record: string; field: string; message: Bilingual}>,
): Promise<Catalog> {
	// zod is loaded only when a catalog actually has to be validated (start-up speed).
	const schema = await import('./schema.js');
	const faults: CatalogFault[] = [];
	const items: ServiceItem[] = [];
	const implementations: Implementation[] = [];
	const recordFile = new Map<string, string>();

	for (const {name, text} of raw.files) {
		const json = parseJson(name, text);
		const isItems = name.endsWith(ITEMS_FILE);
		const fileSchema = isItems ? schema.itemsFileSchema : schema.implementationsFileSchema;
		const top = fileSchema.safeParse(json);
		if (!top.success) {
			const issue = top.error.issues[0]!;
			faults.push({file: name, record: '-', field: schema.formatPath(issue.path), ...schemaProblem(issue)});
			continue;
		}
		const records = isItems
			? (top.data as {items: unknown[]}).items
			: (top.data as {implementations: unknown[]}).implementations;
		const recordSchema = isItems ? schema.serviceItemSchema : schema.implementationSchema;
		const listName = isItems ? 'items' : 'implementations';
		records.forEach((record, index) => {
			const parsed = recordSchema.safeParse(record);
			const code = describeRecord(record);
			if (!parsed.success) {
				for (const issue of parsed.error.issues.slice(0, 3)) {
					faults.push({
						file: name,
						record: `${listName}[${index}]${code ? ` (${code})` : ''}`,
						field: schema.formatPath(issue.path),
						...schemaProblem(issue),
					});
				}
				return;
			}
			if (isItems) {
				const item = parsed.data as ServiceItem;
				items.push(item);
				recordFile.set(item.basicCode, name);
			} else {
				const impl = parsed.data as Implementation;
				implementations.push(impl);
				recordFile.set(impl.implementationCode, name);
			}
		});
	}
	if (faults.length > 0) throw new CatalogInvalidError(faults);

	const catalog: Catalog = {version: raw.version, items, implementations};
	const problems = checkConsistency?.(catalog) ?? [];
	if (problems.length > 0) {
		throw new CatalogInvalidError(
			problems.map((p) => ({
				file: fileOfRecord(p.record, catalog, recordFile) ?? '(目录)',
				record: p.record,
				field: p.field,
				problem: p.message,
			})),
		);
	}
	return catalog;
}

/** A schema check's finding in both languages; the checker's own (English) words go to `detail`. */
function schemaProblem(issue: {code: string; message: string; keys?: readonly string[]; expected?: unknown}): {problem: Bilingual; detail: string} {
	if (issue.code === 'unrecognized_keys' && issue.keys) {
		const keys = issue.keys.join(', ');
		return {problem: {'zh-CN': `不认识的字段：${keys}`, en: `unknown field: ${keys}`}, detail: issue.message};
	}
	if (issue.code === 'invalid_type') {
		return {problem: {'zh-CN': `类型不对（应为 ${String(issue.expected)}）`, en: `wrong type (${String(issue.expected)} expected)`}, detail: issue.message};
	}
	return {problem: {'zh-CN': '内容不符合目录格式', en: 'does not match the catalog format'}, detail: issue.message};
}

function describeRecord(record: unknown): string | undefined {
	if (record && typeof record === 'object') {
		const r = record as Record<string, unknown>;
		const code = r.implementationCode ?? r.basicCode;
		if (typeof code === 'string') return code;
	}
	return undefined;
}

/** Finds which file a consistency problem's record lives in: by code, or by list index. */
function fileOfRecord(record: string, catalog: Catalog, recordFile: Map<string, string>): string | undefined {
	const m = /^(items|implementations)\[(\d+)\]/.exec(record);
	if (m) {
		const index = Number(m[2]);
		const code =
			m[1] === 'items' ? catalog.items[index]?.basicCode : catalog.implementations[index]?.implementationCode;
		if (code) return recordFile.get(code);
	}
	// Otherwise the longest code the record names: an implementation code contains its basic code.
	let best: {code: string; file: string} | undefined;
	for (const [code, file] of recordFile) {
		if (record.includes(code) && (!best || code.length > best.code.length)) best = {code, file};
	}
	return best?.file;
}

/** Reads data/regions.json (derived from an npm package by scripts/derive-regions.mjs). */
export function readRegions(file: string): Region[] {
	const json = parseJson(file, readFileSync(file, 'utf8')) as {regions?: Region[]};
	if (!Array.isArray(json.regions)) {
		throw new CatalogInvalidError([{file, record: '-', field: 'regions', problem: {'zh-CN': '缺少 regions 数组', en: 'no regions list'}}]);
	}
	return json.regions;
}

export interface LastGoodSnapshot {
	version: string;
	savedAt: string;
	catalog: Catalog;
}

function lastGoodPath(dataDir: string): string {
	return join(dataDir, 'catalog', 'last-good.json');
}

export function readLastGood(dataDir: string): LastGoodSnapshot | undefined {
	const file = lastGoodPath(dataDir);
	if (!existsSync(file)) return undefined;
	try {
		const snap = JSON.parse(readFileSync(file, 'utf8')) as LastGoodSnapshot;
		if (snap && typeof snap.version === 'string' && snap.catalog && Array.isArray(snap.catalog.items)) return snap;
	} catch {
		// A damaged snapshot is as good as none; the caller reports the original error.
	}
	return undefined;
}

export async function writeLastGood(dataDir: string, catalog: Catalog, now: Date): Promise<void> {
	const snap: LastGoodSnapshot = {version: catalog.version, savedAt: now.toISOString(), catalog};
	// In pieces: a catalog of a million implementation lists is over a gigabyte of JSON, which as
	// one string ran the console out of heap on its first start.
	await writeChunksDurable(lastGoodPath(dataDir), jsonPieces(snap, 3), 0o644);
	// A few bytes that say which version passed validation, so a start with unchanged files
	// needs neither the validator nor the (large) snapshot.
	await writeFileDurable(lastGoodVersionPath(dataDir), catalog.version, 0o644);
}

function lastGoodVersionPath(dataDir: string): string {
	return join(dataDir, 'catalog', 'last-good.version');
}

/** The version of the last catalog that passed validation, if any. */
export function readLastGoodVersion(dataDir: string): string | undefined {
	const file = lastGoodVersionPath(dataDir);
	return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

/** Assembles files whose exact bytes already passed validation (same order as parseCatalog). */
export function assembleValidated(raw: RawCatalogFiles): Catalog {
	const items: ServiceItem[] = [];
	const implementations: Implementation[] = [];
	for (const {name, text} of raw.files) {
		const json = parseJson(name, text) as {items?: ServiceItem[]; implementations?: Implementation[]};
		if (name.endsWith(ITEMS_FILE)) items.push(...(json.items ?? []));
		else implementations.push(...(json.implementations ?? []));
	}
	return {version: raw.version, items, implementations};
}

/**
 * The catalog the mock hub serves: the demo catalog files (data/catalog) assembled into one JSON
 * document with a strong ETag, plus the NDJSON form (header line, items line, one line per
 * province's implementation list).
 */
import {createHash} from 'node:crypto';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';

export interface ServedCatalog {
	version: string;
	etag: string;
	json: Buffer;
	ndjson: Buffer;
	/** implementationCode → 6-digit region code. */
	implementations: Map<string, string>;
	/** implementationCode → its materials (what a return may ask for; the originals a case must verify). */
	materials: Map<string, Array<{code: string; name: string; originals: number; forAgent?: boolean}>>;
	/** basicCode → the item's name (the evaluation page names the item). */
	itemNames: Map<string, string>;
	/** The implementation lists an agent (代办人) may act in (`agentAllowed`), docs/people.md#agents-委托代办. */
	agentAllowed: Set<string>;
}

export function loadServedCatalog(dir: string): ServedCatalog {
	const items = (JSON.parse(readFileSync(join(dir, 'items.json'), 'utf8')) as {items: unknown[]}).items;
	const lists = readdirSync(dir)
		.filter((n) => /^impl-\d{2}\.json$/.test(n))
		.sort()
		.map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as {province: string; implementations: Array<{implementationCode: string; regionCode: string; agentAllowed?: boolean; materials?: Array<{code: string; name: string; originals?: number; forAgent?: boolean}>}>});
	const hash = createHash('sha256').update(JSON.stringify(items));
	for (const list of lists) hash.update(JSON.stringify(list));
	const version = hash.digest('hex').slice(0, 16);
	const document = {version, items, implementationLists: lists};
	const ndjsonLines = [
		JSON.stringify({type: 'header', version, itemCount: items.length, listCount: lists.length}),
		JSON.stringify({type: 'items', items}),
		...lists.map((l) => JSON.stringify({type: 'implementations', province: l.province, implementations: l.implementations})),
	];
	const implementations = new Map<string, string>();
	const materials = new Map<string, Array<{code: string; name: string; originals: number; forAgent?: boolean}>>();
	const agentAllowed = new Set<string>();
	for (const list of lists) {
		for (const impl of list.implementations) {
			implementations.set(impl.implementationCode, impl.regionCode);
			materials.set(impl.implementationCode, (impl.materials ?? []).map((m) => ({code: m.code, name: m.name, originals: m.originals ?? 0, ...(m.forAgent === true ? {forAgent: true} : {})})));
			if (impl.agentAllowed === true) agentAllowed.add(impl.implementationCode);
		}
	}
	return {
		version,
		etag: `"${version}"`,
		json: Buffer.from(JSON.stringify(document)),
		ndjson: Buffer.from(`${ndjsonLines.join('\n')}\n`),
		implementations,
		materials,
		itemNames: new Map((items as Array<{basicCode: string; name: string}>).map((item) => [item.basicCode, item.name])),
		agentAllowed,
	};
}
